#include <physics/mechanics/elasticity.h>
#include <physics/mechanics/stress.h>

namespace heterion::mechanics
{
  using namespace dealii;

  template <int dim>
  void
  Elasticity<dim>::assemble(const FEValues<dim>                &fe_values,
                            const assembly::CellPointData<dim> &data,
                            FullMatrix<double>                 *matrix,
                            Vector<double>                     &residual) const
  {
    const Introspection<dim> &introspection = *data.introspection;
    const auto               &u_dofs
      = introspection.local_dofs(Introspection<dim>::displacement_field);
    const auto &c_dofs
      = introspection.local_dofs(Introspection<dim>::concentration_field);
    const auto displacement = introspection.displacement;

    std::vector<SymmetricTensor<2, dim>> eps_v(u_dofs.size());
    std::vector<double>                  div_v(u_dofs.size());
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const materials::ElasticProperties &e   = *data.elastic[q];
        const double                        JxW = fe_values.JxW(q);
        const SymmetricTensor<2, dim>       sigma
          = stress<dim>(e, data.strain[q], data.c[q]);
        for (unsigned int k = 0; k < u_dofs.size(); ++k)
          {
            eps_v[k] = fe_values[displacement].symmetric_gradient(u_dofs[k], q);
            div_v[k] = trace(eps_v[k]);
            residual(u_dofs[k]) += (eps_v[k] * sigma) * JxW;
          }
        if (!matrix)
          continue;
        const double swelling_modulus = e.bulk_modulus * e.partial_molar_volume;
        for (unsigned int k = 0; k < u_dofs.size(); ++k)
          {
            for (unsigned int l = 0; l < u_dofs.size(); ++l)
              (*matrix)(u_dofs[k], u_dofs[l])
                += (e.lambda * div_v[k] * div_v[l]
                    + 2 * e.mu * (eps_v[k] * eps_v[l]))
                   * JxW;
            for (const unsigned int j : c_dofs)
              (*matrix)(u_dofs[k], j) -= swelling_modulus * div_v[k]
                                         * fe_values.shape_value(j, q) * JxW;
          }
      }
  }

  template class Elasticity<2>;
  template class Elasticity<3>;
} // namespace heterion::mechanics

#include <physics/mechanics/hydrostatic_stress.h>
#include <physics/mechanics/stress.h>

namespace heterion::mechanics
{
  using namespace dealii;

  template <int dim>
  void
  HydrostaticStress<dim>::assemble(const FEValues<dim> &fe_values,
                                   const assembly::CellPointData<dim> &data,
                                   FullMatrix<double>                 *matrix,
                                   Vector<double> &residual) const
  {
    const Introspection<dim> &introspection = *data.introspection;
    const unsigned int        s_field
      = introspection.field(fields::hydrostatic_stress);
    const unsigned int u_field = introspection.field(fields::displacement);
    const unsigned int c_field
      = introspection.field(transport::fields::concentration);
    const auto &s_dofs       = introspection.local_dofs(s_field);
    const auto &u_dofs       = introspection.local_dofs(u_field);
    const auto &c_dofs       = introspection.local_dofs(c_field);
    const auto  displacement = introspection.vector(u_field);
    const auto &sigma_h      = data.values(s_field);
    const auto &strain       = data.symmetric_gradients(u_field);
    const auto &c            = data.values(c_field);

    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const materials::ElasticProperties &e   = *data.elastic[q];
        const double                        JxW = fe_values.JxW(q);
        const double                        mismatch
          = sigma_h[q]
            - hydrostatic_stress<dim>(e, strain[q], c[q], data.axial_strain);
        for (const unsigned int i : s_dofs)
          {
            const double psi_i = fe_values.shape_value(i, q);
            residual(i) += psi_i * mismatch * JxW;
            if (!matrix)
              continue;
            for (const unsigned int j : s_dofs)
              (*matrix)(i, j) += psi_i * fe_values.shape_value(j, q) * JxW;
            for (const unsigned int j : u_dofs)
              (*matrix)(i, j) -= e.bulk_modulus * psi_i
                                 * fe_values[displacement].divergence(j, q)
                                 * JxW;
            for (const unsigned int j : c_dofs)
              (*matrix)(i, j) += e.bulk_modulus * e.partial_molar_volume * psi_i
                                 * fe_values.shape_value(j, q) * JxW;
          }
      }
  }

  template class HydrostaticStress<2>;
  template class HydrostaticStress<3>;
} // namespace heterion::mechanics

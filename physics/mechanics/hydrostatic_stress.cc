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
    const auto               &s_dofs
      = introspection.local_dofs(Introspection<dim>::hydrostatic_stress_field);
    const auto &u_dofs
      = introspection.local_dofs(Introspection<dim>::displacement_field);
    const auto &c_dofs
      = introspection.local_dofs(Introspection<dim>::concentration_field);
    const auto displacement = introspection.displacement;

    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const materials::ElasticProperties &e        = *data.elastic[q];
        const double                        JxW      = fe_values.JxW(q);
        const double                        mismatch = data.sigma_h[q]
                                - hydrostatic_stress<dim>(e,
                                                          data.strain[q],
                                                          data.c[q],
                                                          data.axial_strain);
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

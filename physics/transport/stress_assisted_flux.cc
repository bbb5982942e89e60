#include <physics/constants.h>
#include <physics/transport/stress_assisted_flux.h>

namespace heterion::transport
{
  using namespace dealii;

  template <int dim>
  StressAssistedFlux<dim>::StressAssistedFlux(const double temperature)
      : temperature(temperature)
  {
  }

  template <int dim>
  void
  StressAssistedFlux<dim>::assemble(const FEValues<dim> &fe_values,
                                    const assembly::CellPointData<dim> &data,
                                    FullMatrix<double>                 *matrix,
                                    Vector<double> &residual) const
  {
    const Introspection<dim> &introspection = *data.introspection;
    const unsigned int c_field = introspection.field(fields::concentration);
    const unsigned int s_field
      = introspection.field(mechanics::fields::hydrostatic_stress);
    const auto  &c_dofs       = introspection.local_dofs(c_field);
    const auto  &s_dofs       = introspection.local_dofs(s_field);
    const auto  &c            = data.values(c_field);
    const auto  &grad_sigma_h = data.gradients(s_field);
    const double RT           = constants::gas_constant * temperature;

    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double JxW           = fe_values.JxW(q);
        const double omega_over_rt = data.elastic[q]->partial_molar_volume / RT;
        const double D             = data.diffusivity[q];
        const double mobility      = D * c[q] * omega_over_rt;
        const Tensor<1, dim> flux  = mobility * grad_sigma_h[q];
        const Tensor<1, dim> dflux_dc
          = omega_over_rt
            * (D + c[q] * data.diffusivity_derivative[q] / data.c_max[q])
            * grad_sigma_h[q];
        for (const unsigned int i : c_dofs)
          {
            const Tensor<1, dim> grad_v_i = fe_values.shape_grad(i, q);
            residual(i) -= flux * grad_v_i * JxW;
            if (!matrix)
              continue;
            for (const unsigned int j : c_dofs)
              (*matrix)(i, j)
                -= fe_values.shape_value(j, q) * (dflux_dc * grad_v_i) * JxW;
            for (const unsigned int j : s_dofs)
              (*matrix)(i, j)
                -= mobility * (fe_values.shape_grad(j, q) * grad_v_i) * JxW;
          }
      }
  }

  template class StressAssistedFlux<2>;
  template class StressAssistedFlux<3>;
} // namespace heterion::transport

#include <physics/transport/fickian_flux.h>

namespace heterion::transport
{
  using namespace dealii;

  template <int dim>
  FickianFlux<dim>::FickianFlux(const materials::ThermodynamicFactor &factor)
      : factor(factor)
  {
  }


  template <int dim>
  void
  FickianFlux<dim>::assemble(const FEValues<dim>                &fe_values,
                             const assembly::CellPointData<dim> &data,
                             FullMatrix<double>                 *matrix,
                             Vector<double>                     &residual) const
  {
    const unsigned int c_field
      = data.introspection->field(fields::concentration);
    const auto              &dofs     = data.introspection->local_dofs(c_field);
    const auto              &grad_c   = data.gradients(c_field);
    const types::material_id material = fe_values.get_cell()->material_id();
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        // dTheta/dtheta (with U'') only for the Jacobian.
        double theta_factor, theta_factor_derivative = 0;
        if (matrix)
          factor.evaluate(material,
                          data.theta[q],
                          theta_factor,
                          theta_factor_derivative);
        else
          theta_factor = factor.value(material, data.theta[q]);
        const double         JxW  = fe_values.JxW(q);
        const double         D    = data.diffusivity[q] * theta_factor;
        const Tensor<1, dim> flux = D * grad_c[q];
        const double         dD_dtheta
          = data.diffusivity_derivative[q] * theta_factor
            + data.diffusivity[q] * theta_factor_derivative;
        const Tensor<1, dim> dflux_dc = dD_dtheta / data.c_max[q] * grad_c[q];
        for (const unsigned int i : dofs)
          {
            const Tensor<1, dim> grad_v_i = fe_values.shape_grad(i, q);
            residual(i) += flux * grad_v_i * JxW;
            if (matrix)
              for (const unsigned int j : dofs)
                (*matrix)(i, j) += (D * fe_values.shape_grad(j, q)
                                    + fe_values.shape_value(j, q) * dflux_dc)
                                   * grad_v_i * JxW;
          }
      }
  }

  template class FickianFlux<2>;
  template class FickianFlux<3>;
} // namespace heterion::transport

#include <physics/transport/fickian_flux.h>

namespace heterion::transport
{
  using namespace dealii;

  template <int dim>
  void
  FickianFlux<dim>::assemble(const FEValues<dim>                &fe_values,
                             const assembly::CellPointData<dim> &data,
                             FullMatrix<double>                 *matrix,
                             Vector<double>                     &residual) const
  {
    const auto &dofs
      = data.introspection->local_dofs(Introspection<dim>::concentration_field);
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double         JxW  = fe_values.JxW(q);
        const double         D    = data.diffusivity[q];
        const Tensor<1, dim> flux = D * data.grad_c[q];
        const Tensor<1, dim> dflux_dc
          = data.diffusivity_derivative[q] / data.c_max[q] * data.grad_c[q];
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

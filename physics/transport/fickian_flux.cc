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
    const unsigned int n_dofs = fe_values.dofs_per_cell;
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double         JxW  = fe_values.JxW(q);
        const double         D    = data.diffusivity[q];
        const Tensor<1, dim> flux = D * data.grad_c[q];
        const Tensor<1, dim> dflux_dc
          = data.diffusivity_derivative[q] / data.c_max[q] * data.grad_c[q];
        for (unsigned int i = 0; i < n_dofs; ++i)
          {
            const Tensor<1, dim> grad_v_i = fe_values.shape_grad(i, q);
            residual(i) += flux * grad_v_i * JxW;
            if (matrix)
              for (unsigned int j = 0; j < n_dofs; ++j)
                (*matrix)(i, j) += (D * fe_values.shape_grad(j, q)
                                    + fe_values.shape_value(j, q) * dflux_dc)
                                   * grad_v_i * JxW;
          }
      }
  }

  template class FickianFlux<2>;
  template class FickianFlux<3>;
} // namespace heterion::transport

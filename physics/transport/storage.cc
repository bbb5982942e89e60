#include <physics/transport/storage.h>

namespace heterion::transport
{
  using namespace dealii;

  template <int dim>
  void
  Storage<dim>::assemble(const FEValues<dim>                &fe_values,
                         const assembly::CellPointData<dim> &data,
                         FullMatrix<double>                 *matrix,
                         Vector<double>                     &residual) const
  {
    const unsigned int n_dofs = fe_values.dofs_per_cell;
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double JxW  = fe_values.JxW(q);
        const double rate = data.a0_over_dt * data.c[q] + data.c_history[q];
        for (unsigned int i = 0; i < n_dofs; ++i)
          {
            const double v_i = fe_values.shape_value(i, q);
            residual(i) += rate * v_i * JxW;
            if (matrix)
              for (unsigned int j = 0; j < n_dofs; ++j)
                (*matrix)(i, j)
                  += data.a0_over_dt * fe_values.shape_value(j, q) * v_i * JxW;
          }
      }
  }

  template class Storage<2>;
  template class Storage<3>;
} // namespace heterion::transport

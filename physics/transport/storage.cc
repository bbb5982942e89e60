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
    const unsigned int c_field
      = data.introspection->field(fields::concentration);
    const auto                &dofs = data.introspection->local_dofs(c_field);
    const std::vector<double> &c    = data.values(c_field);
    const std::vector<double> &c_history = data.history(c_field);
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double JxW  = fe_values.JxW(q);
        const double rate = data.a0_over_dt * c[q] + c_history[q];
        for (const unsigned int i : dofs)
          {
            const double v_i = fe_values.shape_value(i, q);
            residual(i) += rate * v_i * JxW;
            if (matrix)
              for (const unsigned int j : dofs)
                (*matrix)(i, j)
                  += data.a0_over_dt * fe_values.shape_value(j, q) * v_i * JxW;
          }
      }
  }

  template class Storage<2>;
  template class Storage<3>;
} // namespace heterion::transport

#include <physics/potential/conduction.h>

namespace heterion::potential
{
  using namespace dealii;

  template <int dim>
  Conduction<dim>::Conduction(const Introspection<dim> &introspection,
                              const Carrier             carrier)
      : carrier(carrier)
      , field_name(carrier == Carrier::ions ? fields::electrolyte_potential
                                            : fields::solid_potential)
      , field(introspection.field(field_name))
      , potential(introspection.scalar(field))
  {
  }


  template <int dim>
  void
  Conduction<dim>::assemble(const FEValues<dim>                &fe_values,
                            const assembly::CellPointData<dim> &data,
                            FullMatrix<double>                 *matrix,
                            Vector<double>                     &residual) const
  {
    const bool  ions = carrier == Carrier::ions;
    const auto &dofs = data.introspection->local_dofs(field);
    const auto &conductivity
      = ions ? data.ionic_conductivity : data.electronic_conductivity;
    const auto &gradient = data.gradients(field);
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double sigma_dV = conductivity[q] * fe_values.JxW(q);
        for (const unsigned int i : dofs)
          {
            const Tensor<1, dim> grad_i = fe_values[potential].gradient(i, q);
            residual(i) += sigma_dV * (gradient[q] * grad_i);
            if (matrix)
              for (const unsigned int j : dofs)
                (*matrix)(i, j)
                  += sigma_dV * (fe_values[potential].gradient(j, q) * grad_i);
          }
      }
  }

  template class Conduction<2>;
  template class Conduction<3>;
} // namespace heterion::potential

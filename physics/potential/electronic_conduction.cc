#include <physics/potential/electronic_conduction.h>

namespace heterion::potential
{
  using namespace dealii;

  template <int dim>
  ElectronicConduction<dim>::ElectronicConduction(
    const Introspection<dim> &introspection)
      : field(introspection.solid_potential_field)
  {
  }


  template <int dim>
  void
  ElectronicConduction<dim>::assemble(const FEValues<dim> &fe_values,
                                      const assembly::CellPointData<dim> &data,
                                      FullMatrix<double> *matrix,
                                      Vector<double>     &residual) const
  {
    const auto &dofs = data.introspection->local_dofs(field);
    const auto &psi  = data.introspection->solid_potential;
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double sigma_dV
          = data.electronic_conductivity[q] * fe_values.JxW(q);
        for (const unsigned int i : dofs)
          {
            const Tensor<1, dim> grad_i = fe_values[psi].gradient(i, q);
            residual(i) += sigma_dV * (data.grad_solid_potential[q] * grad_i);
            if (matrix)
              for (const unsigned int j : dofs)
                (*matrix)(i, j)
                  += sigma_dV * (fe_values[psi].gradient(j, q) * grad_i);
          }
      }
  }

  template class ElectronicConduction<2>;
  template class ElectronicConduction<3>;
} // namespace heterion::potential

#pragma once

#include <solver/assembly/term.h>

namespace heterion::transport
{
  /**
   * Fickian diffusion with a state-of-charge dependent diffusivity,
   * J = -D(theta) grad c, theta = c / c_max:
   *   R_i  += \int D(theta) grad c . grad v_i dV,
   *   J_ij += \int [D grad v_j + (dD/dtheta) (v_j / c_max) grad c] . grad v_i
   * dV.
   */
  template <int dim>
  class FickianFlux : public assembly::CellTerm<dim>
  {
  public:
    void
    assemble(const dealii::FEValues<dim>        &fe_values,
             const assembly::CellPointData<dim> &data,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      return {{Introspection<dim>::concentration_field,
               Introspection<dim>::concentration_field}};
    }
  };
} // namespace heterion::transport

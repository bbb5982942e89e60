#pragma once

#include <solver/assembly/term.h>

namespace heterion::potential
{
  /**
   * Electronic conduction in the solid, -div(sigma_e grad psi) = 0 for the
   * solid potential psi = phi_s - V [V] (V is uniform):
   *   R_i  += \int sigma_e grad psi . grad phi_i dV,
   *   J_ij += \int sigma_e grad phi_j . grad phi_i dV,
   * phi_i the shape functions of the potential field and sigma_e [S/m] the
   * electronic conductivity at the point (with its disorder field and
   * Arrhenius factor). The boundary terms are the Butler-Volmer current on
   * the reaction boundaries (kinetics::ButlerVolmerFlux) and psi = 0 on
   * the contact (a constraint); the residual is a current [A].
   */
  template <int dim>
  class ElectronicConduction : public assembly::CellTerm<dim>
  {
  public:
    explicit ElectronicConduction(const Introspection<dim> &introspection);

    void
    assemble(const dealii::FEValues<dim>        &fe_values,
             const assembly::CellPointData<dim> &data,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      return {{field, field}};
    }

  private:
    const unsigned int field;
  };
} // namespace heterion::potential

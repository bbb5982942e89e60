#pragma once

#include <physics/mechanics/fields.h>
#include <physics/transport/fields.h>
#include <solver/assembly/term.h>

namespace heterion::transport
{
  /**
   * The stress-assisted part of the lithium flux,
   *   J_sigma = (D(theta) c Omega / (R T)) grad sigma_h,
   * which drives lithium towards tensile regions. With the residual
   * convention of FickianFlux (R_i += -\int J . grad v_i dV):
   *   R_i  -= \int (D c Omega / (R T)) grad sigma_h . grad v_i dV,
   *   dR_i/dc_j = -\int (Omega/(R T)) (D + c (dD/dtheta)/c_max) phi_j
   *                 grad sigma_h . grad v_i dV,
   *   dR_i/dsigma_h_j = -\int (D c Omega / (R T)) grad psi_j . grad v_i dV.
   * sigma_h is the projected field of HydrostaticStress, so no second
   * derivatives of the displacement appear.
   */
  template <int dim>
  class StressAssistedFlux : public assembly::CellTerm<dim>
  {
  public:
    /** @p temperature: the absolute temperature T [K]. */
    explicit StressAssistedFlux(const double temperature);

    void
    assemble(const dealii::FEValues<dim>        &fe_values,
             const assembly::CellPointData<dim> &data,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      return {{fields::concentration, fields::concentration},
              {fields::concentration, mechanics::fields::hydrostatic_stress}};
    }

    std::string
    name() const override
    {
      return "the stress-assisted flux (Mechanics/Stress-assisted diffusion)";
    }

  private:
    const double temperature;
  };
} // namespace heterion::transport

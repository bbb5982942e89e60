#pragma once

#include <physics/materials/thermodynamic_factor.h>
#include <physics/transport/fields.h>
#include <solver/assembly/term.h>

namespace heterion::transport
{
  /**
   * Diffusion with a state-of-charge dependent diffusivity,
   * J = -D(theta) Theta(theta) grad c, theta = c / c_max, where Theta is
   * the thermodynamic factor of the material (1 for `Diffusion driving
   * force = concentration gradient`, see ThermodynamicFactor). With
   * D_eff = D Theta:
   *   R_i  += \int D_eff grad c . grad v_i dV,
   *   J_ij += \int [D_eff grad v_j + (dD_eff/dtheta) (v_j / c_max) grad c]
   *           . grad v_i dV,
   * dD_eff/dtheta = (dD/dtheta) Theta + D dTheta/dtheta.
   */
  template <int dim>
  class FickianFlux : public assembly::CellTerm<dim>
  {
  public:
    /** @p factor must outlive the term. */
    explicit FickianFlux(const materials::ThermodynamicFactor &factor);

    void
    assemble(const dealii::FEValues<dim>        &fe_values,
             const assembly::CellPointData<dim> &data,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      return {{fields::concentration, fields::concentration}};
    }

    std::string
    name() const override
    {
      return "the diffusive flux (Materials/<m>/Diffusivity)";
    }

  private:
    const materials::ThermodynamicFactor &factor;
  };
} // namespace heterion::transport

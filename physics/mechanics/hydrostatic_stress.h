#pragma once

#include <physics/mechanics/fields.h>
#include <physics/transport/fields.h>
#include <solver/assembly/term.h>

namespace heterion::mechanics
{
  /**
   * The hydrostatic stress as an auxiliary field: the L2 projection of
   * tr(sigma)/3 = K (div u - Omega (c - c_ref)) onto the continuous
   * Lagrange space, so that the stress-assisted flux needs only its first
   * derivatives (never second derivatives of u). Weak form, for every test
   * function psi_i:
   *   R_i += \int psi_i (sigma_h - K (div u - Omega (c - c_ref))) dV,
   * Jacobian:
   *   dR_i/dsigma_h_j = \int psi_i psi_j,  dR_i/du_j = -\int K psi_i div v_j,
   *   dR_i/dc_j = \int K Omega psi_i phi_j.
   */
  template <int dim>
  class HydrostaticStress : public assembly::CellTerm<dim>
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
      return {{fields::hydrostatic_stress, fields::hydrostatic_stress},
              {fields::hydrostatic_stress, fields::displacement},
              {fields::hydrostatic_stress, transport::fields::concentration}};
    }

    std::string
    name() const override
    {
      return "the hydrostatic-stress projection (Mechanics)";
    }
  };
} // namespace heterion::mechanics

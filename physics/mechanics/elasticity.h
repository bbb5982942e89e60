#pragma once

#include <physics/mechanics/fields.h>
#include <physics/transport/fields.h>
#include <solver/assembly/term.h>

namespace heterion::mechanics
{
  /**
   * Quasi-static small-strain elasticity with lithiation swelling,
   * div sigma = 0, sigma = C : (eps(u) - (Omega/3)(c - c_ref) I), traction
   * free where no displacement is prescribed. Weak form, for every test
   * displacement v_i:
   *   R_i += \int eps(v_i) : sigma dV,
   * Jacobian:
   *   dR_i/du_j = \int lambda div v_i div v_j + 2 mu eps(v_i) : eps(v_j) dV,
   *   dR_i/dc_j = -\int K Omega div v_i phi_j dV.
   */
  template <int dim>
  class Elasticity : public assembly::CellTerm<dim>
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
      return {{fields::displacement, fields::displacement},
              {fields::displacement, transport::fields::concentration}};
    }

    std::string
    name() const override
    {
      return "the elastic stress (Materials/<m>/Young modulus, Poisson ratio, "
             "Partial molar volume)";
    }
  };
} // namespace heterion::mechanics

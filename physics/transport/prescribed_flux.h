#pragma once

#include <physics/transport/boundary_conditions.h>
#include <physics/transport/fields.h>
#include <solver/assembly/term.h>

namespace heterion::transport
{
  /**
   * The prescribed inward flux j(x, t) [mol/m^2/s] on the flux boundaries:
   *   R_i -= \int_{Gamma_N} j v_i dA.
   * It does not depend on the solution, so it adds nothing to the Jacobian.
   */
  template <int dim>
  class PrescribedFlux : public assembly::BoundaryTerm<dim>
  {
  public:
    explicit PrescribedFlux(const BoundaryConditions<dim> &boundary_conditions);

    void
    assemble(const assembly::FacePointData<dim> &data,
             const dealii::FEFaceValues<dim>    &fe_face_values,
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
      return "the prescribed flux (Boundary conditions/Flux)";
    }

  private:
    const BoundaryConditions<dim> &boundary_conditions;
  };
} // namespace heterion::transport

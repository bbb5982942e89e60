#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/parameter_handler.h>

#include <physics/mechanics/fields.h>
#include <physics/transport/fields.h>
#include <solver/assembly/term.h>

#include <memory>

namespace heterion::mechanics
{
  /**
   * A prescribed body force f(x, t) [N/m^3] (manufactured solutions,
   * centrifugal or gravitational loads):
   *   R_i -= \int f . v_i dV   for every test displacement v_i.
   * It does not depend on the solution and adds nothing to the Jacobian.
   */
  template <int dim>
  class BodyForce : public assembly::CellTerm<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /** Returns the term, or null when the force is zero. */
    static std::unique_ptr<BodyForce<dim>>
    create(dealii::ParameterHandler &prm);

    void
    assemble(const dealii::FEValues<dim>        &fe_values,
             const assembly::CellPointData<dim> &data,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      return {};
    }

    std::string
    name() const override
    {
      return "the body force (Mechanics/Body force)";
    }

  private:
    std::unique_ptr<dealii::FunctionParser<dim>> force;
  };
} // namespace heterion::mechanics

#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/parameter_handler.h>

#include <physics/transport/fields.h>
#include <solver/assembly/term.h>

#include <memory>
#include <string>

namespace heterion::transport
{
  /**
   * A prescribed volumetric lithium source s(x, t) [mol/m^3/s] (used for
   * manufactured-solution verification and for side reactions):
   *   R_i -= \int s v_i dV.
   * It does not depend on the solution and adds nothing to the Jacobian.
   */
  template <int dim>
  class VolumetricSource : public assembly::CellTerm<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /** Returns the term, or null when the source is zero. */
    static std::unique_ptr<VolumetricSource<dim>>
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
      return "the volumetric source (Sources/Volumetric source)";
    }

    /** s(x, t) [mol/m^3/s] (for the lithium balance). */
    double
    value(const dealii::Point<dim> &x, const double time) const;

  private:
    std::unique_ptr<dealii::FunctionParser<dim>> source;
  };
} // namespace heterion::transport

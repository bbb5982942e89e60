#include <deal.II/base/function_parser.h>

#include <physics/disorder/interface.h>
#include <solver/parsed_function.h>

#include <memory>

namespace heterion::disorder
{
  using namespace dealii;

  /**
   * The field given by a muParser expression of the position `x, y` (and
   * `z` in 3D) [m] and the material id `material` (0 particle, 1 core,
   * 2 shell, 3 coating, 4 substrate; see solver/geometry/ids.h).
   *
   * Parameters (`Disorder/<name>/Function`): `Expression`.
   */
  template <int dim>
  class Function : public Field<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Function");
      prm.declare_entry(
        "Expression",
        "1",
        Patterns::Anything(),
        "A muParser expression of x, y (, z) [m] and `material` (the "
        "material id), e.g. `1 + 0.5*sin(2*pi*x/1e-7)` or "
        "`material == 2 ? 0.1 : 1`. The constant `pi` is defined.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm, const std::string &section) override
    {
      prm.enter_subsection("Function");
      const std::string expression = prm.get("Expression");
      prm.leave_subsection();
      // The material id takes the place of muParser's time variable.
      function = make_parsed_function<dim>(section + "/Function/Expression",
                                           expression,
                                           dim == 2 ? "x,y,material"
                                                    : "x,y,z,material",
                                           true);
    }

    void
    initialize(const FieldContext<dim> &) override
    {
    }

    double
    value(const Point<dim> &point, const types::material_id id) const override
    {
      function->set_time(id);
      return function->value(point);
    }

  private:
    /** Mutable: the material id is set as its "time" before each value
     * (runs are single-threaded per rank). */
    mutable std::unique_ptr<FunctionParser<dim>> function;
  };

  HETERION_REGISTER_DISORDER_FIELD(
    Function,
    "function",
    "A muParser expression of x, y, z [m] and `material` "
    "(`Function/Expression`).")
} // namespace heterion::disorder

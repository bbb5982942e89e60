#include <deal.II/base/utilities.h>

#include <physics/disorder/interface.h>
#include <solver/input_error.h>

#include <muParser.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <vector>

namespace heterion::disorder
{
  using namespace dealii;

  /**
   * The field given by a muParser expression of the position `x, y` (and
   * `z` in 3D) [m], the material id `material` (0 particle, 1 core,
   * 2 shell, 3 coating, 4 substrate; see solver/geometry/ids.h) and the
   * values of other fields named in `Fields`: f(x) = expr(x, material,
   * f_1(x), ..., f_n(x)). With other fields, one random field can drive
   * several correlated properties, e.g. `exp(0.7*g)` for D and `1 - 0.1*g`
   * for E from the same field g.
   *
   * Parameters (`Disorder/<name>/Function`): `Expression`, `Fields`.
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
        "A muParser expression of x, y (, z) [m], `material` (the material "
        "id) and the fields named in `Fields`, e.g. `1 + "
        "0.5*sin(2*pi*x/1e-7)`, "
        "`material == 2 ? 0.1 : 1` or `exp(0.7*noise)`. The constant `pi` "
        "is defined.");
      prm.declare_entry(
        "Fields",
        "",
        Patterns::Anything(),
        "Comma-separated names of other disorder fields whose values the "
        "expression uses as variables (names of letters, digits and `_`).");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm, const std::string &section) override
    {
      prm.enter_subsection("Function");
      expression = prm.get("Expression");
      sources    = Utilities::split_string_list(prm.get("Fields"));
      prm.leave_subsection();
      entry = section + "/Function/Expression";
      for (const std::string &name : sources)
        AssertThrow(!name.empty()
                      && std::all_of(name.begin(),
                                     name.end(),
                                     [](const char ch) {
                                       return std::isalnum(
                                                static_cast<unsigned char>(ch))
                                              || ch == '_';
                                     })
                      && !std::isdigit(static_cast<unsigned char>(name[0])),
                    ExcInput(section + "/Function/Fields: '" + name
                             + "' cannot be a variable of an expression "
                               "(use letters, digits and `_`)."));
      values.assign(sources.size(), 0.);
      std::string joined_sources;
      for (const std::string &name : sources)
        joined_sources += ", " + name;
      static const char *axes[] = {"x", "y", "z"};
      try
        {
          parser.DefineConst("pi", numbers::PI);
          for (unsigned int d = 0; d < dim; ++d)
            parser.DefineVar(axes[d], &coordinates[d]);
          parser.DefineVar("material", &material);
          for (unsigned int i = 0; i < sources.size(); ++i)
            parser.DefineVar(sources[i], &values[i]);
          parser.SetExpr(expression);
          parser.Eval();
        }
      catch (const mu::Parser::exception_type &exc)
        {
          AssertThrow(false,
                      ExcInput(entry + ": cannot parse '" + expression
                               + "' as a muParser expression of "
                               + (dim == 2 ? "x, y" : "x, y, z") + ", material"
                               + joined_sources + ": " + exc.GetMsg()));
        }
    }

    std::vector<std::string>
    dependencies() const override
    {
      return sources;
    }

    void
    initialize(const FieldContext<dim> &context) override
    {
      fields.clear();
      for (const std::string &name : sources)
        fields.push_back(&context.field(name));
    }

    double
    value(const Point<dim> &point, const types::material_id id) const override
    {
      for (unsigned int d = 0; d < dim; ++d)
        coordinates[d] = point[d];
      material = id;
      for (unsigned int i = 0; i < fields.size(); ++i)
        values[i] = fields[i]->value(point, id);
      return parser.Eval();
    }

  private:
    std::string                     expression, entry;
    std::vector<std::string>        sources;
    std::vector<const Field<dim> *> fields;
    /** The parser's variables; mutable because value() sets them (runs are
     * single-threaded per rank). */
    mutable mu::Parser            parser;
    mutable std::array<double, 3> coordinates = {{0, 0, 0}};
    mutable double                material    = 0;
    mutable std::vector<double>   values;
  };

  HETERION_REGISTER_DISORDER_FIELD(
    Function,
    "function",
    "A muParser expression of x, y, z [m], `material` and other fields "
    "(`Function/Expression`, `Function/Fields`).")
} // namespace heterion::disorder

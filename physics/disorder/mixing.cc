#include <physics/disorder/interface.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace heterion::disorder
{
  using namespace dealii;

  /**
   * A property p(x) from the disorder degree d(x) in [0, 1] of another field
   * (`Degree field`; 0 ordered, 1 fully disordered) through a mixing rule
   * between the ordered (d = 0) and the disordered (d = 1) state:
   *
   * - `linear`: p = (1 - d) p_o + d p_d;
   * - `geometric` (log-linear): p = p_o^(1 - d) p_d^d, with p_o, p_d > 0;
   * - `arrhenius`: p = A(d) exp(-E_a(d) / (k_B T)) with
   *   E_a(d) = (1 - d) E_o + d E_d [eV], A(d) = A_o^(1 - d) A_d^d,
   *   k_B = 8.617333262e-5 eV/K and T the temperature of the run [K].
   *
   * A degree outside [0, 1] by more than 1e-12 is an error (ExcInput naming
   * the degree field, the value and the point); within 1e-12 it is clipped
   * to [0, 1].
   *
   * Parameters (`Disorder/<name>/Mixing`): `Degree field`, `Rule`,
   * `Ordered value`, `Disordered value`, `Ordered activation energy`,
   * `Disordered activation energy`, `Ordered prefactor`,
   * `Disordered prefactor`.
   */
  template <int dim>
  class Mixing : public Field<dim>
  {
  public:
    /** Boltzmann's constant [eV/K] (CODATA 2018, exact). */
    static constexpr double boltzmann_ev = 8.617333262e-5;

    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Mixing");
      prm.declare_entry("Degree field",
                        "",
                        Patterns::Anything(),
                        "The name of the field (in `Disorder/Fields`) that "
                        "gives the disorder degree d in [0, 1] (0 ordered, "
                        "1 disordered) [1]. A value outside [0, 1] stops "
                        "the run with an error.");
      prm.declare_entry(
        "Rule",
        "linear",
        Patterns::Selection("linear|geometric|arrhenius"),
        "`linear`: p = (1 - d) p_o + d p_d. `geometric` (log-linear): "
        "p = p_o^(1 - d) p_d^d (p_o, p_d > 0). `arrhenius`: "
        "p = A(d) exp(-E_a(d) / (k_B T)) with E_a(d) = (1 - d) E_o + d E_d, "
        "A(d) = A_o^(1 - d) A_d^d, k_B = 8.617333262e-5 eV/K and T the "
        "temperature of the run [K].");
      prm.declare_entry("Ordered value",
                        "",
                        Patterns::Anything(),
                        "p_o, the property of the ordered state (d = 0), for "
                        "the rules `linear` and `geometric` (> 0) [unit of "
                        "the property]. No default: required by these "
                        "rules.");
      prm.declare_entry("Disordered value",
                        "",
                        Patterns::Anything(),
                        "p_d, the property of the disordered state (d = 1), "
                        "for the rules `linear` and `geometric` (> 0) [unit "
                        "of the property]. No default: required by these "
                        "rules.");
      prm.declare_entry("Ordered activation energy",
                        "",
                        Patterns::Anything(),
                        "E_o, the activation energy of the ordered state, "
                        "for the rule `arrhenius` [eV]. No default.");
      prm.declare_entry("Disordered activation energy",
                        "",
                        Patterns::Anything(),
                        "E_d, the activation energy of the disordered "
                        "state, for the rule `arrhenius` [eV]. No default.");
      prm.declare_entry("Ordered prefactor",
                        "",
                        Patterns::Anything(),
                        "A_o, the Arrhenius prefactor of the ordered state, "
                        "for the rule `arrhenius` (> 0) [unit of the "
                        "property]. No default.");
      prm.declare_entry("Disordered prefactor",
                        "",
                        Patterns::Anything(),
                        "A_d, the Arrhenius prefactor of the disordered "
                        "state, for the rule `arrhenius` (> 0) [unit of the "
                        "property]. No default.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm, const std::string &section) override
    {
      const std::string path = section + "/Mixing/";
      prm.enter_subsection("Mixing");
      degree_field                = prm.get("Degree field");
      degree_entry                = path + "Degree field";
      const std::string rule_name = prm.get("Rule");
      rule                        = rule_name == "linear"      ? Rule::linear
                                    : rule_name == "geometric" ? Rule::geometric
                                                               : Rule::arrhenius;
      const auto get              = [&](const std::string &entry) {
        return optional_number(prm, path, entry);
      };
      const auto ordered_value        = get("Ordered value");
      const auto disordered_value     = get("Disordered value");
      const auto ordered_energy       = get("Ordered activation energy");
      const auto disordered_energy    = get("Disordered activation energy");
      const auto ordered_prefactor    = get("Ordered prefactor");
      const auto disordered_prefactor = get("Disordered prefactor");
      prm.leave_subsection();

      const auto first = degree_field.find_first_not_of(" \t");
      degree_field
        = first == std::string::npos
            ? std::string()
            : degree_field.substr(first,
                                  degree_field.find_last_not_of(" \t") + 1
                                    - first);
      AssertThrow(!degree_field.empty(),
                  ExcInput(degree_entry
                           + " is empty; give the name of the field that "
                             "holds the disorder degree d in [0, 1]."));

      const auto require = [&](const std::optional<double> &a,
                               const std::string           &a_name,
                               const std::optional<double> &b,
                               const std::string           &b_name) {
        std::string missing;
        if (!a)
          missing = path + a_name;
        if (!b)
          missing += (missing.empty() ? "" : " and ") + path + b_name;
        AssertThrow(missing.empty(),
                    ExcInput("The rule " + path + "Rule = " + rule_name
                             + ": a mixing rule needs both end values, "
                               "but "
                             + missing + (a || b ? " is" : " are")
                             + " not set (give " + path + a_name + " and "
                             + path + b_name + ")."));
      };
      const auto positive = [&](const double value, const std::string &name) {
        AssertThrow(value > 0,
                    ExcInput(path + name + " = " + to_text(value)
                             + ": the rule " + path + "Rule = " + rule_name
                             + " needs a value > 0."));
      };

      if (rule == Rule::arrhenius)
        {
          require(ordered_energy,
                  "Ordered activation energy",
                  disordered_energy,
                  "Disordered activation energy");
          require(ordered_prefactor,
                  "Ordered prefactor",
                  disordered_prefactor,
                  "Disordered prefactor");
          positive(*ordered_prefactor, "Ordered prefactor");
          positive(*disordered_prefactor, "Disordered prefactor");
          ordered           = *ordered_prefactor;
          disordered        = *disordered_prefactor;
          energy_ordered    = *ordered_energy;
          energy_disordered = *disordered_energy;
        }
      else
        {
          require(ordered_value,
                  "Ordered value",
                  disordered_value,
                  "Disordered value");
          ordered    = *ordered_value;
          disordered = *disordered_value;
          if (rule == Rule::geometric)
            {
              positive(ordered, "Ordered value");
              positive(disordered, "Disordered value");
            }
        }
    }

    std::vector<std::string>
    dependencies() const override
    {
      return {degree_field};
    }

    void
    initialize(const FieldContext<dim> &context) override
    {
      AssertThrow(degree_field != context.name,
                  ExcInput(degree_entry + " = " + degree_field
                           + " names the field itself; give another field "
                             "for the disorder degree."));
      AssertThrow(static_cast<bool>(context.field),
                  ExcInput("The field " + context.section + " needs the field '"
                           + degree_field
                           + "', but no other fields are available."));
      degree = &context.field(degree_field);
      if (rule == Rule::arrhenius)
        {
          AssertThrow(context.temperature > 0
                        && std::isfinite(context.temperature),
                      ExcInput("The rule arrhenius of " + context.section
                               + "/Mixing needs a temperature > 0 K, but "
                                 "the temperature is "
                               + to_text(context.temperature) + " K."));
          k_b_t = boltzmann_ev * context.temperature;
        }
    }

    double
    value(const Point<dim> &point, const types::material_id id) const override
    {
      double d = degree->value(point, id);
      if (!(d >= -1e-12 && d <= 1 + 1e-12))
        {
          std::string where = "(";
          for (unsigned int c = 0; c < dim; ++c)
            where += (c == 0 ? "" : ", ") + to_text(point[c]);
          AssertThrow(false,
                      ExcInput("The disorder degree from the field '"
                               + degree_field + "' (" + degree_entry + ") is "
                               + to_text(d) + " at the point " + where
                               + ") m (material id " + std::to_string(id)
                               + "), outside the allowed range [0, 1]."));
        }
      d = std::min(std::max(d, 0.), 1.);
      switch (rule)
        {
          case Rule::linear:
            return (1 - d) * ordered + d * disordered;
          case Rule::geometric:
            return std::pow(ordered, 1 - d) * std::pow(disordered, d);
          case Rule::arrhenius:
          default:
            {
              const double energy
                = (1 - d) * energy_ordered + d * energy_disordered;
              return std::pow(ordered, 1 - d) * std::pow(disordered, d)
                     * std::exp(-energy / k_b_t);
            }
        }
    }

    std::string
    summary() const override
    {
      const std::string name = rule == Rule::linear      ? "linear"
                               : rule == Rule::geometric ? "geometric"
                                                         : "arrhenius";
      return name + " mixing by the degree field '" + degree_field + "'";
    }

  private:
    enum class Rule
    {
      linear,
      geometric,
      arrhenius
    };

    /** The number in @p entry, or nothing if it is empty. */
    static std::optional<double>
    optional_number(ParameterHandler  &prm,
                    const std::string &path,
                    const std::string &entry)
    {
      const std::string text = prm.get(entry);
      if (text.find_first_not_of(" \t") == std::string::npos)
        return std::nullopt;
      const char  *begin = text.c_str();
      char        *end   = nullptr;
      const double value = std::strtod(begin, &end);
      while (*end == ' ' || *end == '\t')
        ++end;
      AssertThrow(end != begin && *end == '\0' && std::isfinite(value),
                  ExcInput(path + entry + " = '" + text
                           + "' is not a number (give a finite number, or "
                             "leave it empty if the rule does not use it)."));
      return value;
    }

    std::string degree_field;
    std::string degree_entry;
    Rule        rule = Rule::linear;
    /** p_o and p_d (linear, geometric) or A_o and A_d (arrhenius). */
    double ordered    = 0;
    double disordered = 0;
    /** E_o and E_d [eV]. */
    double energy_ordered    = 0;
    double energy_disordered = 0;
    /** k_B T [eV]. */
    double            k_b_t  = 0;
    const Field<dim> *degree = nullptr;
  };

  HETERION_REGISTER_DISORDER_FIELD(
    Mixing,
    "mixing",
    "A property from a disorder degree field d in [0, 1] by a linear, "
    "geometric or Arrhenius mixing rule between an ordered and a disordered "
    "value (`Mixing/...`).")
} // namespace heterion::disorder

#include <deal.II/base/point.h>

#include <physics/constants.h>
#include <physics/materials/material_model.h>
#include <solver/input_error.h>
#include <solver/input_paths.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace heterion::materials
{
  using namespace dealii;

  namespace
  {
    std::string
    format(const double value)
    {
      std::ostringstream stream;
      stream << value;
      return stream.str();
    }

    /** True if @p text is a plain number. */
    bool
    parse_number(const std::string &text, double &value)
    {
      std::istringstream stream(text);
      stream >> value;
      return !stream.fail() && (stream >> std::ws).eof();
    }
  } // namespace


  ElasticProperties
  make_elastic_properties(const double youngs_modulus,
                          const double poissons_ratio,
                          const double partial_molar_volume,
                          const double reference_concentration)
  {
    ElasticProperties e;
    e.youngs_modulus          = youngs_modulus;
    e.poissons_ratio          = poissons_ratio;
    e.partial_molar_volume    = partial_molar_volume;
    e.reference_concentration = reference_concentration;
    const double E = youngs_modulus, nu = poissons_ratio;
    e.mu           = E / (2 * (1 + nu));
    e.lambda       = E * nu / ((1 + nu) * (1 - 2 * nu));
    e.bulk_modulus = E / (3 * (1 - 2 * nu));
    return e;
  }


  void
  MaterialModel::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Materials");
    for (const std::string &name : ids::material_names())
      {
        prm.enter_subsection(name);
        for (const PropertyInfo &r : property_table())
          {
            if (!r.material_entry)
              continue;
            const bool unbounded
              = r.bounds.contains(-1e299) && r.bounds.contains(1e299);
            const std::string text
              = r.long_name + " [" + r.unit + "] of material `" + name + "`"
                + r.detail + "."
                + (unbounded ? std::string()
                             : " Must " + r.bounds.text(r.unit)
                                 + (r.p == Property::diffusivity
                                      ? " for 0 <= theta <= 1"
                                      : "")
                                 + ".");
            if (r.p == Property::diffusivity)
              prm.declare_entry(r.entry,
                                r.default_value,
                                Patterns::Anything(),
                                text);
            else
              prm.declare_entry(r.entry,
                                r.default_value,
                                r.bounds.lower == 0 ? Patterns::Double(0)
                                                    : Patterns::Double(),
                                text);
            if (r.temperature_law == TemperatureLaw::arrhenius)
              prm.declare_entry(
                r.activation_energy_entry,
                "0",
                Patterns::Double(0),
                "Activation energy E_a [J/mol] of the property `" + r.entry
                  + "` of material `" + name
                  + "`: the value at the global `Temperature` T is the given "
                    "one (at 298.15 K, after any disorder chain) times "
                    "exp(E_a/R (1/298.15 - 1/T)). 0 means independent of T.");
          }
        prm.declare_entry(
          "Open-circuit potential",
          "LiMn2O4_Doyle1996",
          Patterns::Anything(),
          "Open-circuit potential U(theta) [V vs Li/Li+] of material `" + name
            + "` (Butler-Volmer kinetics): a built-in curve, `table:FILE` (a "
              "CSV file of theta,U rows, theta increasing; monotone cubic "
              "interpolation, end values held outside), or a muParser "
              "expression of `theta`. For `table:FILE`: "
            + relative_path_rule + " Built-in curves: "
            + OpenCircuitPotential::builtin_documentation());
        prm.declare_entry(
          "Entropic coefficient",
          "0",
          Patterns::Double(),
          "Entropic coefficient dU/dT [V/K] of material `" + name
            + "`: the open-circuit potential at the global `Temperature` T "
              "is U(theta) + (T - 298.15 K) dU/dT, U(theta) being the curve "
              "at 298.15 K.");
        prm.leave_subsection();
      }
    prm.leave_subsection();
    ThermodynamicFactor::declare_parameters(prm);
  }


  void
  MaterialModel::parse_parameters(ParameterHandler &prm)
  {
    const double temperature = prm.get_double("Temperature");
    AssertThrow(temperature > 0,
                ExcInput("Temperature must be > 0 K, got " + format(temperature)
                         + "."));
    prm.enter_subsection("Materials");
    properties.clear();
    properties.resize(ids::n_materials());
    for (unsigned int id = 0; id < ids::n_materials(); ++id)
      {
        const std::string name  = ids::material_names()[id];
        const std::string where = "Materials/" + name + "/";
        Properties       &p     = properties[id];
        prm.enter_subsection(name);
        for (const PropertyInfo &r : property_table())
          {
            p.temperature_factors[index(r.p)] = 1;
            if (!r.material_entry)
              continue;
            if (r.temperature_law == TemperatureLaw::arrhenius)
              p.temperature_factors[index(r.p)] = std::exp(
                prm.get_double(r.activation_energy_entry)
                / constants::gas_constant
                * (1 / constants::reference_temperature - 1 / temperature));
            if (r.p == Property::diffusivity)
              {
                p.diffusivity_text = prm.get(r.entry);
                continue;
              }
            const double v       = prm.get_double(r.entry);
            p.values[index(r.p)] = v;
            AssertThrow(r.bounds.contains(v),
                        ExcInput(
                          where + r.entry + " must " + r.bounds.text(r.unit)
                          + (r.bounds_hint.empty() ? ""
                                                   : " (" + r.bounds_hint + ")")
                          + ", got " + format(v) + "."));
          }
        p.open_circuit_potential
          = OpenCircuitPotential::create(where + "Open-circuit potential",
                                         prm.get("Open-circuit potential"));
        p.open_circuit_potential_shift
          = (temperature - constants::reference_temperature)
            * prm.get_double("Entropic coefficient");
        prm.leave_subsection();
        const auto &v = p.values;
        p.elastic     = make_elastic_properties(
          v[index(Property::youngs_modulus)],
          v[index(Property::poissons_ratio)],
          v[index(Property::partial_molar_volume)],
          v[index(Property::reference_concentration)]);

        // Metallic lithium holds 7.7e4 mol/m^3; far above that is a unit
        // error, and squares of c would leave double precision.
        const double c_max = v[index(Property::maximum_concentration)];
        AssertThrow(c_max <= 1e7,
                    ExcInput(where
                             + "Maximum concentration must be at most 1e7 "
                               "mol/m^3 (metallic lithium holds 7.7e4), got "
                             + format(c_max) + ". Check its unit."));
        p.constant_diffusivity
          = parse_number(p.diffusivity_text, p.diffusivity_value);
        if (!p.constant_diffusivity)
          {
            p.diffusivity_function = make_parsed_function<1>(
              where + "Diffusivity", p.diffusivity_text, "theta", false);
          }
        // D must be positive and finite over the whole range of theta.
        for (unsigned int i = 0; i <= 100; ++i)
          {
            const double theta = i / 100.;
            double       value, derivative;
            diffusivity(id, theta, value, derivative);
            AssertThrow(info(Property::diffusivity).bounds.contains(value),
                        ExcInput(
                          where + "Diffusivity must "
                          + info(Property::diffusivity)
                              .bounds.text(info(Property::diffusivity).unit)
                          + " for 0 <= theta <= 1; '" + p.diffusivity_text
                          + "' gives " + format(value)
                          + " at theta = " + format(theta) + "."));
            AssertThrow(std::isfinite(derivative),
                        ExcInput(where + "Diffusivity '" + p.diffusivity_text
                                 + "' has no finite derivative dD/dtheta at "
                                   "theta = "
                                 + format(theta) + " (it gives "
                                 + format(derivative)
                                 + "); Newton's method needs one on "
                                   "0 <= theta <= 1."));
          }
      }
    prm.leave_subsection();
    driving_force.parse_parameters(
      prm, [this](const types::material_id id) -> const OpenCircuitPotential & {
        return open_circuit_potential(id);
      });
  }


  double
  MaterialModel::maximum_concentration(const types::material_id id) const
  {
    return value(id, Property::maximum_concentration);
  }


  double
  MaterialModel::value(const types::material_id id, const Property p) const
  {
    AssertIndexRange(id, properties.size());
    Assert(p != Property::diffusivity && p != Property::initial_state_of_charge,
           ExcMessage("not a static property of the material"));
    return properties[id].values[index(p)];
  }


  double
  MaterialModel::temperature_factor(const types::material_id id,
                                    const Property           p) const
  {
    AssertIndexRange(id, properties.size());
    return properties[id].temperature_factors[index(p)];
  }


  void
  MaterialModel::diffusivity(const types::material_id id,
                             const double             theta,
                             double                  &value,
                             double                  &derivative) const
  {
    AssertIndexRange(id, properties.size());
    const Properties &p = properties[id];
    if (p.constant_diffusivity)
      {
        value      = p.diffusivity_value;
        derivative = 0;
        return;
      }
    const auto D = [&](const double t) {
      return p.diffusivity_function->value(Point<1>(t));
    };
    // An expression that is not defined outside [0, 1] (sqrt(theta), or
    // log(1 - theta)), or not positive there (1 + 99 theta^3 at theta <
    // -0.22, which would make the front anti-diffuse and blow up), is
    // evaluated at the nearest end of the range, with a zero derivative,
    // when theta over- or undershoots at a steep front. (D > 0 on [0, 1] is
    // checked when the parameters are read.)
    value = D(theta);
    if (!std::isfinite(value) || (!(value > 0) && (theta < 0 || theta > 1)))
      {
        value      = D(std::clamp(theta, 0., 1.));
        derivative = 0;
        return;
      }
    // Central difference for the derivative: second-order accurate, which
    // keeps Newton's convergence quadratic to round-off in practice. Where
    // one side is not defined (at theta = 0 for sqrt(theta)), the
    // second-order one-sided difference towards the other side.
    const double h = 1e-6, above = D(theta + h), below = D(theta - h);
    if (std::isfinite(above) && std::isfinite(below))
      derivative = (above - below) / (2 * h);
    else if (std::isfinite(above))
      derivative = (-3 * value + 4 * above - D(theta + 2 * h)) / (2 * h);
    else if (std::isfinite(below))
      derivative = (3 * value - 4 * below + D(theta - 2 * h)) / (2 * h);
    else
      derivative = 0;
  }


  double
  MaterialModel::density(const types::material_id id) const
  {
    return value(id, Property::density);
  }


  const OpenCircuitPotential &
  MaterialModel::open_circuit_potential(const types::material_id id) const
  {
    AssertIndexRange(id, properties.size());
    return *properties[id].open_circuit_potential;
  }


  double
  MaterialModel::open_circuit_potential_shift(const types::material_id id) const
  {
    AssertIndexRange(id, properties.size());
    return properties[id].open_circuit_potential_shift;
  }


  const ThermodynamicFactor &
  MaterialModel::thermodynamic_factor() const
  {
    return driving_force;
  }


  const ElasticProperties &
  MaterialModel::elastic_properties(const types::material_id id) const
  {
    AssertIndexRange(id, properties.size());
    return properties[id].elastic;
  }


  double
  MaterialModel::stress_scale() const
  {
    double scale = 0;
    for (const Properties &p : properties)
      scale = std::max(scale,
                       p.elastic.bulk_modulus
                         * std::abs(p.elastic.partial_molar_volume)
                         * p.values[index(Property::maximum_concentration)]);
    return scale;
  }


  bool
  MaterialModel::is_linear() const
  {
    for (const Properties &p : properties)
      if (!p.constant_diffusivity)
        return false;
    return true;
  }


  double
  MaterialModel::concentration_scale() const
  {
    double scale = 0;
    for (const Properties &p : properties)
      scale = std::max(scale, p.values[index(Property::maximum_concentration)]);
    return scale;
  }
} // namespace heterion::materials

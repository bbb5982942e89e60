#include <deal.II/base/point.h>

#include <physics/constants.h>
#include <physics/materials/material_model.h>
#include <solver/input_error.h>
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
        prm.declare_entry(
          "Diffusivity",
          "1e-14",
          Patterns::Anything(),
          "Lithium diffusivity D [m^2/s] of material `" + name
            + "`: a number or a muParser expression of the state of charge "
              "`theta` = c/c_max, e.g. `1e-14*(1+3*theta)`. Must be > 0 for "
              "0 <= theta <= 1.");
        prm.declare_entry(
          "Maximum concentration",
          "2.29e4",
          Patterns::Double(0),
          "Site density c_max [mol/m^3] of material `" + name
            + "`: the concentration at theta = 1. Must be > 0.");
        prm.declare_entry("Young modulus",
                          "1e11",
                          Patterns::Double(),
                          "Young's modulus E [Pa] of material `" + name
                            + "` (mechanics only). Must be > 0.");
        prm.declare_entry("Poisson ratio",
                          "0.3",
                          Patterns::Double(),
                          "Poisson's ratio nu [-] of material `" + name
                            + "` (mechanics only). Must lie in (-1, 0.5).");
        prm.declare_entry(
          "Partial molar volume",
          "0",
          Patterns::Double(),
          "Partial molar volume Omega [m^3/mol] of lithium in material `" + name
            + "`: the volumetric lithiation strain is Omega (c - c_ref) "
              "(mechanics only; 0 means no swelling).");
        prm.declare_entry(
          "Electronic conductivity",
          "100",
          Patterns::Double(),
          "Electronic conductivity sigma_e [S/m] of material `" + name
            + "` (for the electric potential; written to the output when a "
              "disorder field modifies it). Must be > 0.");
        prm.declare_entry(
          "Reaction rate constant",
          "2e-11",
          Patterns::Double(),
          "Butler-Volmer rate constant k of material `" + name
            + "` [m^2.5 mol^-0.5 s^-1 for alpha = 0.5] (for the interface "
              "kinetics; written to the output when a disorder field "
              "modifies it). Must be > 0.");
        prm.declare_entry(
          "Ionic conductivity",
          "1e-4",
          Patterns::Double(),
          "Ionic (Li+) conductivity kappa [S/m] of material `" + name
            + "` (of a solid electrolyte or a coating; used by the "
              "homogenisation mode and written to the output when a "
              "disorder field modifies it). Must be > 0.");
        prm.declare_entry(
          "Density",
          "0",
          Patterns::Double(0),
          "Mass density rho [kg/m^3] of material `" + name
            + "` (host, unlithiated): with a density for every material of "
              "the mesh, the capacities are also written per mass [mAh/g]. "
              "0 means not given.");
        for (const auto &[entry, what] :
             {std::pair<const char *, const char *>{
                "Diffusivity activation energy", "the diffusivity D"},
              {"Reaction activation energy", "the reaction rate constant k"},
              {"Electronic conductivity activation energy",
               "the electronic conductivity sigma_e"},
              {"Ionic conductivity activation energy",
               "the ionic conductivity kappa"}})
          prm.declare_entry(entry,
                            "0",
                            Patterns::Double(0),
                            std::string("Activation energy E_a [J/mol] of ")
                              + what + " of material `" + name
                              + "`: the value at the global `Temperature` T "
                                "is the given one (at 298.15 K, after any "
                                "disorder chain) times exp(E_a/R (1/298.15 - "
                                "1/T)). 0 means independent of T.");
        prm.declare_entry(
          "Reference concentration",
          "0",
          Patterns::Double(),
          "Stress-free concentration c_ref [mol/m^3] of material `" + name
            + "` (mechanics only). Must be >= 0.");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }


  void
  MaterialModel::parse_parameters(ParameterHandler &prm)
  {
    const double temperature = prm.get_double("Temperature");
    AssertThrow(temperature > 0,
                ExcInput("Temperature must be > 0 K, got " + format(temperature)
                         + "."));
    const auto arrhenius = [&](const double activation_energy) {
      return std::exp(
        activation_energy / constants::gas_constant
        * (1 / constants::reference_temperature - 1 / temperature));
    };
    prm.enter_subsection("Materials");
    for (unsigned int id = 0; id < ids::material::n_ids; ++id)
      {
        const std::string name  = ids::material_names()[id];
        const std::string where = "Materials/" + name + "/";
        Properties       &p     = properties[id];
        prm.enter_subsection(name);
        p.c_max                   = prm.get_double("Maximum concentration");
        p.diffusivity_text        = prm.get("Diffusivity");
        ElasticProperties &e      = p.elastic;
        e.youngs_modulus          = prm.get_double("Young modulus");
        e.poissons_ratio          = prm.get_double("Poisson ratio");
        e.partial_molar_volume    = prm.get_double("Partial molar volume");
        e.reference_concentration = prm.get_double("Reference concentration");
        p.electronic_conductivity = prm.get_double("Electronic conductivity");
        p.reaction_rate_constant  = prm.get_double("Reaction rate constant");
        p.ionic_conductivity      = prm.get_double("Ionic conductivity");
        p.density                 = prm.get_double("Density");
        TemperatureFactors &f     = p.temperature_factors;
        f.diffusivity
          = arrhenius(prm.get_double("Diffusivity activation energy"));
        f.reaction_rate_constant
          = arrhenius(prm.get_double("Reaction activation energy"));
        f.electronic_conductivity = arrhenius(
          prm.get_double("Electronic conductivity activation energy"));
        f.ionic_conductivity
          = arrhenius(prm.get_double("Ionic conductivity activation energy"));
        prm.leave_subsection();
        AssertThrow(p.electronic_conductivity > 0,
                    ExcInput(where
                             + "Electronic conductivity must be > 0 S/m, got "
                             + format(p.electronic_conductivity) + "."));
        AssertThrow(p.ionic_conductivity > 0,
                    ExcInput(where + "Ionic conductivity must be > 0 S/m, got "
                             + format(p.ionic_conductivity) + "."));
        AssertThrow(p.reaction_rate_constant > 0,
                    ExcInput(where + "Reaction rate constant must be > 0, got "
                             + format(p.reaction_rate_constant) + "."));

        AssertThrow(e.youngs_modulus > 0 && std::isfinite(e.youngs_modulus),
                    ExcInput(where + "Young modulus must be > 0 Pa, got "
                             + format(e.youngs_modulus) + "."));
        AssertThrow(e.poissons_ratio > -1 && e.poissons_ratio < 0.5,
                    ExcInput(where
                             + "Poisson ratio must lie in (-1, 0.5) "
                               "(0.5 would be incompressible), got "
                             + format(e.poissons_ratio) + "."));
        AssertThrow(e.reference_concentration >= 0,
                    ExcInput(where
                             + "Reference concentration must be >= 0 "
                               "mol/m^3, got "
                             + format(e.reference_concentration) + "."));
        e = make_elastic_properties(e.youngs_modulus,
                                    e.poissons_ratio,
                                    e.partial_molar_volume,
                                    e.reference_concentration);

        AssertThrow(p.c_max > 0,
                    ExcInput(where
                             + "Maximum concentration must be > 0 "
                               "mol/m^3, got "
                             + format(p.c_max) + "."));
        // Metallic lithium holds 7.7e4 mol/m^3; far above that is a unit
        // error, and squares of c would leave double precision.
        AssertThrow(p.c_max <= 1e7,
                    ExcInput(where
                             + "Maximum concentration must be at most 1e7 "
                               "mol/m^3 (metallic lithium holds 7.7e4), got "
                             + format(p.c_max) + ". Check its unit."));
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
            AssertThrow(std::isfinite(value) && value > 0,
                        ExcInput(where
                                 + "Diffusivity must be > 0 m^2/s for "
                                   "0 <= theta <= 1; '"
                                 + p.diffusivity_text + "' gives "
                                 + format(value)
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
  }


  double
  MaterialModel::maximum_concentration(const types::material_id id) const
  {
    AssertIndexRange(id, properties.size());
    return properties[id].c_max;
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
    // log(1 - theta)) is evaluated at the nearest end of the range, with a
    // zero derivative, when theta over- or undershoots at a steep front.
    value = D(theta);
    if (!std::isfinite(value))
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
    AssertIndexRange(id, properties.size());
    return properties[id].density;
  }


  const TemperatureFactors &
  MaterialModel::temperature_factors(const types::material_id id) const
  {
    AssertIndexRange(id, properties.size());
    return properties[id].temperature_factors;
  }


  double
  MaterialModel::electronic_conductivity(const types::material_id id) const
  {
    AssertIndexRange(id, properties.size());
    return properties[id].electronic_conductivity;
  }


  double
  MaterialModel::reaction_rate_constant(const types::material_id id) const
  {
    AssertIndexRange(id, properties.size());
    return properties[id].reaction_rate_constant;
  }


  double
  MaterialModel::ionic_conductivity(const types::material_id id) const
  {
    AssertIndexRange(id, properties.size());
    return properties[id].ionic_conductivity;
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
                         * std::abs(p.elastic.partial_molar_volume) * p.c_max);
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
      scale = std::max(scale, p.c_max);
    return scale;
  }
} // namespace heterion::materials

#include <physics/materials/material_model.h>
#include <physics/materials/properties.h>
#include <solver/parsed_function.h>

#include <cmath>
#include <limits>

namespace heterion::materials
{
  bool
  Bounds::contains(const double v) const
  {
    if (!std::isfinite(v))
      return false;
    const bool above = lower_included ? v >= lower : v > lower;
    const bool below = upper_included ? v <= upper : v < upper;
    return above && below;
  }


  std::string
  Bounds::text(const std::string &unit) const
  {
    const bool        has_lower = lower > -1e300, has_upper = upper < 1e300;
    const std::string with_unit = unit == "-" ? "" : " " + unit;
    if (has_lower && has_upper)
      return "lie in " + std::string(lower_included ? "[" : "(")
             + to_text(lower) + ", " + to_text(upper)
             + (upper_included ? "]" : ")") + with_unit;
    if (has_lower)
      return std::string("be ") + (lower_included ? ">= " : "> ")
             + to_text(lower) + with_unit;
    if (has_upper)
      return std::string("be ") + (upper_included ? "<= " : "< ")
             + to_text(upper) + with_unit;
    return "be a finite number";
  }


  namespace
  {
    constexpr double infinity = 1e300;

    Bounds
    positive()
    {
      return {0, infinity, false, true};
    }

    Bounds
    non_negative()
    {
      return {0, infinity, true, true};
    }

    std::array<PropertyInfo, n_properties>
    make_table()
    {
      std::array<PropertyInfo, n_properties> t;
      const auto row = [&](const Property p) -> PropertyInfo & {
        PropertyInfo &r = t[index(p)];
        r.p             = p;
        return r;
      };
      {
        PropertyInfo &r = row(Property::diffusivity);
        r.entry         = "Diffusivity";
        r.output_name   = "diffusivity";
        r.long_name     = "Lithium diffusivity D";
        r.unit          = "m^2/s";
        r.detail = ": a number or a muParser expression of the state of charge "
                   "`theta` = c/c_max, e.g. `1e-14*(1+3*theta)`";
        r.default_value           = "1e-14";
        r.bounds                  = positive();
        r.temperature_law         = TemperatureLaw::arrhenius;
        r.activation_energy_entry = "Diffusivity activation energy";
      }
      {
        PropertyInfo &r = row(Property::maximum_concentration);
        r.entry         = "Maximum concentration";
        r.output_name   = "maximum_concentration";
        r.long_name     = "Site density c_max";
        r.unit          = "mol/m^3";
        r.detail        = ": the concentration at theta = 1";
        r.default_value = "2.29e4";
        r.bounds        = positive();
      }
      {
        PropertyInfo &r  = row(Property::youngs_modulus);
        r.entry          = "Young modulus";
        r.output_name    = "young_modulus";
        r.long_name      = "Young's modulus E";
        r.unit           = "Pa";
        r.detail         = " (mechanics only)";
        r.default_value  = "1e11";
        r.bounds         = positive();
        r.elastic_member = &ElasticProperties::youngs_modulus;
      }
      {
        PropertyInfo &r  = row(Property::poissons_ratio);
        r.entry          = "Poisson ratio";
        r.output_name    = "poisson_ratio";
        r.long_name      = "Poisson's ratio nu";
        r.unit           = "-";
        r.detail         = " (mechanics only)";
        r.default_value  = "0.3";
        r.bounds         = {-1, 0.5, false, false};
        r.bounds_hint    = "0.5 would be incompressible";
        r.elastic_member = &ElasticProperties::poissons_ratio;
      }
      {
        PropertyInfo &r = row(Property::partial_molar_volume);
        r.entry         = "Partial molar volume";
        r.output_name   = "partial_molar_volume";
        r.long_name     = "Partial molar volume Omega";
        r.unit          = "m^3/mol";
        r.detail = ": the volumetric lithiation strain is Omega (c - c_ref) "
                   "(mechanics only; 0 means no swelling)";
        r.default_value  = "0";
        r.elastic_member = &ElasticProperties::partial_molar_volume;
      }
      {
        PropertyInfo &r  = row(Property::reference_concentration);
        r.entry          = "Reference concentration";
        r.output_name    = "reference_concentration";
        r.long_name      = "Stress-free concentration c_ref";
        r.unit           = "mol/m^3";
        r.detail         = " (mechanics only)";
        r.default_value  = "0";
        r.bounds         = non_negative();
        r.elastic_member = &ElasticProperties::reference_concentration;
      }
      {
        PropertyInfo &r  = row(Property::initial_state_of_charge);
        r.entry          = "Initial state of charge";
        r.output_name    = "initial_theta";
        r.long_name      = "Initial state of charge theta_0";
        r.unit           = "-";
        r.bounds         = {0, 1, true, true};
        r.material_entry = false;
      }
      {
        PropertyInfo &r = row(Property::electronic_conductivity);
        r.entry         = "Electronic conductivity";
        r.output_name   = "electronic_conductivity";
        r.long_name     = "Electronic conductivity sigma_e";
        r.unit          = "S/m";
        r.detail = " (for the electric potential; written to the output when a "
                   "disorder field modifies it)";
        r.default_value           = "100";
        r.bounds                  = positive();
        r.temperature_law         = TemperatureLaw::arrhenius;
        r.activation_energy_entry = "Electronic conductivity activation energy";
      }
      {
        PropertyInfo &r = row(Property::reaction_rate_constant);
        r.entry         = "Reaction rate constant";
        r.output_name   = "reaction_rate_constant";
        r.long_name     = "Butler-Volmer rate constant k";
        r.unit          = "m^2.5 mol^-0.5 s^-1";
        r.detail = " (the unit for alpha = 0.5; for the interface kinetics; "
                   "written to the output when a disorder field modifies it)";
        r.default_value           = "2e-11";
        r.bounds                  = positive();
        r.temperature_law         = TemperatureLaw::arrhenius;
        r.activation_energy_entry = "Reaction activation energy";
      }
      {
        PropertyInfo &r = row(Property::ionic_conductivity);
        r.entry         = "Ionic conductivity";
        r.output_name   = "ionic_conductivity";
        r.long_name     = "Ionic (Li+) conductivity kappa";
        r.unit          = "S/m";
        r.detail
          = " (of a solid electrolyte or a coating; used by the "
            "homogenisation mode and written to the output when a disorder "
            "field modifies it)";
        r.default_value           = "1e-4";
        r.bounds                  = positive();
        r.temperature_law         = TemperatureLaw::arrhenius;
        r.activation_energy_entry = "Ionic conductivity activation energy";
      }
      {
        PropertyInfo &r = row(Property::density);
        r.entry         = "Density";
        r.output_name   = "density";
        r.long_name     = "Mass density rho";
        r.unit          = "kg/m^3";
        r.detail
          = " (host, unlithiated): with a density for every material of "
            "the mesh, the capacities are also written per mass [mAh/g]. 0 "
            "means not given";
        r.default_value    = "0";
        r.bounds           = non_negative();
        r.disorder_capable = false;
      }
      return t;
    }
  } // namespace


  const std::array<PropertyInfo, n_properties> &
  property_table()
  {
    static const std::array<PropertyInfo, n_properties> table = make_table();
    return table;
  }


  const PropertyInfo &
  info(const Property p)
  {
    return property_table()[index(p)];
  }

} // namespace heterion::materials

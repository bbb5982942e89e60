#pragma once

#include <array>
#include <string>

namespace heterion::materials
{
  struct ElasticProperties;

  /**
   * The material properties of Heterion. Each has one row in the property
   * table (property_table()): its parameter entry, output name, unit,
   * physical bounds, temperature law and whether disorder fields may make
   * it vary in space. The enumerators index that table; code that needs
   * something about a property asks the table, never a switch.
   */
  enum class Property : unsigned int
  {
    diffusivity,
    maximum_concentration,
    youngs_modulus,
    poissons_ratio,
    partial_molar_volume,
    reference_concentration,
    initial_state_of_charge,
    electronic_conductivity,
    reaction_rate_constant,
    ionic_conductivity,
    density
  };
  /** The number of rows of the property table. */
  constexpr unsigned int n_properties = 11;

  /** The index of @p p in the property table. */
  constexpr unsigned int
  index(const Property p)
  {
    return static_cast<unsigned int>(p);
  }

  /**
   * A closed or open interval of allowed values (either end may be
   * infinite); every allowed value is finite.
   */
  struct Bounds
  {
    double lower          = -1e300;
    double upper          = 1e300;
    bool   lower_included = true;
    bool   upper_included = true;

    /** True if @p v is finite and in the interval. */
    bool
    contains(const double v) const;

    /** "be > 0 m^2/s", "lie in (-1, 0.5)", "be a finite number" (for
     * "... must <text>"), with the unit @p unit. */
    std::string
    text(const std::string &unit) const;
  };

  /** How a property depends on the global `Temperature` T. */
  enum class TemperatureLaw
  {
    /** Independent of T. */
    none,
    /** The value at T_ref = 298.15 K times exp(E_a/R (1/T_ref - 1/T)),
     * with E_a from the entry `activation_energy_entry`. */
    arrhenius
  };

  /** One row of the property table. */
  struct PropertyInfo
  {
    Property p;
    /** The entry in `Materials/<name>` and in `Disorder/Properties`. */
    std::string entry;
    /** The snake_case name of the VTU field (`disorder_` prefix aside). */
    std::string output_name;
    /** The name and symbol in the documentation ("Young's modulus E"). */
    std::string long_name;
    /** What the documentation adds after "of material `name`" (starts
     * with a space or ":"; may be empty). */
    std::string detail;
    /** The default of `Materials/<name>/<entry>`. */
    std::string default_value;
    /** SI unit ("-" for dimensionless). */
    std::string unit;
    Bounds      bounds;
    /** An explanation appended to a bounds message (may be empty). */
    std::string    bounds_hint;
    TemperatureLaw temperature_law = TemperatureLaw::none;
    /** `Materials/<name>/<this>` for an Arrhenius law (else empty). */
    std::string activation_energy_entry;
    /** Whether `Disorder/Properties/<entry>` may name a chain. */
    bool disorder_capable = true;
    /** Whether `Materials/<name>/<entry>` exists (the initial state of
     * charge is set by `Initial conditions`, not per material). */
    bool material_entry = true;
    /** The member of ElasticProperties that holds it, or nullptr. */
    double ElasticProperties::*elastic_member = nullptr;
  };

  /** The property table, indexed by Property. */
  const std::array<PropertyInfo, n_properties> &
  property_table();

  /** The row of @p p. */
  const PropertyInfo &
  info(const Property p);

} // namespace heterion::materials

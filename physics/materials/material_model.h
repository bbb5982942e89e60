#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <array>
#include <memory>
#include <string>

#include <physics/materials/open_circuit_potential.h>
#include <physics/materials/properties.h>
#include <physics/materials/thermodynamic_factor.h>
#include <solver/geometry/ids.h>

namespace heterion::materials
{
  /**
   * Isotropic linear elastic constants and the lithiation swelling of one
   * material: sigma = C : (eps - (Omega/3)(c - c_ref) I) with
   * C = lambda I(x)I + 2 mu II (see doc/theory.md).
   */
  struct ElasticProperties
  {
    double youngs_modulus          = 0; ///< E [Pa]
    double poissons_ratio          = 0; ///< nu [-]
    double lambda                  = 0; ///< Lame's first parameter [Pa]
    double mu                      = 0; ///< shear modulus [Pa]
    double bulk_modulus            = 0; ///< K = lambda + 2 mu / 3 [Pa]
    double partial_molar_volume    = 0; ///< Omega [m^3/mol]
    double reference_concentration = 0; ///< c_ref [mol/m^3], stress-free
  };

  /** E, nu, Omega, c_ref -> the derived constants (lambda, mu, K). */
  ElasticProperties
  make_elastic_properties(const double youngs_modulus,
                          const double poissons_ratio,
                          const double partial_molar_volume,
                          const double reference_concentration);

  /**
   * The material model: the base values of the properties of the property
   * table (properties.h) per material id (see ids.h), each declared,
   * bounds-checked and temperature-scaled from its table row. For
   * transport it gives the site density c_max [mol/m^3] and the
   * diffusivity D(theta) [m^2/s] with its derivative dD/dtheta, where
   * theta = c / c_max is the state of charge. D may be a constant or a
   * muParser expression of `theta`; the problem is linear exactly when
   * every D is a constant.
   *
   * For mechanics it gives the elastic constants E, nu, the partial molar
   * volume Omega and the stress-free concentration c_ref. It owns the
   * material laws that are functions of theta: D(theta), the open-circuit
   * potential U(theta) with its entropic shift, and the thermodynamic
   * factor of the diffusion driving force derived from U.
   *
   * Parameters: one subsection per material name in `Materials`. These
   * are the base values at the reference temperature 298.15 K; disorder
   * fields make them vary in space (PropertyCache, `Disorder/Properties`)
   * and activation energies make the properties with an Arrhenius law in
   * the table (D, k, sigma_e, kappa) depend on the global `Temperature`
   * (temperature_factor()).
   */
  class MaterialModel
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /** Site density c_max [mol/m^3] of material @p id. */
    double
    maximum_concentration(const dealii::types::material_id id) const;

    /** Diffusivity D(theta) [m^2/s] and dD/dtheta of material @p id. */
    void
    diffusivity(const dealii::types::material_id id,
                const double                     theta,
                double                          &value,
                double                          &derivative) const;

    /**
     * The base value of the static property @p p of material @p id (at the
     * reference temperature, before any disorder chain), in the unit of
     * its table row; not for the diffusivity (a function of theta) or the
     * initial state of charge (set by `Initial conditions`).
     */
    double
    value(const dealii::types::material_id id, const Property p) const;

    /**
     * The factor by which the global `Temperature` T scales property @p p
     * of material @p id: exp(E_a/R (1/T_ref - 1/T)) for a property with an
     * Arrhenius law in the table (applied after the disorder chain), 1 for
     * the others.
     */
    double
    temperature_factor(const dealii::types::material_id id,
                       const Property                   p) const;

    /** Mass density rho [kg/m^3] of material @p id; 0 if not given. */
    double
    density(const dealii::types::material_id id) const;

    /** The open-circuit potential U(theta) [V vs Li/Li+] of material
     * @p id at 298.15 K (`Materials/<name>/Open-circuit potential`). */
    const OpenCircuitPotential &
    open_circuit_potential(const dealii::types::material_id id) const;

    /** The entropic shift (T - 298.15 K) dU/dT of the open-circuit
     * potential of material @p id at the run's temperature [V]. */
    double
    open_circuit_potential_shift(const dealii::types::material_id id) const;

    /** The diffusion driving force of each material (the thermodynamic
     * factor from its open-circuit potential). */
    const ThermodynamicFactor &
    thermodynamic_factor() const;

    /** Elastic constants and swelling of material @p id. */
    const ElasticProperties &
    elastic_properties(const dealii::types::material_id id) const;

    /**
     * The largest eigenstress magnitude K |Omega| c_max over all materials
     * [Pa]: the natural scale of the stresses.
     */
    double
    stress_scale() const;

    /** True when no transport property depends on the solution. */
    bool
    is_linear() const;

    /** The largest site density of all materials [mol/m^3]. */
    double
    concentration_scale() const;

  private:
    struct Properties
    {
      /** Base values of the static properties, indexed by Property. */
      std::array<double, n_properties> values{};
      /** Temperature factors, indexed by Property (1 without a law). */
      std::array<double, n_properties>           temperature_factors{};
      std::string                                diffusivity_text;
      bool                                       constant_diffusivity = true;
      double                                     diffusivity_value    = 1;
      std::unique_ptr<dealii::FunctionParser<1>> diffusivity_function;
      ElasticProperties                          elastic;
      std::unique_ptr<OpenCircuitPotential>      open_circuit_potential;
      /** (T - T_ref) dU/dT [V]. */
      double open_circuit_potential_shift = 0;
    };
    std::vector<Properties> properties;
    ThermodynamicFactor     driving_force;
  };
} // namespace heterion::materials

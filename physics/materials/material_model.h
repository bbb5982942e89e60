#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <array>
#include <memory>
#include <string>

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

  /**
   * Arrhenius factors exp(E_a / R (1/T_ref - 1/T)) of the
   * temperature-dependent transport and kinetic properties of one material
   * at the run's temperature T (T_ref = constants::reference_temperature).
   * They scale the property after its disorder chain: the base values and
   * the fields describe the material at T_ref.
   */
  struct TemperatureFactors
  {
    double diffusivity             = 1;
    double reaction_rate_constant  = 1;
    double electronic_conductivity = 1;
    double ionic_conductivity      = 1;
  };

  /** E, nu, Omega, c_ref -> the derived constants (lambda, mu, K). */
  ElasticProperties
  make_elastic_properties(const double youngs_modulus,
                          const double poissons_ratio,
                          const double partial_molar_volume,
                          const double reference_concentration);

  /**
   * The material model: property values per material id (see ids.h). For
   * transport it gives the site density c_max [mol/m^3] and the
   * diffusivity D(theta) [m^2/s] with its derivative dD/dtheta, where
   * theta = c / c_max is the state of charge. D may be a constant or a
   * muParser expression of `theta`; the problem is linear exactly when
   * every D is a constant.
   *
   * For mechanics it gives the elastic constants E, nu, the partial molar
   * volume Omega and the stress-free concentration c_ref.
   *
   * Parameters: one subsection per material name in `Materials`. These
   * are the base values at the reference temperature 298.15 K; disorder
   * fields make them vary in space (PropertyCache, `Disorder/Properties`)
   * and activation energies make D, k, sigma_e and kappa depend on the
   * global `Temperature` (Arrhenius, TemperatureFactors).
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

    /** Electronic conductivity sigma_e [S/m] of material @p id. */
    double
    electronic_conductivity(const dealii::types::material_id id) const;

    /** Butler-Volmer rate constant k of material @p id. */
    double
    reaction_rate_constant(const dealii::types::material_id id) const;

    /** Ionic (Li+) conductivity kappa [S/m] of material @p id. */
    double
    ionic_conductivity(const dealii::types::material_id id) const;

    /** Mass density rho [kg/m^3] of material @p id; 0 if not given. */
    double
    density(const dealii::types::material_id id) const;

    /** The Arrhenius factors of material @p id at the run's temperature. */
    const TemperatureFactors &
    temperature_factors(const dealii::types::material_id id) const;

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
      double                                     c_max = 1;
      std::string                                diffusivity_text;
      bool                                       constant_diffusivity = true;
      double                                     diffusivity_value    = 1;
      std::unique_ptr<dealii::FunctionParser<1>> diffusivity_function;
      ElasticProperties                          elastic;
      double                                     electronic_conductivity = 100;
      double                                     reaction_rate_constant = 2e-11;
      double                                     ionic_conductivity     = 1e-4;
      double                                     density                = 0;
      TemperatureFactors                         temperature_factors;
    };
    std::array<Properties, ids::material::n_ids> properties;
  };
} // namespace heterion::materials

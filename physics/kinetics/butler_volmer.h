#pragma once

#include <deal.II/base/parameter_handler.h>

namespace heterion::kinetics
{
  /**
   * The Butler-Volmer law for Li+ + e- <-> Li(host) at an active surface:
   * the anodic (delithiation-positive) current density
   *   i = i0 [exp(alpha_a F eta / (R T)) - exp(-alpha_c F eta / (R T))],
   *   i0 = F k c_e^alpha_a (c_max - c)^alpha_a c^alpha_c,
   * with eta = phi_s - phi_e - U(theta) the overpotential. theta = c/c_max
   * enters i0 through theta_reg = min(max(theta, 1e-6), 1 - 1e-6), so that
   * i0 stays positive and finite (no NaN, no infinite derivative) as the
   * surface empties or fills; the exponents are capped at +-200 so that the
   * current stays finite for any eta.
   */
  class ButlerVolmer
  {
  public:
    /** The current density and its partial derivatives at one point. */
    struct Rate
    {
      /** Anodic current density i [A/m^2] (positive: Li leaves). */
      double current_density = 0;
      /** di/dc at fixed eta [A m / mol] (through i0 only). */
      double d_concentration = 0;
      /** di/deta [A/m^2/V]. */
      double d_overpotential = 0;
      /** The exchange current density i0 [A/m^2]. */
      double exchange_current_density = 0;
    };

    /** Declares the transfer coefficients in the current subsection. */
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /** Reads them (the current subsection); ExcInput if not in (0, 1). */
    void
    parse_parameters(dealii::ParameterHandler &prm);

    /**
     * The rate at concentration @p c [mol/m^3] of a host with site density
     * @p c_max, electrolyte concentration @p c_e [mol/m^3], rate constant
     * @p k [mol^(1 - 2 alpha_a - alpha_c) m^(3 (2 alpha_a + alpha_c) - 2)
     * s^-1, i.e. m^2.5 mol^-0.5 s^-1 for alpha_a = alpha_c = 0.5],
     * overpotential @p eta [V] and temperature @p T [K].
     */
    Rate
    evaluate(const double c,
             const double c_max,
             const double c_e,
             const double k,
             const double eta,
             const double T) const;

    double alpha_a = 0.5;
    double alpha_c = 0.5;
  };
} // namespace heterion::kinetics

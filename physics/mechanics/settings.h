#pragma once

#include <deal.II/base/parameter_handler.h>

namespace heterion::mechanics
{
  /**
   * Whether mechanics is active and how it couples to transport (section
   * `Mechanics`), and the absolute temperature (top level `Temperature`).
   *
   * - `monolithic`: Newton on all fields at once with the full Jacobian;
   * - `staggered`: per time step, Newton on the concentration with the
   *   stress frozen, then on displacement and stress with the
   *   concentration frozen, repeated until the concentration changes by
   *   less than `Staggered tolerance` times c_max.
   * Both use the same assembly and converge to the same solution.
   *
   * In 2D the cross-section of a long body is in plane strain (eps_zz = 0:
   * its ends are held) or, with `Out-of-plane strain = free ends`, in
   * generalized plane strain (eps_zz uniform, with zero axial force).
   */
  class Settings
  {
  public:
    enum class Coupling
    {
      monolithic,
      staggered
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    bool enabled = false;
    /** 2D: the out-of-plane strain eps_zz is a uniform unknown with zero
     * axial force (generalized plane strain, a long wire with free ends)
     * instead of 0 (plane strain, held ends). */
    bool         generalized_plane_strain = false;
    bool         stress_assisted          = false;
    Coupling     coupling                 = Coupling::monolithic;
    double       temperature              = 298.15;
    double       staggered_tolerance      = 1e-10;
    unsigned int max_staggered_iterations = 50;
  };
} // namespace heterion::mechanics

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

    bool         enabled                  = false;
    bool         stress_assisted          = false;
    Coupling     coupling                 = Coupling::monolithic;
    double       temperature              = 298.15;
    double       staggered_tolerance      = 1e-10;
    unsigned int max_staggered_iterations = 50;
  };
} // namespace heterion::mechanics

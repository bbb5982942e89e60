#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>

namespace
{
  using namespace heterion;

  /**
   * A 2D disc (radius R) whose site density varies as
   * c_max = c0 (1 + 0.5 (x/R)^2): the capacity is
   * \int c_max dA = c0 pi R^2 (1 + 1/8). Starting at theta_0 = 0.2 (so
   * c_0 = 0.2 c_max(x)) and charged at 1C for half an hour, the lithium
   * inventory must be (0.2 + 0.5) times the true capacity: the C-rate and
   * the initial state use c_max(x), not the material's value c0 (which
   * would give 1/1.125 of it).
   */
  TEST(DisorderRun, CRateAndInitialStateUseTheTrueCapacity)
  {
    const double      R = 1e-6, c0 = 2e4;
    const std::string text
      = "set Dimension = 2\nset Output directory = disorder_capacity\n"
        "subsection Geometry\n set Model = sphere\n set Global refinement = 3\n"
        " subsection Sphere\n  set Radius = 1e-6\n end\nend\n"
        "subsection Materials\n subsection particle\n"
        "  set Diffusivity = 1e-14\n  set Maximum concentration = 2e4\n"
        " end\nend\n"
        "subsection Initial conditions\n set Initial state of charge = 0.2\n"
        "end\n"
        "subsection Boundary conditions\n set Flux boundaries = surface\n"
        " set Flux type = C-rate\n"
        " set Flux = 1\nend\n"
        "subsection Time stepping\n set End time = 1800\n set Time step = 300\n"
        "end\n"
        "subsection Linear solver\n set Method = direct\nend\n"
        "subsection Disorder\n set Fields = sites\n"
        " subsection sites\n  set Model = function\n"
        "  subsection Function\n   set Expression = 1 + 0.5*(x/1e-6)^2\n"
        "  end\n end\n"
        " subsection Properties\n  set Maximum concentration = multiply sites\n"
        " end\nend\n";
    test_support::Run<2> run(text);
    const double         capacity = c0 * M_PI * R * R * 1.125;
    const auto          &stats    = run.summary.final_statistics;
    // The disc's mesh area differs from pi R^2 by about 1e-5 (MappingQ2).
    EXPECT_NEAR(stats.li_inventory / capacity, 0.7, 2e-4);
    // The inventory equals the initial one plus the inflow to round-off.
    EXPECT_NEAR(stats.li_inventory,
                0.2 * capacity * stats.volume / (M_PI * R * R)
                  + run.summary.li_inflow_total,
                2e-4 * stats.li_inventory);
  }
} // namespace

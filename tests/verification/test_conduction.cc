#include <deal.II/base/function.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/vector_tools.h>

#include <gtest/gtest.h>

#include <physics/constants.h>

#include "../common/run_case.h"
#include "../common/solution_error.h"

#include <cmath>

/**
 * The resolved electronic conduction of the solid (Electrochemistry/
 * Electronic conduction = resolved) in a film with sigma_e(y) =
 * sigma_0 exp(y/L), contact at the bottom and Butler-Volmer kinetics on
 * the top (parameter_files/verification/bv_film_conduction.prm): the solid
 * potential converges to psi(y) = (I/A)(L/sigma_0)(1 - exp(-y/L)) at the
 * optimal L2 and H1 rates, and the voltage is that of infinite conduction
 * minus psi(H).
 */
namespace
{
  using namespace dealii;
  using namespace heterion;

  constexpr double thickness = 1e-6, width = 0.25e-6, sigma_0 = 1e-5;

  /** psi(y) for the insertion current density @p i [A/m^2]. */
  class ExactPotential : public Function<2>
  {
  public:
    ExactPotential(const unsigned int n_components,
                   const unsigned int component,
                   const double       i)
        : Function<2>(n_components)
        , component(component)
        , i(i)
    {
    }

    double
    value(const Point<2> &p, const unsigned int c) const override
    {
      return c == component
               ? i * thickness / sigma_0 * (1 - std::exp(-p[1] / thickness))
               : 0.;
    }

    Tensor<1, 2>
    gradient(const Point<2> &p, const unsigned int c) const override
    {
      Tensor<1, 2> g;
      if (c == component)
        g[1] = i / sigma_0 * std::exp(-p[1] / thickness);
      return g;
    }

  private:
    const unsigned int component;
    const double       i;
  };

  struct Result
  {
    double l2, h1, voltage;
  };

  Result
  run_film(const unsigned int degree,
           const unsigned int cells,
           const std::string &conduction)
  {
    const std::string dir = "bv_film_conduction_q" + std::to_string(degree)
                            + "_" + std::to_string(cells) + "_" + conduction;
    test_support::Run<2> run(test_support::verification_case(
      "bv_film_conduction.prm",
      "set Output directory = " + dir
        + "\nset Finite element degree = " + std::to_string(degree)
        + "\nsubsection Geometry\n subsection Thin film\n"
          "  set Cells across thickness = "
        + std::to_string(cells)
        + "\n end\nend\nsubsection Electrochemistry\n set Electronic "
          "conduction = "
        + conduction + "\nend\n"));
    const auto           s = test_support::read_csv(dir + "/statistics.csv");
    Result               result{0, 0, s.at("voltage").back()};
    if (conduction != "resolved")
      return result;
    const auto  context = run.simulator->context();
    const auto &in      = context.introspection;
    // I / A, the current being the applied one (1C).
    const double                     i = s.at("current").back() / width;
    ExactPotential                   exact(in.fe().n_components(),
                         in.solid_potential_component,
                         i);
    const ComponentSelectFunction<2> mask(in.solid_potential_component,
                                          in.fe().n_components());
    result.l2 = test_support::solution_error(context,
                                             exact,
                                             VectorTools::L2_norm,
                                             &mask);
    result.h1 = test_support::solution_error(context,
                                             exact,
                                             VectorTools::H1_seminorm,
                                             &mask);
    // The drop across the film: 33.9 mV at 1C.
    const double drop
      = exact.value(Point<2>(0, thickness), in.solid_potential_component);
    EXPECT_NEAR(drop, 0.0339, 0.0005);
    return result;
  }

  TEST(Electrochemistry, ResolvedConductionInAFilm)
  {
    for (const unsigned int degree : {1u, 2u})
      {
        const Result coarse  = run_film(degree, 2, "resolved");
        const Result mid     = run_film(degree, 4, "resolved");
        const Result fine    = run_film(degree, 8, "resolved");
        const double l2_rate = std::log2(mid.l2 / fine.l2);
        const double h1_rate = std::log2(mid.h1 / fine.h1);
        std::cout << "Q" << degree << ": L2 errors " << coarse.l2 << " "
                  << mid.l2 << " " << fine.l2 << " (rate " << l2_rate
                  << "), H1 " << coarse.h1 << " " << mid.h1 << " " << fine.h1
                  << " (rate " << h1_rate << ")" << std::endl;
        EXPECT_NEAR(l2_rate, degree + 1, 0.15);
        EXPECT_NEAR(h1_rate, degree, 0.15);
        EXPECT_NEAR(std::log2(coarse.l2 / mid.l2), degree + 1, 0.3);

        // The same current through the same kinetics: V differs by the
        // drop psi(H) = (I/A)(L/sigma_0)(1 - 1/e).
        const Result infinite = run_film(degree, 8, "infinite");
        const double i
          = constants::faraday * 2e4 * thickness / constants::seconds_per_hour;
        const double drop = i * thickness / sigma_0 * (1 - std::exp(-1.));
        std::cout << "V(infinite) - V(resolved) = "
                  << (infinite.voltage - fine.voltage) * 1e3
                  << " mV, psi(H) = " << drop * 1e3 << " mV" << std::endl;
        // (psi(H) of Q1 on 8 cells is 0.13 % off: sigma_e is integrated
        // by Gauss quadrature.)
        EXPECT_NEAR(infinite.voltage - fine.voltage,
                    drop,
                    (degree == 1 ? 2e-3 : 1e-4) * drop);
      }
  }
} // namespace

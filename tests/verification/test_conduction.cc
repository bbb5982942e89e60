#include <deal.II/base/function.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/vector_tools.h>

#include <gtest/gtest.h>

#include <physics/constants.h>
#include <physics/potential/fields.h>

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
    const auto         context = run.simulator->context();
    const auto        &in      = context.introspection;
    const unsigned int psi_component
      = in.first_component(in.field(potential::fields::solid_potential));
    // I / A, the current being the applied one (1C).
    const double   i = s.at("current").back() / width;
    ExactPotential exact(in.fe().n_components(), psi_component, i);
    const ComponentSelectFunction<2> mask(psi_component,
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
    const double drop = exact.value(Point<2>(0, thickness), psi_component);
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

  /**
   * The reaction front of a poorly conducting film (parameter_files/
   * verification/bv_transmission_line.prm): with linear kinetics, the
   * interface current density away from the contact is
   * i(x) ~ cosh(kappa (L - x)), kappa tan(kappa h) = 1 / (sigma_e R_ct).
   */
  struct FrontResult
  {
    /** i(x) at x = L/4, L/2, 3L/4, L on the top [A/m^2]. */
    std::vector<double> current_density;
    double              voltage;
  };

  constexpr double film_length = 10e-6, film_thickness = 0.2e-6;

  FrontResult
  run_front(const std::string &conduction, const double sigma_e)
  {
    const std::string dir
      = "bv_transmission_line_" + conduction + "_" + std::to_string(sigma_e);
    test_support::Run<2> run(test_support::verification_case(
      "bv_transmission_line.prm",
      "set Output directory = " + dir
        + "\nsubsection Materials\n subsection particle\n  set Electronic "
          "conductivity = "
        + std::to_string(sigma_e)
        + "\n end\nend\nsubsection Electrochemistry\n set Electronic "
          "conduction = "
        + conduction + "\nend\n"));
    const auto           context = run.simulator->context();
    FrontResult          result;
    result.voltage
      = test_support::read_csv(dir + "/statistics.csv").at("voltage").back();
    for (const double fraction : {0.25, 0.5, 0.75, 1.})
      {
        const Point<2> x(fraction * film_length, film_thickness);
        const auto     cell_and_point
          = GridTools::find_active_cell_around_point(context.mapping,
                                                     context.dof_handler,
                                                     x);
        Vector<double> values(context.introspection.fe().n_components());
        VectorTools::point_value(
          context.mapping, context.dof_handler, context.solution, x, values);
        result.current_density.push_back(
          context.electrode
            ->rate_at(x, cell_and_point.first->material_id(), values)
            .insertion_current_density);
      }
    return result;
  }

  TEST(Electrochemistry, ReactionFrontInAPoorlyConductingFilm)
  {
    // Linear kinetics at theta = 0.5: R_ct = RT / (F i0 (alpha_a +
    // alpha_c)), i0 = F k c_e^0.5 (c_max / 2).
    const double rt_over_f
      = constants::gas_constant * 298.15 / constants::faraday;
    const double i0   = constants::faraday * 2e-11 * std::sqrt(1000.) * 1e4;
    const double r_ct = rt_over_f / i0;

    const double sigma_low = 3e-3;
    // kappa tan(kappa h) = 1 / (sigma R_ct), by Newton from 1/lambda.
    double kappa = 1 / std::sqrt(sigma_low * film_thickness * r_ct);
    for (unsigned int it = 0; it < 20; ++it)
      {
        const double h = film_thickness;
        const double g = kappa * std::tan(kappa * h) - 1 / (sigma_low * r_ct);
        const double dg
          = std::tan(kappa * h) + kappa * h / std::pow(std::cos(kappa * h), 2);
        kappa -= g / dg;
      }
    const double lambda = 1 / kappa;
    std::cout << "R_ct = " << r_ct << " Ohm m^2, lambda = " << lambda * 1e6
              << " um, L / lambda = " << film_length / lambda << std::endl;

    const FrontResult low         = run_front("resolved", sigma_low);
    const double      fractions[] = {0.25, 0.5, 0.75, 1.};
    for (unsigned int k = 1; k < 4; ++k)
      {
        const double ratio = low.current_density[k] / low.current_density[0];
        const double exact = std::cosh(kappa * (1 - fractions[k]) * film_length)
                             / std::cosh(kappa * 0.75 * film_length);
        std::cout << "i(" << fractions[k] << " L) / i(L/4) = " << ratio
                  << ", exact " << exact << std::endl;
        EXPECT_NEAR(ratio, exact, 2e-4 * exact);
      }
    // The front: most of the current enters near the contact.
    EXPECT_LT(low.current_density[3], 0.5 * low.current_density[0]);

    // A good conductor reacts uniformly, and reaches the infinite limit.
    const FrontResult high     = run_front("resolved", 100);
    const FrontResult infinite = run_front("infinite", 100);
    const double spread = 1 - high.current_density[3] / high.current_density[0];
    std::cout << "sigma_e = 100 S/m: 1 - i(L)/i(L/4) = " << spread
              << ", V - V(infinite) = "
              << (high.voltage - infinite.voltage) * 1e6 << " uV" << std::endl;
    EXPECT_LT(std::abs(spread), 1e-4);
    EXPECT_NEAR(high.voltage, infinite.voltage, 1e-7);
    EXPECT_NEAR(infinite.current_density[3] / infinite.current_density[0],
                1.,
                1e-6);

    // The transmission line lowers V at the same current: the contact
    // overpotential is (L / lambda) / tanh(L / lambda) times the uniform one.
    const double u        = 4.0;
    const double enhanced = (low.voltage - u) / (infinite.voltage - u);
    const double expected
      = film_length / lambda / std::tanh(film_length / lambda);
    std::cout << "eta(contact) / eta(infinite) = " << enhanced
              << ", transmission line " << expected << std::endl;
    EXPECT_NEAR(enhanced, expected, 5e-3 * expected);
  }
} // namespace

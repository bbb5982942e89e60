#include <deal.II/base/function_parser.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/vector_tools.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"
#include "../common/solution_error.h"

#include <cmath>
#include <regex>

/**
 * Manufactured solutions for transport with a nonlinear diffusivity
 * D(theta) = 1 + theta on the unit square/cube (c_max = 1, so theta = c),
 * Dirichlet data on the whole boundary and the matching volumetric source:
 *   u = 1/2 + g(t) S(x),  S = prod_d sin(pi x_d),
 *   s = u_t - |grad u|^2 - (1 + u) Laplace u.
 * Space: g = (1 - t/2)/4 is linear in time, which both time schemes
 * differentiate exactly, so the error is the spatial one; L2 and H1 rates
 * of Q1 and Q2 must be optimal within 0.1. Time: g = exp(-t)/4 on a fine
 * Q3 mesh; backward Euler must converge at first order, BDF2 at second.
 */
namespace
{
  using namespace dealii;
  using namespace heterion;

  struct Errors
  {
    double l2, h1;
  };

  template <int dim>
  std::string
  product_of_sines()
  {
    return dim == 2 ? "sin(pi*x)*sin(pi*y)" : "sin(pi*x)*sin(pi*y)*sin(pi*z)";
  }

  /** |grad S|^2 as an expression. */
  template <int dim>
  std::string
  gradient_squared()
  {
    if (dim == 2)
      return "pi^2*((cos(pi*x)*sin(pi*y))^2+(sin(pi*x)*cos(pi*y))^2)";
    return "pi^2*((cos(pi*x)*sin(pi*y)*sin(pi*z))^2+(sin(pi*x)*cos(pi*y)*"
           "sin(pi*z))^2+(sin(pi*x)*sin(pi*y)*cos(pi*z))^2)";
  }

  /** Runs the manufactured problem; returns the errors at the end time. */
  template <int dim>
  Errors
  solve(const unsigned int degree,
        const unsigned int refinement,
        const std::string &g,
        const std::string &dg_dt,
        const double       end_time,
        const double       dt,
        const std::string &scheme)
  {
    const std::string S      = "(" + product_of_sines<dim>() + ")";
    const std::string u      = "(0.5+(" + g + ")*" + S + ")";
    const std::string source = "(" + dg_dt + ")*" + S + "-(" + g + ")^2*"
                               + gradient_squared<dim>() + "+(1+" + u + ")*"
                               + std::to_string(dim) + "*pi^2*(" + g + ")*" + S;
    const std::string text
      = "set Dimension = " + std::to_string(dim)
        + "\nset Finite element degree = "
        + std::to_string(degree)
        // One directory per run: ctest runs the tests concurrently.
        + "\nset Output directory = manufactured_" + std::to_string(dim) + "d_q"
        + std::to_string(degree) + "_r" + std::to_string(refinement) + "_dt"
        + std::to_string(dt) + "_" + (scheme == "BDF2" ? "bdf2" : "be")
        + "\nsubsection Geometry\n set Model = thin film\n set Global "
          "refinement = "
        + std::to_string(refinement)
        + "\n subsection Thin film\n  set Thickness = 1\n  set Width = 1\n"
          "  set Cells across thickness = 1\n end\nend\n"
          "subsection Materials\n subsection particle\n  set Diffusivity = "
          "1+theta\n"
          "  set Maximum concentration = 1\n end\nend\n"
          "subsection Initial conditions\n set Initial state of charge = "
        + std::regex_replace(u, std::regex("\\bt\\b"), "0")
        + "\nend\n"
          "subsection Boundary conditions\n set Flux boundaries =\n"
          " set Concentration boundaries = surface, bottom, sides\n"
          " set Surface state of charge = "
        + u
        + "\nend\n"
          "subsection Sources\n set Volumetric source = "
        + source
        + "\nend\n"
          "subsection Time stepping\n set End time = "
        + std::to_string(end_time) + "\n set Time step = " + std::to_string(dt)
        + "\n set Scheme = " + scheme
        + "\nend\n"
          "subsection Nonlinear solver\n set Relative tolerance = 1e-12\nend\n"
          "subsection Output\n set Output interval = "
        + std::to_string(end_time) + "\nend\n";
    test_support::Run<dim> run(text);
    const auto             context = run.simulator->context();

    FunctionParser<dim> exact(1);
    exact.initialize(dim == 2 ? "x,y,t" : "x,y,z,t",
                     u,
                     {{"pi", numbers::PI}},
                     true);
    exact.set_time(end_time);
    const double l2
      = test_support::solution_error(context, exact, VectorTools::L2_norm);
    const double h1
      = test_support::solution_error(context, exact, VectorTools::H1_seminorm);
    return {l2, h1};
  }

  template <int dim>
  void
  check_space_rates(const unsigned int degree,
                    const unsigned int first_refinement)
  {
    Errors coarse = solve<dim>(
      degree, first_refinement, "(1-t/2)/4", "-1/8", 0.1, 0.05, "BDF2");
    Errors fine = solve<dim>(
      degree, first_refinement + 1, "(1-t/2)/4", "-1/8", 0.1, 0.05, "BDF2");
    const double l2_rate = std::log2(coarse.l2 / fine.l2);
    const double h1_rate = std::log2(coarse.h1 / fine.h1);
    EXPECT_NEAR(l2_rate, degree + 1, 0.1)
      << "L2 errors " << coarse.l2 << " " << fine.l2;
    EXPECT_NEAR(h1_rate, degree, 0.1)
      << "H1 errors " << coarse.h1 << " " << fine.h1;
    std::cout << dim << "D Q" << degree << ": L2 " << coarse.l2 << " -> "
              << fine.l2 << " (rate " << l2_rate << "), H1 " << coarse.h1
              << " -> " << fine.h1 << " (rate " << h1_rate << ")" << std::endl;
  }

  TEST(Manufactured, SpaceRates2dQ1)
  {
    check_space_rates<2>(1, 4);
  }

  TEST(Manufactured, SpaceRates2dQ2)
  {
    check_space_rates<2>(2, 3);
  }

  TEST(Manufactured, SpaceRates3dQ1)
  {
    check_space_rates<3>(1, 3);
  }

  TEST(Manufactured, SpaceRates3dQ2)
  {
    check_space_rates<3>(2, 2);
  }

  TEST(Manufactured, TimeRates)
  {
    for (const std::string scheme : {"backward Euler", "BDF2"})
      {
        const double expected = scheme == "BDF2" ? 2. : 1.;
        // Q3 keeps the spatial error far below the time error.
        const double dt = scheme == "BDF2" ? 0.025 : 0.04;
        const Errors coarse
          = solve<2>(3, 4, "exp(-t)/4", "-exp(-t)/4", 0.4, dt, scheme);
        const Errors fine
          = solve<2>(3, 4, "exp(-t)/4", "-exp(-t)/4", 0.4, dt / 2, scheme);
        const double rate = std::log2(coarse.l2 / fine.l2);
        EXPECT_NEAR(rate, expected, 0.1)
          << scheme << ": L2 errors " << coarse.l2 << " " << fine.l2;
        std::cout << scheme << ": L2 " << coarse.l2 << " -> " << fine.l2
                  << " (rate " << rate << ")" << std::endl;
      }
  }
} // namespace

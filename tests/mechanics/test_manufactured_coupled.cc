#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/mechanics/fields.h>
#include <physics/transport/fields.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"
#include "../common/solution_error.h"

#include <cmath>
#include <iomanip>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

/**
 * Manufactured solutions for the coupled chemo-mechanical system: lithium
 * transport with the stress-assisted flux, quasi-static chemo-elasticity
 * with a body force, and the L2-projected hydrostatic stress, solved
 * monolithically on the unit square/cube [0, 1]^d (thin film, one coarse
 * cell) with constant D, E, nu, Omega, c_ref = 0, c_max = 1 and R T = 1.
 *
 * With w = prod_i cos(pi x_i) (so that Laplace w = -d pi^2 w) take
 *   c = C0 + C1(t) w,   u = a grad w,   s = sigma_h = -B w - K Omega C0,
 * where B = K (a d pi^2 + Omega C1), K = lambda + 2 mu/3. Then:
 *
 * - Boundary conditions. u . n = 0 on every face (the normal component of
 *   grad w contains sin(pi x_i) = 0 at x_i = 0, 1), and the tangential
 *   traction 2 mu a d^2 w/dx_i dx_j (j != i) vanishes there for the same
 *   reason: all faces are symmetry faces. c is prescribed on all faces.
 * - Mechanics. eps = a Hess w, tr eps = a Laplace w, and since
 *   div Hess w = grad Laplace w,
 *     div sigma = (lambda + 2 mu) a grad Laplace w - K Omega grad c
 *               = -(a (lambda + 2 mu) d pi^2 + K Omega C1) grad w,
 *   so the body force is f = -div sigma = F grad w with
 *   F = a (lambda + 2 mu) d pi^2 + K Omega C1. The same holds in plane
 *   strain, where tr(sigma)/3 is K (tr eps - Omega c) as in 3D.
 * - Hydrostatic stress. s = K (div u - Omega c) = K (-a d pi^2 w - Omega
 *   (C0 + C1 w)) = -B w - K Omega C0.
 * - Transport. J = -D grad c + (D c Omega/(R T)) grad s, and the source is
 *     r = dc/dt + div J
 *       = C1' w + D C1 d pi^2 w
 *         + (D Omega/(R T)) (grad c . grad s + c Laplace s)
 *       = C1' w + D C1 d pi^2 w
 *         + (D Omega/(R T)) (-C1 B |grad w|^2 + c B d pi^2 w).
 *
 * The parameters (E = 1, nu = 1/4, Omega = 1, a = 0.02, C0 = 1/2,
 * C1 ~ 0.2, D = 1) make every coupling term of the same order as the
 * term it modifies: K Omega C1 / (a (lambda + 2 mu) d pi^2) = 0.28 (2D),
 * Omega C1 / (a d pi^2) = 0.51 (2D), and the stress-assisted part of div J
 * is about as large as the Fickian one.
 *
 * Space: C1 = 0.2 (1 - t/2) is linear in time, which both time schemes
 * differentiate exactly (the first BDF2 step is backward Euler), so only
 * the spatial error remains; the L2 and H1-seminorm rates of c and u must
 * be optimal (k + 1 and k for Q_k) within 0.1, and the L2 rate of the
 * projected stress at least k - 0.1 (k is the order of the stress
 * itself).
 * Together these also check the time derivative: a scheme whose
 * coefficients were not consistent would not be exact for linear C1.
 *
 * Time: C1 = 0.2 exp(-t) on a fixed 2D Q2 mesh (8 x 8 cells), runs with
 * dt = 0.05, 0.025, 0.0125 to t = 1. The spatial error is the same in all
 * runs and cancels in the differences |c(dt) - c(dt/2)| and
 * |c(dt/2) - c(dt/4)|, whose ratio 2^p gives the order p: 1 for backward
 * Euler, 2 for BDF2 (within 0.1 and 0.2). The end time and the steps are
 * chosen so that the start-up transients (the first BDF2 step is backward
 * Euler, and the interpolated initial data are not exactly in the discrete
 * quasi-steady state) have decayed: with dt = 0.1, 0.05, 0.025 and
 * t = 0.4 they still raise the measured BDF2 order to 2.4-2.6.
 */
namespace
{
  using namespace dealii;
  using namespace heterion;

  // Material data and solution constants (see the comment above).
  constexpr double gas_constant         = 8.314462618;
  constexpr double temperature          = 1. / gas_constant; // R T = 1
  constexpr double youngs_modulus       = 1.;
  constexpr double poissons_ratio       = 0.25;
  constexpr double partial_molar_volume = 1.;
  constexpr double diffusivity          = 1.;
  constexpr double displacement_scale   = 0.02; // a
  constexpr double mean_concentration   = 0.5;  // C0
  constexpr double lame_lambda
    = youngs_modulus * poissons_ratio
      / ((1 + poissons_ratio) * (1 - 2 * poissons_ratio));
  constexpr double shear_modulus = youngs_modulus / (2 * (1 + poissons_ratio));
  constexpr double bulk_modulus
    = youngs_modulus / (3 * (1 - 2 * poissons_ratio));

  /** The time profile C1(t) of the concentration, with C1'(t). */
  struct Amplitude
  {
    std::string expression;
    std::string derivative;
    double (*value)(double);
  };

  const Amplitude linear_amplitude{"0.2*(1-t/2)", "-0.1", [](const double t) {
                                     return 0.2 * (1 - t / 2);
                                   }};
  const Amplitude decaying_amplitude{"0.2*exp(-t)",
                                     "-0.2*exp(-t)",
                                     [](const double t) {
                                       return 0.2 * std::exp(-t);
                                     }};

  /** A number in full precision (all numbers used here are positive, so
   * they need no parentheses in an expression). */
  std::string
  number(const double value)
  {
    std::ostringstream out;
    out << std::setprecision(17) << value;
    return out.str();
  }

  /** w = prod_i cos(pi x_i) as an expression. */
  template <int dim>
  std::string
  w_expression()
  {
    return dim == 2 ? "(cos(pi*x)*cos(pi*y))"
                    : "(cos(pi*x)*cos(pi*y)*cos(pi*z))";
  }

  /** dw/dx_i as an expression. */
  template <int dim>
  std::string
  grad_w_expression(const unsigned int i)
  {
    const char *names[3] = {"x", "y", "z"};
    std::string text     = "(-pi";
    for (unsigned int d = 0; d < dim; ++d)
      text += std::string(d == i ? "*sin(pi*" : "*cos(pi*") + names[d] + ")";
    return text + ")";
  }

  /**
   * The components of the coupled solution in the order the Simulator
   * declares its fields (c, then u, then sigma_h); checked against the
   * field registry in solve().
   */
  template <int dim>
  struct Layout
  {
    static constexpr unsigned int concentration      = 0;
    static constexpr unsigned int first_displacement = 1;
    static constexpr unsigned int hydrostatic_stress = 1 + dim;
  };


  /** The exact fields (c, u, s) at time t, with their gradients. */
  template <int dim>
  class ExactSolution : public Function<dim>
  {
  public:
    ExactSolution(const Amplitude &amplitude, const double time)
        : Function<dim>(dim + 2)
        , c1(amplitude.value(time))
        , b(bulk_modulus
            * (displacement_scale * dim * numbers::PI * numbers::PI
               + partial_molar_volume * c1))
    {
    }

    double
    value(const Point<dim> &p, const unsigned int component) const override
    {
      if (component == Layout<dim>::concentration)
        return mean_concentration + c1 * w(p);
      if (component == Layout<dim>::hydrostatic_stress)
        return -b * w(p)
               - bulk_modulus * partial_molar_volume * mean_concentration;
      return displacement_scale
             * grad_w(p)[component - Layout<dim>::first_displacement];
    }

    Tensor<1, dim>
    gradient(const Point<dim> &p, const unsigned int component) const override
    {
      if (component == Layout<dim>::concentration)
        return c1 * grad_w(p);
      if (component == Layout<dim>::hydrostatic_stress)
        return -b * grad_w(p);
      const unsigned int i = component - Layout<dim>::first_displacement;
      Tensor<1, dim>     result;
      for (unsigned int j = 0; j < dim; ++j)
        result[j] = displacement_scale * hessian_w(p, i, j);
      return result;
    }

  private:
    static double
    w(const Point<dim> &p)
    {
      double result = 1;
      for (unsigned int d = 0; d < dim; ++d)
        result *= std::cos(numbers::PI * p[d]);
      return result;
    }

    static Tensor<1, dim>
    grad_w(const Point<dim> &p)
    {
      Tensor<1, dim> result;
      for (unsigned int i = 0; i < dim; ++i)
        {
          result[i] = -numbers::PI;
          for (unsigned int d = 0; d < dim; ++d)
            result[i] *= d == i ? std::sin(numbers::PI * p[d])
                                : std::cos(numbers::PI * p[d]);
        }
      return result;
    }

    static double
    hessian_w(const Point<dim> &p, const unsigned int i, const unsigned int j)
    {
      double result = numbers::PI * numbers::PI * (i == j ? -1 : 1);
      for (unsigned int d = 0; d < dim; ++d)
        result *= i != j && (d == i || d == j) ? std::sin(numbers::PI * p[d])
                                               : std::cos(numbers::PI * p[d]);
      return result;
    }

    const double c1, b;
  };

  /** The parameter-file text of one manufactured run. */
  template <int dim>
  std::string
  parameters(const unsigned int degree,
             const unsigned int refinement,
             const Amplitude   &amplitude,
             const double       end_time,
             const double       dt,
             const std::string &scheme)
  {
    const std::string d   = std::to_string(dim);
    const std::string w   = w_expression<dim>();
    const std::string c1  = "(" + amplitude.expression + ")";
    const std::string dc1 = "(" + amplitude.derivative + ")";
    const std::string c
      = "(" + number(mean_concentration) + "+" + c1 + "*" + w + ")";
    const std::string rt = number(gas_constant * temperature);
    const std::string b  = "(" + number(bulk_modulus) + "*("
                          + number(displacement_scale) + "*" + d + "*pi^2+"
                          + number(partial_molar_volume) + "*" + c1 + "))";
    const std::string force = "(" + number(displacement_scale) + "*"
                              + number(lame_lambda + 2 * shear_modulus) + "*"
                              + d + "*pi^2+" + number(bulk_modulus) + "*"
                              + number(partial_molar_volume) + "*" + c1 + ")";
    std::string grad_w_squared = "(0";
    std::string body_force;
    for (unsigned int i = 0; i < dim; ++i)
      {
        grad_w_squared += "+" + grad_w_expression<dim>(i) + "^2";
        body_force
          += (i == 0 ? "" : ";") + force + "*" + grad_w_expression<dim>(i);
      }
    grad_w_squared += ")";
    const std::string source
      = dc1 + "*" + w + "+" + number(diffusivity) + "*" + c1 + "*" + d
        + "*pi^2*" + w + "+" + number(diffusivity * partial_molar_volume) + "/"
        + rt + "*(-" + c1 + "*" + b + "*" + grad_w_squared + "+" + c + "*" + b
        + "*" + d + "*pi^2*" + w + ")";
    std::ostringstream time_step;
    time_step << dt;

    return "set Dimension = " + d + "\nset Finite element degree = "
           + std::to_string(degree) + "\nset Temperature = "
           + number(temperature)
           // One directory per run: ctest runs the tests concurrently.
           + "\nset Output directory = manufactured_coupled_" + d + "d_q"
           + std::to_string(degree) + "_r" + std::to_string(refinement) + "_dt"
           + time_step.str() + "_" + (scheme == "BDF2" ? "bdf2" : "be") + "_"
           + (&amplitude == &linear_amplitude ? "linear" : "exp")
           + "\nsubsection Geometry\n set Model = thin film\n"
             " set Global refinement = "
           + std::to_string(refinement)
           + "\n subsection Thin film\n  set Thickness = 1\n  set Width = 1\n"
             "  set Cells across thickness = 1\n end\nend\n"
             "subsection Materials\n subsection particle\n"
             "  set Diffusivity = "
           + number(diffusivity)
           + "\n  set Maximum concentration = 1\n  set Young modulus = "
           + number(youngs_modulus)
           + "\n  set Poisson ratio = " + number(poissons_ratio)
           + "\n  set Partial molar volume = " + number(partial_molar_volume)
           + "\n  set Reference concentration = 0\n end\nend\n"
             "subsection Mechanics\n set Enable = true\n"
             " set Stress-assisted diffusion = true\n"
             " set Coupling = monolithic\n"
             " set Symmetry boundaries = surface, bottom, sides\n"
             " set Clamped boundaries =\n"
             " set Remove rigid body modes = false\n"
             " set Body force = "
           + body_force
           + "\nend\n"
             "subsection Initial conditions\n set Initial state of charge = "
           + number(mean_concentration) + "+" + number(amplitude.value(0)) + "*"
           + w
           + "\nend\n"
             "subsection Boundary conditions\n set Flux boundaries =\n"
             " set Concentration boundaries = surface, bottom, sides\n"
             " set Surface state of charge = "
           + c
           + "\nend\n"
             "subsection Sources\n set Volumetric source = "
           + source
           + "\nend\n"
             "subsection Time stepping\n set End time = "
           + number(end_time) + "\n set Time step = " + number(dt)
           + "\n set Scheme = " + scheme
           + "\nend\n"
             "subsection Nonlinear solver\n set Relative tolerance = 1e-12\n"
             "end\n"
             "subsection Linear solver\n set Method = "
           + std::string(dim == 3 ? "iterative" : "direct")
           + "\nend\n"
             "subsection Output\n set Output interval = "
           + number(end_time) + "\nend\n";
  }

  /** L2 and H1-seminorm errors of one field. */
  struct Errors
  {
    double l2, h1;
  };

  /** The errors of c, u and s of one run at its end time. */
  struct FieldErrors
  {
    Errors c, u, s;
  };

  /** The errors of the components [first, last) of the solution. */
  template <int dim>
  Errors
  field_errors(const SimulatorContext<dim> &context,
               const Function<dim>         &exact,
               const unsigned int           first,
               const unsigned int           last)
  {
    const ComponentSelectFunction<dim> select(std::make_pair(first, last),
                                              dim + 2);
    return {test_support::solution_error(
              context, exact, VectorTools::L2_norm, &select),
            test_support::solution_error(
              context, exact, VectorTools::H1_seminorm, &select)};
  }

  template <int dim>
  FieldErrors
  solve(const unsigned int degree,
        const unsigned int refinement,
        const double       end_time,
        const double       dt)
  {
    test_support::Run<dim> run(parameters<dim>(
      degree, refinement, linear_amplitude, end_time, dt, "BDF2"));
    const auto             context = run.simulator->context();
    EXPECT_NEAR(context.time, end_time, 1e-12);
    const ExactSolution<dim> exact(linear_amplitude, end_time);
    using I        = Layout<dim>;
    const auto &in = context.introspection;
    EXPECT_EQ(in.first_component(in.field(transport::fields::concentration)),
              I::concentration);
    EXPECT_EQ(in.first_component(in.field(mechanics::fields::displacement)),
              I::first_displacement);
    EXPECT_EQ(in.first_component(
                in.field(mechanics::fields::hydrostatic_stress)),
              I::hydrostatic_stress);
    return {
      field_errors(context, exact, I::concentration, I::concentration + 1),
      field_errors(
        context, exact, I::first_displacement, I::first_displacement + dim),
      field_errors(
        context, exact, I::hydrostatic_stress, I::hydrostatic_stress + 1)};
  }

  template <int dim>
  void
  check_space_rates(const unsigned int degree,
                    const unsigned int first_refinement)
  {
    const FieldErrors coarse = solve<dim>(degree, first_refinement, 0.1, 0.05);
    const FieldErrors fine
      = solve<dim>(degree, first_refinement + 1, 0.1, 0.05);
    const auto report = [&](const std::string &name,
                            const Errors      &e_coarse,
                            const Errors      &e_fine) {
      const double l2_rate = std::log2(e_coarse.l2 / e_fine.l2);
      const double h1_rate = std::log2(e_coarse.h1 / e_fine.h1);
      std::cout << dim << "D Q" << degree << " r" << first_refinement << "->"
                << first_refinement + 1 << " " << name << ": L2 " << e_coarse.l2
                << " -> " << e_fine.l2 << " (rate " << l2_rate << "), H1 "
                << e_coarse.h1 << " -> " << e_fine.h1 << " (rate " << h1_rate
                << ")" << std::endl;
      return std::make_pair(l2_rate, h1_rate);
    };
    const auto [c_l2, c_h1] = report("c", coarse.c, fine.c);
    const auto [u_l2, u_h1] = report("u", coarse.u, fine.u);
    const auto [s_l2, s_h1] = report("s", coarse.s, fine.s);
    (void)s_h1;
    // The concentration sees the stress only through grad sigma_h in the
    // stress-assisted flux. With a displacement of the same degree k, the
    // projected stress is only O(h^{k-1}) in H1 and c loses one order for
    // k >= 2; hence the default displacement degree k + 1 with
    // stress-assisted diffusion (Mechanics/Displacement degree = auto),
    // with which c is optimal, u converges at k + 2 / k + 1 and the
    // projected stress at k + 1 in L2.
    EXPECT_NEAR(c_l2, degree + 1, 0.1) << "concentration, L2";
    EXPECT_NEAR(c_h1, degree, 0.1) << "concentration, H1 seminorm";
    // u and s are driven by c: their rates are at least those of a Q_k+1
    // displacement limited by the O(h^k+1) error of c (measured: Q1 2.0 /
    // 2.0, Q2 3.9 / 3.0 in 2D), and the projected stress at least k + 1/2
    // (measured 2.0 for Q1, 2.7-2.9 for Q2).
    EXPECT_GE(u_l2, degree + 1 - 0.1) << "displacement (Q_k+1), L2";
    EXPECT_GE(u_h1, degree + 1 - 0.1) << "displacement (Q_k+1), H1 seminorm";
    EXPECT_GE(s_l2, degree + 0.5) << "hydrostatic stress, L2";
  }

  TEST(CoupledManufactured, SpaceRates2dQ1)
  {
    check_space_rates<2>(1, 3);
  }

  TEST(CoupledManufactured, SpaceRates2dQ2)
  {
    check_space_rates<2>(2, 2);
  }

  TEST(CoupledManufactured, SpaceRates3dQ1)
  {
    check_space_rates<3>(1, 2);
  }

  TEST(CoupledManufactured, SpaceRates3dQ2)
  {
    check_space_rates<3>(2, 1);
  }

  /** The concentration at the quadrature points of the locally owned
   * cells, with the exact values and the weights. */
  struct Samples
  {
    std::vector<double> computed, exact, JxW;
  };

  template <int dim>
  Samples
  sample_concentration(const SimulatorContext<dim> &context,
                       const Function<dim>         &exact)
  {
    const QGauss<dim>   quadrature(context.introspection.fe().degree + 2);
    FEValues<dim>       fe_values(context.mapping,
                            context.introspection.fe(),
                            quadrature,
                            update_values | update_quadrature_points
                              | update_JxW_values);
    std::vector<double> values(quadrature.size());
    Samples             samples;
    for (const auto &cell : context.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          fe_values[context.introspection.scalar(context.introspection.field(
                      transport::fields::concentration))]
            .get_function_values(context.solution, values);
          for (const unsigned int q : fe_values.quadrature_point_indices())
            {
              samples.computed.push_back(values[q]);
              samples.exact.push_back(exact.value(fe_values.quadrature_point(q),
                                                  Layout<dim>::concentration));
              samples.JxW.push_back(fe_values.JxW(q));
            }
        }
    return samples;
  }

  /** The L2 distance of two sets of samples on the same points. */
  double
  l2_distance(const std::vector<double> &a,
              const std::vector<double> &b,
              const std::vector<double> &JxW)
  {
    double sum = 0;
    for (unsigned int q = 0; q < JxW.size(); ++q)
      sum += (a[q] - b[q]) * (a[q] - b[q]) * JxW[q];
    return std::sqrt(Utilities::MPI::sum(sum, MPI_COMM_WORLD));
  }

  TEST(CoupledManufactured, TimeOrderBdf2AndBackwardEuler)
  {
    constexpr unsigned int degree = 2, refinement = 3;
    constexpr double       end_time = 1.;
    const ExactSolution<2> exact(decaying_amplitude, end_time);
    for (const std::string scheme : {"backward Euler", "BDF2"})
      {
        const double         expected = scheme == "BDF2" ? 2. : 1.;
        std::vector<Samples> runs;
        for (const double dt : {0.05, 0.025, 0.0125})
          {
            test_support::Run<2> run(parameters<2>(
              degree, refinement, decaying_amplitude, end_time, dt, scheme));
            const auto           context = run.simulator->context();
            EXPECT_NEAR(context.time, end_time, 1e-12);
            runs.push_back(sample_concentration(context, exact));
          }
        const auto  &JxW = runs[0].JxW;
        const double coarse_change
          = l2_distance(runs[0].computed, runs[1].computed, JxW);
        const double fine_change
          = l2_distance(runs[1].computed, runs[2].computed, JxW);
        const double rate = std::log2(coarse_change / fine_change);
        std::cout << scheme << ": |c(dt) - c(dt/2)| " << coarse_change
                  << ", |c(dt/2) - c(dt/4)| " << fine_change << " (rate "
                  << rate << "); errors against the exact c";
        for (const Samples &run : runs)
          std::cout << " " << l2_distance(run.computed, run.exact, JxW);
        std::cout << std::endl;
        EXPECT_NEAR(rate, expected, scheme == "BDF2" ? 0.2 : 0.1) << scheme;
      }
  }
} // namespace

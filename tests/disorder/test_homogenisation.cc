// The homogenisation mode against exact results: Wiener bounds (exact for
// laminates in both directions), Backus's laminate stiffness, Dykhne's
// sqrt(k1 k2) for the 50/50 checkerboard, Hashin-Shtrikman bounds for
// random discs, Levin's exact swelling strain for uniform stiffness, the
// ordering periodic <= linear, and the same numbers on 1 and 2 ranks.

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>
#include <solver/ensemble.h>
#include <solver/homogenisation.h>
#include <solver/simulator.h>
#include <tests/common/run_case.h>

#include <cmath>
#include <filesystem>
#include <string>

namespace
{
  using namespace heterion;

  constexpr double k_m = 1e-14; // matrix diffusivity [m^2/s]
  constexpr double E_m = 1e10;  // matrix Young's modulus [Pa]
  constexpr double nu  = 0.25;

  /** The output directory of the running test: ctest runs the tests of
   * this file in parallel, and one directory takes one run at a time. */
  std::string
  test_directory()
  {
    return std::string("homogenisation_")
           + ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  /** A 1 um box of Q1 cells with the disorder text @p disorder. */
  std::string
  box_case(const unsigned int dim,
           const unsigned int refinements,
           const std::string &disorder,
           const std::string &extra = "")
  {
    return "set Dimension = " + std::to_string(dim)
           + "\nset Output directory = " + test_directory() + R"(
set Finite element degree = 1
subsection Output
  set Quiet = true
end
subsection Geometry
  set Model = box
  set Global refinement = )"
           + std::to_string(refinements) + R"(
  subsection Box
    set Size = 1e-6
    set Cells per direction = 4
  end
end
subsection Homogenisation
  set Enable = true
end
subsection Materials
  subsection particle
    set Diffusivity = 1e-14
    set Young modulus = 1e10
    set Poisson ratio = 0.25
    set Partial molar volume = 3e-6
    set Maximum concentration = 1e4
  end
end
subsection Disorder
)" + disorder
           + "\nend\n" + extra;
  }

  template <int dim>
  homogenisation::Result
  run(const std::string &text, const MPI_Comm comm = MPI_COMM_WORLD)
  {
    dealii::ParameterHandler prm;
    parse_parameters_from_string(prm, text);
    return homogenisation::run<dim>(prm, comm, false);
  }

  /** Layers normal to x: k_m and 10 k_m, E_m and 10 E_m, half each. */
  const std::string laminate = R"(
  set Fields = layer
  subsection layer
    set Model = function
    subsection Function
      set Expression = x < 0.5e-6 ? 1 : 10
    end
  end
  subsection Properties
    set Diffusivity = multiply layer
    set Young modulus = multiply layer
  end)";

  /**
   * The disorder text of one field `crystals` of random discs (volume
   * fraction @p fraction, radius @p radius [m], gap @p gap [m], value
   * @p inside in the discs and 1 outside) and the property chain
   * @p properties (e.g. "set Diffusivity = multiply crystals").
   */
  std::string
  discs(const std::string &fraction,
        const std::string &radius,
        const std::string &gap,
        const std::string &inside,
        const std::string &properties)
  {
    return R"(
  set Fields = crystals
  subsection crystals
    set Model = inclusions
    subsection Inclusions
      set Volume fraction = )"
           + fraction + "\n      set Radius = " + radius
           + "\n      set Minimum gap = " + gap
           + "\n      set Inside value = " + inside + R"(
      set Outside value = 1
    end
  end
  subsection Properties
)" + properties
           + "\n  end";
  }

  const std::string D_and_E = "    set Diffusivity = multiply crystals\n"
                              "    set Young modulus = multiply crystals";

  /** Lame constants of (E, nu). */
  void
  lame(const double E, double &lambda, double &mu)
  {
    lambda = E * nu / ((1 + nu) * (1 - 2 * nu));
    mu     = E / (2 * (1 + nu));
  }

  /**
   * Backus's exact stiffness of a 50/50 laminate normal to x of the
   * isotropic layers with Young's moduli @p E1, @p E2: C_xxxx, C_xxyy,
   * C_yyyy, C_yyzz, C_xyxy, C_yzyz.
   */
  std::array<double, 6>
  backus(const double E1, const double E2)
  {
    double l[2], m[2];
    lame(E1, l[0], m[0]);
    lame(E2, l[1], m[1]);
    const auto   mean = [&](const auto &f) { return (f(0) + f(1)) / 2; };
    const double M    = 1 / mean([&](int i) { return 1 / (l[i] + 2 * m[i]); });
    const double r    = mean([&](int i) { return l[i] / (l[i] + 2 * m[i]); });
    const double xxxx = M, xxyy = r * M;
    const double yyyy
      = mean([&](int i) {
          return l[i] + 2 * m[i] - l[i] * l[i] / (l[i] + 2 * m[i]);
        })
        + r * r * M;
    const double yyzz
      = mean([&](int i) { return l[i] - l[i] * l[i] / (l[i] + 2 * m[i]); })
        + r * r * M;
    const double xyxy = 1 / mean([&](int i) { return 1 / m[i]; });
    const double yzyz = mean([&](int i) { return m[i]; });
    return {{xxxx, xxyy, yyyy, yyzz, xyxy, yzyz}};
  }

  /** Hashin-Shtrikman bound of a two-phase conductor in @p dim dimensions
   * with reference phase (k1, 1 - phi) and the other (k2, phi). */
  double
  hashin_shtrikman(const unsigned int dim,
                   const double       k1,
                   const double       k2,
                   const double       phi)
  {
    return k1 + phi / (1 / (k2 - k1) + (1 - phi) / (dim * k1));
  }
} // namespace


TEST(Homogenisation, LaminateIsExactInBothDirections2D)
{
  const auto r = run<2>(box_case(2, 2, laminate));
  // Wiener: the harmonic mean across the layers, the arithmetic along.
  EXPECT_NEAR(r.transport(0, 0) / (k_m * 2 / 1.1), 1, 1e-10);
  EXPECT_NEAR(r.transport(1, 1) / (k_m * 5.5), 1, 1e-10);
  EXPECT_NEAR(r.transport(0, 1) / k_m, 0, 1e-10);
  EXPECT_NEAR(r.transport_harmonic_mean / (k_m * 2 / 1.1), 1, 1e-12);
  EXPECT_NEAR(r.transport_arithmetic_mean / (k_m * 5.5), 1, 1e-12);
  // Backus (plane strain: the in-plane components of the 3D result).
  const auto c = backus(E_m, 10 * E_m);
  EXPECT_NEAR(r.stiffness(0, 0) / c[0], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(0, 1) / c[1], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(1, 0) / c[1], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(1, 1) / c[2], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(2, 2) / c[4], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(0, 2) / c[0], 0, 1e-9);
  // Uniform Omega and nu: the free swelling is uniform, (1 + nu) Omega dc
  // / 3 in plane strain, at theta = 0.5 of c_max = 1e4.
  const double eps = 3e-6 * 0.5e4 / 3;
  EXPECT_NEAR(r.swelling_strain(0, 0) / ((1 + nu) * eps), 1, 1e-9);
  EXPECT_NEAR(r.swelling_strain(1, 1) / ((1 + nu) * eps), 1, 1e-9);
  EXPECT_NEAR(r.swelling_strain(0, 1) / eps, 0, 1e-9);
}


TEST(Homogenisation, LaminateIsExactInBothDirections3D)
{
  const auto r = run<3>(box_case(3, 0, laminate));
  EXPECT_NEAR(r.transport(0, 0) / (k_m * 2 / 1.1), 1, 1e-10);
  EXPECT_NEAR(r.transport(1, 1) / (k_m * 5.5), 1, 1e-10);
  EXPECT_NEAR(r.transport(2, 2) / (k_m * 5.5), 1, 1e-10);
  const auto c = backus(E_m, 10 * E_m);
  // Voigt order xx, yy, zz, yz, xz, xy.
  EXPECT_NEAR(r.stiffness(0, 0) / c[0], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(0, 1) / c[1], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(0, 2) / c[1], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(1, 1) / c[2], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(2, 2) / c[2], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(1, 2) / c[3], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(5, 5) / c[4], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(4, 4) / c[4], 1, 1e-9);
  EXPECT_NEAR(r.stiffness(3, 3) / c[5], 1, 1e-9);
  EXPECT_NEAR(r.swelling_strain(0, 0) / (3e-6 * 0.5e4 / 3), 1, 1e-9);
}


TEST(Homogenisation, CheckerboardConvergesToGeometricMean)
{
  // Dykhne: a 50/50 two-phase medium that is statistically isotropic and
  // invariant under exchanging the phases has k_eff = sqrt(k1 k2). The
  // corner singularities make the FE values converge slowly from above
  // (a conforming FE solution overestimates the energy); their
  // extrapolation (with the observed rate) must hit sqrt(10) k_m.
  const std::string checkerboard = R"(
  set Fields = cells
  subsection cells
    set Model = function
    subsection Function
      set Expression = (x < 0.5e-6) == (y < 0.5e-6) ? 1 : 10
    end
  end
  subsection Properties
    set Diffusivity = multiply cells
  end)";
  const std::string no_elasticity
    = "subsection Homogenisation\n set Elasticity = false\nend\n";
  double k[3];
  for (unsigned int i = 0; i < 3; ++i)
    {
      const auto r = run<2>(box_case(2, 3 + i, checkerboard, no_elasticity));
      k[i]         = r.transport(0, 0) / k_m;
      EXPECT_NEAR(r.transport(1, 1) / r.transport(0, 0), 1, 1e-10);
      EXPECT_NEAR(r.transport(0, 1) / k_m, 0, 1e-10);
    }
  const double exact = std::sqrt(10.);
  EXPECT_GT(k[0], k[1]);
  EXPECT_GT(k[1], k[2]);
  EXPECT_GT(k[2], exact);
  EXPECT_LT(k[2] / exact - 1, 0.02);
  const double ratio        = (k[0] - k[1]) / (k[1] - k[2]);
  const double extrapolated = k[2] - (k[1] - k[2]) / (ratio - 1);
  EXPECT_NEAR(extrapolated / exact, 1, 2e-3);

  // Linear boundary data give a larger (upper) estimate.
  const auto linear = run<2>(box_case(
    2,
    3,
    checkerboard,
    no_elasticity
      + "subsection Homogenisation\n set Boundary conditions = linear\nend\n"));
  EXPECT_GT(linear.transport(0, 0) / k_m, k[0]);
  EXPECT_LT(linear.transport(0, 0), linear.transport_arithmetic_mean);
}


TEST(Homogenisation, RandomDiscsLieInsideHashinShtrikmanBounds)
{
  // 10 % of discs (r = 50 nm) that conduct 10 times better than the
  // matrix (and are 10 times stiffer): the effective values lie between
  // the HS bounds and close to the lower one (the matrix-based bound is
  // exact for dilute, well-separated inclusions). phi is the fraction
  // that the quadrature sees (from the arithmetic mean).
  const auto hs_discs = [](const std::string &inside) {
    return discs("0.1", "5e-8", "1e-8", inside, D_and_E) + "\n  set Seed = 3";
  };
  const auto   r   = run<2>(box_case(2, 5, hs_discs("10")));
  const double phi = (r.transport_arithmetic_mean / k_m - 1) / 9;
  EXPECT_NEAR(phi, 0.1, 0.005);
  const double k     = r.transport_mean() / k_m;
  const double lower = hashin_shtrikman(2, 1, 10, phi);
  const double upper = hashin_shtrikman(2, 10, 1, 1 - phi);
  EXPECT_GT(k, lower);
  EXPECT_LT(k, upper);
  EXPECT_LT(k / lower - 1, 0.03);

  // The plane bulk modulus lambda + mu against its HS bounds (2D:
  // kappa_HS = kappa1 + phi2 / (1/(kappa2 - kappa1) + phi1/(kappa1 +
  // mu1))).
  double l, m;
  lame(E_m, l, m);
  const double kappa1 = l + m, mu1 = m, kappa2 = 10 * kappa1, mu2 = 10 * m;
  const double kappa_lower
    = kappa1 + phi / (1 / (kappa2 - kappa1) + (1 - phi) / (kappa1 + mu1));
  const double kappa_upper
    = kappa2 + (1 - phi) / (1 / (kappa1 - kappa2) + phi / (kappa2 + mu2));
  EXPECT_GT(r.bulk_modulus, kappa_lower);
  EXPECT_LT(r.bulk_modulus, kappa_upper);
  EXPECT_LT(r.bulk_modulus / kappa_lower - 1, 0.03);

  // Poorly conducting discs: close to the upper (matrix-based) bound.
  const auto   slow       = run<2>(box_case(2, 5, hs_discs("0.1")));
  const double phi_slow   = (1 - slow.transport_arithmetic_mean / k_m) / 0.9;
  const double k_slow     = slow.transport_mean() / k_m;
  const double slow_upper = hashin_shtrikman(2, 1, 0.1, phi_slow);
  const double slow_lower = hashin_shtrikman(2, 0.1, 1, 1 - phi_slow);
  EXPECT_GT(k_slow, slow_lower);
  EXPECT_LT(k_slow, slow_upper * (1 + 1e-3));
  EXPECT_GT(k_slow / slow_upper, 0.99);
}


TEST(Homogenisation, UniformStiffnessGivesTheMeanEigenstress)
{
  // Levin: with a uniform stiffness, <sigma> at zero macroscopic strain is
  // exactly the mean eigenstress -K <Omega> dc I, whatever Omega(x) is, and
  // the stress-free strain is that of <Omega>. The same field multiplies
  // D, so <D> / k_m is the mean of the field over the same quadrature.
  const std::string omega
    = discs("0.2",
            "1e-7",
            "0",
            "0.2",
            "    set Partial molar volume = multiply crystals\n"
            "    set Diffusivity = multiply crystals");
  const auto r = run<2>(box_case(2, 3, omega));
  double     l, m;
  lame(E_m, l, m);
  const double K          = l + 2 * m / 3;
  const double mean_field = r.transport_arithmetic_mean / k_m;
  EXPECT_NEAR(mean_field, 1 - 0.8 * 0.2, 0.01);
  const double dc = 0.5e4, mean_omega = 3e-6 * mean_field;
  EXPECT_NEAR(r.eigenstress(0, 0) / (-K * mean_omega * dc), 1, 1e-9);
  EXPECT_NEAR(r.eigenstress(1, 1) / (-K * mean_omega * dc), 1, 1e-9);
  EXPECT_NEAR(r.eigenstress(0, 1) / (K * mean_omega * dc), 0, 1e-9);
  EXPECT_NEAR(r.swelling_strain(0, 0) / ((1 + nu) * mean_omega * dc / 3),
              1,
              1e-9);
  // Uniform stiffness: C_eff is the material's.
  EXPECT_NEAR(r.shear_modulus / m, 1, 1e-9);
  EXPECT_NEAR(r.lambda / l, 1, 1e-9);
}


TEST(HomogenisationMpi, SameOnOneAndTwoRanks)
{
  const std::string crystals = discs("0.2", "1e-7", "0", "10", D_and_E);
  const auto        all      = run<2>(box_case(2, 3, crystals), MPI_COMM_WORLD);
  const auto        one      = run<2>(
    box_case(2,
             3,
             crystals,
             "set Output directory = homogenisation_output_rank_"
               + std::to_string(
                 dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD))
               + "\n"),
    MPI_COMM_SELF);
  for (unsigned int i = 0; i < 2; ++i)
    for (unsigned int j = 0; j < 2; ++j)
      EXPECT_NEAR(all.transport(i, j) / k_m, one.transport(i, j) / k_m, 1e-9);
  for (unsigned int a = 0; a < 3; ++a)
    for (unsigned int b = 0; b < 3; ++b)
      EXPECT_NEAR(all.stiffness(a, b) / E_m, one.stiffness(a, b) / E_m, 1e-8);
  EXPECT_NEAR(all.swelling_strain(0, 0) / one.swelling_strain(0, 0), 1, 1e-8);
}


TEST(Homogenisation, EnsembleWritesTheEffectiveProperties)
{
  // Three realisations of random discs: ensemble.csv has the effective
  // diffusivity of each seed, equal to the single run with that seed.
  const std::string crystals = discs(
    "0.2", "1e-7", "0", "10", "    set Diffusivity = multiply crystals");
  const std::string settings
    = "subsection Homogenisation\n set Elasticity = false\nend\n"
      "set Output directory = homogenisation_ensemble\n";
  dealii::ParameterHandler prm;
  parse_parameters_from_string(prm,
                               box_case(2, 2, crystals, settings)
                                 + "subsection Ensemble\n set Number of "
                                   "realisations = 3\nend\n"
                                   "subsection Disorder\n set Seed = 5\nend\n");
  ensemble::run(prm, MPI_COMM_WORLD);
  const auto csv
    = test_support::read_csv("homogenisation_ensemble/ensemble.csv");
  ASSERT_EQ(csv.at("effective_diffusivity").size(), 3u);
  const auto single = run<2>(box_case(2,
                                      2,
                                      crystals + "\n  set Seed = 6",
                                      settings
                                        + "set Output directory = "
                                          "homogenisation_single\n"));
  EXPECT_NEAR(csv.at("effective_diffusivity")[1] / single.transport_mean(),
              1,
              1e-10);
  EXPECT_NE(csv.at("effective_diffusivity")[0],
            csv.at("effective_diffusivity")[1]);
  EXPECT_EQ(csv.at("seed")[1], 6);
}

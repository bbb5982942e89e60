#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include "../common/disorder_fields.h"
#include <physics/disorder/inclusions.h>
#include <physics/disorder/interface.h>
#include <physics/disorder/random.h>
#include <solver/input_error.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace
{
  using namespace heterion;
  using namespace heterion::disorder;
  using dealii::Point;

  /** A context for the field `test` with the box [0, L]^dim. */
  template <int dim>
  FieldContext<dim>
  make_context(const double L, const std::uint64_t seed = 17)
  {
    FieldContext<dim> context;
    context.name    = "test";
    context.section = "Disorder/test";
    Point<dim> high;
    for (unsigned int d = 0; d < dim; ++d)
      high[d] = L;
    context.domain           = dealii::BoundingBox<dim>({Point<dim>(), high});
    context.seed             = seed;
    context.mpi_communicator = MPI_COMM_WORLD;
    return context;
  }

  using test_support::make_field;

  template <int dim>
  std::unique_ptr<Inclusions<dim>>
  make_inclusions(const std::string &entries, const FieldContext<dim> &context)
  {
    auto field  = make_field<dim>("inclusions", "Inclusions", entries, context);
    auto result = std::unique_ptr<Inclusions<dim>>(
      dynamic_cast<Inclusions<dim> *>(field.release()));
    EXPECT_TRUE(result);
    return result;
  }

  /** The message of the ExcInput thrown by @p f, or "" (and a failure). */
  template <typename F>
  std::string
  input_error(F &&f)
  {
    try
      {
        f();
      }
    catch (const ExcInput &exc)
      {
        return user_message(exc);
      }
    catch (const std::exception &exc)
      {
        ADD_FAILURE() << "not an ExcInput: " << exc.what();
        return "";
      }
    ADD_FAILURE() << "no exception";
    return "";
  }

  bool
  contains(const std::string &text, const std::string &part)
  {
    return text.find(part) != std::string::npos;
  }

  /** Nearest-image displacement in the periodic box of the field. */
  template <int dim>
  dealii::Tensor<1, dim>
  image_displacement(const Inclusions<dim> &f,
                     const Point<dim>      &p,
                     const Point<dim>      &c)
  {
    dealii::Tensor<1, dim> dx = p - c;
    if (f.is_periodic())
      for (unsigned int d = 0; d < dim; ++d)
        {
          const double L = f.box().side_length(d);
          dx[d] -= L * std::round(dx[d] / L);
        }
    return dx;
  }

  /** Smallest surface-to-surface distance over all pairs (O(N^2)). */
  template <int dim>
  double
  smallest_gap(const Inclusions<dim> &f)
  {
    double smallest = std::numeric_limits<double>::infinity();
    for (unsigned int i = 0; i < f.n_inclusions(); ++i)
      for (unsigned int j = i + 1; j < f.n_inclusions(); ++j)
        smallest
          = std::min(smallest,
                     image_displacement(f, f.center(i), f.center(j)).norm()
                       - f.radius(i) - f.radius(j));
    return smallest;
  }

  /** Whether @p p is in an inclusion, by looking at all of them. */
  template <int dim>
  bool
  brute_force_inside(const Inclusions<dim> &f, const Point<dim> &p)
  {
    for (unsigned int i = 0; i < f.n_inclusions(); ++i)
      if (image_displacement(f, p, f.center(i)).norm_square()
          < f.radius(i) * f.radius(i))
        return true;
    return false;
  }

  struct Case
  {
    int         dim;
    double      phi;
    std::string entries;
  };

  /**
   * For each case: the achieved fraction is within 2 % of the target, no
   * two inclusions (or periodic images) are closer than the gap, value()
   * agrees with a scan over all inclusions at 5000 random points (in a
   * shifted periodic cell, so points outside the box are used), and the
   * fraction of 10^5 such points that are inside agrees with the achieved
   * fraction within 4 standard errors.
   */
  template <int dim>
  void
  check_case(const Case &c)
  {
    const double L     = 1e-6;
    const auto   start = std::chrono::steady_clock::now();
    const auto   f     = make_inclusions<dim>(c.entries, make_context<dim>(L));
    const double seconds
      = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
    const double achieved = f->achieved_volume_fraction();
    std::cout << "  " << dim << "D phi " << c.phi << " [" << c.entries
              << "]: " << f->summary() << " (placed in " << seconds << " s)"
              << std::endl;
    EXPECT_NEAR(achieved, c.phi, 0.02 * c.phi);
    EXPECT_GT(f->n_inclusions(), 100u);

    // The fraction from the list itself.
    double volume = 0;
    for (unsigned int i = 0; i < f->n_inclusions(); ++i)
      volume += dim == 3 ? 4. / 3 * M_PI * std::pow(f->radius(i), 3)
                         : M_PI * std::pow(f->radius(i), 2);
    EXPECT_NEAR(volume / std::pow(L, dim), achieved, 1e-12);

    const double gap
      = contains(c.entries, "Minimum gap")
          ? std::stod(c.entries.substr(c.entries.find("Minimum gap") + 14))
          : 0.;
    const double min_gap = smallest_gap(*f);
    EXPECT_GE(min_gap, gap * (1 - 1e-9));

    Random             random(4242);
    const unsigned int n_points = 100000, n_exact = 5000;
    unsigned int       n_inside = 0, n_mismatch = 0;
    for (unsigned int k = 0; k < n_points; ++k)
      {
        Point<dim> p;
        for (unsigned int d = 0; d < dim; ++d)
          p[d] = random.uniform(-0.37 * L, 0.63 * L);
        const double v = f->value(p, 0);
        ASSERT_TRUE(v == 1 || v == 0) << v;
        n_inside += (v == 1);
        if (k < n_exact && (v == 1) != brute_force_inside(*f, p))
          ++n_mismatch;
      }
    EXPECT_EQ(n_mismatch, 0u);
    const double fraction = double(n_inside) / n_points;
    const double sigma    = std::sqrt(achieved * (1 - achieved) / n_points);
    std::cout << "    point fraction " << fraction << " vs " << achieved
              << " (4 sigma = " << 4 * sigma << "), min gap " << min_gap
              << " (>= " << gap << ")" << std::endl;
    EXPECT_NEAR(fraction, achieved, 4 * sigma);
  }

  TEST(InclusionsPlacement, VolumeFractionNoOverlapAndValue3D)
  {
    for (const Case &c :
         {Case{3, 0.1, "set Volume fraction = 0.1\nset Radius = 3e-8"},
          Case{3,
               0.1,
               "set Volume fraction = 0.1\nset Radius = 3e-8\n"
               "set Minimum gap = 5e-9"},
          Case{3, 0.3, "set Volume fraction = 0.3\nset Radius = 3e-8"},
          Case{3,
               0.1,
               "set Volume fraction = 0.1\nset Radius distribution = "
               "lognormal\nset Radius = 3e-8\nset Log standard deviation = "
               "0.3"},
          Case{3,
               0.3,
               "set Volume fraction = 0.3\nset Radius distribution = "
               "lognormal\nset Radius = 3e-8\nset Log standard deviation = "
               "0.3"}})
      check_case<3>(c);
  }

  TEST(InclusionsPlacement, VolumeFractionNoOverlapAndValue2D)
  {
    for (const Case &c :
         {Case{2, 0.4, "set Volume fraction = 0.4\nset Radius = 1e-8"},
          Case{2,
               0.4,
               "set Volume fraction = 0.4\nset Radius distribution = "
               "lognormal\nset Radius = 1e-8\nset Log standard deviation = "
               "0.3"}})
      check_case<2>(c);
  }

  // A point of an inclusion that sticks out of the box, and its periodic
  // copy inside the box on the other side, both see the inclusion.
  TEST(InclusionsPlacement, PeriodicImagesAcrossBoxFaces)
  {
    const double L = 1e-6;
    const auto   f
      = make_inclusions<3>("set Volume fraction = 0.2\nset Radius = 4e-8\n"
                           "set Box = 0,0,0,1e-6,1e-6,1e-6",
                           make_context<3>(L));
    unsigned int n_checked = 0;
    for (unsigned int i = 0; i < f->n_inclusions(); ++i)
      for (unsigned int d = 0; d < 3; ++d)
        for (const int side : {-1, 1})
          {
            const Point<3> &c = f->center(i);
            const double    r = f->radius(i);
            if ((side < 0 && c[d] - r >= 0) || (side > 0 && c[d] + r <= L))
              continue;
            Point<3> p = c;
            p[d] += side * 0.95 * r; // near or across the face
            Point<3> q = p;
            q[d] -= side * L; // its copy on the other side
            EXPECT_EQ(f->value(p, 0), 1.);
            EXPECT_EQ(f->value(q, 0), 1.);
            // Far copies too.
            q[d] -= 3 * side * L;
            EXPECT_EQ(f->value(q, 0), 1.);
            ++n_checked;
          }
    std::cout << "  " << n_checked << " face-crossing points checked"
              << std::endl;
    EXPECT_GT(n_checked, 50u);
  }

  TEST(InclusionsPlacement, RadiusDistributions)
  {
    // Uniform on [1e-8, 3e-8]: bounds, mean (a+b)/2 within 4 standard
    // errors (b-a)/sqrt(12 N).
    {
      const double a = 1e-8, b = 3e-8;
      const auto   f = make_inclusions<3>(
        "set Volume fraction = 0.2\nset Radius distribution = uniform\n"
          "set Minimum radius = 1e-8\nset Maximum radius = 3e-8",
        make_context<3>(1e-6));
      const unsigned int n    = f->n_inclusions();
      double             mean = 0, lo = 1, hi = 0;
      for (unsigned int i = 0; i < n; ++i)
        {
          mean += f->radius(i) / n;
          lo = std::min(lo, f->radius(i));
          hi = std::max(hi, f->radius(i));
        }
      const double se = (b - a) / std::sqrt(12. * n);
      std::cout << "  uniform: N " << n << ", mean " << mean << " vs "
                << (a + b) / 2 << " (4 se " << 4 * se << "), range [" << lo
                << ", " << hi << "]" << std::endl;
      EXPECT_GE(lo, a);
      EXPECT_LE(hi, b);
      EXPECT_NEAR(mean, (a + b) / 2, 4 * se);
      // The extremes of N uniform draws are within ~10 (b-a)/N of the bounds.
      EXPECT_LT(lo, a + 10 * (b - a) / n);
      EXPECT_GT(hi, b - 10 * (b - a) / n);
    }
    // Lognormal, median 2e-8, sigma 0.3: mean of ln r within 4 sigma/sqrt(N)
    // of ln(median), standard deviation of ln r within 4 sigma/sqrt(2N).
    {
      const double median = 2e-8, sigma = 0.3;
      const auto   f = make_inclusions<3>(
        "set Volume fraction = 0.2\nset Radius distribution = lognormal\n"
          "set Radius = 2e-8\nset Log standard deviation = 0.3",
        make_context<3>(1e-6));
      const unsigned int n  = f->n_inclusions();
      double             m1 = 0, m2 = 0;
      for (unsigned int i = 0; i < n; ++i)
        {
          const double l = std::log(f->radius(i));
          m1 += l / n;
          m2 += l * l / n;
        }
      const double sd = std::sqrt(m2 - m1 * m1);
      std::cout << "  lognormal: N " << n << ", median " << std::exp(m1)
                << " vs " << median << ", log sd " << sd << " vs " << sigma
                << " (4 se " << 4 * sigma / std::sqrt(n) << ", "
                << 4 * sigma / std::sqrt(2. * n) << ")" << std::endl;
      EXPECT_NEAR(m1, std::log(median), 4 * sigma / std::sqrt(n));
      EXPECT_NEAR(sd, sigma, 4 * sigma / std::sqrt(2. * n));
    }
    // Truncated lognormal: every radius within the bounds, both reached.
    {
      const auto f = make_inclusions<3>(
        "set Volume fraction = 0.2\nset Radius distribution = lognormal\n"
        "set Radius = 2e-8\nset Log standard deviation = 0.5\n"
        "set Minimum radius = 1.5e-8\nset Maximum radius = 2.5e-8",
        make_context<3>(1e-6));
      double lo = 1, hi = 0;
      for (unsigned int i = 0; i < f->n_inclusions(); ++i)
        {
          lo = std::min(lo, f->radius(i));
          hi = std::max(hi, f->radius(i));
        }
      EXPECT_GE(lo, 1.5e-8);
      EXPECT_LE(hi, 2.5e-8);
      EXPECT_LT(lo, 1.51e-8);
      EXPECT_GT(hi, 2.49e-8);
    }
  }

  TEST(InclusionsPlacement, SameSeedSameSetOtherSeedOtherSet)
  {
    const std::string entries = "set Volume fraction = 0.1\nset Radius = 4e-8";
    const auto        a = make_inclusions<3>(entries, make_context<3>(1e-6, 5));
    const auto        b = make_inclusions<3>(entries, make_context<3>(1e-6, 5));
    const auto c = make_inclusions<3>(entries, make_context<3>(1e-6, 99));
    const auto d = make_inclusions<3>(entries + "\nset Seed offset = 1",
                                      make_context<3>(1e-6, 5));
    ASSERT_EQ(a->n_inclusions(), b->n_inclusions());
    for (unsigned int i = 0; i < a->n_inclusions(); ++i)
      {
        EXPECT_EQ(a->center(i), b->center(i));
        EXPECT_EQ(a->radius(i), b->radius(i));
      }
    // Another seed or offset: the first centres differ.
    EXPECT_GT(a->center(0).distance(c->center(0)), 1e-9);
    EXPECT_GT(a->center(0).distance(d->center(0)), 1e-9);
    EXPECT_GT(c->center(0).distance(d->center(0)), 1e-9);
    // And so do the fields at many points.
    Random       random(1);
    unsigned int n_differ = 0;
    for (unsigned int k = 0; k < 1000; ++k)
      {
        const Point<3> p(random.uniform(0, 1e-6),
                         random.uniform(0, 1e-6),
                         random.uniform(0, 1e-6));
        EXPECT_EQ(a->value(p, 0), b->value(p, 0));
        n_differ += a->value(p, 0) != c->value(p, 0);
      }
    EXPECT_GT(n_differ, 50u);
  }

  /** A file name unique to this process (ranks write their own copy; only
   * rank 0's is read). */
  std::string
  temp_file(const std::string &tag)
  {
    return "heterion_inclusions_" + tag + "_" + std::to_string(getpid())
           + ".txt";
  }

  TEST(InclusionsFile, ReadsFileWithCommentsAndValues)
  {
    const std::string name = temp_file("good");
    {
      std::ofstream out(name);
      out << "# x y z r [m]\n"
          << "1e-7 2e-7 3e-7 5e-8   # first\n"
          << "\n"
          << "   4e-7 4e-7 4e-7 1e-8\n"
          << "-1e-7 0 0 2e-8\n";
    }
    const auto f
      = make_inclusions<3>("set Source = file\nset File name = " + name
                             + "\nset Inside value = 7\n"
                               "set Outside value = -2\n"
                               "set Box = 0,0,0,1e-6,1e-6,1e-6",
                           make_context<3>(1e-6));
    std::remove(name.c_str());
    ASSERT_EQ(f->n_inclusions(), 3u);
    EXPECT_EQ(f->center(0), Point<3>(1e-7, 2e-7, 3e-7));
    EXPECT_EQ(f->radius(0), 5e-8);
    EXPECT_EQ(f->center(2), Point<3>(-1e-7, 0, 0));
    EXPECT_EQ(f->radius(2), 2e-8);
    const double volume
      = 4. / 3 * M_PI
        * (std::pow(5e-8, 3) + std::pow(1e-8, 3) + std::pow(2e-8, 3));
    EXPECT_NEAR(f->achieved_volume_fraction(), volume / 1e-18, 1e-15);
    EXPECT_EQ(f->value(Point<3>(1e-7, 2e-7, 3e-7 + 4.9e-8), 0), 7.);
    EXPECT_EQ(f->value(Point<3>(1e-7, 2e-7, 3e-7 + 5.1e-8), 0), -2.);
    EXPECT_EQ(f->value(Point<3>(4e-7 + 0.9e-8, 4e-7, 4e-7), 0), 7.);
    EXPECT_EQ(f->value(Point<3>(-1e-7, -1.9e-8, 0), 0), 7.);
    // No periodic wrapping for a file: the copy one box away is outside.
    EXPECT_EQ(f->value(Point<3>(1e-7 + 1e-6, 2e-7, 3e-7), 0), -2.);
    EXPECT_EQ(f->value(Point<3>(5e-6, 5e-6, 5e-6), 0), -2.);
    EXPECT_TRUE(contains(f->summary(), "3 inclusions")) << f->summary();

    // 2D: `x y r`.
    const std::string name2 = temp_file("good2d");
    {
      std::ofstream out(name2);
      out << "0 0 1e-8\n3e-8 0 1e-8\n";
    }
    const auto g
      = make_inclusions<2>("set Source = file\nset File name = " + name2,
                           make_context<2>(1e-6));
    std::remove(name2.c_str());
    ASSERT_EQ(g->n_inclusions(), 2u);
    EXPECT_EQ(g->value(Point<2>(3e-8, 0.5e-8), 0), 1.);
    EXPECT_EQ(g->value(Point<2>(1.5e-8, 0), 0), 0.);
  }

  TEST(InclusionsFile, MalformedFileNamesTheLine)
  {
    const std::vector<std::pair<std::string, std::string>> bad
      = {{"1e-7 2e-7 3e-7 5e-8\n# comment\n1e-7 2e-7 x 5e-8\n",
          "line 3: 'x' is not a number"},
         {"1e-7 2e-7 3e-7 5e-8\n1e-7 2e-7 5e-8\n",
          "line 2: expected 4 numbers"},
         {"\n\n\n1e-7 2e-7 3e-7 0\n", "line 4: the radius 0 must be > 0"},
         {"1e-7 2e-7 3e-7 -1e-8\n", "line 1: the radius -1e-08 must be > 0"},
         {"# nothing\n", "contains no inclusions"}};
    for (const auto &[text, expected] : bad)
      {
        const std::string name = temp_file("bad");
        {
          std::ofstream out(name);
          out << text;
        }
        const std::string message = input_error([&]() {
          make_inclusions<3>("set Source = file\nset File name = " + name,
                             make_context<3>(1e-6));
        });
        std::remove(name.c_str());
        EXPECT_TRUE(contains(message, "Disorder/test/Inclusions/File name"))
          << message;
        EXPECT_TRUE(contains(message, expected)) << message;
      }
    const std::string message = input_error([&]() {
      make_inclusions<3>(
        "set Source = file\nset File name = /nonexistent/inclusions.txt",
        make_context<3>(1e-6));
    });
    EXPECT_TRUE(contains(message, "cannot be opened")) << message;
  }

  TEST(InclusionsInput, VolumeFractionAboveTheJammingLimit)
  {
    std::string message = input_error([]() {
      make_inclusions<3>("set Volume fraction = 0.4", make_context<3>(1e-6));
    });
    EXPECT_TRUE(contains(message, "Disorder/test/Inclusions/Volume fraction"))
      << message;
    EXPECT_TRUE(contains(message, "0.38")) << message;
    message = input_error([]() {
      make_inclusions<2>("set Volume fraction = 0.55", make_context<2>(1e-6));
    });
    EXPECT_TRUE(contains(message, "Disorder/test/Inclusions/Volume fraction"))
      << message;
    EXPECT_TRUE(contains(message, "0.547")) << message;
    message = input_error([]() {
      make_inclusions<3>("set Volume fraction = 0", make_context<3>(1e-6));
    });
    EXPECT_TRUE(contains(message, "Volume fraction = 0 ")) << message;
  }

  // Below the limit but with a gap as large as the radius the effective
  // fraction is 8 times larger: placement must fail and say how far it got.
  TEST(InclusionsInput, UnreachableFractionIsReported)
  {
    const std::string message = input_error([]() {
      make_inclusions<3>("set Volume fraction = 0.2\nset Radius = 5e-8\n"
                         "set Minimum gap = 5e-8",
                         make_context<3>(1e-6));
    });
    EXPECT_TRUE(contains(message,
                         "Disorder/test/Inclusions/Volume fraction = 0.2 "
                         "could not be reached"))
      << message;
    EXPECT_TRUE(contains(message, "(volume fraction 0.")) << message;
    EXPECT_TRUE(contains(message, "too dense")) << message;
  }

  TEST(InclusionsInput, OtherBadEntries)
  {
    const std::vector<std::pair<std::string, std::string>> bad = {
      {"set Radius = 0", "Inclusions/Radius = 0 must be > 0"},
      {"set Minimum gap = -1e-9", "Inclusions/Minimum gap"},
      {"set Radius distribution = uniform\nset Minimum radius = 2e-8\n"
       "set Maximum radius = 1e-8",
       "Inclusions/Maximum radius"},
      {"set Radius distribution = uniform", "Inclusions/Minimum radius"},
      {"set Radius distribution = lognormal\nset Log standard deviation = -1",
       "Inclusions/Log standard deviation"},
      {"set Box = 0,0,1e-6,1e-6", "Inclusions/Box"},
      {"set Box = 0,0,0,1e-6,-1e-6,1e-6", "Inclusions/Box"},
      {"set Radius = 6e-7", "Inclusions/Box"},
      {"set Source = file", "Inclusions/File name"}};
    for (const auto &[entries, expected] : bad)
      {
        const std::string message = input_error(
          [&]() { make_inclusions<3>(entries, make_context<3>(1e-6)); });
        EXPECT_TRUE(contains(message, "Disorder/test/" + expected))
          << entries << ": " << message;
      }
  }

  /**
   * Dense placement: about 1e4 inclusions of radius 17 nm at a volume
   * fraction of 0.2 in a 1 um box. The number placed carries the target
   * fraction (n 4/3 pi r^3 / L^3 = 0.2 within 2 %, periodic images
   * counted once), and value() sampled at 1e5 uniform points finds the
   * same fraction within 4 standard errors (0.005). Timing: see
   * tests/benchmarks/inclusions_cost.cc.
   */
  TEST(Inclusions, DensePlacementReachesVolumeFraction)
  {
    const double L = 1e-6, radius = 1.7e-8, fraction = 0.2;
    const auto   f
      = make_inclusions<3>("set Volume fraction = 0.2\nset Radius = 1.7e-8",
                           make_context<3>(L));
    const double placed_fraction = f->n_inclusions() * 4. / 3. * M_PI
                                   * std::pow(radius, 3) / std::pow(L, 3);
    EXPECT_NEAR(placed_fraction, fraction, 0.02 * fraction)
      << f->n_inclusions() << " inclusions";
    Random             random(3);
    const unsigned int n_samples = 100000;
    unsigned int       n_inside  = 0;
    for (unsigned int k = 0; k < n_samples; ++k)
      {
        const Point<3> p(random.uniform(0, L),
                         random.uniform(0, L),
                         random.uniform(0, L));
        n_inside += f->value(p, 0) == 1;
      }
    EXPECT_NEAR(static_cast<double>(n_inside) / n_samples, fraction, 0.005);
  }

  // ---------------------------------------------------------------------
  // Radial layers

  const std::string layered = "set Radii = 1e-7, 2e-7, 3e-7\n"
                              "set Values = 5, 3, 2, 7\n";

  /** A unit vector perpendicular to @p a. */
  dealii::Tensor<1, 3>
  perpendicular(const dealii::Tensor<1, 3> &a, Random &random)
  {
    dealii::Tensor<1, 3> u;
    for (unsigned int d = 0; d < 3; ++d)
      u[d] = random.normal();
    u -= (u * a) * a;
    return u / u.norm();
  }

  TEST(RadialLayers, SharpSphericalLayersOffCentre)
  {
    const auto     f = make_field<3>("radial layers",
                                 "Radial layers",
                                 layered + "set Center = 1e-7, -2e-7, 3e-7",
                                 make_context<3>(1e-6));
    const Point<3> c(1e-7, -2e-7, 3e-7);
    Random         random(9);
    const double   radius[] = {
        0, 0.5e-7, 0.999e-7, 1.001e-7, 1.5e-7, 2.5e-7, 2.999e-7, 3.001e-7, 1e-5};
    const double value[] = {5, 5, 5, 3, 3, 2, 2, 7, 7};
    for (unsigned int k = 0; k < 9; ++k)
      for (unsigned int n = 0; n < 20; ++n)
        {
          dealii::Tensor<1, 3> u;
          for (unsigned int d = 0; d < 3; ++d)
            u[d] = random.normal();
          EXPECT_EQ(f->value(c + radius[k] * u / u.norm(), 0), value[k])
            << "r = " << radius[k];
        }
  }

  TEST(RadialLayers, SharpCylindricalLayersTiltedAxis)
  {
    const auto                 f = make_field<3>("radial layers",
                                 "Radial layers",
                                 layered
                                   + "set Geometry = cylindrical\n"
                                                     "set Center = 1e-7, -2e-7, 3e-7\n"
                                                     "set Axis direction = 1, 2, 2",
                                 make_context<3>(1e-6));
    const Point<3>             c(1e-7, -2e-7, 3e-7);
    const dealii::Tensor<1, 3> a = Point<3>(1. / 3, 2. / 3, 2. / 3);
    Random                     random(10);
    const double               radius[] = {
                    0, 0.5e-7, 0.999e-7, 1.001e-7, 1.5e-7, 2.5e-7, 2.999e-7, 3.001e-7, 1e-5};
    const double value[] = {5, 5, 5, 3, 3, 2, 2, 7, 7};
    for (unsigned int k = 0; k < 9; ++k)
      for (unsigned int n = 0; n < 20; ++n)
        {
          const double   t = random.uniform(-1e-5, 1e-5); // along the axis
          const Point<3> p = c + t * a + radius[k] * perpendicular(a, random);
          EXPECT_EQ(f->value(p, 0), value[k]) << "rho = " << radius[k];
        }
    // The same point along the axis but far away is still in the core;
    // a spherical profile would give the outer value there.
    EXPECT_EQ(f->value(c + 1e-4 * a, 0), 5.);
  }

  TEST(RadialLayers, TwoDimensional)
  {
    // Cylindrical with the default axis (z) is the distance from the centre.
    const auto f = make_field<2>("radial layers",
                                 "Radial layers",
                                 layered
                                   + "set Geometry = cylindrical\n"
                                     "set Center = 1e-7, 1e-7",
                                 make_context<2>(1e-6));
    EXPECT_EQ(f->value(Point<2>(1e-7, 1e-7), 0), 5.);
    EXPECT_EQ(f->value(Point<2>(1e-7 + 1.5e-7, 1e-7), 0), 3.);
    EXPECT_EQ(f->value(Point<2>(1e-7, 1e-7 - 2.5e-7), 0), 2.);
    // An axis along x: bands |y - 1e-7|.
    const auto g = make_field<2>("radial layers",
                                 "Radial layers",
                                 layered
                                   + "set Geometry = cylindrical\n"
                                     "set Center = 1e-7, 1e-7\n"
                                     "set Axis direction = 1, 0, 0",
                                 make_context<2>(1e-6));
    EXPECT_EQ(g->value(Point<2>(5e-6, 1e-7 + 1.5e-7), 0), 3.);
    EXPECT_EQ(g->value(Point<2>(-5e-6, 1e-7 - 2.5e-7), 0), 2.);
  }

  TEST(RadialLayers, TanhProfile)
  {
    const double w   = 1e-9; // so the other steps are 0 or 1 to round-off
    const auto   f   = make_field<3>("radial layers",
                                 "Radial layers",
                                 layered + "set Transition width = 1e-9",
                                 make_context<3>(1e-6));
    const double r[] = {1e-7, 2e-7, 3e-7}, v[] = {5, 3, 2, 7};
    for (unsigned int i = 0; i < 3; ++i)
      {
        EXPECT_NEAR(f->value(Point<3>(0, r[i], 0), 0),
                    0.5 * (v[i] + v[i + 1]),
                    1e-12);
        for (const int s : {-1, 1})
          EXPECT_NEAR(f->value(Point<3>(0, 0, r[i] + s * w), 0),
                      v[i] + (v[i + 1] - v[i]) * 0.5 * (1 + std::tanh(s * 1.)),
                      1e-12);
      }
    // A wide transition, where the steps overlap: the full sum.
    const double W = 4e-8;
    const auto   g = make_field<3>("radial layers",
                                 "Radial layers",
                                 layered + "set Transition width = 4e-8",
                                 make_context<3>(1e-6));
    for (const double x : {0., 0.3e-7, 1e-7, 1.7e-7, 2e-7, 2.6e-7, 5e-7})
      {
        double expected = v[0];
        for (unsigned int i = 0; i < 3; ++i)
          expected += (v[i + 1] - v[i]) * 0.5 * (1 + std::tanh((x - r[i]) / W));
        EXPECT_NEAR(g->value(Point<3>(x, 0, 0), 0), expected, 1e-12);
      }
  }

  TEST(RadialLayers, BadInputNamesTheEntry)
  {
    const std::vector<std::pair<std::string, std::string>> bad
      = {{"set Radii = 2e-7, 1e-7\nset Values = 1,2,3", "Radii"},
         {"set Radii = 1e-7, 1e-7\nset Values = 1,2,3", "Radii"},
         {"set Radii = 0, 1e-7\nset Values = 1,2,3", "Radii"},
         {"set Radii = -1e-7\nset Values = 1,2", "Radii"},
         {"set Radii = 1e-7, abc\nset Values = 1,2,3", "Radii"},
         {"set Radii = 1e-7, 2e-7\nset Values = 1,2", "Values"},
         {"set Radii = 1e-7\nset Values = 1,2,3", "Values"},
         {"set Transition width = -1e-9", "Transition width"},
         {"set Geometry = cylindrical\nset Axis direction = 0,0,0",
          "Axis direction"},
         {"set Center = 1e-7, 2e-7", "Center"}};
    for (const auto &[entries, entry] : bad)
      {
        const std::string message = input_error([&]() {
          make_field<3>("radial layers",
                        "Radial layers",
                        entries,
                        make_context<3>(1e-6));
        });
        EXPECT_TRUE(contains(message, "Disorder/test/Radial layers/" + entry))
          << entries << ": " << message;
      }
  }
} // namespace

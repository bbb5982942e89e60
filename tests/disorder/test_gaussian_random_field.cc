#include <deal.II/base/parameter_handler.h>

#include <physics/disorder/gaussian_random_field.h>
#include <physics/disorder/interface.h>
#include <physics/disorder/random.h>
#include <solver/input_error.h>

#include <gtest/gtest.h>

#include "../common/disorder_fields.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

using namespace heterion;
using namespace heterion::disorder;
using dealii::Point;

namespace
{
  using test_support::make_field;

  template <int dim>
  FieldContext<dim>
  make_context(const std::uint64_t seed, const double lo, const double hi)
  {
    FieldContext<dim> context;
    context.name    = "test";
    context.section = "Disorder/test";
    Point<dim> a, b;
    for (int d = 0; d < dim; ++d)
      {
        a[d] = lo;
        b[d] = hi;
      }
    context.domain = dealii::BoundingBox<dim>(std::make_pair(a, b));
    context.seed   = seed;
    return context;
  }

  /** A Gaussian random field with @p settings, initialized with @p seed. */
  template <int dim>
  std::unique_ptr<Field<dim>>
  make_grf(const std::string &settings, const std::uint64_t seed)
  {
    auto field = make_field<dim>("gaussian random field",
                                 "Gaussian random field",
                                 settings);
    field->initialize(make_context<dim>(seed, 0, 1));
    return field;
  }

  template <int dim>
  const GaussianRandomField<dim> &
  as_grf(const std::unique_ptr<Field<dim>> &field)
  {
    return dynamic_cast<const GaussianRandomField<dim> &>(*field);
  }

  /** A point uniform in [0, size)^dim. */
  template <int dim>
  Point<dim>
  random_point(Random &random, const double size)
  {
    Point<dim> p;
    for (int d = 0; d < dim; ++d)
      p[d] = random.uniform(0, size);
    return p;
  }

  /** The mean and the standard error of the mean of @p values. */
  std::pair<double, double>
  mean_and_error(const std::vector<double> &values)
  {
    double sum = 0, sum2 = 0;
    for (const double v : values)
      sum += v;
    const double mean = sum / values.size();
    for (const double v : values)
      sum2 += (v - mean) * (v - mean);
    return {mean, std::sqrt(sum2 / (values.size() - 1) / values.size())};
  }

  /** The message of the ExcInput thrown by @p f, or "" if none is thrown. */
  template <typename F>
  std::string
  input_error(const F &f)
  {
    try
      {
        f();
      }
    catch (const ExcInput &exc)
      {
        return user_message(exc);
      }
    return "";
  }
} // namespace

TEST(GaussianRandomField, SameSeedSameValuesDifferentSeedDifferent)
{
  const std::string settings = "set Correlation length = 2e-8";
  const auto a = make_grf<3>(settings, 17), b = make_grf<3>(settings, 17),
             c = make_grf<3>(settings, 18);
  // Seed 17 with offset 1 is seed 18.
  const auto d = make_grf<3>(settings + "\nset Seed offset = 1", 17);
  Random     random(5);
  for (unsigned int i = 0; i < 20; ++i)
    {
      const Point<3> p = random_point<3>(random, 1e-7);
      EXPECT_EQ(a->value(p, 0), b->value(p, 0));
      EXPECT_EQ(c->value(p, 0), d->value(p, 0));
      // Independent N(0, 1) values: equal to 1e-9 with probability ~1e-9.
      EXPECT_GT(std::abs(a->value(p, 0) - c->value(p, 0)), 1e-9);
    }
}

TEST(GaussianRandomField, TwoDimensionalEqualsThreeDimensionalAtZEqualsZero)
{
  for (const std::string covariance : {"gaussian", "exponential", "matern"})
    {
      const std::string settings
        = "set Covariance = " + covariance + "\nset Smoothness = 2.5\n";
      const auto f2
        = make_grf<2>(settings + "set Correlation length = 3e-8, 1e-8", 99);
      const auto f3
        = make_grf<3>(settings + "set Correlation length = 3e-8, 1e-8, 5e-8",
                      99);
      Random random(6);
      for (unsigned int i = 0; i < 20; ++i)
        {
          const Point<2> p = random_point<2>(random, 1e-7);
          // Equal up to rounding: k_z * 0 adds an exact zero.
          EXPECT_DOUBLE_EQ(f2->value(p, 0),
                           f3->value(Point<3>(p[0], p[1], 0), 0))
            << covariance;
        }
    }
}

TEST(GaussianRandomField, CovarianceFunction)
{
  // Exact identities: Matérn 1/2 is exponential, Matérn 3/2 and 5/2 have
  // closed forms, and Matérn tends to the Gaussian as nu -> infinity.
  for (const double r : {0., 0.1, 0.5, 1., 2., 4.})
    {
      EXPECT_NEAR(covariance(Covariance::matern, 0.5, r),
                  covariance(Covariance::exponential, 0, r),
                  1e-12);
      const double s3 = std::sqrt(3.) * r, s5 = std::sqrt(5.) * r;
      EXPECT_NEAR(covariance(Covariance::matern, 1.5, r),
                  (1 + s3) * std::exp(-s3),
                  1e-12);
      EXPECT_NEAR(covariance(Covariance::matern, 2.5, r),
                  (1 + s5 + s5 * s5 / 3) * std::exp(-s5),
                  1e-12);
      EXPECT_NEAR(covariance(Covariance::matern, 100, r),
                  std::exp(-r * r / 2),
                  0.01);
    }
}

TEST(GaussianRandomField, FastCosine)
{
  // cos_turns(t) = cos(2 pi t); the reference is computed from the reduced
  // phase t - round(t) (exact in floating point), so that it is accurate to
  // ~1 ulp: both must agree to 1e-15 (the Taylor remainder is 2e-17).
  Random random(3);
  double largest = 0;
  for (unsigned int i = 0; i < 100000; ++i)
    {
      const double t
        = i < 50000 ? random.uniform(-1, 1) : random.uniform(-1e4, 1e4);
      const double reference = std::cos(2 * M_PI * (t - std::round(t)));
      largest = std::max(largest, std::abs(cos_turns(t) - reference));
    }
  std::cout << "largest |cos_turns(t) - cos(2 pi t)| = " << largest << '\n';
  EXPECT_LT(largest, 1e-15);
  EXPECT_EQ(cos_turns(0), 1);
  EXPECT_EQ(cos_turns(0.5), -1);
  EXPECT_EQ(cos_turns(-3), 1);
  EXPECT_NEAR(cos_turns(0.25), 0, 2e-16);
}

namespace
{
  /**
   * Measures, over @p n_seeds realisations of a 3D field with l = 1 m and
   * n_points random points x in [0, 100 l)^3 each, the mean and variance of
   * g and the correlation E[g(x) g(x + r e)] for r = 0.5 l, l, 2 l and
   * random unit vectors e; checks them against the target.
   *
   * Tolerances: per lag, the estimate averages M = n_seeds n_points = 24000
   * products of (nearly) independent point pairs (mean spacing ~9 l), of
   * variance 1 + C^2 <= 2 for a Gaussian field: standard error <= 0.009.
   * The N = 512 modes of a realisation give E[cos(k.h)] only up to
   * sqrt(Var(cos(k.h)) / N) <= sqrt(0.5 / 512) = 0.031, averaged over 16
   * realisations: 0.008. Combined <= 0.012, so 0.04 is > 3 standard
   * errors. Mean: standard error 1/sqrt(M) = 0.0065, tolerance 0.03. Variance:
   * standard error sqrt(2/M) = 0.009, tolerance 0.04. The standard error
   * measured from the spread over the realisations is printed.
   */
  void
  check_statistics(const std::string &settings,
                   const Covariance   type,
                   const double       nu)
  {
    const unsigned int  n_seeds = 16, n_points = 1500;
    const double        lags[3] = {0.5, 1, 2};
    std::vector<double> means, variances, correlations[3];
    Random              random(1234);
    for (unsigned int seed = 0; seed < n_seeds; ++seed)
      {
        const auto field
          = make_grf<3>(settings + "\nset Correlation length = 1", 1000 + seed);
        const auto &grf = as_grf(field);
        double      sum = 0, sum2 = 0, products[3] = {0, 0, 0};
        for (unsigned int i = 0; i < n_points; ++i)
          {
            const Point<3> x = random_point<3>(random, 100);
            Point<3>       e(random.normal(), random.normal(), random.normal());
            e /= e.norm();
            const double g = grf.standard_value(x);
            sum += g;
            sum2 += g * g;
            for (unsigned int k = 0; k < 3; ++k)
              products[k] += g * grf.standard_value(x + lags[k] * e);
          }
        means.push_back(sum / n_points);
        variances.push_back(sum2 / n_points);
        for (unsigned int k = 0; k < 3; ++k)
          correlations[k].push_back(products[k] / n_points);
      }
    const auto [mean, mean_error]         = mean_and_error(means);
    const auto [variance, variance_error] = mean_and_error(variances);
    std::cout << settings << ": mean " << mean << " +- " << mean_error
              << ", variance " << variance << " +- " << variance_error << '\n';
    EXPECT_NEAR(mean, 0, 0.03);
    EXPECT_NEAR(variance, 1, 0.04);
    for (unsigned int k = 0; k < 3; ++k)
      {
        const auto [c, c_error] = mean_and_error(correlations[k]);
        const double target     = covariance(type, nu, lags[k]);
        std::cout << "  C(" << lags[k] << " l) = " << c << " +- " << c_error
                  << ", target " << target << '\n';
        EXPECT_NEAR(c, target, 0.04) << settings << ", r = " << lags[k];
      }
  }
} // namespace

TEST(GaussianRandomField, StatisticsGaussian)
{
  check_statistics("set Covariance = gaussian", Covariance::gaussian, 0);
}

TEST(GaussianRandomField, StatisticsExponential)
{
  check_statistics("set Covariance = exponential", Covariance::exponential, 0);
}

TEST(GaussianRandomField, StatisticsMatern)
{
  check_statistics("set Covariance = matern\nset Smoothness = 1.5",
                   Covariance::matern,
                   1.5);
}

TEST(GaussianRandomField, Anisotropic)
{
  // l_x = 2, l_y = 0.5 (exponential): the correlation at r = l_x along x
  // and at r = l_y along y is C(1) = exp(-1) = 0.368; at r = l_y along x it
  // is C(0.25) = 0.779. Tolerance 0.04 as in check_statistics (M = 16 x
  // 1500 pairs in [0, 200)^2, mean spacing 5 l_x).
  const unsigned int  n_seeds = 16, n_points = 1500;
  std::vector<double> along_x, along_y, short_x;
  Random              random(4321);
  for (unsigned int seed = 0; seed < n_seeds; ++seed)
    {
      const auto  field = make_grf<2>("set Correlation length = 2, 0.5", seed);
      const auto &grf   = as_grf(field);
      double      px = 0, py = 0, ps = 0;
      for (unsigned int i = 0; i < n_points; ++i)
        {
          const Point<2> x = random_point<2>(random, 200);
          const double   g = grf.standard_value(x);
          px += g * grf.standard_value(x + Point<2>(2, 0));
          py += g * grf.standard_value(x + Point<2>(0, 0.5));
          ps += g * grf.standard_value(x + Point<2>(0.5, 0));
        }
      along_x.push_back(px / n_points);
      along_y.push_back(py / n_points);
      short_x.push_back(ps / n_points);
    }
  const double cx = mean_and_error(along_x).first,
               cy = mean_and_error(along_y).first,
               cs = mean_and_error(short_x).first;
  std::cout << "anisotropic: C(l_x along x) = " << cx
            << ", C(l_y along y) = " << cy << " (target " << std::exp(-1.)
            << "), C(l_y along x) = " << cs << " (target " << std::exp(-0.25)
            << ")\n";
  EXPECT_NEAR(cx, std::exp(-1.), 0.04);
  EXPECT_NEAR(cy, std::exp(-1.), 0.04);
  EXPECT_NEAR(cs, std::exp(-0.25), 0.04);
}

namespace
{
  /** Values of a 2D field of l = 1 m at 5000 random points in [0, 200)^2
   * for each of 4 seeds. */
  std::vector<double>
  sample_values(const std::string &settings)
  {
    std::vector<double> values;
    Random              random(77);
    for (unsigned int seed = 0; seed < 4; ++seed)
      {
        const auto field
          = make_grf<2>(settings + "\nset Correlation length = 1", 500 + seed);
        for (unsigned int i = 0; i < 5000; ++i)
          values.push_back(field->value(random_point<2>(random, 200), 0));
      }
    return values;
  }
} // namespace

TEST(GaussianRandomField, LognormalMapping)
{
  // M = 20000 (nearly independent) samples. The sample median of g has a
  // standard error 1.2533 / sqrt(M) = 0.009, i.e. 0.0045 relative in
  // median exp(0.5 g): tolerance 2 %. The sample standard deviation of
  // log(value) has a relative standard error 1 / sqrt(2 M) = 0.005:
  // tolerance 2 %.
  std::vector<double> values = sample_values(
    "set Mapping = lognormal\nset Median = 2\nset Log standard deviation = "
    "0.5");
  double sum = 0, sum2 = 0;
  for (const double v : values)
    {
      ASSERT_GT(v, 0);
      sum += std::log(v);
      sum2 += std::log(v) * std::log(v);
    }
  const double log_mean = sum / values.size();
  const double log_std  = std::sqrt(sum2 / values.size() - log_mean * log_mean);
  std::nth_element(values.begin(),
                   values.begin() + values.size() / 2,
                   values.end());
  const double median = values[values.size() / 2];
  std::cout << "lognormal: median " << median << " (2), std of log " << log_std
            << " (0.5)\n";
  EXPECT_NEAR(median / 2, 1, 0.02);
  EXPECT_NEAR(log_std / 0.5, 1, 0.02);
}

TEST(GaussianRandomField, NormalMappingAndClipping)
{
  // Unclipped: exactly mean + std g.
  {
    const auto field
      = make_grf<2>("set Mean = 3\nset Standard deviation = 0.5", 3);
    const Point<2> p(0.3, 0.7);
    EXPECT_DOUBLE_EQ(field->value(p, 0),
                     3 + 0.5 * as_grf(field).standard_value(p));
  }
  // M = 20000 samples: the standard error of the mean is 0.5 / sqrt(M) =
  // 0.0035 (tolerance 0.015), of the standard deviation 0.5 % relative
  // (tolerance 2 %).
  {
    const std::vector<double> values
      = sample_values("set Mean = 3\nset Standard deviation = 0.5");
    double sum = 0, sum2 = 0;
    for (const double v : values)
      {
        sum += v;
        sum2 += v * v;
      }
    const double mean = sum / values.size();
    const double std  = std::sqrt(sum2 / values.size() - mean * mean);
    std::cout << "normal: mean " << mean << " (3), std " << std << " (0.5)\n";
    EXPECT_NEAR(mean, 3, 0.015);
    EXPECT_NEAR(std / 0.5, 1, 0.02);
  }
  // Clipped to [2.6, 3.5]: every value is inside, P(f = 2.6) = P(g <= -0.8)
  // = 0.2119 and P(f = 3.5) = P(g >= 1) = 0.1587; standard error of these
  // fractions sqrt(0.21 0.79 / M) = 0.003: tolerance 0.012.
  {
    const std::vector<double> values
      = sample_values("set Mean = 3\nset Standard deviation = 0.5\n"
                      "set Minimum = 2.6\nset Maximum = 3.5");
    unsigned int n_low = 0, n_high = 0;
    for (const double v : values)
      {
        EXPECT_GE(v, 2.6);
        EXPECT_LE(v, 3.5);
        n_low += (v == 2.6);
        n_high += (v == 3.5);
      }
    std::cout << "clipped: fraction at Minimum "
              << double(n_low) / values.size() << " (0.2119), at Maximum "
              << double(n_high) / values.size() << " (0.1587)\n";
    EXPECT_NEAR(double(n_low) / values.size(), 0.2119, 0.012);
    EXPECT_NEAR(double(n_high) / values.size(), 0.1587, 0.012);
  }
}

TEST(GaussianRandomField, MarginalOverSeeds)
{
  // g at fixed points over 4000 seeds (exponential, l = 1 m). At a fixed
  // point g is the sum of N = 512 i.i.d. arcsine variables sqrt(2/N)
  // cos(phi_j + ...), so nearly N(0, 1) (excess kurtosis -1.5 / N).
  // Mean at one point: standard error 1 / sqrt(4000) = 0.016, tolerance
  // 0.06. The fractions within 1 and 2 standard deviations are pooled over
  // 4 points 50 l apart (correlation exp(-50)), M = 16000: standard errors
  // 0.0037 and 0.0016, tolerances 0.015 and 0.007.
  const unsigned int n_seeds    = 4000;
  const Point<3>     points[4]  = {Point<3>(0.1, 0.2, 0.3),
                                   Point<3>(50, 0, 0),
                                   Point<3>(0, 50, 0),
                                   Point<3>(0, 0, 50)};
  double             sum        = 0;
  unsigned int       n_within_1 = 0, n_within_2 = 0;
  auto               field = make_field<3>("gaussian random field",
                             "Gaussian random field",
                             "set Correlation length = 1");
  for (unsigned int seed = 0; seed < n_seeds; ++seed)
    {
      field->initialize(make_context<3>(seed, 0, 1));
      for (unsigned int i = 0; i < 4; ++i)
        {
          const double g = field->value(points[i], 0);
          if (i == 0)
            sum += g;
          n_within_1 += (std::abs(g) < 1);
          n_within_2 += (std::abs(g) < 2);
        }
    }
  const double f1 = n_within_1 / (4. * n_seeds),
               f2 = n_within_2 / (4. * n_seeds);
  std::cout << "over seeds: mean " << sum / n_seeds << ", within 1 std " << f1
            << " (0.6827), within 2 std " << f2 << " (0.9545)\n";
  EXPECT_NEAR(sum / n_seeds, 0, 0.06);
  EXPECT_NEAR(f1, 0.6827, 0.015);
  EXPECT_NEAR(f2, 0.9545, 0.007);

  // N = 37 modes (not a multiple of the block of 16): E[g^2] = 1 for any N.
  // Var(g^2) = 2 - 1.5 / N over seeds, so the mean of g^2 over 4000 seeds has
  // a standard error 0.022: tolerance 0.09.
  auto   few  = make_field<3>("gaussian random field",
                           "Gaussian random field",
                           "set Correlation length = 1\n"
                              "set Number of modes = 37");
  double sum2 = 0;
  for (unsigned int seed = 0; seed < n_seeds; ++seed)
    {
      few->initialize(make_context<3>(seed, 0, 1));
      const double g = few->value(points[0], 0);
      sum2 += g * g;
    }
  std::cout << "37 modes: mean of g^2 over seeds " << sum2 / n_seeds
            << " (1)\n";
  EXPECT_NEAR(sum2 / n_seeds, 1, 0.09);
}

TEST(GaussianRandomField, BadInput)
{
  const std::string path  = "Disorder/test/Gaussian random field/";
  const auto        error = [](const std::string &settings) {
    return input_error([&]() {
      make_field<2>("gaussian random field", "Gaussian random field", settings);
    });
  };
  const std::pair<std::string, std::string> cases[]
    = {{"set Correlation length = 0", "Correlation length"},
       {"set Correlation length = 1, -1", "Correlation length"},
       {"set Correlation length = 1, 1, 1", "Correlation length"},
       {"set Number of modes = 0", "Number of modes"},
       {"set Standard deviation = -1", "Standard deviation"},
       {"set Log standard deviation = -0.1", "Log standard deviation"},
       {"set Median = 0", "Median"},
       {"set Minimum = 2\nset Maximum = 1", "Minimum"},
       {"set Smoothness = 0", "Smoothness"}};
  for (const auto &[settings, entry] : cases)
    {
      const std::string message = error(settings);
      EXPECT_NE(message.find(path + entry), std::string::npos)
        << settings << ": '" << message << "'";
    }
  // Valid input throws nothing.
  EXPECT_EQ(error("set Correlation length = 1, 2"), "");
}

TEST(GaussianRandomField, Cost)
{
  // 1e5 evaluations of a 3D field with 512 modes (l = 1 m) at random
  // points in [0, 100)^3 of one realisation, timed. Their mean and second
  // moment are checked too: standard errors 1/sqrt(1e5) = 0.003 and
  // sqrt(2/1e5) = 0.0045; tolerance 0.05 also covers the realisation's own
  // deviation of its spatial moments (O(1/sqrt(N)) at most).
  const auto         field = make_grf<3>("set Correlation length = 1", 8);
  Random             random(9);
  const auto         start = std::chrono::steady_clock::now();
  double             sum = 0, sum2 = 0;
  const unsigned int n = 100000;
  for (unsigned int i = 0; i < n; ++i)
    {
      const double g = field->value(random_point<3>(random, 100), 0);
      sum += g;
      sum2 += g * g;
    }
  const double seconds
    = std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
        .count();
  std::cout << "1e5 evaluations with 512 modes: " << seconds << " s ("
            << 1e9 * seconds / n << " ns each)\n";
  EXPECT_NEAR(sum / n, 0, 0.05);
  EXPECT_NEAR(sum2 / n, 1, 0.05);
}

namespace
{
  /**
   * Thresholds a GRF (@p source_settings, l = 1 m) on [0, size)^dim at
   * @p phi with an n^dim lattice, and measures the fraction of n_check
   * independent random points where the indicator is the inside value.
   */
  template <int dim>
  void
  check_threshold(const std::string &source_settings,
                  const double       phi,
                  const double       size,
                  const unsigned int n,
                  const unsigned int n_check)
  {
    auto source
      = make_field<dim>("gaussian random field",
                        "Gaussian random field",
                        source_settings + "\nset Correlation length = 1");
    FieldContext<dim> source_context = make_context<dim>(21, 0, size);
    source_context.name              = "noise";
    source->initialize(source_context);

    auto threshold = make_field<dim>("threshold",
                                     "Threshold",
                                     "set Source field = noise\n"
                                     "set Volume fraction = "
                                       + std::to_string(phi)
                                       + "\nset Inside value = 7"
                                         "\nset Outside value = -1"
                                         "\nset Samples per direction = "
                                       + std::to_string(n));
    EXPECT_EQ(threshold->dependencies(), std::vector<std::string>{"noise"});
    FieldContext<dim> context = make_context<dim>(22, 0, size);
    context.field = [&](const std::string &name) -> const Field<dim> & {
      EXPECT_EQ(name, "noise");
      return *source;
    };
    threshold->initialize(context);
    std::cout << threshold->summary() << '\n';

    Random       random(31);
    unsigned int n_inside = 0;
    for (unsigned int i = 0; i < n_check; ++i)
      {
        const double v = threshold->value(random_point<dim>(random, size), 0);
        ASSERT_TRUE(v == 7 || v == -1) << v;
        n_inside += (v == 7);
      }
    const double fraction = double(n_inside) / n_check;
    std::cout << "  fraction at " << n_check << " random points " << fraction
              << " (target " << phi << ", relative error "
              << std::abs(fraction / phi - 1) << ")\n";
    EXPECT_NEAR(fraction / phi, 1, 0.02);
  }
} // namespace

// 2D: a 200^2 lattice on [0, 20 l)^2 (10 samples per l), checked at
// 200000 independent random points, whose fraction has a standard error
// sqrt(phi (1 - phi) / 200000): 0.0010 at phi = 0.3 (0.34 % relative) and
// 0.0011 at phi = 0.5 (0.22 %). The lattice's own error in the box's
// fraction is smaller (40000 stratified samples; doubling the lattice to
// 400^2 moves the matern threshold by 1e-3, i.e. the fraction by 0.1 %).
// 2 % relative is > 5 standard errors.
TEST(Threshold, VolumeFraction2d)
{
  check_threshold<2>("set Covariance = matern", 0.3, 20, 200, 200000);
  check_threshold<2>("set Covariance = exponential", 0.5, 20, 200, 200000);
}

// 3D: a 32^3 lattice on [0, 8 l)^3 (4 samples per l) of a smooth
// (gaussian) source, 60000 random points: standard error sqrt(0.25 / 60000)
// = 0.002 (0.4 % relative); 2 % relative is 4.9 standard errors.
TEST(Threshold, VolumeFraction3d)
{
  check_threshold<3>("set Covariance = gaussian", 0.5, 8, 32, 60000);
}

TEST(Threshold, BadInput)
{
  const std::string path  = "Disorder/test/Threshold/";
  const auto        error = [](const std::string &settings) {
    return input_error(
      [&]() { make_field<3>("threshold", "Threshold", settings); });
  };
  const std::pair<std::string, std::string> cases[]
    = {{"set Volume fraction = 0.5", "Source field"},
       {"set Source field = a\nset Volume fraction = 0", "Volume fraction"},
       {"set Source field = a\nset Volume fraction = 1", "Volume fraction"},
       {"set Source field = a\nset Volume fraction = -0.2", "Volume fraction"},
       {"set Source field = a\nset Samples per direction = -1",
        "Samples per direction"}};
  for (const auto &[settings, entry] : cases)
    {
      const std::string message = error(settings);
      EXPECT_NE(message.find(path + entry), std::string::npos)
        << settings << ": '" << message << "'";
    }
  EXPECT_EQ(error("set Source field = a"), "");

  // A field that thresholds itself.
  auto field
    = make_field<2>("threshold", "Threshold", "set Source field = test");
  const std::string message
    = input_error([&]() { field->initialize(make_context<2>(1, 0, 1)); });
  EXPECT_NE(message.find(path + "Source field"), std::string::npos) << message;
}

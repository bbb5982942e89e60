#include <deal.II/base/utilities.h>

#include <physics/disorder/gaussian_random_field.h>
#include <physics/disorder/random.h>
#include <solver/input_error.h>
#include <solver/memory_estimate.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace heterion::disorder
{
  using namespace dealii;

  double
  covariance(const Covariance type, const double nu, const double r_over_l)
  {
    const double r = std::abs(r_over_l);
    switch (type)
      {
        case Covariance::gaussian:
          return std::exp(-0.5 * r * r);
        case Covariance::exponential:
          return std::exp(-r);
        case Covariance::matern:
          {
            if (r == 0)
              return 1;
            const double s = std::sqrt(2 * nu) * r;
            return std::pow(2., 1 - nu) / std::tgamma(nu) * std::pow(s, nu)
                   * std::cyl_bessel_k(nu, s);
          }
      }
    return 0;
  }

  template <int dim>
  void
  GaussianRandomField<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Gaussian random field");
    prm.declare_entry(
      "Covariance",
      "exponential",
      Patterns::Selection("gaussian|exponential|matern"),
      "The covariance C(r) of the standard field g, with r = |((x - y)_i / "
      "l_i)_i| the distance scaled by the correlation lengths: `gaussian` "
      "exp(-r^2/2) (very smooth), `exponential` exp(-r) (rough, Matérn "
      "nu = 1/2), `matern` 2^(1-nu)/Gamma(nu) (sqrt(2 nu) r)^nu "
      "K_nu(sqrt(2 nu) r) with nu = `Smoothness` (nu = 1.5 gives "
      "(1 + sqrt(3) r) exp(-sqrt(3) r)).");
    prm.declare_entry("Smoothness",
                      "1.5",
                      Patterns::Double(),
                      "The Matérn smoothness nu > 0 [1] (only for "
                      "`Covariance = matern`; the field is ceil(nu) - 1 "
                      "times mean-square differentiable).");
    prm.declare_entry(
      "Correlation length",
      "1e-7",
      Patterns::List(Patterns::Double(), 1, 3),
      "The correlation length l [m]: one number (isotropic) or one per "
      "coordinate direction x, y (, z), comma-separated (anisotropic); each "
      "> 0. C(l) = exp(-1/2) (gaussian), exp(-1) (exponential).");
    prm.declare_entry("Number of modes",
                      "512",
                      Patterns::Integer(),
                      "The number N >= 1 of random Fourier modes. The "
                      "covariance is exact for any N; the marginal "
                      "distribution approaches a normal one as N grows. "
                      "Each evaluation costs O(N).");
    prm.declare_entry("Mapping",
                      "normal",
                      Patterns::Selection("normal|lognormal"),
                      "How the standard field g (mean 0, variance 1) becomes "
                      "the field value: `normal` mean + std g, `lognormal` "
                      "median exp(log_std g); both are then clipped to "
                      "[Minimum, Maximum].");
    prm.declare_entry("Mean",
                      "0",
                      Patterns::Double(),
                      "The mean of the field for `Mapping = normal` [unit of "
                      "the property it modifies, or 1 for a factor].");
    prm.declare_entry("Standard deviation",
                      "1",
                      Patterns::Double(),
                      "The standard deviation (>= 0) of the field for "
                      "`Mapping = normal` [unit of the field].");
    prm.declare_entry("Minimum",
                      "-1e300",
                      Patterns::Double(),
                      "The field is clipped below at this value [unit of the "
                      "field].");
    prm.declare_entry("Maximum",
                      "1e300",
                      Patterns::Double(),
                      "The field is clipped above at this value (>= Minimum) "
                      "[unit of the field].");
    prm.declare_entry("Median",
                      "1",
                      Patterns::Double(),
                      "The median (> 0) of the field for `Mapping = "
                      "lognormal` [unit of the field].");
    prm.declare_entry("Log standard deviation",
                      "1",
                      Patterns::Double(),
                      "The standard deviation (>= 0) of the natural "
                      "logarithm of the field for `Mapping = lognormal` "
                      "[1].");
    prm.declare_entry("Seed offset",
                      "0",
                      Patterns::Integer(),
                      "Added to the field's seed (derived from "
                      "`Disorder/Seed` and the field's name): another "
                      "offset gives another, independent realisation.");
    prm.leave_subsection();
  }

  template <int dim>
  void
  GaussianRandomField<dim>::parse_parameters(ParameterHandler  &prm,
                                             const std::string &section)
  {
    const std::string path = section + "/Gaussian random field/";
    prm.enter_subsection("Gaussian random field");
    const std::string covariance_name = prm.get("Covariance");
    covariance_type = covariance_name == "gaussian" ? Covariance::gaussian
                      : covariance_name == "matern" ? Covariance::matern
                                                    : Covariance::exponential;
    smoothness      = prm.get_double("Smoothness");
    const std::vector<double> lengths = Utilities::string_to_double(
      Utilities::split_string_list(prm.get("Correlation length")));
    const long modes   = prm.get_integer("Number of modes");
    mapping            = prm.get("Mapping") == "lognormal" ? Mapping::lognormal
                                                           : Mapping::normal;
    mean               = prm.get_double("Mean");
    standard_deviation = prm.get_double("Standard deviation");
    minimum            = prm.get_double("Minimum");
    maximum            = prm.get_double("Maximum");
    median             = prm.get_double("Median");
    log_standard_deviation = prm.get_double("Log standard deviation");
    seed_offset            = prm.get_integer("Seed offset");
    prm.leave_subsection();

    AssertThrow(smoothness > 0,
                ExcInput(path + "Smoothness = " + to_text(smoothness)
                         + " is not allowed: the Matérn smoothness must be "
                           "> 0."));
    AssertThrow(
      lengths.size() == 1 || lengths.size() == dim,
      ExcInput(path + "Correlation length has " + std::to_string(lengths.size())
               + " values; give 1 (isotropic) or " + std::to_string(dim)
               + " (one per direction) in " + std::to_string(dim) + "D."));
    for (const double l : lengths)
      AssertThrow(l > 0,
                  ExcInput(path + "Correlation length = " + to_text(l)
                           + " m is not allowed: each length must be > 0."));
    for (unsigned int d = 0; d < 3; ++d)
      correlation_lengths[d]
        = lengths[std::min<std::size_t>(lengths.size() == 1 ? 0 : d,
                                        lengths.size() - 1)];
    AssertThrow(modes >= 1,
                ExcInput(path + "Number of modes = " + std::to_string(modes)
                         + " is not allowed: it must be >= 1."));
    AssertThrow(
      modes <= static_cast<long>(std::numeric_limits<unsigned int>::max()),
      ExcInput(path + "Number of modes = " + std::to_string(modes)
               + " is not allowed: it must be at most "
               + std::to_string(std::numeric_limits<unsigned int>::max())
               + "."));
    n_modes = modes;
    AssertThrow(standard_deviation >= 0,
                ExcInput(path
                         + "Standard deviation = " + to_text(standard_deviation)
                         + " is not allowed: it must be >= 0."));
    AssertThrow(log_standard_deviation >= 0,
                ExcInput(path + "Log standard deviation = "
                         + to_text(log_standard_deviation)
                         + " is not allowed: it must be >= 0."));
    AssertThrow(median > 0,
                ExcInput(path + "Median = " + to_text(median)
                         + " is not allowed: it must be > 0."));
    AssertThrow(minimum <= maximum,
                ExcInput(path + "Minimum = " + to_text(minimum) + " > " + path
                         + "Maximum = " + to_text(maximum)
                         + ": Minimum must be <= Maximum."));
  }

  template <int dim>
  void
  GaussianRandomField<dim>::initialize(const FieldContext<dim> &context)
  {
    // A wave vector (dim components) and a phase per mode.
    check_memory(context.section + "/Gaussian random field/Number of modes = "
                   + std::to_string(n_modes),
                 (dim + 1.) * sizeof(double) * n_modes,
                 "Fewer modes give the same covariance (Each evaluation "
                 "costs O(N) as well); 512 to 4096 are typical.",
                 context.mpi_communicator);
    Random random(context.seed + static_cast<std::uint64_t>(seed_offset));
    for (auto &component : wave_vectors)
      component.resize(n_modes);
    phases.resize(n_modes);
    // For every mode, in this order: three normals z, then (Matérn and
    // exponential only) G ~ Gamma(nu), then the phase. The order does not
    // depend on dim or the correlation lengths, so 2D and 3D fields of one
    // seed share their modes.
    const double nu
      = covariance_type == Covariance::exponential ? 0.5 : smoothness;
    for (unsigned int j = 0; j < n_modes; ++j)
      {
        std::array<double, 3> z;
        for (double &z_i : z)
          z_i = random.normal();
        const double scale = covariance_type == Covariance::gaussian
                               ? 1.
                               : std::sqrt(nu / random.gamma(nu));
        for (unsigned int d = 0; d < dim; ++d)
          wave_vectors[d][j]
            = z[d] * scale / (2 * M_PI * correlation_lengths[d]);
        phases[j] = random.uniform();
      }
    amplitude = std::sqrt(2. / n_modes);
  }

  template <int dim>
  double
  GaussianRandomField<dim>::standard_value(const Point<dim> &point) const
  {
    const double *const kx = wave_vectors[0].data();
    const double *const ky = wave_vectors[dim > 1 ? 1 : 0].data();
    const double *const kz = wave_vectors[dim - 1].data();
    const double *const ph = phases.data();
    const double x = point[0], y = point[dim > 1 ? 1 : 0], z = point[dim - 1];
    // Blocks of n_lanes modes with one accumulator per lane: a fixed
    // summation order (equal on every rank and compiler) that the compiler
    // vectorizes, then the remaining modes one by one.
    constexpr unsigned int n_lanes        = 16;
    double                 lanes[n_lanes] = {};
    unsigned int           j0             = 0;
    for (; j0 + n_lanes <= n_modes; j0 += n_lanes)
      if (dim == 3)
        for (unsigned int i = 0; i < n_lanes; ++i)
          lanes[i] += cos_turns(ph[j0 + i] + kx[j0 + i] * x + ky[j0 + i] * y
                                + kz[j0 + i] * z);
      else
        for (unsigned int i = 0; i < n_lanes; ++i)
          lanes[i] += cos_turns(ph[j0 + i] + kx[j0 + i] * x + ky[j0 + i] * y);
    double sum = 0;
    for (; j0 < n_modes; ++j0)
      sum += cos_turns(ph[j0] + kx[j0] * x + ky[j0] * y
                       + (dim == 3 ? kz[j0] * z : 0.));
    for (const double lane : lanes)
      sum += lane;
    return amplitude * sum;
  }

  template <int dim>
  double
  GaussianRandomField<dim>::value(const Point<dim> &point,
                                  const types::material_id) const
  {
    const double g = standard_value(point);
    const double f = mapping == Mapping::normal
                       ? mean + standard_deviation * g
                       : median * std::exp(log_standard_deviation * g);
    return std::clamp(f, minimum, maximum);
  }

  template <int dim>
  std::string
  GaussianRandomField<dim>::summary() const
  {
    std::string lengths;
    for (unsigned int d = 0; d < dim; ++d)
      lengths += (d == 0 ? "" : ", ") + to_text(correlation_lengths[d]);
    return "Gaussian random field: " + std::to_string(n_modes)
           + " modes, correlation length " + lengths + " m";
  }

  template class GaussianRandomField<2>;
  template class GaussianRandomField<3>;

  HETERION_REGISTER_DISORDER_FIELD(
    GaussianRandomField,
    "gaussian random field",
    "A correlated Gaussian random field (spectral randomization, N random "
    "Fourier modes) with gaussian, exponential or Matérn covariance and "
    "(anisotropic) correlation lengths, mapped to a normal or log-normal "
    "value (`Gaussian random field/...`).")
} // namespace heterion::disorder

#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <physics/disorder/interface.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace heterion::disorder
{
  /** The covariance model of a Gaussian random field. */
  enum class Covariance
  {
    /** C(r) = exp(-r^2 / 2). */
    gaussian,
    /** C(r) = exp(-r) (Matérn with nu = 1/2). */
    exponential,
    /** C(r) = 2^(1-nu) / Gamma(nu) (sqrt(2 nu) r)^nu K_nu(sqrt(2 nu) r). */
    matern
  };

  /**
   * The target covariance C of a unit-variance field of covariance @p type
   * at the scaled distance @p r_over_l = r / l (for an anisotropic field,
   * r / l = |((x - y)_i / l_i)_i|); @p nu is the Matérn smoothness (used
   * only for Covariance::matern). C(0) = 1.
   */
  double
  covariance(const Covariance type, const double nu, const double r_over_l);

  /**
   * cos(2 pi t) for a phase @p t given in turns, |t| < 2^51: t is reduced
   * to a = |t - round(t)| in [0, 1/2], then to b = min(a, 1/2 - a) in
   * [0, 1/4] with cos(2 pi a) = sign(1/4 - a) cos(2 pi b), and the Taylor
   * series of cos(2 pi b) through (2 pi b)^20 (remainder < 2e-17 there) is
   * summed by Horner's rule. Absolute error < 1e-15 (plus the rounding of t
   * itself). Branch-free IEEE arithmetic only, so the compiler vectorizes a
   * loop over modes, and the values do not depend on the libm; about 2.5
   * times faster than std::cos here.
   */
  inline double
  cos_turns(const double t)
  {
    // round(t) by the 1.5 * 2^52 trick (exact for |t| < 2^51).
    constexpr double shifter = 6755399441055744.;
    const double     nearest = (t + shifter) - shifter;
    const double     a       = std::abs(t - nearest);
    const double     b       = std::min(a, 0.5 - a);
    const double     u       = b * b;
    // Horner's rule for sum_n c_n u^n, c_n = (-1)^n (2 pi)^(2n) / (2n)!
    // (rounded to double), written out so that no inner loop stops the
    // vectorization of the caller's loop.
    constexpr double c[11] = {1.,
                              -19.739208802178716,
                              64.9393940226683,
                              -85.45681720669373,
                              60.24464137187666,
                              -26.4262567833744,
                              7.903536371318469,
                              -1.714390711088672,
                              0.28200596845579123,
                              -0.03638284114254567,
                              0.0037798342006800396};
    double           p     = c[10];
    p                      = p * u + c[9];
    p                      = p * u + c[8];
    p                      = p * u + c[7];
    p                      = p * u + c[6];
    p                      = p * u + c[5];
    p                      = p * u + c[4];
    p                      = p * u + c[3];
    p                      = p * u + c[2];
    p                      = p * u + c[1];
    p                      = p * u + c[0];
    return std::copysign(p, 0.25 - a);
  }

  /**
   * A zero-mean, unit-variance, stationary Gaussian random field g(x) with
   * covariance E[g(x) g(y)] = C(|((x - y)_i / l_i)_i|) (see covariance()),
   * evaluable at any point, by the spectral randomization method:
   * @f[
   *   g(x) = \sqrt{2/N} \sum_{j=1}^N \cos(k_j \cdot x + \varphi_j),
   * @f]
   * with phases phi_j uniform on [0, 2 pi) and wave vectors k_j drawn from
   * the normalized spectral density of C, so that E[g(x) g(y)] =
   * E[cos(k . (x - y))] = C exactly for every N, and g is Gaussian in the
   * limit N -> infinity (central limit theorem):
   *  - gaussian: k_i = z_i / l_i with z ~ N(0, I_3);
   *  - matern (and exponential = matern with nu = 1/2): the spectral
   *    density is proportional to (2 nu + |l k|^2)^(-(nu + d/2)), a
   *    multivariate Student t with 2 nu degrees of freedom, so
   *    k_i = (z_i / l_i) sqrt(nu / G) with z ~ N(0, I_3) and
   *    G ~ Gamma(shape nu, scale 1) (chi^2_{2 nu} = 2 G).
   * The wave vectors are always drawn in 3D and only their first dim
   * components are used (the restriction of an isotropic 3D field to a
   * plane has the same covariance, and the marginal of a multivariate t is
   * a t with the same degrees of freedom), so the 2D field of a seed equals
   * the 3D field of that seed at z = 0.
   *
   * The field value is a mapping of g:
   *  - normal: f = clamp(mean + std g, Minimum, Maximum);
   *  - lognormal: f = clamp(median exp(log_std g), Minimum, Maximum).
   *
   * The modes are drawn in initialize() from Random(seed + Seed offset),
   * identically on every rank (per mode: z_0, z_1, z_2, then G, then the
   * phase). value() costs O(N) per point: the phases are kept in turns,
   * k_j / (2 pi) . x + phi_j / (2 pi), and the cosines evaluated by
   * cos_turns() in blocks of 16 modes with a fixed summation order (about
   * 13 ns per mode and point in 3D on the test machine).
   *
   * The Matérn constants were checked: the d-dimensional spectral density
   * of C is proportional to (2 nu / l^2 + |k|^2)^(-(nu + d/2)); the t
   * density with f degrees of freedom and scale s is proportional to
   * (1 + |k|^2 / (f s^2))^(-(f + d)/2), so f = 2 nu, s = 1/l, and
   * k = (z / l) sqrt(f / chi^2_f) = (z / l) sqrt(nu / G).
   *
   * Parameters (`Disorder/<name>/Gaussian random field`): `Covariance`,
   * `Smoothness`, `Correlation length`, `Number of modes`, `Mapping`,
   * `Mean`, `Standard deviation`, `Minimum`, `Maximum`, `Median`,
   * `Log standard deviation`, `Seed offset`.
   */
  template <int dim>
  class GaussianRandomField : public Field<dim>
  {
  public:
    /** How g is mapped to the field value. */
    enum class Mapping
    {
      normal,
      lognormal
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &section) override;

    void
    initialize(const FieldContext<dim> &context) override;

    double
    value(const dealii::Point<dim>        &point,
          const dealii::types::material_id id) const override;

    std::string
    summary() const override;

    /** The unmapped, zero-mean unit-variance field g(x) at @p point [m]. */
    double
    standard_value(const dealii::Point<dim> &point) const;

  private:
    Covariance            covariance_type        = Covariance::exponential;
    double                smoothness             = 1.5;
    std::array<double, 3> correlation_lengths    = {{1, 1, 1}};
    unsigned int          n_modes                = 512;
    Mapping               mapping                = Mapping::normal;
    double                mean                   = 0;
    double                standard_deviation     = 1;
    double                minimum                = -1e300;
    double                maximum                = 1e300;
    double                median                 = 1;
    double                log_standard_deviation = 1;
    std::int64_t          seed_offset            = 0;

    /** The wave vectors k_j / (2 pi) [1/m], one array per component (for
     * speed). */
    std::array<std::vector<double>, dim> wave_vectors;
    /** The phases phi_j / (2 pi) in [0, 1) [turns]. */
    std::vector<double> phases;
    /** sqrt(2 / N). */
    double amplitude = 0;
  };
} // namespace heterion::disorder

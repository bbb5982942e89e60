/**
 * @file analytic_solutions.h
 * Constant-D diffusion in a sphere / infinite cylinder of radius R, uniform
 * initial concentration c0 (J. Crank, The Mathematics of Diffusion, 2nd ed.,
 * 1975). x = r/R, tau = D t/R^2; SI arguments; `flux` [mol/m^2/s] is INTO the
 * particle (D dc/dr|_R = flux); 0 <= r <= R; t <= 0 returns c0. Series are
 * summed until the remainder is < 1e-17 of the scale (flux R/D or c_s - c0):
 * error ~3e-15 of it for any tau > 0; ~200 terms (< 20 us) at tau = 1e-4, cost
 * ~ tau^-1/2.
 */
#ifndef heterion_tests_common_analytic_solutions_h
#define heterion_tests_common_analytic_solutions_h

#include <cmath>
#include <cstddef>
#include <vector>

namespace heterion
{
  namespace analytic
  {
    namespace internal
    {
      constexpr double      pi               = 3.14159265358979323846;
      constexpr double      series_tolerance = 1e-17;
      constexpr std::size_t table_size       = 4096;

      /** Eigenvalue and its series coefficient. */
      struct EigenPair
      {
        double root;
        double coefficient;
      };

      /** Value of a series and the number of terms summed. */
      struct SeriesResult
      {
        double      value;
        std::size_t n_terms;
      };

      /** Remainder after a term bounded by @p bound negligible? Eigenvalues
       *  are spaced >= pi, bounds decay like exp(-lambda^2 tau): ratio
       *  q <= exp(-2 pi lambda tau), remainder < bound/(1 - q). NaN: true. */
      inline bool
      tail_negligible(const double bound, const double lambda, const double tau)
      {
        return !(bound
                 >= -series_tolerance * std::expm1(-2 * pi * lambda * tau));
      }

      /** J0(x), x >= 0, abs. error ~1e-16: series (x < 1), Miller recurrence
       *  with 1 = J0 + 2 sum J_2k (x < 25), else Hankel expansion. ~20x faster
       *  than std::cyl_bessel_j (Steed, O(x) work) for 3 < x < 1000. */
      inline double
      bessel_j0(const double x)
      {
        if (x < 1.)
          {
            double term = 1., sum = 1.;
            for (int k = 1; k < 20; ++k)
              sum += (term *= -0.25 * x * x / (k * k));
            return sum;
          }
        if (x < 25.)
          {
            double j_next = 0., j = 1., even_sum = 1.; // J_m := 1, m even
            for (int k = 2 * static_cast<int>(0.5 * x + 16.); k > 0; --k)
              {
                const double j_prev = 2. * k / x * j - j_next;
                j_next              = j;
                j                   = j_prev;
                if (k % 2 == 1 && k > 1)
                  even_sum += j;
              }
            return j / (j + 2. * even_sum);
          }
        // term_k = a_k(0)/x^k; P, Q take even/odd k with sign (-1)^(k/2).
        double p = 0., q = 0., term = 1.;
        for (int k = 0; k < 40; ++k)
          {
            (k % 2 == 0 ? p : q) += ((k / 2) % 2 == 0) ? term : -term;
            const double next
              = -term * (2 * k + 1) * (2 * k + 1) / (8. * (k + 1) * x);
            if (std::abs(next) < 1e-18 || std::abs(next) > std::abs(term))
              break;
            term = next;
          }
        const double s = std::sin(x), c = std::cos(x);
        return (p * (c + s) - q * (s - c)) / std::sqrt(pi * x);
      }

      /** n-th root of alpha cot alpha = 1 (alpha = n pi + atan alpha, Newton)
       *  and 1/(alpha^2 sin alpha). */
      inline EigenPair
      sphere_flux_eigenpair(const std::size_t n)
      {
        const double npi = n * pi, q = npi + 0.5 * pi;
        double       a = q - 1. / q - 2. / (3. * q * q * q);
        for (int it = 0; it < 20; ++it)
          {
            const double da = (a - npi - std::atan(a)) * (1. + a * a) / (a * a);
            a -= da;
            if (std::abs(da) <= 1e-16 * a)
              break;
          }
        return {a, 1. / (a * a * std::sin(a))};
      }

      /** n-th root of J1(beta) = 0 and 1/(beta^2 J0(beta)). McMahon, b = (n +
       *  1/4) pi: b - 3/(8b) + 3/(128b^3) - 1179/(5120b^5) + 1951209/(1146880
       *  b^7), rel. error < 3e-17 for n >= 20, else refined by Newton. */
      inline EigenPair
      cylinder_flux_eigenpair(const std::size_t n)
      {
        const double b = (n + 0.25) * pi, y = 1. / (b * b);
        double       beta
          = b
            - (0.375
               - y * (3. / 128 - y * (1179. / 5120 - y * 1951209. / 1146880)))
                / b;
        for (int it = 0; n < 20 && it < 20; ++it)
          {
            const double j1 = std::cyl_bessel_j(1., beta);
            const double d  = j1 / (std::cyl_bessel_j(0., beta) - j1 / beta);
            beta -= d;
            if (std::abs(d) <= 1e-16 * beta)
              break;
          }
        return {beta, 1. / (beta * beta * bessel_j0(beta))};
      }

      /** Eigenpair n >= 1, tabulated for n <= table_size on first use. */
      template <EigenPair (*compute)(std::size_t)>
      inline EigenPair
      cached_eigenpair(const std::size_t n)
      {
        static const std::vector<EigenPair> table = [] {
          std::vector<EigenPair> v;
          for (std::size_t i = 1; i <= table_size; ++i)
            v.push_back(compute(i));
          return v;
        }();
        return n <= table.size() ? table[n - 1] : compute(n);
      }

      /** sum_n exp(-alpha_n^2 tau) sin(alpha_n x)/(x alpha_n^2 sin alpha_n). */
      inline SeriesResult
      sphere_flux_series(const double x, const double tau)
      {
        double      sum = 0.;
        std::size_t n   = 1;
        for (;; ++n)
          {
            const EigenPair e = cached_eigenpair<sphere_flux_eigenpair>(n);
            const double    a = e.root, decay = std::exp(-a * a * tau);
            sum += decay * e.coefficient * (x > 0. ? std::sin(a * x) / x : a);
            const double bound
              = decay * std::abs(e.coefficient) * (a * x > 1. ? 1. / x : a);
            if (tail_negligible(bound, a, tau))
              return {sum, n};
          }
      }

      /** sum_n (-1)^n exp(-n^2 pi^2 tau) sin(n pi x)/(n pi x). */
      inline SeriesResult
      sphere_surface_series(const double x, const double tau)
      {
        double      sum = 0.;
        std::size_t n   = 1;
        for (;; ++n)
          {
            const double l = n * pi, decay = std::exp(-l * l * tau);
            const double shape = (x > 0. ? std::sin(l * x) / (l * x) : 1.);
            sum += (n % 2 == 0 ? decay : -decay) * shape;
            const double bound = decay * (l * x > 1. ? 1. / (l * x) : 1.);
            if (tail_negligible(bound, l, tau))
              return {sum, n};
          }
      }

      /** M_t/M_inf, Crank 6.20: 1 - (6/pi^2) sum exp(-n^2 pi^2 tau)/n^2; for
       *  tau < 0.1 (unless @p force_long) the equivalent Crank 6.21:
       *  6 sqrt(tau) [pi^-1/2 + 2 sum ierfc(n/sqrt(tau))] - 3 tau. */
      inline SeriesResult
      sphere_surface_uptake(const double tau, const bool force_long = false)
      {
        double      sum = 0.;
        std::size_t n   = 1;
        if (tau < 0.1 && !force_long)
          {
            const double sqrt_tau = std::sqrt(tau), isqpi = 1. / std::sqrt(pi);
            for (;; ++n)
              {
                const double z = n / sqrt_tau;
                const double ierfc
                  = std::exp(-z * z) * isqpi - z * std::erfc(z);
                sum += ierfc;
                if (!(ierfc >= 1e-18)) // also stops for NaN
                  return {6. * sqrt_tau * (isqpi + 2. * sum) - 3. * tau, n};
              }
          }
        for (;; ++n)
          {
            const double l = n * pi, term = std::exp(-l * l * tau) / (n * n);
            sum += term;
            if (tail_negligible(term, l, tau))
              return {1. - 6. / (pi * pi) * sum, n};
          }
      }

      /** sum_n exp(-beta_n^2 tau) J0(beta_n x)/(beta_n^2 J0(beta_n)). */
      inline SeriesResult
      cylinder_flux_series(const double x, const double tau)
      {
        double      sum = 0.;
        std::size_t n   = 1;
        for (;; ++n)
          {
            const EigenPair e = cached_eigenpair<cylinder_flux_eigenpair>(n);
            const double    b = e.root, decay = std::exp(-b * b * tau);
            sum += decay * e.coefficient * bessel_j0(std::abs(b * x));
            if (tail_negligible(decay * std::abs(e.coefficient), b, tau))
              return {sum, n};
          }
      }
    } // namespace internal

    /**
     * Sphere, constant inward flux density at r = R. Crank eq. 6.60:
     * c = c0 + (flux R/D) [3 tau + x^2/2 - 3/10 - (2/x) sum_n
     *     exp(-alpha_n^2 tau) sin(alpha_n x)/(alpha_n^2 sin alpha_n)],
     * alpha_n > 0 the roots of alpha cot alpha = 1; at x = 0 the limit
     * sin(alpha x)/x -> alpha is used.
     */
    inline double
    sphere_constant_flux(const double r,
                         const double t,
                         const double R,
                         const double D,
                         const double flux,
                         const double c0)
    {
      const double tau = D * t / (R * R), x = r / R;
      if (tau <= 0.)
        return c0;
      const double s = internal::sphere_flux_series(x, tau).value;
      return c0 + flux * R / D * (3. * tau + 0.5 * x * x - 0.3 - 2. * s);
    }

    /** Mean concentration for sphere_constant_flux(): c0 + 3 flux t/R. */
    inline double
    sphere_constant_flux_mean(const double t,
                              const double R,
                              const double /*D*/,
                              const double flux,
                              const double c0)
    {
      return c0 + 3. * flux * std::fmax(t, 0.) / R;
    }

    /**
     * Sphere, surface held at c_surface. Crank eq. 6.18:
     * (c - c0)/(c_surface - c0) = 1 + (2/(pi x)) sum_n (-1)^n/n sin(n pi x)
     * exp(-n^2 pi^2 tau); at x = 0: 1 + 2 sum_n (-1)^n exp(-n^2 pi^2 tau).
     */
    inline double
    sphere_constant_surface(const double r,
                            const double t,
                            const double R,
                            const double D,
                            const double c_surface,
                            const double c0)
    {
      const double tau = D * t / (R * R);
      if (tau <= 0.)
        return c0;
      const double s = internal::sphere_surface_series(r / R, tau).value;
      return c0 + (c_surface - c0) * (1. + 2. * s);
    }

    /**
     * Mean concentration for sphere_constant_surface(): c0 + (c_surface - c0)
     * M_t/M_inf, Crank eq. 6.20 M_t/M_inf = 1 - (6/pi^2) sum_n
     * exp(-n^2 pi^2 tau)/n^2 (eq. 6.21 for tau < 0.1, see
     * internal::sphere_surface_uptake()).
     */
    inline double
    sphere_constant_surface_mean(const double t,
                                 const double R,
                                 const double D,
                                 const double c_surface,
                                 const double c0)
    {
      const double tau = D * t / (R * R);
      if (tau <= 0.)
        return c0;
      return c0 + (c_surface - c0) * internal::sphere_surface_uptake(tau).value;
    }

    /**
     * Infinite cylinder, constant inward flux density at r = R:
     * c = c0 + (flux R/D) [2 tau + x^2/2 - 1/4 - 2 sum_n
     *     exp(-beta_n^2 tau) J0(beta_n x)/(beta_n^2 J0(beta_n))],
     * beta_n > 0 the roots of J1(beta) = 0 (cylinder analogue of Crank 6.60,
     * cf. Carslaw & Jaeger 1959 sec. 7.7; derived by eigenfunction expansion,
     * int_0^1 x^3 J0(beta x) dx = 2 J0(beta)/beta^2, int x J0^2 =
     * J0(beta)^2/2).
     */
    inline double
    cylinder_constant_flux(const double r,
                           const double t,
                           const double R,
                           const double D,
                           const double flux,
                           const double c0)
    {
      const double tau = D * t / (R * R), x = r / R;
      if (tau <= 0.)
        return c0;
      const double s = internal::cylinder_flux_series(x, tau).value;
      return c0 + flux * R / D * (2. * tau + 0.5 * x * x - 0.25 - 2. * s);
    }

    /** Mean concentration for cylinder_constant_flux(): c0 + 2 flux t/R. */
    inline double
    cylinder_constant_flux_mean(const double t,
                                const double R,
                                const double /*D*/,
                                const double flux,
                                const double c0)
    {
      return c0 + 2. * flux * std::fmax(t, 0.) / R;
    }

    /**
     * Plane sheet 0 <= z <= L, closed at z = 0, inward flux @p flux at z = L
     * (D dc/dz|_L = flux), initially c0 (Crank, eq. 2.56 with the sheet's
     * symmetry plane as the closed face):
     * c = c0 + (F L/D) [tau + z^2/(2 L^2) - 1/6
     *       - (2/pi^2) sum_n (-1)^n/n^2 exp(-n^2 pi^2 tau) cos(n pi z/L)],
     * tau = D t / L^2.
     */
    inline double
    slab_constant_flux(const double z,
                       const double t,
                       const double L,
                       const double D,
                       const double flux,
                       const double c0)
    {
      if (!(t > 0))
        return t == 0 ? c0 : t;
      const double tau = D * t / (L * L), x = z / L,
                   pi = 3.14159265358979323846;
      double sum      = 0;
      for (int n = 1; n < 100000; ++n)
        {
          const double decay = std::exp(-n * n * pi * pi * tau) / (n * n);
          sum += (n % 2 ? -1. : 1.) * decay * std::cos(n * pi * x);
          if (decay < 1e-18)
            break;
        }
      return c0
             + flux * L / D
                 * (tau + 0.5 * x * x - 1. / 6. - 2. / (pi * pi) * sum);
    }
  } // namespace analytic
} // namespace heterion

#endif

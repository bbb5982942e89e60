/**
 * @file mechanics_solutions.h
 * Reference solutions for diffusion-induced stress: small strain, isotropic
 * linear elasticity, eigenstrain (Omega/3)(c - c_ref) I, SI units. All
 * concentrations passed to these functions are relative to c_ref already
 * (i.e. c - c_ref), except in the stress-coupled diffusion solver, where the
 * coupling factor (1 + theta c) uses the concentration itself.
 *
 * Sources: S. Timoshenko and J. N. Goodier, Theory of Elasticity, 3rd ed.,
 * 1970, thermal stresses in a sphere (here by the analogy
 * alpha T <-> Omega c/3); Y.-T. Cheng and M. W. Verbrugge, J. Power Sources
 * 190 (2009) 453-460 (galvanostatic and potentiostatic particles); the Lame
 * solution u = A r + B/r^2 for bonded spherical layers; J. Crank, The
 * Mathematics of Diffusion (concentrations, see analytic_solutions.h).
 */
#pragma once

#include "analytic_solutions.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace heterion
{
  namespace analytic
  {
    /** Molar gas constant R_gas [J/(mol K)] (CODATA 2018, exact). */
    constexpr double gas_constant = 8.314462618;

    /**
     * Radial stress, hoop (tangential) stress [Pa] and radial displacement
     * [m] of a radially symmetric sphere.
     */
    struct RadialStress
    {
      double sigma_r;
      double sigma_t;
      double u;
    };

    namespace internal
    {
      /** Nodes (on [-1, 1]) and weights of a quadrature rule. */
      struct QuadratureRule
      {
        std::vector<double> points;
        std::vector<double> weights;
      };

      /** Number of Gauss-Legendre points per panel (exact to degree 39). */
      constexpr unsigned int gauss_legendre_order = 20;

      /** Error target of radial_moment(), relative to max|c| times the
       *  panel's (s_hi^3 - s_lo^3)/3. */
      constexpr double moment_tolerance = 1e-13;

      /** Largest bisection depth of the adaptive quadrature. */
      constexpr unsigned int max_quadrature_depth = 30;

      /**
       * Gauss-Legendre rule of gauss_legendre_order points on [-1, 1]: the
       * roots x_i of P_n by Newton's method from x = cos(pi (i + 3/4)/(n +
       * 1/2)), P_n and P_n' by the three-term recurrence (k P_k = (2k - 1) x
       * P_{k-1} - (k - 1) P_{k-2}); weights w_i = 2/((1 - x_i^2) P_n'(x_i)^2).
       * Computed once.
       */
      inline const QuadratureRule &
      gauss_legendre_rule()
      {
        static const QuadratureRule rule = [] {
          constexpr unsigned int n = gauss_legendre_order;
          QuadratureRule         q;
          q.points.assign(n, 0.);
          q.weights.assign(n, 0.);
          // Returns {P_n(x), P_n'(x)}.
          const auto legendre = [](const double x) {
            double p_prev = 1., p = x;
            for (unsigned int k = 2; k <= n; ++k)
              {
                const double p_next
                  = ((2. * k - 1.) * x * p - (k - 1.) * p_prev) / k;
                p_prev = p;
                p      = p_next;
              }
            return std::pair<double, double>(p,
                                             n * (x * p - p_prev)
                                               / (x * x - 1.));
          };
          for (unsigned int i = 0; i < (n + 1) / 2; ++i)
            {
              double x = std::cos(pi * (i + 0.75) / (n + 0.5));
              for (int it = 0; it < 100; ++it)
                {
                  const auto   p  = legendre(x);
                  const double dx = p.first / p.second;
                  x -= dx;
                  if (std::abs(dx) <= 1e-16)
                    break;
                }
              const double dp      = legendre(x).second;
              const double w       = 2. / ((1. - x * x) * dp * dp);
              q.points[i]          = -x;
              q.points[n - 1 - i]  = x;
              q.weights[i]         = w;
              q.weights[n - 1 - i] = w;
            }
          return q;
        }();
        return rule;
      }

      /** Gauss-Legendre approximation of int_lo^hi f(s) ds. */
      template <typename Function>
      inline double
      gauss_legendre(const Function &f, const double lo, const double hi)
      {
        const QuadratureRule &q    = gauss_legendre_rule();
        const double          mid  = 0.5 * (lo + hi);
        const double          half = 0.5 * (hi - lo);
        double                sum  = 0.;
        for (unsigned int i = 0; i < q.points.size(); ++i)
          sum += q.weights[i] * f(mid + half * q.points[i]);
        return half * sum;
      }

      /** hi^3 - lo^3 without cancellation for close lo, hi. */
      inline double
      cube_difference(const double lo, const double hi)
      {
        return (hi - lo) * (hi * hi + hi * lo + lo * lo);
      }

      /**
       * Adaptive bisection of the Gauss-Legendre rule for int_lo^hi c(s) s^2
       * ds: @p whole is the one-panel value; the halves are accepted when
       * they differ from it by at most density_tolerance (hi^3 - lo^3)/3
       * (the tolerance is shared out by shell volume), at depth 0, or when
       * the bisection budget (shared by all panels) is spent.
       */
      template <typename Function>
      inline double
      adaptive_moment(const Function    &f,
                      const double       lo,
                      const double       hi,
                      const double       whole,
                      const double       density_tolerance,
                      const unsigned int depth,
                      unsigned int      &budget)
      {
        const double mid   = 0.5 * (lo + hi);
        const double left  = gauss_legendre(f, lo, mid);
        const double right = gauss_legendre(f, mid, hi);
        const double diff  = std::abs(left + right - whole);
        if (depth == 0 || budget == 0 || !std::isfinite(diff)
            || diff <= density_tolerance * cube_difference(lo, hi) / 3.)
          return left + right;
        --budget;
        const double l = adaptive_moment(
          f, lo, mid, left, density_tolerance, depth - 1, budget);
        return l
               + adaptive_moment(
                 f, mid, hi, right, density_tolerance, depth - 1, budget);
      }

      /** Largest |c| at the points of the 16-panel Gauss-Legendre rule on
       *  [lo, hi] (a cheap estimate of max|c|). */
      inline double
      sampled_max_abs(const std::function<double(double)> &c,
                      const double                         lo,
                      const double                         hi)
      {
        const QuadratureRule &q     = gauss_legendre_rule();
        constexpr unsigned    n     = 16;
        double                c_max = 0.;
        for (unsigned int p = 0; p < n; ++p)
          for (const double x : q.points)
            c_max = std::max(
              c_max, std::abs(c(lo + (hi - lo) * (p + 0.5 * (1. + x)) / n)));
        return c_max;
      }

      /**
       * I(lo, hi) = int_lo^hi c(s) s^2 ds by composite (16 panels), adaptively
       * bisected 20-point Gauss-Legendre quadrature. The error target is
       * moment_tolerance c_scale (hi^3 - lo^3)/3 with c_scale the larger of
       * @p c_scale and max|c| sampled on [lo, hi], i.e. ~1e-13 relative to
       * the stress scale; for smooth c the result is accurate to ~1e-14 of
       * c_scale (hi^3 - lo^3)/3. The caller passes the concentration scale of
       * the whole particle as c_scale so that round-off noise of c where it
       * is nearly zero does not trigger endless bisection. A jump of c is
       * resolved by bisection down to (hi - lo)/2^34; at most 1000
       * bisections are made in total (a safeguard against noisy c).
       */
      inline double
      radial_moment(const std::function<double(double)> &c,
                    const double                         lo,
                    const double                         hi,
                    const double                         c_scale = 0.)
      {
        if (!(hi > lo))
          return 0.;
        constexpr unsigned int n_panels = 16;
        const QuadratureRule  &q        = gauss_legendre_rule();
        const auto f = [&c](const double s) { return c(s) * s * s; };

        std::array<double, n_panels> panel_value{};
        double                       c_max = std::abs(c_scale);
        const double                 width = (hi - lo) / n_panels;
        for (unsigned int p = 0; p < n_panels; ++p)
          {
            const double a    = lo + p * width;
            const double b    = (p + 1 == n_panels) ? hi : a + width;
            const double mid  = 0.5 * (a + b);
            const double half = 0.5 * (b - a);
            double       sum  = 0.;
            for (unsigned int i = 0; i < q.points.size(); ++i)
              {
                const double s  = mid + half * q.points[i];
                const double cs = c(s);
                c_max           = std::max(c_max, std::abs(cs));
                sum += q.weights[i] * cs * s * s;
              }
            panel_value[p] = half * sum;
          }

        const double density_tolerance = moment_tolerance * c_max;
        unsigned int budget            = 1000;
        double       integral          = 0.;
        for (unsigned int p = 0; p < n_panels; ++p)
          {
            const double a = lo + p * width;
            const double b = (p + 1 == n_panels) ? hi : a + width;
            integral += adaptive_moment(f,
                                        a,
                                        b,
                                        panel_value[p],
                                        density_tolerance,
                                        max_quadrature_depth,
                                        budget);
          }
        return integral;
      }

      /**
       * Stresses and displacement of a hollow (a > 0) or solid (a = 0)
       * sphere a <= r <= b with traction-free surfaces, given c(r),
       * I(a, r) = int_a^r c s^2 ds and I(a, b) (Timoshenko & Goodier,
       * thermal stresses in a sphere, with alpha T -> Omega c/3);
       * with k = Omega E/(3 (1 - nu)):
       *   sigma_r = 2k [(r^3 - a^3)/((b^3 - a^3) r^3) I(a,b) - I(a,r)/r^3],
       *   sigma_t = k [(2r^3 + a^3)/((b^3 - a^3) r^3) I(a,b) + I(a,r)/r^3
       *             - c],
       *   u = (1 + nu)/(1 - nu) (Omega/3) I(a,r)/r^2 + C1 r + C2/r^2,
       *   C1 = 2 (1 - 2nu)/(1 - nu) (Omega/3) I(a,b)/(b^3 - a^3),
       *   C2 = (1 + nu)/(1 - nu) (Omega/3) a^3 I(a,b)/(b^3 - a^3).
       * At r = 0 (a = 0): I(0,r)/r^3 -> c(0)/3, I(0,r)/r^2 -> 0.
       */
      inline RadialStress
      sphere_stress_from_moments(const double c_r,
                                 const double r,
                                 const double a,
                                 const double b,
                                 const double I_ar,
                                 const double I_ab,
                                 const double E,
                                 const double nu,
                                 const double Omega)
      {
        const double k       = Omega * E / (3. * (1. - nu));
        const double a3      = a * a * a;
        const double r3      = r * r * r;
        const double mean    = I_ab / cube_difference(a, b); // = cbar/3
        const double inner   = (r > 0.) ? I_ar / r3 : c_r / 3.;
        const double outer_r = (r > 0.) ? cube_difference(a, r) / r3 : 1.;
        const double outer_t = (r > 0.) ? (2. * r3 + a3) / r3 : 2.;
        const double strain  = Omega / 3.;
        const double expand  = (1. + nu) / (1. - nu);
        const double C1      = 2. * (1. - 2. * nu) / (1. - nu) * strain * mean;
        const double C2      = expand * strain * a3 * mean;
        RadialStress result;
        result.sigma_r = 2. * k * (outer_r * mean - inner);
        result.sigma_t = k * (outer_t * mean + inner - c_r);
        result.u       = (r > 0.)
                           ? expand * strain * I_ar / (r * r) + C1 * r + C2 / (r * r)
                           : 0.;
        return result;
      }

      /** Throws std::domain_error unless lo <= r <= hi (to 1e-12 hi), and
       *  returns r clamped to [lo, hi]. */
      inline double
      checked_radius(const double       r,
                     const double       lo,
                     const double       hi,
                     const std::string &function)
      {
        const double slack = 1e-12 * hi;
        if (!(r >= lo - slack && r <= hi + slack))
          throw std::domain_error(function + ": radius " + std::to_string(r)
                                  + " outside [" + std::to_string(lo) + ", "
                                  + std::to_string(hi) + "]");
        return std::min(std::max(r, lo), hi);
      }

      /**
       * Solves the dense n x n system M x = rhs (row-major M) by Gaussian
       * elimination with partial (row) pivoting. Throws std::runtime_error
       * for a (numerically) singular matrix.
       */
      inline std::vector<double>
      solve_dense(std::vector<double> M, std::vector<double> rhs)
      {
        const std::size_t n = rhs.size();
        if (M.size() != n * n)
          throw std::invalid_argument("solve_dense: size mismatch");
        for (std::size_t col = 0; col < n; ++col)
          {
            std::size_t pivot = col;
            for (std::size_t row = col + 1; row < n; ++row)
              if (std::abs(M[row * n + col]) > std::abs(M[pivot * n + col]))
                pivot = row;
            if (!(std::abs(M[pivot * n + col]) > 0.))
              throw std::runtime_error("solve_dense: singular matrix");
            if (pivot != col)
              {
                for (std::size_t j = 0; j < n; ++j)
                  std::swap(M[col * n + j], M[pivot * n + j]);
                std::swap(rhs[col], rhs[pivot]);
              }
            for (std::size_t row = col + 1; row < n; ++row)
              {
                const double factor = M[row * n + col] / M[col * n + col];
                if (factor == 0.)
                  continue;
                for (std::size_t j = col; j < n; ++j)
                  M[row * n + j] -= factor * M[col * n + j];
                rhs[row] -= factor * rhs[col];
              }
          }
        std::vector<double> x(n, 0.);
        for (std::size_t i = n; i-- > 0;)
          {
            double sum = rhs[i];
            for (std::size_t j = i + 1; j < n; ++j)
              sum -= M[i * n + j] * x[j];
            x[i] = sum / M[i * n + i];
          }
        return x;
      }
    } // namespace internal


    /**
     * Diffusion-induced stress in a solid (a = 0) or hollow (a > 0) sphere
     * a <= r <= b, both surfaces traction-free, for a radially symmetric
     * concentration c(r) (relative to c_ref). Thermal-stress analogy
     * (Timoshenko & Goodier, Theory of Elasticity, thermal stresses in a
     * sphere, alpha T -> Omega c/3; Cheng & Verbrugge, J. Power Sources 190
     * (2009) 453 for a = 0), with I(a, r) = int_a^r c(s) s^2 ds:
     *   sigma_r = 2 Omega E/(3(1-nu)) [(r^3 - a^3)/((b^3 - a^3) r^3) I(a,b)
     *             - I(a,r)/r^3],
     *   sigma_t = Omega E/(3(1-nu)) [(2r^3 + a^3)/((b^3 - a^3) r^3) I(a,b)
     *             + I(a,r)/r^3 - c(r)],
     *   u = (1+nu)/(1-nu) (Omega/3) I(a,r)/r^2 + C1 r + C2/r^2,
     *   C1 = 2(1-2nu)/(1-nu) (Omega/3) I(a,b)/(b^3 - a^3),
     *   C2 = (1+nu)/(1-nu) (Omega/3) a^3 I(a,b)/(b^3 - a^3)
     * (C1, C2 from sigma_r(a) = sigma_r(b) = 0; derived by integrating the
     * radial equilibrium equation in displacements). Consequently
     * sigma_r + 2 sigma_t = 2 Omega E/(3(1-nu)) (cbar - c) for a = 0. At
     * r = 0 (a = 0) the limits I(0,r)/r^3 -> c(0)/3, u -> 0 are used. The
     * integrals use adaptive composite Gauss-Legendre quadrature
     * (internal::radial_moment() with max|c| sampled on [a, b] as scale; error
     * ~1e-13 of the stress scale Omega E max|c|/(1 - nu) or less for smooth or
     * piecewise smooth c). Throws std::domain_error for r outside [a, b].
     */
    inline RadialStress
    sphere_radial_concentration_stress(const std::function<double(double)> &c,
                                       const double                         r,
                                       const double                         a,
                                       const double                         b,
                                       const double                         E,
                                       const double                         nu,
                                       const double Omega)
    {
      if (!(a >= 0. && b > a))
        throw std::invalid_argument(
          "sphere_radial_concentration_stress: need 0 <= a < b");
      const double x = internal::checked_radius(
        r, a, b, "sphere_radial_concentration_stress");
      const double c_scale = internal::sampled_max_abs(c, a, b);
      const double I_ar    = internal::radial_moment(c, a, x, c_scale);
      const double I_rb    = internal::radial_moment(c, x, b, c_scale);
      return internal::sphere_stress_from_moments(
        c(x), x, a, b, I_ar, I_ar + I_rb, E, nu, Omega);
    }


    /**
     * Lame solution of a bonded multi-layer sphere with a uniform isotropic
     * eigenstrain in each layer. Layer k occupies radii[k-1] < r <= radii[k]
     * (layer 0 starts at @p inner_radius; 0 for a solid core), with Young's
     * modulus E[k], Poisson's ratio nu[k] and eigenstrain eigenstrain[k]
     * (= Omega_k (c_k - c_ref)/3). In layer k (Lame; Timoshenko & Goodier,
     * thick spherical shell, here with an eigenstrain)
     *   u       = A_k r + B_k/r^2,
     *   sigma_r = 3K A_k - 4 mu B_k/r^3 - 3K eps_k,
     *   sigma_t = 3K A_k + 2 mu B_k/r^3 - 3K eps_k,
     *   K = E_k/(3(1 - 2 nu_k)), mu = E_k/(2(1 + nu_k));
     * u and sigma_r continuous at each interface, sigma_r = 0 at
     * radii.back() and at inner_radius if > 0, B_0 = 0 for a solid core. The
     * linear system of order 2n (unknowns A_k and B_k/radii.back()^3, stress
     * rows divided by max 3K) is solved by Gaussian elimination with partial
     * pivoting. At an interface r = radii[k] the value of layer k (the inner
     * one) is returned. Throws std::invalid_argument for inconsistent data and
     * std::domain_error for r outside [inner_radius, radii.back()].
     */
    inline RadialStress
    layered_sphere_uniform_swelling(const double               r,
                                    const std::vector<double> &radii,
                                    const std::vector<double> &E,
                                    const std::vector<double> &nu,
                                    const std::vector<double> &eigenstrain,
                                    const double               inner_radius)
    {
      const std::size_t n = radii.size();
      if (n == 0 || E.size() != n || nu.size() != n || eigenstrain.size() != n)
        throw std::invalid_argument(
          "layered_sphere_uniform_swelling: radii, E, nu and eigenstrain "
          "must be non-empty and of equal length");
      if (!(inner_radius >= 0.) || !(radii[0] > inner_radius))
        throw std::invalid_argument(
          "layered_sphere_uniform_swelling: need 0 <= inner_radius < radii[0]");
      for (std::size_t k = 0; k < n; ++k)
        if ((k > 0 && !(radii[k] > radii[k - 1])) || !(E[k] > 0.)
            || !(nu[k] > -1. && nu[k] < 0.5))
          throw std::invalid_argument(
            "layered_sphere_uniform_swelling: radii must increase, E > 0, "
            "-1 < nu < 1/2");

      const double x = internal::checked_radius(
        r, inner_radius, radii.back(), "layered_sphere_uniform_swelling");
      const bool   solid   = (inner_radius == 0.);
      const double R_outer = radii.back();

      std::vector<double> K(n), mu(n);
      double              scale = 0.;
      for (std::size_t k = 0; k < n; ++k)
        {
          K[k]  = E[k] / (3. * (1. - 2. * nu[k]));
          mu[k] = E[k] / (2. * (1. + nu[k]));
          scale = std::max(scale, 3. * K[k]);
        }

      // Unknowns: x[2k] = A_k, x[2k+1] = b_k = B_k/R_outer^3; rho = r/R_outer.
      const std::size_t   m = 2 * n;
      std::vector<double> M(m * m, 0.), rhs(m, 0.);
      const auto          at
        = [&M, m](const std::size_t row, const std::size_t col) -> double & {
        return M[row * m + col];
      };
      std::size_t row = 0;

      // Inner boundary.
      if (solid)
        at(row, 1) = 1.;
      else
        {
          const double rho3 = std::pow(inner_radius / R_outer, 3);
          at(row, 0)        = 3. * K[0] / scale;
          at(row, 1)        = -4. * mu[0] / (scale * rho3);
          rhs[row]          = 3. * K[0] * eigenstrain[0] / scale;
        }
      ++row;

      // Interfaces.
      for (std::size_t k = 0; k + 1 < n; ++k)
        {
          const double rho3 = std::pow(radii[k] / R_outer, 3);
          // u_k = u_{k+1}, divided by r.
          at(row, 2 * k)     = 1.;
          at(row, 2 * k + 1) = 1. / rho3;
          at(row, 2 * k + 2) = -1.;
          at(row, 2 * k + 3) = -1. / rho3;
          ++row;
          // sigma_r continuous.
          at(row, 2 * k)     = 3. * K[k] / scale;
          at(row, 2 * k + 1) = -4. * mu[k] / (scale * rho3);
          at(row, 2 * k + 2) = -3. * K[k + 1] / scale;
          at(row, 2 * k + 3) = 4. * mu[k + 1] / (scale * rho3);
          rhs[row]
            = (3. * K[k] * eigenstrain[k] - 3. * K[k + 1] * eigenstrain[k + 1])
              / scale;
          ++row;
        }

      // Outer surface, rho = 1.
      at(row, m - 2) = 3. * K[n - 1] / scale;
      at(row, m - 1) = -4. * mu[n - 1] / scale;
      rhs[row]       = 3. * K[n - 1] * eigenstrain[n - 1] / scale;

      std::vector<double> coefficients = internal::solve_dense(M, rhs);
      if (solid)
        coefficients[1] = 0.;

      std::size_t layer = 0;
      while (layer + 1 < n && x > radii[layer])
        ++layer;
      const double A   = coefficients[2 * layer];
      const double b   = coefficients[2 * layer + 1];
      const double rho = x / R_outer;

      RadialStress result;
      const double free_part = 3. * K[layer] * (A - eigenstrain[layer]);
      if (b == 0.) // solid core (also at r = 0)
        {
          result.sigma_r = free_part;
          result.sigma_t = free_part;
          result.u       = A * x;
        }
      else
        {
          const double rho3 = rho * rho * rho;
          result.sigma_r    = free_part - 4. * mu[layer] * b / rho3;
          result.sigma_t    = free_part + 2. * mu[layer] * b / rho3;
          result.u          = R_outer * (A * rho + b / (rho * rho));
        }
      return result;
    }


    /**
     * Stress scale of the galvanostatic sphere (Cheng & Verbrugge 2009):
     * S_g = Omega E (flux R/D)/(3 (1 - nu)). In the steady (long-time) limit
     * sigma_r(0) = sigma_t(0) -> S_g/5 and sigma_t(R) -> -S_g/5 (inward
     * flux > 0).
     */
    inline double
    sphere_constant_flux_stress_scale(const double R,
                                      const double D,
                                      const double flux,
                                      const double E,
                                      const double nu,
                                      const double Omega)
    {
      return Omega * E * (flux * R / D) / (3. * (1. - nu));
    }


    /**
     * Stresses in a free solid sphere of radius R charged from c = c_ref by
     * a constant inward molar flux @p flux (concentration of
     * sphere_constant_flux() with c0 = 0; Cheng & Verbrugge, J. Power
     * Sources 190 (2009) 453, galvanostatic case). With cbar = 3 flux t/R
     * (exact) and k = Omega E/(3(1 - nu)):
     *   r = 0: sigma_r = sigma_t = 2k/3 (cbar - c(0)), u = 0;
     *   r = R: sigma_r = 0, sigma_t = k (cbar - c(R)), u = Omega cbar R/3;
     *   0 < r < R: sphere_radial_concentration_stress() formulas with
     *   I(0,R) = cbar R^3/3 and I(0,r) by quadrature of the series.
     * r is clamped to [0, R] (std::domain_error beyond 1e-12 R); t <= 0
     * gives zero.
     */
    inline RadialStress
    sphere_constant_flux_stress(const double r,
                                const double t,
                                const double R,
                                const double D,
                                const double flux,
                                const double E,
                                const double nu,
                                const double Omega)
    {
      const double x
        = internal::checked_radius(r, 0., R, "sphere_constant_flux_stress");
      if (!(t > 0.))
        return {0., 0., 0.};
      const double k    = Omega * E / (3. * (1. - nu));
      const double cbar = sphere_constant_flux_mean(t, R, D, flux, 0.);
      if (x <= 0.)
        {
          const double s
            = 2. * k / 3.
              * (cbar - sphere_constant_flux(0., t, R, D, flux, 0.));
          return {s, s, 0.};
        }
      if (x >= R)
        return {0.,
                k * (cbar - sphere_constant_flux(R, t, R, D, flux, 0.)),
                Omega * cbar * R / 3.};
      const std::function<double(double)> c = [=](const double s) {
        return sphere_constant_flux(s, t, R, D, flux, 0.);
      };
      // c increases monotonically from r = 0 to R (inward flux).
      const double c_scale
        = std::max({std::abs(c(0.)), std::abs(c(R)), std::abs(cbar)});
      const double I_ar = internal::radial_moment(c, 0., x, c_scale);
      return internal::sphere_stress_from_moments(
        c(x), x, 0., R, I_ar, cbar * R * R * R / 3., E, nu, Omega);
    }


    /**
     * Stresses in a free solid sphere of radius R whose surface is held at
     * c_surface from c = c_ref (concentration of sphere_constant_surface()
     * with c0 = 0; Cheng & Verbrugge 2009, potentiostatic case). With
     * cbar = sphere_constant_surface_mean() and k = Omega E/(3(1 - nu)):
     *   r = 0: sigma_r = sigma_t = 2k/3 (cbar - c(0)), u = 0;
     *   r = R: sigma_r = 0, sigma_t = k (cbar - c_surface),
     *          u = Omega cbar R/3;
     *   0 < r < R: sphere_radial_concentration_stress() formulas with
     *   I(0,R) = cbar R^3/3 and I(0,r) by quadrature of the series.
     * r is clamped to [0, R] (std::domain_error beyond 1e-12 R); t <= 0
     * gives zero.
     */
    inline RadialStress
    sphere_constant_surface_stress(const double r,
                                   const double t,
                                   const double R,
                                   const double D,
                                   const double c_surface,
                                   const double E,
                                   const double nu,
                                   const double Omega)
    {
      const double x
        = internal::checked_radius(r, 0., R, "sphere_constant_surface_stress");
      if (!(t > 0.))
        return {0., 0., 0.};
      const double k    = Omega * E / (3. * (1. - nu));
      const double cbar = sphere_constant_surface_mean(t, R, D, c_surface, 0.);
      if (x <= 0.)
        {
          const double s
            = 2. * k / 3.
              * (cbar - sphere_constant_surface(0., t, R, D, c_surface, 0.));
          return {s, s, 0.};
        }
      if (x >= R)
        return {0., k * (cbar - c_surface), Omega * cbar * R / 3.};
      const std::function<double(double)> c = [=](const double s) {
        return sphere_constant_surface(s, t, R, D, c_surface, 0.);
      };
      const double I_ar
        = internal::radial_moment(c, 0., x, std::abs(c_surface));
      return internal::sphere_stress_from_moments(
        c(x), x, 0., R, I_ar, cbar * R * R * R / 3., E, nu, Omega);
    }


    /**
     * Peak of the centre stress of the potentiostatic sphere,
     * sigma_r(0, t) = 2 Omega E/(9(1 - nu)) (cbar(t) - c(0, t))
     * (Cheng & Verbrugge 2009): returns {t_peak, sigma_r(0, t_peak)}, the
     * extremum over tau = D t/R^2 in (1e-4, 1) (a maximum for c_surface > 0,
     * a minimum for c_surface < 0; tau_peak does not depend on c_surface).
     * Search: 401-point grid uniform in log tau, then golden-section search
     * in log tau down to a bracket of 1e-10 (value to ~1e-15 relative).
     */
    inline std::pair<double, double>
    sphere_constant_surface_centre_peak(const double R,
                                        const double D,
                                        const double c_surface,
                                        const double E,
                                        const double nu,
                                        const double Omega)
    {
      // Normalised centre stress (c_surface = 1, prefactor 1) vs log tau.
      const auto g = [](const double log_tau) {
        const double tau = std::exp(log_tau);
        return sphere_constant_surface_mean(tau, 1., 1., 1., 0.)
               - sphere_constant_surface(0., tau, 1., 1., 1., 0.);
      };
      const double       lo = std::log(1e-4), hi = 0.;
      constexpr unsigned n_grid = 400;
      unsigned           best   = 0;
      double             best_g = -std::numeric_limits<double>::infinity();
      for (unsigned int i = 0; i <= n_grid; ++i)
        {
          const double v = g(lo + (hi - lo) * i / n_grid);
          if (v > best_g)
            {
              best_g = v;
              best   = i;
            }
        }
      double       a = lo + (hi - lo) * (best == 0 ? 0 : best - 1) / n_grid;
      double       b = lo + (hi - lo) * std::min(best + 1, n_grid) / n_grid;
      const double golden = 0.5 * (std::sqrt(5.) - 1.);
      double       x1 = b - golden * (b - a), x2 = a + golden * (b - a);
      double       g1 = g(x1), g2 = g(x2);
      while (b - a > 1e-10)
        {
          if (g1 < g2)
            {
              a  = x1;
              x1 = x2;
              g1 = g2;
              x2 = a + golden * (b - a);
              g2 = g(x2);
            }
          else
            {
              b  = x2;
              x2 = x1;
              g2 = g1;
              x1 = b - golden * (b - a);
              g1 = g(x1);
            }
        }
      double log_tau = (g1 > g2) ? x1 : x2;
      double g_max   = std::max(g1, g2);
      if (best_g > g_max) // only possible at an end of the search interval
        {
          log_tau = lo + (hi - lo) * best / n_grid;
          g_max   = best_g;
        }
      const double tau       = std::exp(log_tau);
      const double prefactor = 2. * Omega * E / (9. * (1. - nu)) * c_surface;
      return {tau * R * R / D, prefactor * g_max};
    }


    /**
     * Coupling factor of stress-assisted diffusion in a free homogeneous
     * sphere: with J = -D grad c + (D c Omega/(R_gas T)) grad sigma_h and
     * sigma_h = 2 Omega E (cbar - c)/(9 (1 - nu)), J = -D (1 + theta c)
     * grad c, theta = 2 Omega^2 E/(9 R_gas T (1 - nu)) [m^3/mol]
     * (hydrostatic-stress coupling as in Zhang, Shyy & Sastry,
     * J. Electrochem. Soc. 154 (2007) A910; free-sphere sigma_h from the
     * thermal-stress analogy, Cheng & Verbrugge 2009).
     */
    inline double
    stress_coupling_theta(const double E,
                          const double nu,
                          const double Omega,
                          const double T)
    {
      return 2. * Omega * Omega * E / (9. * gas_constant * T * (1. - nu));
    }


    namespace internal
    {
      /**
       * Crank-Nicolson finite-volume solver behind CoupledSphereRadialSolver
       * (one time step size, without extrapolation; see there for the
       * method).
       */
      class CrankNicolsonSphere
      {
      public:
        /** Sets up the mesh and the initial state c = c0 at t = 0. */
        CrankNicolsonSphere(double       R,
                            double       D,
                            double       theta,
                            double       flux,
                            double       c0,
                            unsigned int n_cells);

        /** Integrates from the current time to @p t (>= current time). */
        void
        advance_to(double t);

        /**
         * Concentration at 0 <= r <= R: linear between cell centres; between
         * the last centre and R linear towards c(R), which is extrapolated
         * with the flux condition (w quadratic through the two outer centres
         * with D w'(R) = flux); for r < h/2, c(0) + (c_0 - c(0)) (2r/h)^2 with
         * c(0) = (9 c_0 - c_1)/8 (even in r, by symmetry).
         */
        double
        concentration(double r) const;

        /** Volume average sum_i V_i c_i/(R^3/3). */
        double
        mean() const;

        /** Current time. */
        double
        time() const;

        /** Time step used (default 1e-4 R^2/D, set_time_step()). */
        double
        time_step() const;

        /** Overrides the default time step (for convergence studies). */
        void
        set_time_step(double dt);

        /** Cell-centre values c_i at r_i = (i + 1/2) R/n_cells. */
        const std::vector<double> &
        cell_values() const;

        /** Total number of Newton iterations (linear solves) so far. */
        unsigned long
        n_newton_iterations() const;

      private:
        /** One step of length dt with implicitness beta (1: backward Euler,
         *  1/2: Crank-Nicolson). */
        void
        step(double dt, double beta);

        /** Face fluxes q_f (f = 0..n, q_0 = 0, q_n = flux R^2) of the state
         *  @p c, into face_flux_. */
        void
        compute_fluxes(const std::vector<double> &c);

        /** Tridiagonal Jacobian at c_ (beta, dt), factorised in place:
         *  multiplier_, inv_diag_, upper_. */
        void
        factorise_jacobian(double dt, double beta);

        /** Solves the factorised system for rhs_ in place. */
        void
        solve_factorised();

        /** Kirchhoff variable w = c + theta c^2/2. */
        double
        kirchhoff(double c) const;

        /** Inverse of kirchhoff(): c = 2w/(1 + sqrt(1 + 2 theta w)). */
        double
        inverse_kirchhoff(double w) const;

        /** c(R): w quadratic in r through the two outer cell centres with
         *  D w'(R) = flux. */
        double
        surface_value() const;

        /** c(0) = (9 c_0 - c_1)/8: c = alpha + beta r^2 through the two
         *  inner cell centres (symmetry). */
        double
        centre_value() const;

        double        R_, D_, theta_, flux_;
        unsigned int  n_;
        double        h_, dt_, time_;
        unsigned int  startup_half_steps_;
        double        scale_;
        double        previous_dt_, previous_dt2_; // last two step sizes
        double        factorised_dt_, factorised_beta_;
        unsigned long n_iterations_;

        std::vector<double> volume_;      // (r_+^3 - r_-^3)/3
        std::vector<double> conductance_; // D r_f^2/h; 0 at f = 0 and f = n
        std::vector<double> c_, c_old_, c_previous_, c_previous2_, face_flux_,
          explicit_part_, multiplier_, inv_diag_, upper_, rhs_;
      };


      inline CrankNicolsonSphere::CrankNicolsonSphere(
        const double       R,
        const double       D,
        const double       theta,
        const double       flux,
        const double       c0,
        const unsigned int n_cells)
          : R_(R)
          , D_(D)
          , theta_(theta)
          , flux_(flux)
          , n_(n_cells)
          , h_(R / n_cells)
          , dt_(1e-4 * R * R / D)
          , time_(0.)
          , startup_half_steps_(4)
          , scale_(std::max({std::abs(c0), std::abs(flux) * R / D, 1e-300}))
          , previous_dt_(0.)
          , previous_dt2_(0.)
          , factorised_dt_(0.)
          , factorised_beta_(0.)
          , n_iterations_(0)
          , volume_(n_cells)
          , conductance_(n_cells + 1, 0.)
          , c_(n_cells, c0)
          , c_old_(n_cells, c0)
          , c_previous_(n_cells, c0)
          , c_previous2_(n_cells, c0)
          , face_flux_(n_cells + 1, 0.)
          , explicit_part_(n_cells, 0.)
          , multiplier_(n_cells, 0.)
          , inv_diag_(n_cells, 0.)
          , upper_(n_cells, 0.)
          , rhs_(n_cells, 0.)
      {
        if (!(R > 0.) || !(D > 0.) || n_cells < 2)
          throw std::invalid_argument(
            "CoupledSphereRadialSolver: need R > 0, D > 0, n_cells >= 2");
        if (!(1. + theta * c0 > 0.))
          throw std::invalid_argument(
            "CoupledSphereRadialSolver: need 1 + theta c0 > 0");
        for (unsigned int i = 0; i < n_; ++i)
          volume_[i] = cube_difference(i * h_, (i + 1) * h_) / 3.;
        for (unsigned int f = 1; f < n_; ++f)
          conductance_[f] = D_ * (f * h_) * (f * h_) / h_;
      }


      inline double
      CrankNicolsonSphere::kirchhoff(const double c) const
      {
        return c + 0.5 * theta_ * c * c;
      }


      inline double
      CrankNicolsonSphere::inverse_kirchhoff(const double w) const
      {
        return 2. * w / (1. + std::sqrt(1. + 2. * theta_ * w));
      }


      inline void
      CrankNicolsonSphere::compute_fluxes(const std::vector<double> &c)
      {
        double w_left = kirchhoff(c[0]);
        face_flux_[0] = 0.;
        for (unsigned int f = 1; f < n_; ++f)
          {
            const double w_right = kirchhoff(c[f]);
            face_flux_[f]        = conductance_[f] * (w_right - w_left);
            w_left               = w_right;
          }
        face_flux_[n_] = flux_ * R_ * R_;
      }


      inline void
      CrankNicolsonSphere::factorise_jacobian(const double dt,
                                              const double beta)
      {
        // J_ii = V_i/dt + beta (k_i + k_{i+1}) (1 + theta c_i),
        // J_i,i+1 = -beta k_{i+1} (1 + theta c_{i+1}),
        // J_i,i-1 = -beta k_i (1 + theta c_{i-1}), k_f = conductance_[f].
        double previous_upper = 0., previous_inv = 0.;
        for (unsigned int i = 0; i < n_; ++i)
          {
            const double lower
              = (i > 0) ? -beta * conductance_[i] * (1. + theta_ * c_[i - 1])
                        : 0.;
            const double diag = volume_[i] / dt
                                + beta * (conductance_[i] + conductance_[i + 1])
                                    * (1. + theta_ * c_[i]);
            upper_[i]      = (i + 1 < n_) ? -beta * conductance_[i + 1]
                                         * (1. + theta_ * c_[i + 1])
                                          : 0.;
            const double m = lower * previous_inv;
            multiplier_[i] = m;
            inv_diag_[i]   = 1. / (diag - m * previous_upper);
            previous_inv   = inv_diag_[i];
            previous_upper = upper_[i];
          }
        factorised_dt_   = dt;
        factorised_beta_ = beta;
      }


      inline void
      CrankNicolsonSphere::solve_factorised()
      {
        for (unsigned int i = 1; i < n_; ++i)
          rhs_[i] -= multiplier_[i] * rhs_[i - 1];
        rhs_[n_ - 1] *= inv_diag_[n_ - 1];
        for (unsigned int i = n_ - 1; i-- > 0;)
          rhs_[i] = (rhs_[i] - upper_[i] * rhs_[i + 1]) * inv_diag_[i];
      }


      inline void
      CrankNicolsonSphere::step(const double dt, const double beta)
      {
        // Residual F_i(c) = V_i (c_i - c_old_i)/dt - beta G_i(c) - (1 - beta)
        // G_i(c_old), G_i = q_{i+1} - q_i the net inflow of cell i.
        c_previous2_.swap(c_previous_);
        c_previous_.swap(c_old_);
        c_old_ = c_;
        if (beta < 1.)
          {
            compute_fluxes(c_old_);
            for (unsigned int i = 0; i < n_; ++i)
              explicit_part_[i]
                = (1. - beta) * (face_flux_[i + 1] - face_flux_[i]);
          }
        else
          std::fill(explicit_part_.begin(), explicit_part_.end(), 0.);

        // Predictor (only affects the Newton start): quadratic Lagrange
        // extrapolation through the last three states, linear after the
        // first step.
        const double h1 = previous_dt_, h2 = previous_dt2_;
        if (theta_ != 0. && h1 > 0. && h2 > 0.)
          {
            const double l0 = (dt + h1) * (dt + h1 + h2) / (h1 * (h1 + h2));
            const double l1 = -dt * (dt + h1 + h2) / (h1 * h2);
            const double l2 = dt * (dt + h1) / ((h1 + h2) * h2);
            for (unsigned int i = 0; i < n_; ++i)
              c_[i]
                = l0 * c_old_[i] + l1 * c_previous_[i] + l2 * c_previous2_[i];
          }
        else if (theta_ != 0. && h1 > 0.)
          for (unsigned int i = 0; i < n_; ++i)
            c_[i] += dt / h1 * (c_old_[i] - c_previous_[i]);
        previous_dt2_ = h1;
        previous_dt_  = dt;

        for (unsigned int it = 0; it < 50; ++it)
          {
            compute_fluxes(c_);
            for (unsigned int i = 0; i < n_; ++i)
              rhs_[i] = -(volume_[i] * (c_[i] - c_old_[i]) / dt
                          - beta * (face_flux_[i + 1] - face_flux_[i])
                          - explicit_part_[i]);
            // The Jacobian depends on c only through theta.
            if (theta_ != 0. || factorised_dt_ != dt
                || factorised_beta_ != beta)
              factorise_jacobian(dt, beta);
            solve_factorised();
            ++n_iterations_;

            double update = 0.;
            for (unsigned int i = 0; i < n_; ++i)
              {
                c_[i] += rhs_[i];
                update = std::max(update, std::abs(rhs_[i]));
              }
            if (theta_ == 0.
                || (update <= 1e-8 * scale_
                    && std::abs(theta_) * update <= 1e-8))
              return;
          }
        throw std::runtime_error(
          "CoupledSphereRadialSolver: Newton's method did not converge");
      }


      inline void
      CrankNicolsonSphere::advance_to(const double t)
      {
        if (t < time_)
          throw std::invalid_argument(
            "CoupledSphereRadialSolver::advance_to: time must not decrease");
        while (time_ < t)
          {
            const bool startup = startup_half_steps_ > 0;
            double     dt      = startup ? 0.5 * dt_ : dt_;
            const bool last    = (t - time_) <= dt * (1. + 1e-9);
            if (last)
              dt = t - time_;
            step(dt, startup ? 1. : 0.5);
            if (startup)
              --startup_half_steps_;
            time_ = last ? t : time_ + dt;
          }
      }


      inline double
      CrankNicolsonSphere::surface_value() const
      {
        // w(R - s) = w_R - s w'(R) + s^2 g through the centres s = h/2, 3h/2.
        const double slope = flux_ / D_;
        const double w1    = kirchhoff(c_[n_ - 1]);
        const double w2    = kirchhoff(c_[n_ - 2]);
        const double curv  = (w2 - w1 + slope * h_) / (2. * h_ * h_);
        return inverse_kirchhoff(w1 + 0.5 * slope * h_ - 0.25 * curv * h_ * h_);
      }


      inline double
      CrankNicolsonSphere::centre_value() const
      {
        return (9. * c_[0] - c_[1]) / 8.;
      }


      inline double
      CrankNicolsonSphere::concentration(const double r) const
      {
        const double x = checked_radius(r, 0., R_, "CoupledSphereRadialSolver");
        const double pos = x / h_ - 0.5; // in cells; centre i at pos = i
        if (pos <= 0.)
          {
            const double c_centre = centre_value();
            const double s        = 2. * x / h_;
            return c_centre + (c_[0] - c_centre) * s * s;
          }
        if (pos >= n_ - 1.)
          {
            const double s = pos - (n_ - 1.); // 0 at the last centre, 1/2 at R
            return c_[n_ - 1] + 2. * s * (surface_value() - c_[n_ - 1]);
          }
        const unsigned int i = static_cast<unsigned int>(pos);
        const double       s = pos - i;
        return (1. - s) * c_[i] + s * c_[i + 1];
      }


      inline double
      CrankNicolsonSphere::mean() const
      {
        double sum = 0.;
        for (unsigned int i = 0; i < n_; ++i)
          sum += volume_[i] * c_[i];
        return sum / (R_ * R_ * R_ / 3.);
      }


      inline double
      CrankNicolsonSphere::time() const
      {
        return time_;
      }


      inline double
      CrankNicolsonSphere::time_step() const
      {
        return dt_;
      }


      inline void
      CrankNicolsonSphere::set_time_step(const double dt)
      {
        if (!(dt > 0.))
          throw std::invalid_argument(
            "CoupledSphereRadialSolver::set_time_step: need dt > 0");
        dt_ = dt;
      }


      inline const std::vector<double> &
      CrankNicolsonSphere::cell_values() const
      {
        return c_;
      }


      inline unsigned long
      CrankNicolsonSphere::n_newton_iterations() const
      {
        return n_iterations_;
      }
    } // namespace internal


    /**
     * Finite-element-independent reference for stress-coupled diffusion in a
     * free sphere: dc/dt = (1/r^2) d/dr(r^2 D (1 + theta c) dc/dr) on
     * 0 < r < R, D (1 + theta c) dc/dr = flux (inward) at r = R, symmetry
     * at r = 0, c = c0 at t = 0 (theta from stress_coupling_theta()).
     *
     * Space: cell-centred finite volumes on n_cells equal spherical shells
     * (exact shell volumes (r_+^3 - r_-^3)/3 and face areas r_f^2, the
     * common 4 pi dropped). With the Kirchhoff variable w = c + theta c^2/2
     * (D (1 + theta c) dc/dr = D dw/dr) the face flux is
     * D r_f^2 (w_{i+1} - w_i)/h, i.e. (1 + theta c) averaged arithmetically
     * over the two cells.
     *
     * Time: Crank-Nicolson with a fixed step, started by four
     * backward-Euler half steps (Rannacher) because the flux is switched on
     * at t = 0; the last step is shortened to hit the requested time. Two
     * such runs, with dt = time_step() (default 2e-4 R^2/D) and 2 dt, are
     * combined by Richardson extrapolation, c = (4 c_dt - c_2dt)/3, which
     * removes the O(dt^2) error. Each step is solved by Newton's method
     * (predictor: quadratic extrapolation in time) with a tridiagonal (Thomas)
     * solve, stopped when the update is below 1e-8 of max(|c0|, |flux| R/D)
     * and below 1e-8/|theta| (the remaining error is then ~1e-16 of the
     * scale); for theta = 0 each step is one solve with a cached
     * factorisation. Every Newton update conserves the discrete amount
     * exactly, so mean() = c0 + 3 flux t/R to round-off.
     *
     * Accuracy, theta = 0, 2000 cells, vs Crank eq. 6.60 (self-check):
     * relative error of c(0) 1.0e-5 / 1.3e-6 / 4e-8 at tau = D t/R^2 =
     * 0.05 / 0.1 / 0.5 (c(0) is only 0.0034 flux R/D at tau = 0.05), of c(R)
     * ~1e-7, anywhere < 2e-7 flux R/D for tau >= 0.01; the remaining error
     * is the O(h^2) spatial one. advance_to(tau = 1) costs 7500 steps of
     * 2000 cells: ~0.15 s for theta = 0, ~0.3 s for theta c ~ 0.5 (~1.1
     * Newton iterations per step), -O2 on a shared 2-core machine.
     */
    class CoupledSphereRadialSolver
    {
    public:
      /** Sets up the mesh and the initial state c = c0 at t = 0. */
      CoupledSphereRadialSolver(double       R,
                                double       D,
                                double       theta,
                                double       flux,
                                double       c0,
                                unsigned int n_cells = 2000);

      /** Integrates from the current time to @p t (>= current time). */
      void
      advance_to(double t);

      /**
       * Concentration at 0 <= r <= R (Richardson combination of the two
       * runs). Per run: linear between cell centres; between the last
       * centre and R linear towards c(R), which is extrapolated with the
       * flux condition (w quadratic through the two outer centres with
       * D w'(R) = flux); for r < h/2, c(0) + (c_0 - c(0)) (2r/h)^2 with
       * c(0) = (9 c_0 - c_1)/8 (even in r, by symmetry).
       */
      double
      concentration(double r) const;

      /** Volume average sum_i V_i c_i/(R^3/3). */
      double
      mean() const;

      /** Current time. */
      double
      time() const;

      /** The finer of the two time steps (default 2e-4 R^2/D). */
      double
      time_step() const;

      /** Sets the finer time step (the other is twice as large); before
       *  the first advance_to() (for convergence studies). */
      void
      set_time_step(double dt);

      /** Cell-centre values c_i at r_i = (i + 1/2) R/n_cells (Richardson
       *  combination). */
      const std::vector<double> &
      cell_values() const;

      /** Estimate of the time-discretisation error of the finer run,
       *  max_i |c_dt - c_2dt|/3 (the extrapolated values are much better). */
      double
      time_error_estimate() const;

      /** Total number of Newton iterations (linear solves) of both runs. */
      unsigned long
      n_newton_iterations() const;

    private:
      internal::CrankNicolsonSphere fine_, coarse_;
      std::vector<double>           combined_;
    };


    inline CoupledSphereRadialSolver::CoupledSphereRadialSolver(
      const double       R,
      const double       D,
      const double       theta,
      const double       flux,
      const double       c0,
      const unsigned int n_cells)
        : fine_(R, D, theta, flux, c0, n_cells)
        , coarse_(R, D, theta, flux, c0, n_cells)
        , combined_(n_cells, c0)
    {
      set_time_step(2e-4 * R * R / D);
    }


    inline void
    CoupledSphereRadialSolver::advance_to(const double t)
    {
      fine_.advance_to(t);
      coarse_.advance_to(t);
      const std::vector<double> &f = fine_.cell_values();
      const std::vector<double> &c = coarse_.cell_values();
      for (std::size_t i = 0; i < combined_.size(); ++i)
        combined_[i] = (4. * f[i] - c[i]) / 3.;
    }


    inline double
    CoupledSphereRadialSolver::concentration(const double r) const
    {
      return (4. * fine_.concentration(r) - coarse_.concentration(r)) / 3.;
    }


    inline double
    CoupledSphereRadialSolver::mean() const
    {
      return (4. * fine_.mean() - coarse_.mean()) / 3.;
    }


    inline double
    CoupledSphereRadialSolver::time() const
    {
      return fine_.time();
    }


    inline double
    CoupledSphereRadialSolver::time_step() const
    {
      return fine_.time_step();
    }


    inline void
    CoupledSphereRadialSolver::set_time_step(const double dt)
    {
      if (fine_.time() > 0.)
        throw std::logic_error("CoupledSphereRadialSolver::set_time_step: "
                               "must be called before advance_to()");
      fine_.set_time_step(dt);
      coarse_.set_time_step(2. * dt);
    }


    inline const std::vector<double> &
    CoupledSphereRadialSolver::cell_values() const
    {
      return combined_;
    }


    inline double
    CoupledSphereRadialSolver::time_error_estimate() const
    {
      const std::vector<double> &f     = fine_.cell_values();
      const std::vector<double> &c     = coarse_.cell_values();
      double                     worst = 0.;
      for (std::size_t i = 0; i < f.size(); ++i)
        worst = std::max(worst, std::abs(f[i] - c[i]) / 3.);
      return worst;
    }


    inline unsigned long
    CoupledSphereRadialSolver::n_newton_iterations() const
    {
      return fine_.n_newton_iterations() + coarse_.n_newton_iterations();
    }


    /**
     * Steady 1D stress-coupled diffusion, flux -D (1 + theta c) dc/dz on
     * 0 <= z <= L with c(0) = c_bottom, c(L) = c_top: w = c + theta c^2/2 is
     * linear in z, w(z) = w_bottom + (w_top - w_bottom) z/L, and
     * c = (-1 + sqrt(1 + 2 theta w))/theta, evaluated as
     * 2w/(1 + sqrt(1 + 2 theta w)) (no cancellation; c = w for theta = 0).
     * Requires 1 + theta c > 0 at both ends.
     */
    inline double
    coupled_slab_steady(const double z,
                        const double L,
                        const double c_bottom,
                        const double c_top,
                        const double theta)
    {
      const double w_bottom = c_bottom + 0.5 * theta * c_bottom * c_bottom;
      const double w_top    = c_top + 0.5 * theta * c_top * c_top;
      const double w        = w_bottom + (w_top - w_bottom) * z / L;
      return 2. * w / (1. + std::sqrt(1. + 2. * theta * w));
    }
  } // namespace analytic
} // namespace heterion

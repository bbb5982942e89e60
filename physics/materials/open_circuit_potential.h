#pragma once

#include <memory>
#include <string>
#include <vector>

namespace heterion::materials
{
  /**
   * The open-circuit potential U(theta) [V vs Li/Li+] of an insertion
   * material as a function of its state of charge theta = c/c_max, with
   * its derivative dU/dtheta [V] (for the consistent Jacobian of the
   * Butler-Volmer term). Three kinds, chosen by the text of the parameter
   * `Materials/<name>/Open-circuit potential`:
   * - a built-in curve by name (builtin_names(); each with its citation in
   *   builtin_documentation()), differentiated exactly;
   * - `table:FILE`: a CSV file of (theta, U) rows with theta strictly
   *   increasing, interpolated by the monotone piecewise-cubic Hermite
   *   scheme of Fritsch and Carlson (SIAM J. Numer. Anal. 17 (1980) 238):
   *   monotone data give a monotone curve without overshoot; outside the
   *   table the end values are held (dU/dtheta = 0);
   * - otherwise a muParser expression of `theta`, differentiated by
   *   five-point central differences with the step 1e-2 min(theta, 1 -
   *   theta), kept within [1e-6, 1e-3].
   */
  class OpenCircuitPotential
  {
  public:
    virtual ~OpenCircuitPotential() = default;

    /**
     * Creates the curve described by @p text (see the class description).
     * @p entry names the parameter in error messages; a relative table path
     * is taken relative to the working directory. Throws ExcInput for an
     * unknown name, a missing or malformed table, or a bad expression.
     */
    static std::unique_ptr<OpenCircuitPotential>
    create(const std::string &entry, const std::string &text);

    /** The names of the built-in curves. */
    static std::vector<std::string>
    builtin_names();

    /** One sentence per built-in curve: formula source and validity. */
    static std::string
    builtin_documentation();

    /** U(theta) [V] and dU/dtheta [V]. */
    virtual void
    evaluate(const double theta, double &value, double &derivative) const = 0;

    /** d^2U/dtheta^2 [V]: exact for the built-in curves and tables (where
     * it jumps at the nodes), a five-point difference for expressions (see
     * the class description). For the thermodynamic factor's Jacobian. */
    virtual double
    second_derivative(const double theta) const = 0;

    /** U(theta) [V]. */
    double
    value(const double theta) const
    {
      double u, du;
      evaluate(theta, u, du);
      return u;
    }
  };
} // namespace heterion::materials

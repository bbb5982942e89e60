#include <deal.II/base/function_parser.h>
#include <deal.II/base/utilities.h>

#include <physics/materials/open_circuit_potential.h>
#include <solver/input_error.h>
#include <solver/input_paths.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace heterion::materials
{
  namespace
  {
    /**
     * A number with its first and second derivatives (second-order
     * forward-mode automatic differentiation of one variable), so that each
     * built-in curve is written once and differentiated exactly.
     */
    struct Dual
    {
      double v = 0, d = 0, dd = 0;
    };

    Dual
    operator+(const Dual a, const Dual b)
    {
      return {a.v + b.v, a.d + b.d, a.dd + b.dd};
    }
    Dual
    operator-(const Dual a, const Dual b)
    {
      return {a.v - b.v, a.d - b.d, a.dd - b.dd};
    }
    Dual
    operator+(const double a, const Dual b)
    {
      return {a + b.v, b.d, b.dd};
    }
    Dual
    operator-(const double a, const Dual b)
    {
      return {a - b.v, -b.d, -b.dd};
    }
    Dual
    operator-(const Dual a, const double b)
    {
      return {a.v - b, a.d, a.dd};
    }
    Dual
    operator+(const Dual a, const double b)
    {
      return {a.v + b, a.d, a.dd};
    }
    Dual
    operator*(const double a, const Dual b)
    {
      return {a * b.v, a * b.d, a * b.dd};
    }
    /** f(a) from f, f' and f'' at a.v (the chain rule to second order). */
    Dual
    compose(const Dual a, const double f, const double df, const double ddf)
    {
      return {f, df * a.d, df * a.dd + ddf * a.d * a.d};
    }
    Dual
    exp(const Dual a)
    {
      const double e = std::exp(a.v);
      return compose(a, e, e, e);
    }
    Dual
    tanh(const Dual a)
    {
      const double t = std::tanh(a.v), sech2 = 1 - t * t;
      return compose(a, t, sech2, -2 * t * sech2);
    }
    Dual
    pow(const Dual a, const double p)
    {
      return compose(a,
                     std::pow(a.v, p),
                     p * std::pow(a.v, p - 1),
                     p * (p - 1) * std::pow(a.v, p - 2));
    }

    /** LiMn2O4 (Doyle, Newman et al. J. Electrochem. Soc. 143 (1996)
     * 1890), as shipped by MPET (`LiMn2O4_ss`); singular at y = 0.998432,
     * so y is held below 0.998. */
    Dual
    limn2o4_doyle1996(Dual y)
    {
      y.v = std::min(y.v, 0.998);
      return 4.19829 + 0.0565661 * tanh(-14.5546 * y + 8.60942)
             - 0.0275479 * (pow(0.998432 - y, -0.492465) - 1.90111)
             - 0.157123 * exp(-0.04738 * pow(y, 8.))
             + 0.810239 * exp(-40. * (y - 0.133875));
    }

    /** Graphite (LG M50), Chen et al. J. Electrochem. Soc. 167 (2020)
     * 080534, as in PyBaMM's `Chen2020`. */
    Dual
    graphite_chen2020(const Dual x)
    {
      return 1.9793 * exp(-39.3631 * x) + 0.2482
             - 0.0909 * tanh(29.8538 * (x - 0.1234))
             - 0.04478 * tanh(14.9159 * (x - 0.2769))
             - 0.0205 * tanh(30.4444 * (x - 0.6103));
    }

    /** NMC811 (LG M50), Chen et al. J. Electrochem. Soc. 167 (2020)
     * 080534, as in PyBaMM's `Chen2020`. */
    Dual
    nmc811_chen2020(const Dual x)
    {
      return 4.4875 - 0.8090 * x - 0.0428 * tanh(18.5138 * (x - 0.5542))
             - 17.7326 * tanh(15.7890 * (x - 0.3117))
             + 17.5842 * tanh(15.9308 * (x - 0.3120));
    }

    /** LiFePO4, Prada et al. J. Electrochem. Soc. 160 (2013) A616 (the fit
     * of Afshar et al. 2017), as in PyBaMM's `Prada2013`. */
    Dual
    lifepo4_prada2013(const Dual x)
    {
      return 3.4077 - 0.020269 * x + 0.5 * exp(-150. * x)
             - 0.9 * exp(-30. * (1. - x));
    }

    /** sum_k coefficients[k] x^(n-1-k) by Horner's rule (highest first). */
    template <std::size_t n>
    Dual
    polynomial(const double (&coefficients)[n], const Dual x)
    {
      Dual p{coefficients[0], 0., 0.};
      for (std::size_t k = 1; k < n; ++k)
        p = Dual{p.v * x.v + coefficients[k],
                 p.d * x.v + p.v * x.d,
                 p.dd * x.v + 2 * p.d * x.d + p.v * x.dd};
      return p;
    }

    /** Amorphous Si on lithiation, the degree-7 fit of Verbrugge, Baker and
     * Xiao, J. Electrochem. Soc. 163 (2016) A262, online 2015, as in PyBaMM's
     * `Chen2020_composite` (silicon_ocp_lithiation_Mark2016). */
    Dual
    si_lithiation_verbrugge2015(const Dual x)
    {
      static const double c[]
        = {-96.63, 372.6, -587.6, 489.9, -232.8, 62.99, -9.286, 0.8633};
      return polynomial(c, x);
    }

    /** Amorphous Si on delithiation, the same source (the hysteresis
     * branch: silicon_ocp_delithiation_Mark2016). */
    Dual
    si_delithiation_verbrugge2015(const Dual x)
    {
      static const double c[]
        = {-51.02, 161.3, -205.7, 140.2, -58.76, 16.87, -3.792, 0.9937};
      return polynomial(c, x);
    }

    /** Crystalline Si, first lithiation: the two-phase reaction c-Si ->
     * a-LixSi runs on a flat plateau near 0.10 V vs Li (Obrovac and
     * Christensen, Electrochem. Solid-State Lett. 7 (2004) A93; Limthongkul
     * et al., Acta Mater. 51 (2003) 1103). An idealised curve: that plateau
     * with exponential ends of the form of the LiFePO4 fit (not a fit to
     * data). */
    Dual
    si_crystalline_plateau(const Dual x)
    {
      return 0.10 - 0.01 * x + 0.5 * exp(-150. * x)
             - 0.1 * exp(-30. * (1. - x));
    }

    struct Builtin
    {
      const char *name;
      Dual (*curve)(Dual);
      const char *documentation;
    };

    const Builtin builtins[] = {
      {"LiMn2O4_Doyle1996",
       limn2o4_doyle1996,
       "LiMn2O4 spinel, Doyle et al. J. Electrochem. Soc. 143 (1996) 1890 "
       "(valid for about 0.2 < theta < 0.99)."},
      {"graphite_Chen2020",
       graphite_chen2020,
       "graphite (LG M50 anode), Chen et al. J. Electrochem. Soc. 167 (2020) "
       "080534 (0 < theta < 1)."},
      {"NMC811_Chen2020",
       nmc811_chen2020,
       "NMC811 (LG M50 cathode), Chen et al. J. Electrochem. Soc. 167 (2020) "
       "080534 (about 0.25 < theta < 1)."},
      {"LiFePO4_Prada2013",
       lifepo4_prada2013,
       "LiFePO4, Prada et al. J. Electrochem. Soc. 160 (2013) A616 (0 < theta "
       "< 1; a smoothed two-phase plateau)."},
      {"Si_amorphous_lithiation_Verbrugge2015",
       si_lithiation_verbrugge2015,
       "amorphous Si on lithiation, Verbrugge, Baker and Xiao, J. "
       "Electrochem. Soc. 163 (2016) A262, online 2015 (degree-7 fit, 0 < "
       "theta < 1)."},
      {"Si_amorphous_delithiation_Verbrugge2015",
       si_delithiation_verbrugge2015,
       "amorphous Si on delithiation, same source (the upper branch of the "
       "hysteresis)."},
      {"Si_crystalline_plateau",
       si_crystalline_plateau,
       "crystalline Si, first lithiation: an idealised two-phase plateau at "
       "0.10 V (Obrovac and Christensen, Electrochem. Solid-State Lett. 7 "
       "(2004) A93), not a fit to data."}};


    /** The built-in names, comma-separated, for messages. */
    std::string
    builtin_list()
    {
      std::string list;
      for (const Builtin &b : builtins)
        list += (list.empty() ? "" : ", ") + std::string(b.name);
      return list;
    }


    class BuiltinCurve : public OpenCircuitPotential
    {
    public:
      explicit BuiltinCurve(Dual (*curve)(Dual))
          : curve(curve)
      {
      }

      void
      evaluate(const double theta,
               double      &value,
               double      &derivative) const override
      {
        const Dual u = curve({theta, 1., 0.});
        value        = u.v;
        derivative   = u.d;
      }

      double
      second_derivative(const double theta) const override
      {
        return curve({theta, 1., 0.}).dd;
      }

    private:
      Dual (*curve)(Dual);
    };


    /** Fritsch-Carlson monotone cubic Hermite interpolation of a table. */
    class TabulatedCurve : public OpenCircuitPotential
    {
    public:
      TabulatedCurve(const std::string &entry, const std::string &path)
      {
        std::ifstream in(path);
        AssertThrow(in,
                    ExcInput(entry + ": cannot open the table file '" + path
                             + "' (" + relative_path_hint
                             + "). Give `table:FILE` with a CSV file of "
                               "theta,U rows."));
        std::string  line;
        unsigned int line_number = 0;
        while (std::getline(in, line))
          {
            ++line_number;
            std::replace(line.begin(), line.end(), ',', ' ');
            std::replace(line.begin(), line.end(), ';', ' ');
            std::istringstream row(line);
            double             theta, u;
            if (!(row >> theta))
              {
                // A header or a comment line is allowed before the data.
                AssertThrow(x.empty(),
                            ExcInput(entry + ": line "
                                     + std::to_string(line_number) + " of '"
                                     + path + "' is not a theta,U pair."));
                continue;
              }
            AssertThrow(row >> u,
                        ExcInput(entry + ": line " + std::to_string(line_number)
                                 + " of '" + path + "' has no U value."));
            AssertThrow(x.empty() || theta > x.back(),
                        ExcInput(entry + ": theta must increase strictly in '"
                                 + path + "' (line "
                                 + std::to_string(line_number) + ")."));
            x.push_back(theta);
            y.push_back(u);
          }
        AssertThrow(x.size() >= 2,
                    ExcInput(entry + ": the table '" + path
                             + "' needs at least two theta,U rows."));
        // Secant slopes, then Fritsch-Carlson end and interior slopes.
        const std::size_t   n = x.size();
        std::vector<double> delta(n - 1);
        for (std::size_t k = 0; k + 1 < n; ++k)
          delta[k] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
        slope.assign(n, 0.);
        slope[0]     = delta[0];
        slope[n - 1] = delta[n - 2];
        for (std::size_t k = 1; k + 1 < n; ++k)
          if (delta[k - 1] * delta[k] > 0)
            {
              // Weighted harmonic mean (Fritsch and Butland): monotone.
              const double h0 = x[k] - x[k - 1], h1 = x[k + 1] - x[k];
              const double w0 = 2 * h1 + h0, w1 = h1 + 2 * h0;
              slope[k] = (w0 + w1) / (w0 / delta[k - 1] + w1 / delta[k]);
            }
      }

      void
      evaluate(const double theta,
               double      &value,
               double      &derivative) const override
      {
        if (theta <= x.front() || theta >= x.back())
          {
            value      = theta <= x.front() ? y.front() : y.back();
            derivative = 0;
            return;
          }
        const std::size_t k
          = std::upper_bound(x.begin(), x.end(), theta) - x.begin() - 1;
        const double h = x[k + 1] - x[k], s = (theta - x[k]) / h;
        const double h00 = (1 + 2 * s) * (1 - s) * (1 - s);
        const double h10 = s * (1 - s) * (1 - s);
        const double h01 = s * s * (3 - 2 * s);
        const double h11 = s * s * (s - 1);
        value            = h00 * y[k] + h10 * h * slope[k] + h01 * y[k + 1]
                + h11 * h * slope[k + 1];
        const double d00 = 6 * s * (s - 1), d10 = (1 - s) * (1 - 3 * s);
        const double d01 = -d00, d11 = s * (3 * s - 2);
        derivative = (d00 * y[k] + d01 * y[k + 1]) / h + d10 * slope[k]
                     + d11 * slope[k + 1];
      }

      double
      second_derivative(const double theta) const override
      {
        if (theta <= x.front() || theta >= x.back())
          return 0;
        const std::size_t k
          = std::upper_bound(x.begin(), x.end(), theta) - x.begin() - 1;
        const double h = x[k + 1] - x[k], s = (theta - x[k]) / h;
        // d/ds of the derivative weights above.
        const double e00 = 12 * s - 6, e10 = 6 * s - 4, e11 = 6 * s - 2;
        return ((e00 * (y[k] - y[k + 1])) / h + e10 * slope[k]
                + e11 * slope[k + 1])
               / h;
      }

    private:
      std::vector<double> x, y, slope;
    };


    class ExpressionCurve : public OpenCircuitPotential
    {
    public:
      ExpressionCurve(const std::string &entry, const std::string &expression)
          : function(make_parsed_function<1>(entry, expression, "theta", false))
      {
      }

      /**
       * U' and U'' are five-point central differences (errors h^4 U^(5) / 30
       * and h^4 U^(6) / 90) with a step that shrinks towards theta = 0 and
       * 1, where the curves behave like ln(theta) or ln(1 - theta): the
       * relative error is then about 1e-8 for any theta in [0.001, 0.999],
       * no evaluation point leaves (0, 1) there, and the rounding noise of
       * U' (which enters the residual through the thermodynamic factor)
       * stays near 1e-12 relative.
       */
      void
      evaluate(const double theta,
               double      &value,
               double      &derivative) const override
      {
        const double h = step(theta);
        value          = f(theta);
        derivative     = (f(theta - 2 * h) - 8 * f(theta - h) + 8 * f(theta + h)
                      - f(theta + 2 * h))
                     / (12 * h);
      }

      double
      second_derivative(const double theta) const override
      {
        const double h = step(theta);
        return (-f(theta + 2 * h) + 16 * f(theta + h) - 30 * f(theta)
                + 16 * f(theta - h) - f(theta - 2 * h))
               / (12 * h * h);
      }

    private:
      static double
      step(const double theta)
      {
        return std::clamp(1e-2 * std::min(std::abs(theta), std::abs(1 - theta)),
                          1e-6,
                          1e-3);
      }

      double
      f(const double theta) const
      {
        return function->value(dealii::Point<1>(theta));
      }

      std::unique_ptr<dealii::FunctionParser<1>> function;
    };
  } // namespace


  std::unique_ptr<OpenCircuitPotential>
  OpenCircuitPotential::create(const std::string &entry,
                               const std::string &text)
  {
    const std::string spec = dealii::Utilities::trim(text);
    AssertThrow(!spec.empty(),
                ExcInput(entry + " is empty. Give a built-in curve ("
                         + builtin_list()
                         + "), `table:FILE` or an expression of theta."));
    for (const Builtin &b : builtins)
      if (spec == b.name)
        return std::make_unique<BuiltinCurve>(b.curve);
    if (spec.rfind("table:", 0) == 0)
      return std::make_unique<TabulatedCurve>(
        entry, dealii::Utilities::trim(spec.substr(6)));
    try
      {
        return std::make_unique<ExpressionCurve>(entry, spec);
      }
    catch (const std::exception &exc)
      {
        AssertThrow(false,
                    ExcInput(user_message(exc) + " (" + entry
                             + " takes a built-in curve: " + builtin_list()
                             + "; `table:FILE`; or an expression of theta.)"));
      }
    return nullptr;
  }


  std::vector<std::string>
  OpenCircuitPotential::builtin_names()
  {
    std::vector<std::string> names;
    for (const Builtin &b : builtins)
      names.emplace_back(b.name);
    return names;
  }


  std::string
  OpenCircuitPotential::builtin_documentation()
  {
    std::string text;
    for (const Builtin &b : builtins)
      text += std::string("`") + b.name + "`: " + b.documentation + " ";
    return text;
  }
} // namespace heterion::materials

#include <physics/constants.h>
#include <physics/kinetics/butler_volmer.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>

namespace heterion::kinetics
{
  using namespace dealii;

  void
  ButlerVolmer::declare_parameters(ParameterHandler &prm)
  {
    prm.declare_entry("Anodic transfer coefficient",
                      "0.5",
                      Patterns::Double(),
                      "alpha_a [-] of the Butler-Volmer law, in (0, 1).");
    prm.declare_entry("Cathodic transfer coefficient",
                      "0.5",
                      Patterns::Double(),
                      "alpha_c [-] of the Butler-Volmer law, in (0, 1).");
  }


  void
  ButlerVolmer::parse_parameters(ParameterHandler &prm)
  {
    alpha_a = prm.get_double("Anodic transfer coefficient");
    alpha_c = prm.get_double("Cathodic transfer coefficient");
    for (const auto &[name, value] :
         {std::pair<const char *, double>{"Anodic", alpha_a},
          std::pair<const char *, double>{"Cathodic", alpha_c}})
      AssertThrow(value > 0 && value < 1,
                  ExcInput(std::string("Electrochemistry/") + name
                           + " transfer coefficient must lie in (0, 1), got "
                           + to_text(value) + "."));
  }


  ButlerVolmer::Rate
  ButlerVolmer::evaluate(const double c,
                         const double c_max,
                         const double c_e,
                         const double k,
                         const double eta,
                         const double T) const
  {
    constexpr double theta_floor = 1e-6, max_exponent = 200;
    const double     theta = c / c_max;
    const double theta_reg = std::clamp(theta, theta_floor, 1 - theta_floor);
    const bool   inside    = theta_reg == theta;
    const double cs = theta_reg * c_max, vacant = c_max - cs;
    const double f = constants::faraday / (constants::gas_constant * T);

    Rate rate;
    rate.exchange_current_density
      = constants::faraday * k * std::pow(c_e, alpha_a)
        * std::pow(vacant, alpha_a) * std::pow(cs, alpha_c);
    const double xa = alpha_a * f * eta, xc = -alpha_c * f * eta;
    const double ea      = std::exp(std::min(xa, max_exponent));
    const double ec      = std::exp(std::min(xc, max_exponent));
    const double i0      = rate.exchange_current_density;
    rate.current_density = i0 * (ea - ec);
    rate.d_overpotential = i0 * f
                           * ((xa < max_exponent ? alpha_a * ea : 0.)
                              + (xc < max_exponent ? alpha_c * ec : 0.));
    // d i0 / dc = i0 (alpha_c / c - alpha_a / (c_max - c)) inside the
    // regularised range, 0 outside.
    rate.d_concentration
      = inside ? i0 * (alpha_c / cs - alpha_a / vacant) * (ea - ec) : 0.;
    return rate;
  }
} // namespace heterion::kinetics

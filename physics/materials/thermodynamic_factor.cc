#include <physics/constants.h>
#include <physics/materials/thermodynamic_factor.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>

namespace heterion::materials
{
  using namespace dealii;

  void
  ThermodynamicFactor::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Materials");
    for (const std::string &name : ids::material_names())
      {
        prm.enter_subsection(name);
        prm.declare_entry(
          "Diffusion driving force",
          "concentration gradient",
          Patterns::Selection("concentration gradient|chemical potential"),
          "What drives lithium diffusion in material `" + name
            + "`: `concentration gradient` (J = -D grad c) or `chemical "
              "potential` (J = -(D c / R T) grad mu with mu = -F (U(theta) - "
              "U_ref) from the material's `Open-circuit potential`, so J = "
              "-D Theta grad c with the thermodynamic factor Theta = -(F "
              "theta / R T) dU/dtheta; 1/(1 - theta) for a Nernstian U). "
              "U must decrease with theta on [0.001, 0.999].");
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }


  void
  ThermodynamicFactor::parse_parameters(
    ParameterHandler &prm,
    const std::function<
      const materials::OpenCircuitPotential &(dealii::types::material_id)> &ocp)
  {
    const double temperature = prm.get_double("Temperature");
    curves.assign(ids::n_materials(), nullptr);
    prm.enter_subsection("Materials");
    for (const std::string &name : ids::material_names())
      {
        prm.enter_subsection(name);
        if (prm.get("Diffusion driving force") == "chemical potential")
          {
            const std::string entry = "Materials/" + name;
            AssertThrow(temperature > 0,
                        ExcInput(entry
                                 + "/Diffusion driving force = chemical "
                                   "potential needs Temperature > 0 K, got "
                                 + to_text(temperature) + "."));
            const types::material_id id = ids::material_id(name);
            curves[id]                  = &ocp(id);
            faraday_over_rt
              = constants::faraday / (constants::gas_constant * temperature);
            // Theta > 0 on the clamped range, sampled finely enough to catch
            // a rising stretch of a fitted curve.
            for (unsigned int k = 0; k <= 1000; ++k)
              {
                const double theta
                  = std::clamp(k / 1000., theta_margin, 1 - theta_margin);
                double value, derivative;
                evaluate(id, theta, value, derivative);
                AssertThrow(
                  std::isfinite(value) && value > 0
                    && std::isfinite(derivative),
                  ExcInput(
                    entry
                    + "/Diffusion driving force = chemical potential needs "
                      "an open-circuit potential that decreases with theta, "
                      "but `Open-circuit potential = "
                    + prm.get("Open-circuit potential")
                    + "` gives a thermodynamic factor Theta = -(F theta / R "
                      "T) dU/dtheta = "
                    + to_text(value) + " at theta = " + to_text(theta)
                    + " (allowed: finite and > 0 for 0.001 <= theta <= "
                      "0.999). A rising U means phase separation, which "
                      "needs a gradient-energy term; use `concentration "
                      "gradient` for this material."));
              }
          }
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }


  bool
  ThermodynamicFactor::any() const
  {
    return std::any_of(curves.begin(), curves.end(), [](const auto *curve) {
      return curve != nullptr;
    });
  }


  void
  ThermodynamicFactor::evaluate(const types::material_id id,
                                const double             theta,
                                double                  &value,
                                double                  &derivative) const
  {
    value = factor(id, theta, &derivative);
  }


  double
  ThermodynamicFactor::value(const types::material_id id,
                             const double             theta) const
  {
    return factor(id, theta, nullptr);
  }


  double
  ThermodynamicFactor::factor(const types::material_id id,
                              const double             theta,
                              double                  *derivative) const
  {
    const materials::OpenCircuitPotential *curve
      = id < curves.size() ? curves[id] : nullptr;
    if (curve == nullptr)
      {
        if (derivative)
          *derivative = 0;
        return 1;
      }
    const double x = std::clamp(theta, theta_margin, 1 - theta_margin);
    double       u, du;
    curve->evaluate(x, u, du);
    if (derivative)
      *derivative
        = x == theta ? -faraday_over_rt * (du + x * curve->second_derivative(x))
                     : 0.;
    return -faraday_over_rt * x * du;
  }
} // namespace heterion::materials

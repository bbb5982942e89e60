#include <physics/mechanics/settings.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <cmath>

namespace heterion::mechanics
{
  using namespace dealii;

  void
  Settings::declare_parameters(ParameterHandler &prm)
  {
    prm.declare_entry("Temperature",
                      "298.15",
                      Patterns::Double(),
                      "Absolute temperature T [K] (stress-assisted diffusion "
                      "uses R T). Must be > 0.");
    prm.enter_subsection("Mechanics");
    prm.declare_entry("Enable",
                      "false",
                      Patterns::Bool(),
                      "Solve for the displacement and the stress caused by "
                      "lithiation swelling (small strain, quasi-static; "
                      "plane strain in 2D).");
    prm.declare_entry("Stress-assisted diffusion",
                      "false",
                      Patterns::Bool(),
                      "Add the flux (D c Omega / (R T)) grad sigma_h that "
                      "drives lithium towards tension (two-way coupling). "
                      "`false` gives one-way coupling: stress follows the "
                      "concentration but does not act back.");
    prm.declare_entry(
      "Displacement degree",
      "auto",
      Patterns::Selection("auto|1|2|3|4|5"),
      "Polynomial degree of the displacement element. `auto`: one more "
      "than `Finite element degree`, so that the strain, the stress and "
      "grad sigma_h (in the stress-assisted flux) converge at the order of "
      "c and grad c. With equal degrees the stress loses one order (a "
      "galvanostatic sphere at Q2, refinement 2: 1.3 % instead of 0.05 % "
      "at the centre), and with stress-assisted diffusion so does c.");
    prm.declare_entry(
      "Out-of-plane strain",
      "plane strain",
      Patterns::Selection("plane strain|free ends"),
      "2D only: the cross-section of a long body along z. `plane strain`: "
      "eps_zz = 0, the ends are held (a long constrained wire). `free ends`: "
      "generalized plane strain, eps_zz is one uniform unknown with zero "
      "axial force (a long wire whose ends are free: uniform swelling is "
      "then stress-free). Its value is the statistics column axial_strain.");
    prm.declare_entry("Coupling",
                      "monolithic",
                      Patterns::Selection("monolithic|staggered"),
                      "`monolithic`: Newton on all fields together; "
                      "`staggered`: alternate transport and mechanics solves "
                      "within each time step until they agree.");
    prm.declare_entry("Staggered tolerance",
                      "1e-10",
                      Patterns::Double(0, 1),
                      "Staggered coupling stops when the concentration "
                      "changes by less than this fraction of the largest "
                      "c_max between two passes.");
    prm.declare_entry("Maximum staggered iterations",
                      "50",
                      Patterns::Integer(1, 10000),
                      "Passes of the staggered coupling before the step "
                      "counts as failed (and is retried with half the step).");
    prm.leave_subsection();
  }


  void
  Settings::parse_parameters(ParameterHandler &prm)
  {
    temperature = prm.get_double("Temperature");
    AssertThrow(temperature > 0 && std::isfinite(temperature),
                ExcInput("Temperature must be > 0 K, got "
                         + to_text(temperature) + "."));
    prm.enter_subsection("Mechanics");
    enabled         = prm.get_bool("Enable");
    stress_assisted = prm.get_bool("Stress-assisted diffusion");
    coupling        = prm.get("Coupling") == "staggered" ? Coupling::staggered
                                                         : Coupling::monolithic;
    generalized_plane_strain = prm.get("Out-of-plane strain") == "free ends";
    staggered_tolerance      = prm.get_double("Staggered tolerance");
    max_staggered_iterations = prm.get_integer("Maximum staggered iterations");
    prm.leave_subsection();
    AssertThrow(enabled || !stress_assisted,
                ExcInput("Mechanics/Stress-assisted diffusion = true needs "
                         "`Mechanics/Enable = true` (the stress must be "
                         "computed to act on the flux)."));
    AssertThrow(enabled || !generalized_plane_strain,
                ExcInput("Mechanics/Out-of-plane strain = free ends needs "
                         "`Mechanics/Enable = true`."));
    AssertThrow(staggered_tolerance > 0,
                ExcInput("Mechanics/Staggered tolerance must be in (0, 1)."));
  }
} // namespace heterion::mechanics

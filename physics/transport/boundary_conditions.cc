#include <deal.II/base/utilities.h>

#include <physics/constants.h>
#include <physics/transport/boundary_conditions.h>
#include <solver/geometry/ids.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

namespace heterion::transport
{
  using namespace dealii;

  namespace
  {
    std::set<types::boundary_id>
    parse_names(const std::string &entry, const std::string &text)
    {
      return ids::boundary_ids("Boundary conditions/" + entry, text);
    }

    template <int dim>
    std::unique_ptr<FunctionParser<dim>>
    parse_function(const std::string &entry, const std::string &expression)
    {
      return make_parsed_function<dim>("Boundary conditions/" + entry,
                                       expression,
                                       dim == 2 ? "x,y,t" : "x,y,z,t",
                                       true);
    }
  } // namespace


  template <int dim>
  void
  BoundaryConditions<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Boundary conditions");
    prm.declare_entry("Flux boundaries",
                      "",
                      Patterns::Anything(),
                      "Comma-separated names of the boundaries through which "
                      "lithium enters or leaves with a prescribed flux (see "
                      "meshes/README.md for the names), e.g. `surface`. "
                      "Empty (the default): no prescribed flux. Boundaries "
                      "not named here or in `Concentration boundaries` have "
                      "zero flux.");
    prm.declare_entry("Flux type",
                      "C-rate",
                      Patterns::Selection("C-rate|current density|molar flux"),
                      "How `Flux` is given: `C-rate` [1/h] (1C fills the body "
                      "from empty in one hour: j = rate * (integral of c_max "
                      "dV) / (3600 s * flux area)), `current density` [A/m^2] "
                      "(j = i/F), or `molar flux` [mol/m^2/s].");
    prm.declare_entry("Flux",
                      "1",
                      Patterns::Anything(),
                      "Inward flux on the flux boundaries, in the unit of "
                      "`Flux type`; positive inserts lithium. A number or a "
                      "muParser expression of x, y, z [m] and t [s].");
    prm.declare_entry("Concentration boundaries",
                      "",
                      Patterns::Anything(),
                      "Comma-separated names of the boundaries held at a "
                      "prescribed state of charge (potentiostatic limit).");
    prm.declare_entry("Surface state of charge",
                      "1",
                      Patterns::Anything(),
                      "theta_b on the concentration boundaries (c = theta_b "
                      "c_max), in [0, 1]: a number or a muParser expression of "
                      "x, y, z [m] and t [s].");
    prm.leave_subsection();
  }


  template <int dim>
  void
  BoundaryConditions<dim>::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Boundary conditions");
    flux_ids = parse_names("Flux boundaries", prm.get("Flux boundaries"));
    concentration_ids      = parse_names("Concentration boundaries",
                                    prm.get("Concentration boundaries"));
    const std::string type = prm.get("Flux type");
    flux_type              = type == "C-rate"            ? FluxType::c_rate
                             : type == "current density" ? FluxType::current_density
                                                         : FluxType::molar_flux;
    flux_function          = parse_function<dim>("Flux", prm.get("Flux"));
    theta_function         = parse_function<dim>("Surface state of charge",
                                         prm.get("Surface state of charge"));
    prm.leave_subsection();

    for (const types::boundary_id id : flux_ids)
      AssertThrow(concentration_ids.count(id) == 0,
                  ExcInput("Boundary conditions: boundary '"
                           + ids::boundary_name(id)
                           + "' is named in both `Flux boundaries` and "
                             "`Concentration boundaries`; each boundary takes "
                             "one condition."));
  }


  template <int dim>
  void
  BoundaryConditions<dim>::initialize(
    const std::set<types::boundary_id> &existing,
    const double                        capacity,
    const double                        flux_area)
  {
    for (const auto *set : {&flux_ids, &concentration_ids})
      ids::check_boundaries_exist("Boundary conditions", *set, existing);
    AssertThrow(flux_type != FluxType::c_rate || flux_ids.empty()
                  || flux_area > 0,
                ExcInput("Boundary conditions: a C-rate needs flux "
                         "boundaries with a positive area."));
    one_c = flux_area > 0 ? capacity / (constants::seconds_per_hour * flux_area)
                          : 0.;
  }


  template <int dim>
  const std::set<types::boundary_id> &
  BoundaryConditions<dim>::flux_boundaries() const
  {
    return flux_ids;
  }


  template <int dim>
  const std::set<types::boundary_id> &
  BoundaryConditions<dim>::concentration_boundaries() const
  {
    return concentration_ids;
  }


  template <int dim>
  std::set<types::boundary_id>
  BoundaryConditions<dim>::transport_boundaries() const
  {
    std::set<types::boundary_id> ids = flux_ids;
    ids.insert(concentration_ids.begin(), concentration_ids.end());
    return ids;
  }


  template <int dim>
  double
  BoundaryConditions<dim>::inward_molar_flux(const Point<dim> &p,
                                             const double      t) const
  {
    flux_function->set_time(t);
    const double value = flux_function->value(p);
    switch (flux_type)
      {
        case FluxType::c_rate:
          return value * one_c;
        case FluxType::current_density:
          return value / constants::faraday;
        default:
          return value;
      }
  }


  template <int dim>
  double
  BoundaryConditions<dim>::surface_theta(const Point<dim> &p,
                                         const double      t) const
  {
    theta_function->set_time(t);
    return theta_function->value(p);
  }


  template <int dim>
  double
  BoundaryConditions<dim>::one_c_molar_flux() const
  {
    return one_c;
  }

  template class BoundaryConditions<2>;
  template class BoundaryConditions<3>;
} // namespace heterion::transport

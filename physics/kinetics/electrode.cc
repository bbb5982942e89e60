#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <physics/constants.h>
#include <physics/kinetics/electrode.h>
#include <physics/mechanics/fields.h>
#include <physics/potential/fields.h>
#include <physics/potential/solid_conduction.h>
#include <physics/transport/fields.h>
#include <solver/geometry/ids.h>
#include <solver/input_error.h>
#include <solver/input_paths.h>
#include <solver/parsed_function.h>

#include <cmath>
#include <limits>

namespace heterion::kinetics
{
  using namespace dealii;


  template <int dim>
  void
  Electrode<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Electrochemistry");
    prm.declare_entry(
      "Reaction boundaries",
      "",
      Patterns::Anything(),
      "Comma-separated names of the boundaries where lithium enters or "
      "leaves by Butler-Volmer kinetics from an electrolyte reservoir "
      "(empty: no kinetics; the transport `Boundary conditions` apply). A "
      "boundary named here must not be a flux or concentration boundary.");
    prm.declare_entry(
      "Control",
      "galvanostatic",
      Patterns::Selection("galvanostatic|potentiostatic|protocol"),
      "`galvanostatic`: the insertion current `Applied current` is "
      "prescribed and the electrode potential is solved for; "
      "`potentiostatic`: the electrode potential `Electrode potential` is "
      "prescribed; `protocol`: the steps of `Protocol` are run in turn "
      "(doc/protocols.md).");
    prm.declare_entry(
      "Protocol",
      "Discharge at 1C until 3.5 V",
      Patterns::Anything(),
      "The steps of `Control = protocol`, separated by `;`: `Discharge at "
      "<current> until <voltage>` (lithiation), `Charge at <current> until "
      "<voltage>` (delithiation), `Rest for <duration>`, `Hold at <voltage> "
      "until <current>`; every step may end `for <duration>` as well. "
      "Currents: 1C, C/20, 2 mA, 3 A/m2; voltages: 3.0 V, 4200 mV; "
      "durations: 30 s, 10 min, 2 h; `Sweep to <voltage> at <rate>` "
      "(linear sweep, e.g. at 1 mV/s, from the present voltage or `from "
      "<voltage>`). See doc/protocols.md.");
    prm.declare_entry(
      "Stress in overpotential",
      "false",
      Patterns::Bool(),
      "Add the stress term to the overpotential, eta = V - U(theta) - "
      "Omega sigma_h / F, with the hydrostatic stress sigma_h [Pa] at the "
      "surface and the partial molar volume Omega of the material: "
      "compression (sigma_h < 0) hinders lithiation. Needs `Mechanics/Enable "
      "= true`.");
    prm.declare_entry("Protocol repeats",
                      "1",
                      Patterns::Integer(1),
                      "How many times the list of `Protocol` steps is run "
                      "(cycles).");
    prm.declare_entry("Applied current type",
                      "C-rate",
                      Patterns::Selection("C-rate|current density|current"),
                      "How `Applied current` is given: `C-rate` [1/h] (1C "
                      "fills the body from empty in one hour: I = rate F "
                      "(integral of c_max dV) / 3600 s), `current density` "
                      "[A/m^2] over the reaction boundaries, or `current` "
                      "[A] for the simulated body (a symmetry sector carries "
                      "its share).");
    prm.declare_entry("Applied current",
                      "1",
                      Patterns::Anything(),
                      "Insertion current (galvanostatic control), in the "
                      "unit of `Applied current type`; positive inserts "
                      "lithium (lithiation; discharge of a positive "
                      "electrode). A number or a muParser expression of t "
                      "[s].");
    prm.declare_entry("Electrode potential",
                      "3.5",
                      Patterns::Anything(),
                      "Electrode potential V = phi_s - phi_e [V vs Li/Li+] "
                      "(potentiostatic control): a number or a muParser "
                      "expression of t [s].");
    prm.declare_entry("Electrolyte concentration",
                      "1000",
                      Patterns::Double(),
                      "Li+ concentration c_e [mol/m^3] of the electrolyte "
                      "reservoir. Must be > 0.");
    ButlerVolmer::declare_parameters(prm);
    prm.leave_subsection();
  }


  template <int dim>
  void
  Electrode<dim>::parse_parameters(ParameterHandler &prm)
  {
    temperature = prm.get_double("Temperature");
    prm.enter_subsection("Electrochemistry");
    boundary_ids    = ids::boundary_ids("Electrochemistry/Reaction boundaries",
                                     prm.get("Reaction boundaries"));
    stress_coupling = prm.get_bool("Stress in overpotential");
    const std::string control_text = prm.get("Control");
    control_mode = control_text == "potentiostatic" ? Control::potentiostatic
                                                    : Control::galvanostatic;
    steps.clear();
    if (control_text == "protocol")
      steps = protocols::parse_protocol("Electrochemistry/Protocol",
                                        prm.get("Protocol"));
    repeats                = prm.get_integer("Protocol repeats");
    const std::string type = prm.get("Applied current type");
    current_unit     = type == "C-rate" ? protocols::Quantity::Unit::c_rate
                       : type == "current density"
                         ? protocols::Quantity::Unit::current_density
                         : protocols::Quantity::Unit::ampere;
    current_function = make_parsed_function<1>("Electrochemistry/Applied "
                                               "current",
                                               prm.get("Applied current"),
                                               "t",
                                               false);
    potential_function
      = make_parsed_function<1>("Electrochemistry/Electrode potential",
                                prm.get("Electrode potential"),
                                "t",
                                false);
    electrolyte_concentration = prm.get_double("Electrolyte concentration");
    law.parse_parameters(prm);
    prm.leave_subsection();
    AssertThrow(electrolyte_concentration > 0,
                ExcInput("Electrochemistry/Electrolyte concentration must be "
                         "> 0, got "
                         + to_text(electrolyte_concentration) + " mol/m^3."));
    AssertThrow(!enabled() || temperature > 0,
                ExcInput("Temperature must be > 0 K for the kinetics, got "
                         + to_text(temperature) + "."));
  }


  template <int dim>
  bool
  Electrode<dim>::enabled() const
  {
    return !boundary_ids.empty() || domains->has_interfaces();
  }


  template <int dim>
  void
  Electrode<dim>::set_domains(const assembly::Domains &material_domains)
  {
    domains = &material_domains;
  }


  template <int dim>
  typename Electrode<dim>::Control
  Electrode<dim>::control() const
  {
    if (has_setpoint)
      return setpoint_potentiostatic ? Control::potentiostatic
                                     : Control::galvanostatic;
    return control_mode;
  }


  template <int dim>
  void
  Electrode<dim>::set_setpoint(const bool   potentiostatic,
                               const double value,
                               const double rate,
                               const double start_time)
  {
    has_setpoint            = true;
    setpoint_potentiostatic = potentiostatic;
    setpoint_value          = value;
    setpoint_rate           = rate;
    setpoint_start          = start_time;
  }


  template <int dim>
  const std::vector<protocols::Step> &
  Electrode<dim>::protocol_steps() const
  {
    return steps;
  }


  template <int dim>
  unsigned int
  Electrode<dim>::protocol_repeats() const
  {
    return repeats;
  }


  template <int dim>
  const std::set<types::boundary_id> &
  Electrode<dim>::reaction_boundaries() const
  {
    return boundary_ids;
  }


  template <int dim>
  void
  Electrode<dim>::initialize(const std::set<types::boundary_id> &existing,
                             const std::set<types::boundary_id> &transport,
                             const double                        capacity)
  {
    ids::check_boundaries_exist("Electrochemistry", boundary_ids, existing);
    for (const types::boundary_id id : boundary_ids)
      AssertThrow(transport.count(id) == 0,
                  ExcInput("Boundary '" + ids::boundary_name(id)
                           + "' is named in Electrochemistry/Reaction "
                             "boundaries and also carries a transport "
                             "condition (Boundary conditions/Flux boundaries "
                             "or Concentration boundaries, whose default is "
                             "`surface`). Each boundary takes one condition: "
                             "remove it there, e.g. `set Flux boundaries =` "
                             "in `Boundary conditions`."));
    one_c = constants::faraday * capacity / constants::seconds_per_hour;
  }


  template <int dim>
  template <typename Visitor>
  void
  Electrode<dim>::for_each_reaction_face(const Visitor &visit) const
  {
    std::size_t offset = 0;
    for (const auto &[cell, f] : reaction_faces)
      {
        fe_face_values->reinit(cell, f);
        visit(cell, f, *fe_face_values, offset);
        offset += quadrature_ptr->size();
      }
  }


  template <int dim>
  void
  Electrode<dim>::reinit(const Mapping<dim>                    &mapping,
                         const DoFHandler<dim>                 &dof_handler,
                         const Introspection<dim>              &introspection,
                         const Quadrature<dim - 1>             &face_quadrature,
                         const materials::PropertyCache<dim>   &properties,
                         const potential::SolidConduction<dim> *conduction)
  {
    // The reaction faces of the locally owned cells, once per mesh: those
    // of active cells on the reaction boundaries that are not part of the
    // contact, and the interfaces with electrolyte cells.
    reaction_faces.clear();
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned()
          && domains->of(cell) == assembly::Domains::active)
        for (const unsigned int f : cell->face_indices())
          if ((cell->face(f)->at_boundary()
               && boundary_ids.count(cell->face(f)->boundary_id())
               && !(conduction && conduction->is_contact(cell, f)))
              || domains->is_interface(cell, f))
            reaction_faces.emplace_back(cell, f);
    mapping_ptr         = &mapping;
    dof_handler_ptr     = &dof_handler;
    introspection_ptr   = &introspection;
    quadrature_ptr      = &face_quadrature;
    concentration_field = introspection.field(transport::fields::concentration);
    hydrostatic_stress_field
      = introspection.find_field(mechanics::fields::hydrostatic_stress);
    solid_potential_field
      = introspection.find_field(potential::fields::solid_potential);
    electrolyte_potential_field
      = introspection.find_field(potential::fields::electrolyte_potential);
    fe_face_values
      = std::make_unique<FEFaceValues<dim>>(mapping,
                                            introspection.fe(),
                                            face_quadrature,
                                            update_values
                                              | update_quadrature_points
                                              | update_JxW_values);
    properties_ptr = &properties;
    points.clear();
    offsets.clear();
    for_each_reaction_face(
      [&](const auto &cell, const unsigned int f, const auto &fe, const auto) {
        offsets[{cell->active_cell_index(), f}] = points.size();
        for (const unsigned int q : fe.quadrature_point_indices())
          {
            FacePoint p
              = make_point(fe.quadrature_point(q), cell->material_id());
            p.JxW = fe.JxW(q);
            points.push_back(p);
          }
      });
    area = 0;
    for (const FacePoint &p : points)
      area += p.JxW;
    area = Utilities::MPI::sum(area, dof_handler.get_communicator());
    AssertThrow(area > 0,
                ExcInput("Electrochemistry/Reaction boundaries have no area "
                         "in this mesh (the faces of active materials on "
                         "them, off the contact, and the interfaces with "
                         "electrolyte materials, count)."));
  }


  template <int dim>
  typename Electrode<dim>::FacePoint
  Electrode<dim>::make_point(const Point<dim>        &x,
                             const types::material_id id) const
  {
    const materials::PropertyCache<dim> &properties = *properties_ptr;
    FacePoint                            p;
    p.c_max
      = properties.evaluate(materials::Property::maximum_concentration, x, id);
    p.rate_constant
      = properties.evaluate(materials::Property::reaction_rate_constant, x, id);
    p.omega_over_faraday
      = stress_coupling
          ? properties.evaluate(materials::Property::partial_molar_volume,
                                x,
                                id)
              / constants::faraday
          : 0.;
    p.ocp       = &properties.material_model().open_circuit_potential(id);
    p.ocp_shift = properties.material_model().open_circuit_potential_shift(id);
    return p;
  }


  template <int dim>
  long
  Electrode<dim>::face_offset(
    const typename DoFHandler<dim>::active_cell_iterator &cell,
    const unsigned int                                    face_no) const
  {
    const auto it = offsets.find({cell->active_cell_index(), face_no});
    return it == offsets.end() ? -1 : static_cast<long>(it->second);
  }


  template <int dim>
  typename Electrode<dim>::PointRate
  Electrode<dim>::point_rate(const std::size_t point,
                             const double      c,
                             const double      V,
                             const double      sigma_h,
                             const double      psi) const
  {
    return rate(points[point], c, V, sigma_h, psi);
  }


  template <int dim>
  typename Electrode<dim>::PointRate
  Electrode<dim>::rate(const FacePoint &p,
                       const double     c,
                       const double     V,
                       const double     sigma_h,
                       const double     psi) const
  {
    double u, du_dtheta;
    p.ocp->evaluate(c / p.c_max, u, du_dtheta);
    const double eta
      = V + psi - u - p.ocp_shift - p.omega_over_faraday * sigma_h;
    const auto rate = law.evaluate(
      c, p.c_max, electrolyte_concentration, p.rate_constant, eta, temperature);
    PointRate result;
    result.overpotential             = eta;
    result.theta                     = c / p.c_max;
    result.open_circuit_potential    = u + p.ocp_shift;
    result.solid_potential           = V + psi;
    result.insertion_current_density = -rate.current_density;
    result.d_potential               = -rate.d_overpotential;
    result.d_stress          = -result.d_potential * p.omega_over_faraday;
    result.d_solid_potential = result.d_potential;
    // d eta / dc = -U'(theta) / c_max.
    result.d_concentration
      = -(rate.d_concentration - rate.d_overpotential * du_dtheta / p.c_max);
    return result;
  }


  template <int dim>
  double
  Electrode<dim>::potential_difference(const Vector<double> &values) const
  {
    const Introspection<dim> &in = *introspection_ptr;
    return (solid_potential_field != numbers::invalid_unsigned_int
              ? values(in.first_component(solid_potential_field))
              : 0.)
           - (electrolyte_potential_field != numbers::invalid_unsigned_int
                ? values(in.first_component(electrolyte_potential_field))
                : 0.);
  }


  template <int dim>
  typename Electrode<dim>::PointRate
  Electrode<dim>::rate_at(const Point<dim>        &x,
                          const types::material_id id,
                          const Vector<double>    &values) const
  {
    const Introspection<dim> &in = *introspection_ptr;
    return rate(make_point(x, id),
                values(in.first_component(concentration_field)),
                potential,
                stress_coupling
                  ? values(in.first_component(hydrostatic_stress_field))
                  : 0.,
                potential_difference(values));
  }


  template <int dim>
  const std::vector<
    std::pair<typename DoFHandler<dim>::active_cell_iterator, unsigned int>> &
  Electrode<dim>::faces() const
  {
    return reaction_faces;
  }


  template <int dim>
  typename Electrode<dim>::SurfaceState
  Electrode<dim>::surface_state(const LA::MPI::Vector &solution) const
  {
    SurfaceState        state;
    std::vector<double> values(quadrature_ptr->size());
    state.c.resize(points.size());
    state.sigma_h.assign(stress_coupling ? points.size() : 0, 0.);
    const Introspection<dim> &in = *introspection_ptr;
    const bool                resolved
      = solid_potential_field != numbers::invalid_unsigned_int;
    const bool electrolyte
      = electrolyte_potential_field != numbers::invalid_unsigned_int;
    state.psi.assign(resolved || electrolyte ? points.size() : 0, 0.);
    for_each_reaction_face([&](const auto &,
                               const unsigned int,
                               const auto       &fe,
                               const std::size_t offset) {
      fe[in.scalar(concentration_field)].get_function_values(solution, values);
      std::copy(values.begin(), values.end(), state.c.begin() + offset);
      if (stress_coupling)
        {
          fe[in.scalar(hydrostatic_stress_field)].get_function_values(solution,
                                                                      values);
          std::copy(values.begin(),
                    values.end(),
                    state.sigma_h.begin() + offset);
        }
      if (resolved)
        {
          fe[in.scalar(solid_potential_field)].get_function_values(solution,
                                                                   values);
          std::copy(values.begin(), values.end(), state.psi.begin() + offset);
        }
      if (electrolyte)
        {
          fe[in.scalar(electrolyte_potential_field)].get_function_values(
            solution, values);
          for (unsigned int q = 0; q < values.size(); ++q)
            state.psi[offset + q] -= values[q];
        }
    });
    return state;
  }


  template <int dim>
  std::pair<double, double>
  Electrode<dim>::surface_theta_range(const SurfaceState &state) const
  {
    const std::vector<double> &c_points = state.c;
    double lo = std::numeric_limits<double>::max(), hi = -lo;
    for (std::size_t q = 0; q < points.size(); ++q)
      {
        lo = std::min(lo, c_points[q] / points[q].c_max);
        hi = std::max(hi, c_points[q] / points[q].c_max);
      }
    const MPI_Comm comm = dof_handler_ptr->get_communicator();
    return {Utilities::MPI::min(lo, comm), Utilities::MPI::max(hi, comm)};
  }


  template <int dim>
  double
  Electrode<dim>::total_current(const SurfaceState &state,
                                const double        V,
                                double             *derivative) const
  {
    double sums[2] = {0, 0};
    for (std::size_t q = 0; q < points.size(); ++q)
      {
        const auto rate
          = point_rate(q,
                       state.c[q],
                       V,
                       state.sigma_h.empty() ? 0. : state.sigma_h[q],
                       state.psi.empty() ? 0. : state.psi[q]);
        sums[0] += rate.insertion_current_density * points[q].JxW;
        sums[1] += rate.d_potential * points[q].JxW;
      }
    const MPI_Comm comm = dof_handler_ptr->get_communicator();
    Utilities::MPI::sum(ArrayView<const double>(sums, 2),
                        comm,
                        ArrayView<double>(sums, 2));
    if (derivative)
      *derivative = sums[1];
    return sums[0];
  }


  template <int dim>
  double
  Electrode<dim>::solve_potential(const SurfaceState &state,
                                  const double        current,
                                  const double        guess) const
  {
    // g(V) = I(c, V) - current is strictly decreasing. Bracket the root by
    // steps that double, then Newton's method kept inside the bracket
    // (bisection where Newton would leave it).
    const auto g = [&](const double V, double *dg) {
      return total_current(state, V, dg) - current;
    };
    const double scale = std::max(std::abs(current), 1e-3 * one_c);
    double       dg;
    double       V  = guess;
    double       gV = g(V, &dg);
    double       lo = V, hi = V, g_lo = gV, g_hi = gV;
    double       step = 0.01;
    for (unsigned int n = 0; g_lo < 0 && n < 60; ++n, step *= 2)
      g_lo = g(lo -= step, nullptr);
    step = 0.01;
    for (unsigned int n = 0; g_hi > 0 && n < 60; ++n, step *= 2)
      g_hi = g(hi += step, nullptr);
    AssertThrow(g_lo >= 0 && g_hi <= 0,
                ExcInput("Electrochemistry: no electrode potential carries "
                         "the applied current "
                         + to_text(current)
                         + " A (the Butler-Volmer current "
                           "saturates)."));
    for (unsigned int n = 0; n < 200; ++n)
      {
        if (std::abs(gV) <= 1e-12 * scale
            || hi - lo <= 1e-15 * (1 + std::abs(V)))
          break;
        double next = dg < 0 ? V - gV / dg : 0.5 * (lo + hi);
        if (!(next > lo && next < hi))
          next = 0.5 * (lo + hi);
        V                  = next;
        gV                 = g(V, &dg);
        (gV > 0 ? lo : hi) = V;
      }
    return V;
  }


  template <int dim>
  void
  Electrode<dim>::coupling_vectors(const LA::MPI::Vector           &solution,
                                   const double                     V,
                                   const AffineConstraints<double> &constraints,
                                   LA::MPI::Vector                 &b,
                                   LA::MPI::Vector                 &w) const
  {
    const auto         &fe = introspection_ptr->fe();
    const unsigned int  n  = fe.n_dofs_per_cell();
    Vector<double>      local_b(n), local_a(n);
    std::vector<double> values(quadrature_ptr->size()),
      sigma_h(quadrature_ptr->size(), 0.), psi(quadrature_ptr->size(), 0.),
      phi_e(quadrature_ptr->size(), 0.);
    const Introspection<dim> &in = *introspection_ptr;
    const bool                resolved
      = solid_potential_field != numbers::invalid_unsigned_int;
    const bool electrolyte
      = electrolyte_potential_field != numbers::invalid_unsigned_int;
    std::vector<types::global_dof_index> dof_indices(n);
    b                  = 0;
    w                  = 0;
    double d_potential = 0;
    for_each_reaction_face([&](const auto &cell,
                               const unsigned int,
                               const auto       &fe_face,
                               const std::size_t offset) {
      fe_face[in.scalar(concentration_field)].get_function_values(solution,
                                                                  values);
      if (stress_coupling)
        fe_face[in.scalar(hydrostatic_stress_field)].get_function_values(
          solution, sigma_h);
      if (resolved)
        fe_face[in.scalar(solid_potential_field)].get_function_values(solution,
                                                                      psi);
      if (electrolyte)
        fe_face[in.scalar(electrolyte_potential_field)].get_function_values(
          solution, phi_e);
      local_b = 0;
      local_a = 0;
      for (const unsigned int q : fe_face.quadrature_point_indices())
        {
          const auto rate = point_rate(
            offset + q, values[q], V, sigma_h[q], psi[q] - phi_e[q]);
          const double dA = fe_face.JxW(q);
          d_potential += rate.d_potential * dA;
          for (const unsigned int i : in.local_dofs(concentration_field))
            {
              const double phi = fe_face.shape_value(i, q);
              // R_i += -\int (i_ins / F) phi_i dA.
              local_b(i) -= rate.d_potential / constants::faraday * phi * dA;
              local_a(i) += rate.d_concentration * phi * dA;
            }
          if (stress_coupling)
            for (const unsigned int i : in.local_dofs(hydrostatic_stress_field))
              local_a(i) += rate.d_stress * fe_face.shape_value(i, q) * dA;
          if (resolved)
            for (const unsigned int i : in.local_dofs(solid_potential_field))
              {
                const double phi = fe_face.shape_value(i, q);
                // R_psi,i += -\int i_ins phi_i dA.
                local_b(i) -= rate.d_potential * phi * dA;
                local_a(i) += rate.d_solid_potential * phi * dA;
              }
          if (electrolyte)
            for (const unsigned int i :
                 in.local_dofs(electrolyte_potential_field))
              {
                const double phi = fe_face.shape_value(i, q);
                // R_phi_e,i += \int i_ins phi_i dA; d i_ins/d phi_e =
                // -d i_ins/d psi.
                local_b(i) += rate.d_potential * phi * dA;
                local_a(i) -= rate.d_solid_potential * phi * dA;
              }
        }
      cell->get_dof_indices(dof_indices);
      constraints.distribute_local_to_global(local_b, dof_indices, b);
      constraints.distribute_local_to_global(local_a, dof_indices, w);
    });
    b.compress(VectorOperation::add);
    w.compress(VectorOperation::add);
    d_potential
      = Utilities::MPI::sum(d_potential, dof_handler_ptr->get_communicator());
    // w = dV/dc = -(dI/dc) / (dI/dV).
    w *= -1. / d_potential;
  }


  template <int dim>
  double
  Electrode<dim>::applied_current(const double time) const
  {
    if (has_setpoint)
      return setpoint_value;
    return protocols::to_ampere(
      {current_function->value(Point<1>(time)), current_unit}, one_c, area);
  }


  template <int dim>
  double
  Electrode<dim>::prescribed_potential(const double time) const
  {
    if (has_setpoint)
      return setpoint_value + setpoint_rate * (time - setpoint_start);
    return potential_function->value(Point<1>(time));
  }


  template <int dim>
  bool
  Electrode<dim>::stress_in_overpotential() const
  {
    return stress_coupling;
  }


  template <int dim>
  double
  Electrode<dim>::one_c_current() const
  {
    return one_c;
  }


  template <int dim>
  double
  Electrode<dim>::reaction_area() const
  {
    return area;
  }

  template class Electrode<2>;
  template class Electrode<3>;
} // namespace heterion::kinetics

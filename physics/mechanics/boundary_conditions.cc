#include <deal.II/base/utilities.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/mechanics/boundary_conditions.h>
#include <solver/geometry/ids.h>
#include <solver/input_error.h>

#include <array>
#include <limits>

namespace heterion::mechanics
{
  using namespace dealii;

  template <int dim>
  void
  BoundaryConditions<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Mechanics");
    prm.declare_entry("Symmetry boundaries",
                      "auto",
                      Patterns::Anything(),
                      "Comma-separated boundary names with u . n = 0 and "
                      "zero tangential traction. `auto`: every symmetry "
                      "plane of the mesh (symmetry_x, symmetry_y, "
                      "symmetry_z). Leave empty for none.");
    prm.declare_entry("Clamped boundaries",
                      "",
                      Patterns::Anything(),
                      "Comma-separated boundary names with u = 0 (a face "
                      "bonded to a rigid substrate, e.g. `bottom` of a "
                      "thin film). All other boundaries are traction-free.");
    prm.declare_entry("Remove rigid body modes",
                      "auto",
                      Patterns::Selection("auto|true|false"),
                      "Fix translations and rotations by point constraints "
                      "that add no stress. `auto`: only when no boundary is "
                      "symmetry or clamped (a free particle).");
    prm.leave_subsection();
  }


  template <int dim>
  void
  BoundaryConditions<dim>::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Mechanics");
    symmetry_text = prm.get("Symmetry boundaries");
    if (symmetry_text != "auto")
      symmetry_ids
        = ids::boundary_ids("Mechanics/Symmetry boundaries", symmetry_text);
    clamped_ids             = ids::boundary_ids("Mechanics/Clamped boundaries",
                                    prm.get("Clamped boundaries"));
    const std::string modes = prm.get("Remove rigid body modes");
    rigid_body_modes        = modes == "auto"   ? RigidBodyModes::automatic
                              : modes == "true" ? RigidBodyModes::remove
                                                : RigidBodyModes::keep;
    prm.leave_subsection();
    for (const auto id : clamped_ids)
      AssertThrow(symmetry_ids.count(id) == 0,
                  ExcInput("Mechanics: boundary '" + ids::boundary_name(id)
                           + "' is named in both `Symmetry boundaries` and "
                             "`Clamped boundaries`; each boundary takes one "
                             "condition."));
  }


  template <int dim>
  void
  BoundaryConditions<dim>::initialize(
    const std::set<types::boundary_id> &existing)
  {
    if (symmetry_text == "auto")
      {
        symmetry_ids.clear();
        for (const auto id : {ids::boundary::symmetry_x,
                              ids::boundary::symmetry_y,
                              ids::boundary::symmetry_z})
          if (existing.count(id) && clamped_ids.count(id) == 0)
            symmetry_ids.insert(id);
      }
    for (const auto *set : {&symmetry_ids, &clamped_ids})
      ids::check_boundaries_exist("Mechanics", *set, existing);
    remove_modes = rigid_body_modes == RigidBodyModes::remove
                   || (rigid_body_modes == RigidBodyModes::automatic
                       && symmetry_ids.empty() && clamped_ids.empty());
  }


  template <int dim>
  bool
  BoundaryConditions<dim>::removes_rigid_body_modes() const
  {
    return remove_modes;
  }


  template <int dim>
  void
  BoundaryConditions<dim>::make_constraints(
    const Mapping<dim>        &mapping,
    const DoFHandler<dim>     &dof_handler,
    const Introspection<dim>  &introspection,
    AffineConstraints<double> &constraints) const
  {
    const unsigned int n_components = introspection.fe().n_components();
    const auto         mask
      = introspection.component_mask(Introspection<dim>::displacement_field);
    for (const auto id : clamped_ids)
      VectorTools::interpolate_boundary_values(mapping,
                                               dof_handler,
                                               id,
                                               Functions::ZeroFunction<dim>(
                                                 n_components),
                                               constraints,
                                               mask);
    if (!symmetry_ids.empty())
      VectorTools::compute_no_normal_flux_constraints(
        dof_handler,
        Introspection<dim>::first_displacement_component,
        symmetry_ids,
        constraints,
        mapping);
    if (remove_modes)
      constrain_rigid_body_modes(dof_handler, introspection, constraints);
  }


  template <int dim>
  void
  BoundaryConditions<dim>::constrain_rigid_body_modes(
    const DoFHandler<dim>                     &dof_handler,
    [[maybe_unused]] const Introspection<dim> &introspection,
    AffineConstraints<double>                 &constraints) const
  {
    const MPI_Comm comm = dof_handler.get_communicator();
    const auto    &tria = dof_handler.get_triangulation();

    // The bounding box of all vertices, and its centre.
    Point<dim> lower, upper;
    for (unsigned int d = 0; d < dim; ++d)
      {
        lower[d] = std::numeric_limits<double>::max();
        upper[d] = -lower[d];
      }
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          for (unsigned int d = 0; d < dim; ++d)
            {
              lower[d] = std::min(lower[d], cell->vertex(v)[d]);
              upper[d] = std::max(upper[d], cell->vertex(v)[d]);
            }
    for (unsigned int d = 0; d < dim; ++d)
      {
        lower[d] = Utilities::MPI::min(lower[d], comm);
        upper[d] = Utilities::MPI::max(upper[d], comm);
      }
    const Point<dim> centre = 0.5 * (lower + upper);
    const double     size   = (upper - lower).norm();

    // Three vertices, chosen by scores that do not depend on the partition
    // (compared lexicographically: primary score, secondary score, then the
    // coordinates): p0 nearest to the centre; p1 the farthest in +x, then
    // nearest to the x axis through p0; p2 the farthest in +y, then nearest
    // to the y axis through p0.
    using Candidate       = std::array<double, 2 + dim>;
    const double rounding = 1e-9 * size;
    const auto   quantize
      = [&](const double value) { return std::round(value / rounding); };
    const auto choose = [&](const auto &score) {
      Candidate best;
      best.fill(std::numeric_limits<double>::max());
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int v : cell->vertex_indices())
            {
              const Point<dim> &p             = cell->vertex(v);
              const auto [primary, secondary] = score(p);
              Candidate candidate{{quantize(primary), quantize(secondary)}};
              for (unsigned int d = 0; d < dim; ++d)
                candidate[2 + d] = p[d];
              best = std::min(best, candidate);
            }
      for (const Candidate &c : Utilities::MPI::all_gather(comm, best))
        best = std::min(best, c);
      Point<dim> p;
      for (unsigned int d = 0; d < dim; ++d)
        p[d] = best[2 + d];
      return p;
    };
    const Point<dim> p0 = choose([&](const Point<dim> &p) {
      return std::make_pair(p.distance(centre), 0.);
    });
    const auto off_axis = [&](const Point<dim> &p, const unsigned int axis) {
      double distance = 0;
      for (unsigned int d = 0; d < dim; ++d)
        if (d != axis)
          distance += std::abs(p[d] - p0[d]);
      return distance;
    };
    const Point<dim> p1 = choose([&](const Point<dim> &p) {
      return std::make_pair(-(p[0] - p0[0]), off_axis(p, 0));
    });
    const Point<dim> p2 = choose([&](const Point<dim> &p) {
      return std::make_pair(-(p[1] - p0[1]), off_axis(p, 1));
    });

    // u(p0) = 0; u_y(p1) = u_z(p1) = 0; u_z(p2) = 0 (2D: u(p0) = 0,
    // u_y(p1) = 0). This fixes translations and rotations as long as p1 is
    // off p0 in x and p2 off the line p0-p1, which the choice ensures.
    std::vector<std::pair<Point<dim>, std::vector<unsigned int>>> fixes;
    std::vector<unsigned int> all_components(dim);
    for (unsigned int d = 0; d < dim; ++d)
      all_components[d] = d;
    fixes.emplace_back(p0, all_components);
    fixes.emplace_back(p1,
                       dim == 2 ? std::vector<unsigned int>{1}
                                : std::vector<unsigned int>{1, 2});
    if (dim == 3)
      fixes.emplace_back(p2, std::vector<unsigned int>{2});
    AssertThrow(p1[0] - p0[0] > rounding
                  && (dim == 2
                      || std::abs((p1[0] - p0[0]) * (p2[1] - p0[1])
                                  - (p1[1] - p0[1]) * (p2[0] - p0[0]))
                           > rounding * size),
                ExcInput("Mechanics/Remove rigid body modes: cannot find "
                         "three mesh vertices that fix the rigid-body modes "
                         "of this body; prescribe symmetry or clamped "
                         "boundaries instead."));

    // With FESystem(FE_Q, ...) each vertex carries one DoF per component,
    // ordered by component.
    AssertDimension(introspection.fe().n_dofs_per_vertex(),
                    introspection.fe().n_components());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        for (const unsigned int v : cell->vertex_indices())
          for (const auto &[point, components] : fixes)
            if (cell->vertex(v).distance(point) < rounding)
              for (const unsigned int d : components)
                {
                  const unsigned int component
                    = Introspection<dim>::first_displacement_component + d;
                  const types::global_dof_index index
                    = cell->vertex_dof_index(v, component);
                  if (constraints.can_store_line(index)
                      && !constraints.is_constrained(index))
                    constraints.add_line(index);
                }
  }

  template class BoundaryConditions<2>;
  template class BoundaryConditions<3>;
} // namespace heterion::mechanics

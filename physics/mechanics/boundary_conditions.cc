#include <deal.II/base/utilities.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/lapack_full_matrix.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/mechanics/boundary_conditions.h>
#include <physics/mechanics/fields.h>
#include <solver/geometry/ids.h>
#include <solver/geometry/tools.h>
#include <solver/input_error.h>

#include <array>
#include <limits>
#include <map>

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
                      "The rigid-body modes (translations, rotations) that "
                      "the symmetry and clamped boundaries leave free: "
                      "`auto` or `true` fixes exactly those by point "
                      "constraints that add no stress (all of them for a "
                      "free particle, the axial translation of a quarter "
                      "wire with free ends, none for an octant); `false` "
                      "keeps them and stops with an error naming the modes "
                      "if any is free.");
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
  }


  template <int dim>
  std::vector<std::string>
  BoundaryConditions<dim>::mode_names()
  {
    if (dim == 2)
      return {"translation in x", "translation in y", "rotation about z"};
    return {"translation in x",
            "translation in y",
            "translation in z",
            "rotation about x",
            "rotation about y",
            "rotation about z"};
  }


  namespace
  {
    /** Component @p d of rigid-body mode @p k at @p x (modes as in
     * BoundaryConditions::mode_names(); rotations scaled by 1 / size). */
    template <int dim>
    double
    mode_value(const unsigned int k,
               const unsigned int d,
               const Point<dim>  &x,
               const Point<dim>  &centre,
               const double       size)
    {
      if (k < dim)
        return k == d ? 1. : 0.;
      const Tensor<1, dim> r = (x - centre) / size;
      if (dim == 2)
        return d == 0 ? -r[1] : r[0];
      // Rotation about axis a: (e_a x r)_d.
      const unsigned int a = k - dim, b = (a + 1) % 3, c = (a + 2) % 3;
      return d == b ? -r[c] : d == c ? r[b] : 0.;
    }


    /** The centre and the diagonal of the bounding box of the mesh. */
    template <int dim>
    std::pair<Point<dim>, double>
    centre_and_size(const DoFHandler<dim> &dof_handler)
    {
      const auto box
        = geometry::global_bounding_box(dof_handler.get_triangulation());
      const auto [lower, upper] = box.get_boundary_points();
      return {box.center(), (upper - lower).norm()};
    }
  } // namespace


  template <int dim>
  std::vector<Vector<double>>
  BoundaryConditions<dim>::free_modes(
    const Mapping<dim>              &mapping,
    const DoFHandler<dim>           &dof_handler,
    const unsigned int               first_component,
    const AffineConstraints<double> &constraints,
    const Point<dim>                &centre,
    const double                     size)
  {
    constexpr unsigned int n_modes = dim == 2 ? 3 : 6;
    const auto            &fe      = dof_handler.get_fe();
    // The support point and direction of every displacement DoF the
    // constraints name.
    std::vector<bool> mask(fe.n_components(), false);
    for (unsigned int d = 0; d < dim; ++d)
      mask[first_component + d] = true;
    std::map<types::global_dof_index, Point<dim>> points;
    DoFTools::map_dofs_to_support_points(mapping,
                                         dof_handler,
                                         points,
                                         ComponentMask(mask));
    std::map<types::global_dof_index, unsigned int> direction;
    std::vector<types::global_dof_index>            indices;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        {
          indices.resize(cell->get_fe().n_dofs_per_cell());
          cell->get_dof_indices(indices);
          for (unsigned int i = 0; i < indices.size(); ++i)
            {
              const unsigned int c
                = cell->get_fe().system_to_component_index(i).first;
              if (c >= first_component && c < first_component + dim)
                direction[indices[i]] = c - first_component;
            }
        }

    // G = A^T A, A(line, k) = the violation of the constraint `line` by
    // mode k. A mode is free when its column of A vanishes.
    FullMatrix<double> gram(n_modes, n_modes);
    const auto         value = [&](const unsigned int            k,
                           const types::global_dof_index i) {
      return mode_value<dim>(k, direction.at(i), points.at(i), centre, size);
    };
    for (const auto &line : constraints.get_lines())
      {
        if (!direction.count(line.index) || !points.count(line.index))
          continue;
        std::array<double, n_modes> a;
        for (unsigned int k = 0; k < n_modes; ++k)
          {
            a[k] = value(k, line.index);
            for (const auto &[j, weight] : line.entries)
              a[k] -= weight * value(k, j);
          }
        for (unsigned int k = 0; k < n_modes; ++k)
          for (unsigned int l = 0; l < n_modes; ++l)
            gram(k, l) += a[k] * a[l];
      }
    Utilities::MPI::sum(gram, dof_handler.get_communicator(), gram);

    LAPACKFullMatrix<double> matrix(n_modes, n_modes);
    matrix = gram;
    std::vector<Vector<double>> eigenvectors;
    FullMatrix<double>          vectors;
    Vector<double>              eigenvalues;
    matrix.compute_eigenvalues_symmetric(
      -1, std::numeric_limits<double>::max(), 0, eigenvalues, vectors);
    double largest = 0;
    for (const double lambda : eigenvalues)
      largest = std::max(largest, lambda);
    // Killed modes have eigenvalues of the order of the number of
    // constrained DoFs; free ones are zero to round-off.
    std::vector<Vector<double>> free;
    for (unsigned int e = 0; e < eigenvalues.size(); ++e)
      if (eigenvalues[e] <= 1e-10 * std::max(largest, 1.))
        {
          Vector<double> v(n_modes);
          for (unsigned int k = 0; k < n_modes; ++k)
            v[k] = vectors(k, e);
          free.push_back(v);
        }
    return free;
  }


  template <int dim>
  std::string
  BoundaryConditions<dim>::make_constraints(
    const Mapping<dim>        &mapping,
    const DoFHandler<dim>     &dof_handler,
    const Introspection<dim>  &introspection,
    AffineConstraints<double> &constraints) const
  {
    const unsigned int n_components = introspection.fe().n_components();
    const unsigned int u_field      = introspection.field(fields::displacement);
    const unsigned int first        = introspection.first_component(u_field);
    const auto         mask         = introspection.component_mask(u_field);
    const auto [centre, size]       = centre_and_size(dof_handler);
    const double tolerance          = 1e-10 * size;

    // The displacement conditions alone (to find the free modes), then
    // merged into @p constraints.
    IndexSet relevant;
    DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
    AffineConstraints<double> own(relevant);
    for (const auto id : clamped_ids)
      VectorTools::interpolate_boundary_values(mapping,
                                               dof_handler,
                                               id,
                                               Functions::ZeroFunction<dim>(
                                                 n_components),
                                               own,
                                               mask);
    std::set<types::boundary_id> other_symmetry;
    const MPI_Comm               comm = dof_handler.get_communicator();
    for (const auto id : symmetry_ids)
      {
        // The extent of the boundary's vertices along each axis: a plane
        // normal to an axis has none along it.
        Point<dim> lowest, highest;
        for (unsigned int d = 0; d < dim; ++d)
          {
            lowest[d]  = std::numeric_limits<double>::max();
            highest[d] = -lowest[d];
          }
        for (const auto &cell : dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const auto &face : cell->face_iterators())
              if (face->at_boundary() && face->boundary_id() == id)
                for (const unsigned int v : face->vertex_indices())
                  for (unsigned int d = 0; d < dim; ++d)
                    {
                      lowest[d]  = std::min(lowest[d], face->vertex(v)[d]);
                      highest[d] = std::max(highest[d], face->vertex(v)[d]);
                    }
        unsigned int axis = dim;
        for (unsigned int d = 0; d < dim; ++d)
          {
            lowest[d]  = Utilities::MPI::min(lowest[d], comm);
            highest[d] = Utilities::MPI::max(highest[d], comm);
            if (highest[d] - lowest[d] <= tolerance)
              axis = d;
          }
        const unsigned int named = id == ids::boundary::symmetry_x   ? 0
                                   : id == ids::boundary::symmetry_y ? 1
                                   : id == ids::boundary::symmetry_z ? 2
                                                                     : dim;
        AssertThrow(named == dim || axis == named,
                    ExcInput("Mechanics/Symmetry boundaries: boundary '"
                             + ids::boundary_name(id) + "' is not a plane "
                             + std::string(1, "xyz"[named])
                             + " = const (its vertices span "
                             + std::string(1, "xyz"[named]) + " = "
                             + std::to_string(lowest[named % dim]) + " ... "
                             + std::to_string(highest[named % dim])
                             + " m). A symmetry plane of that name must be "
                               "normal to its axis."));
        // A plane normal to an axis holds that component at every DoF on
        // it (also where it meets other planes); other boundaries get the
        // no-normal-flux constraints of their normals.
        if (axis == dim)
          {
            other_symmetry.insert(id);
            continue;
          }
        std::vector<bool> component(n_components, false);
        component[first + axis] = true;
        VectorTools::interpolate_boundary_values(mapping,
                                                 dof_handler,
                                                 id,
                                                 Functions::ZeroFunction<dim>(
                                                   n_components),
                                                 own,
                                                 ComponentMask(component));
      }
    if (!other_symmetry.empty())
      VectorTools::compute_no_normal_flux_constraints(
        dof_handler, first, other_symmetry, own, mapping);
    AffineConstraints<double> closed;
    closed.copy_from(own);
    closed.close();

    const auto free
      = free_modes(mapping, dof_handler, first, closed, centre, size);
    std::string fixed;
    if (!free.empty())
      {
        std::string names;
        const auto  all = mode_names();
        for (const auto &v : free)
          {
            // A mode of its own, or a combination of several.
            unsigned int largest = 0;
            for (unsigned int k = 1; k < v.size(); ++k)
              if (std::abs(v[k]) > std::abs(v[largest]))
                largest = k;
            names += (names.empty() ? "" : ", ")
                     + (std::abs(std::abs(v[largest]) - 1) < 1e-8
                          ? all[largest]
                          : "a combination of rigid-body modes");
          }
        AssertThrow(rigid_body_modes != RigidBodyModes::keep,
                    ExcInput(
                      "Mechanics: the boundary conditions leave the body free "
                      "to move: "
                      + names
                      + " (the stiffness matrix is singular). Set `Mechanics/"
                        "Remove rigid body modes = auto` to fix exactly these "
                        "modes by point constraints that add no stress, or add "
                        "a symmetry or clamped boundary."));
        constrain_free_modes(dof_handler, first, free, centre, size, own);
        fixed = names;
      }
    own.close();
    constraints.merge(own, AffineConstraints<double>::left_object_wins, true);
    return fixed;
  }


  template <int dim>
  void
  BoundaryConditions<dim>::constrain_free_modes(
    const DoFHandler<dim>             &dof_handler,
    const unsigned int                 first_component,
    const std::vector<Vector<double>> &free,
    const Point<dim>                  &centre,
    const double                       size,
    AffineConstraints<double>         &constraints) const
  {
    const MPI_Comm comm     = dof_handler.get_communicator();
    const auto    &tria     = dof_handler.get_triangulation();
    const double   rounding = 1e-9 * size;

    // Three vertices, chosen by scores that do not depend on the partition
    // (compared lexicographically: primary score, secondary score, then the
    // coordinates): p0 nearest to the centre; p1 the farthest in +x, then
    // nearest to the x axis through p0; p2 the farthest in +y, then nearest
    // to the y axis through p0.
    using Candidate = std::array<double, 2 + dim>;
    const auto quantize
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

    // The 3-2-1 candidates: u(p0), u_y(p1), u_z(p1), u_z(p2) (2D: u(p0),
    // u_y(p1)); together they fix every rigid motion. Greedily, the
    // candidates whose rows, projected onto the free modes, are the most
    // independent (Gram-Schmidt), one per free mode.
    std::vector<std::pair<Point<dim>, unsigned int>> candidates;
    for (unsigned int d = 0; d < dim; ++d)
      candidates.emplace_back(p0, d);
    for (unsigned int d = 1; d < dim; ++d)
      candidates.emplace_back(p1, d);
    if (dim == 3)
      candidates.emplace_back(p2, 2);
    const unsigned int          n_free = free.size();
    std::vector<Vector<double>> basis;
    std::vector<unsigned int>   chosen;
    std::vector<Vector<double>> rows;
    for (const auto &[p, d] : candidates)
      {
        Vector<double> row(n_free);
        for (unsigned int f = 0; f < n_free; ++f)
          for (unsigned int k = 0; k < free[f].size(); ++k)
            row[f] += free[f][k] * mode_value<dim>(k, d, p, centre, size);
        rows.push_back(row);
      }
    std::vector<bool> used(candidates.size(), false);
    for (unsigned int n = 0; n < n_free; ++n)
      {
        unsigned int   best      = numbers::invalid_unsigned_int;
        double         best_norm = 1e-6;
        Vector<double> best_rest;
        for (unsigned int c = 0; c < candidates.size(); ++c)
          if (!used[c])
            {
              Vector<double> rest = rows[c];
              for (const auto &b : basis)
                rest.add(-(rest * b), b);
              if (rest.l2_norm() > best_norm)
                {
                  best      = c;
                  best_norm = rest.l2_norm();
                  best_rest = rest;
                }
            }
        AssertThrow(best != numbers::invalid_unsigned_int,
                    ExcInput("Mechanics/Remove rigid body modes: cannot find "
                             "mesh vertices that fix the rigid-body modes "
                             "this body has; prescribe symmetry or clamped "
                             "boundaries instead."));
        used[best] = true;
        best_rest /= best_norm;
        basis.push_back(best_rest);
        chosen.push_back(best);
      }

    // With FESystem(FE_Q, ...) each vertex carries one DoF per component.
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        for (const unsigned int v : cell->vertex_indices())
          for (const unsigned int c : chosen)
            if (cell->vertex(v).distance(candidates[c].first) < rounding)
              {
                const types::global_dof_index index = cell->vertex_dof_index(
                  v, first_component + candidates[c].second);
                if (constraints.can_store_line(index)
                    && !constraints.is_constrained(index))
                  constraints.add_line(index);
              }
  }

  template class BoundaryConditions<2>;
  template class BoundaryConditions<3>;
} // namespace heterion::mechanics

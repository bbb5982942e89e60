#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/la_parallel_vector.h>

#include <boost/serialization/set.hpp>

#include <solver/material_continuity.h>

#include <limits>
#include <map>
#include <set>
#include <vector>

namespace heterion
{
  using namespace dealii;

  template <int dim>
  void
  make_material_continuity_constraints(
    const DoFHandler<dim>           &handler,
    const unsigned int               component,
    const DoFHandler<dim>           &key_handler,
    const unsigned int               key_component,
    const AffineConstraints<double> &key_hanging,
    AffineConstraints<double>       &constraints)
  {
    const MPI_Comm comm   = handler.get_communicator();
    const auto    &fe     = handler.get_fe();
    const auto    &key_fe = key_handler.get_fe();
    const auto    &base
      = fe.base_element(fe.component_to_base_index(component).first);
    const auto &key_base = key_fe.base_element(
      key_fe.component_to_base_index(key_component).first);
    AssertThrow(base.n_dofs_per_cell() == key_base.n_dofs_per_cell(),
                ExcMessage("The DG and the FE_Q component differ in degree."));

    // The FE_Q node at the support point of each DG node.
    const unsigned int        n = base.n_dofs_per_cell();
    std::vector<unsigned int> key_of(n, numbers::invalid_unsigned_int);
    for (unsigned int i = 0; i < n; ++i)
      for (unsigned int j = 0; j < n; ++j)
        if (base.get_unit_support_points()[i].distance(
              key_base.get_unit_support_points()[j])
            < 1e-10)
          key_of[i] = j;
    std::vector<unsigned int> system_index(n), key_system_index(n);
    for (unsigned int i = 0; i < n; ++i)
      {
        Assert(key_of[i] != numbers::invalid_unsigned_int, ExcInternalError());
        system_index[i] = fe.component_to_system_index(component, i);
        key_system_index[i]
          = key_fe.component_to_system_index(key_component, i);
      }

    // The materials that have cells anywhere.
    std::set<types::material_id> materials;
    for (const auto &cell : handler.active_cell_iterators())
      if (cell->is_locally_owned())
        materials.insert(cell->material_id());
    std::vector<types::material_id> all;
    for (const auto &list : Utilities::MPI::all_gather(comm, materials))
      all.insert(all.end(), list.begin(), list.end());
    materials = std::set<types::material_id>(all.begin(), all.end());

    IndexSet key_relevant;
    DoFTools::extract_locally_relevant_dofs(key_handler, key_relevant);
    std::vector<types::global_dof_index> dofs(fe.n_dofs_per_cell()),
      keys(key_fe.n_dofs_per_cell());
    const auto key_cell = [&](const auto &cell) {
      return typename DoFHandler<dim>::active_cell_iterator(
        &cell->get_triangulation(), cell->level(), cell->index(), &key_handler);
    };
    constexpr double none = std::numeric_limits<double>::max();

    for (const types::material_id material : materials)
      {
        // The lowest DG index of each group, over the cells each rank owns
        // (every cell has one owner), keyed by the FE_Q DoF.
        LinearAlgebra::distributed::Vector<double> lowest(
          key_handler.locally_owned_dofs(), key_relevant, comm);
        // Owned and ghost entries start at `none` (operator= with a
        // nonzero value leaves the ghosts alone).
        lowest = none;
        for (const auto i : key_relevant)
          lowest(i) = none;
        for (const auto &cell : handler.active_cell_iterators())
          if (cell->is_locally_owned() && cell->material_id() == material)
            {
              cell->get_dof_indices(dofs);
              key_cell(cell)->get_dof_indices(keys);
              for (unsigned int i = 0; i < n; ++i)
                {
                  double &entry = lowest(keys[key_system_index[key_of[i]]]);
                  entry         = std::min(entry,
                                   static_cast<double>(dofs[system_index[i]]));
                }
            }
        lowest.compress(VectorOperation::min);
        lowest.update_ghost_values();

        const auto group = [&](const types::global_dof_index key) {
          return lowest(key) == none
                   ? numbers::invalid_dof_index
                   : static_cast<types::global_dof_index>(lowest(key));
        };
        for (const auto &cell : handler.active_cell_iterators())
          if (!cell->is_artificial() && cell->material_id() == material)
            {
              cell->get_dof_indices(dofs);
              key_cell(cell)->get_dof_indices(keys);
              for (unsigned int i = 0; i < n; ++i)
                {
                  const types::global_dof_index dof = dofs[system_index[i]];
                  const types::global_dof_index key
                    = keys[key_system_index[key_of[i]]];
                  const types::global_dof_index master = group(key);
                  if (master == numbers::invalid_dof_index
                      || !constraints.can_store_line(dof)
                      || constraints.is_constrained(dof))
                    continue;
                  if (dof != master)
                    {
                      constraints.add_line(dof);
                      constraints.add_entry(dof, master, 1.);
                      continue;
                    }
                  // The group's own node: at a hanging FE_Q DoF it follows
                  // the groups of the coarse side (same material only).
                  if (!key_hanging.is_constrained(key))
                    continue;
                  const auto *entries = key_hanging.get_constraint_entries(key);
                  std::vector<std::pair<types::global_dof_index, double>> line;
                  bool complete = true;
                  for (const auto &[coarse, weight] : *entries)
                    {
                      const types::global_dof_index g = group(coarse);
                      complete = complete && g != numbers::invalid_dof_index;
                      line.emplace_back(g, weight);
                    }
                  if (!complete)
                    continue;
                  constraints.add_line(dof);
                  constraints.add_entries(dof, line);
                }
            }
      }
  }

  template void
  make_material_continuity_constraints(const DoFHandler<2> &,
                                       const unsigned int,
                                       const DoFHandler<2> &,
                                       const unsigned int,
                                       const AffineConstraints<double> &,
                                       AffineConstraints<double> &);
  template void
  make_material_continuity_constraints(const DoFHandler<3> &,
                                       const unsigned int,
                                       const DoFHandler<3> &,
                                       const unsigned int,
                                       const AffineConstraints<double> &,
                                       AffineConstraints<double> &);
} // namespace heterion

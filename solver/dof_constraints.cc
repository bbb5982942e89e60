#include <deal.II/dofs/dof_tools.h>

#include <solver/dof_constraints.h>

namespace heterion
{
  using namespace dealii;

  template <int dim>
  void
  make_domain_constraints(const DoFHandler<dim>     &dof_handler,
                          const Introspection<dim>  &introspection,
                          const assembly::Domains   &domains,
                          AffineConstraints<double> &constraints)
  {
    const unsigned int n_domains = domains.n_domains();
    if (n_domains == 1)
      return;
    // lives[field][domain]
    const unsigned int             n_fields = introspection.n_blocks();
    std::vector<std::vector<bool>> lives(n_fields,
                                         std::vector<bool>(n_domains, false));
    for (const auto &field : introspection.fields())
      for (const std::string &name : field.domains)
        {
          const unsigned int domain = domains.find(name);
          if (domain != numbers::invalid_unsigned_int)
            lives[field.block][domain] = true;
        }
    const auto        &fe       = introspection.fe();
    const unsigned int n        = fe.n_dofs_per_cell();
    const auto         field_of = [&](const unsigned int component) {
      return introspection.component_to_block()[component];
    };

    IndexSet relevant;
    DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
    std::vector<char>                    in_domain(relevant.n_elements(), 0);
    std::vector<types::global_dof_index> dofs(n);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        {
          const unsigned int here = domains.of(cell);
          cell->get_dof_indices(dofs);
          for (unsigned int i = 0; i < n; ++i)
            if (lives[field_of(fe.system_to_component_index(i).first)][here])
              in_domain[relevant.index_within_set(dofs[i])] = 1;
          for (const unsigned int f : cell->face_indices())
            if (!cell->at_boundary(f))
              {
                const unsigned int there = domains.of(cell->neighbor(f));
                if (there == here)
                  continue;
                std::vector<types::global_dof_index> face_dofs(
                  fe.n_dofs_per_face(f));
                cell->face(f)->get_dof_indices(face_dofs);
                for (unsigned int i = 0; i < face_dofs.size(); ++i)
                  if (relevant.is_element(face_dofs[i])
                      && lives[field_of(
                        fe.face_system_to_component_index(i, f).first)][there])
                    in_domain[relevant.index_within_set(face_dofs[i])] = 1;
              }
        }
    // Lines for the DoFs of the locally owned cells (there every cell that
    // touches a DoF is known on this rank).
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(dofs);
          for (unsigned int i = 0; i < n; ++i)
            if (!in_domain[relevant.index_within_set(dofs[i])]
                && constraints.can_store_line(dofs[i])
                && !constraints.is_constrained(dofs[i]))
              constraints.add_line(dofs[i]);
        }
  }

  template void
  make_domain_constraints(const DoFHandler<2> &,
                          const Introspection<2> &,
                          const assembly::Domains &,
                          AffineConstraints<double> &);
  template void
  make_domain_constraints(const DoFHandler<3> &,
                          const Introspection<3> &,
                          const assembly::Domains &,
                          AffineConstraints<double> &);
} // namespace heterion

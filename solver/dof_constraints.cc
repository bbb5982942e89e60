#include <deal.II/dofs/dof_tools.h>

#include <solver/dof_constraints.h>
#include <solver/linear_algebra.h>

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
    const auto                     &fe = introspection.fe();
    const unsigned int              n  = fe.n_dofs_per_cell();
    const std::vector<unsigned int> block_of
      = introspection.component_to_block();
    const auto field_of
      = [&](const unsigned int component) { return block_of[component]; };

    IndexSet relevant;
    DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
    std::vector<char>                    in_domain(relevant.n_elements(), 0);
    std::vector<types::global_dof_index> dofs(n), face_dofs;
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
                face_dofs.resize(fe.n_dofs_per_face(f));
                cell->face(f)->get_dof_indices(face_dofs);
                for (unsigned int i = 0; i < face_dofs.size(); ++i)
                  if (relevant.is_element(face_dofs[i])
                      && lives[field_of(
                        fe.face_system_to_component_index(i, f).first)][there])
                    in_domain[relevant.index_within_set(face_dofs[i])] = 1;
              }
        }
    // The owner of a DoF sees every cell that has it (all share a vertex
    // with the owner's cell), so its verdict is exact; every rank takes the
    // owner's verdict for its locally relevant DoFs, so that a DoF of a
    // ghost cell that is a master of a local hanging-node constraint has
    // the same line on every rank (else the chain is resolved differently
    // on the two sides).
    const MPI_Comm  comm  = dof_handler.get_communicator();
    const IndexSet &owned = dof_handler.locally_owned_dofs();
    LA::MPI::Vector owned_flags(owned, comm);
    for (const auto i : owned)
      owned_flags(i) = in_domain[relevant.index_within_set(i)];
    owned_flags.compress(VectorOperation::insert);
    LA::MPI::Vector flags(owned, relevant, comm);
    flags = owned_flags;
    for (const auto i : relevant)
      if (flags(i) == 0 && constraints.can_store_line(i)
          && !constraints.is_constrained(i))
        constraints.add_line(i);
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

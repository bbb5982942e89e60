#pragma once

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/affine_constraints.h>

#include <solver/assembly/domains.h>
#include <solver/introspection.h>

#include <vector>

namespace heterion
{
  /**
   * Adds the homogeneous constraint u_i = 0 for every DoF of component
   * @p component on face @p face_no of @p cell (those that @p constraints
   * can store and that are not constrained yet, e.g. by hanging nodes).
   */
  template <int dim>
  void
  constrain_face_component(
    const typename dealii::DoFHandler<dim>::active_cell_iterator &cell,
    const unsigned int                                            face_no,
    const unsigned int                                            component,
    dealii::AffineConstraints<double>                            &constraints)
  {
    const auto                                  &fe = cell->get_fe();
    std::vector<dealii::types::global_dof_index> face_dofs(
      fe.n_dofs_per_face(face_no));
    cell->face(face_no)->get_dof_indices(face_dofs);
    for (unsigned int i = 0; i < face_dofs.size(); ++i)
      if (fe.face_system_to_component_index(i, face_no).first == component
          && constraints.can_store_line(face_dofs[i])
          && !constraints.is_constrained(face_dofs[i]))
        constraints.add_line(face_dofs[i]);
  }


  /**
   * Holds every field at zero outside its domains
   * (FieldDeclaration::domains): a DoF of a field lives if it touches a
   * cell of one of the field's domains, or lies on a face between such a
   * cell and a cell of another domain (seen from either side, so that
   * hanging nodes there are covered); every other DoF of the field gets the
   * line u_i = 0 (lines already present are kept). Nothing is added while
   * all materials are in one domain.
   */
  template <int dim>
  void
  make_domain_constraints(const dealii::DoFHandler<dim>     &dof_handler,
                          const Introspection<dim>          &introspection,
                          const assembly::Domains           &domains,
                          dealii::AffineConstraints<double> &constraints);
} // namespace heterion

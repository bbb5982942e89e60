#pragma once

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/affine_constraints.h>

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
} // namespace heterion

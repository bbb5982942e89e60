#pragma once

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/affine_constraints.h>

namespace heterion
{
  /**
   * Constraints that make a discontinuous Lagrange component (FE_DGQ(k),
   * component @p component of @p handler) continuous within each material,
   * and leave it free to jump where two materials meet: a space that is
   * FE_Q(k) on every material, with each material's own values on an
   * interface. The hydrostatic stress needs it: tr(sigma)/3 jumps at a
   * bonded interface, and a continuous field smears the jump (doc/design.md).
   *
   * The nodes are matched through a continuous FE_Q(k) component of the same
   * degree on the same mesh (@p key_handler, component @p key_component):
   * the DG nodes of the cells of one material that lie at the support point
   * of one FE_Q DoF form a group, and all of them are constrained to the
   * one with the lowest index, found over all ranks (a min-reduction keyed
   * by the FE_Q DoF), so every rank writes the same lines. At a hanging
   * FE_Q DoF (constrained in @p key_hanging, closed) the group follows the
   * groups of the coarse side with the same weights, when that side is of
   * the same material. The lines are added to @p constraints (not closed).
   */
  template <int dim>
  void
  make_material_continuity_constraints(
    const dealii::DoFHandler<dim>           &handler,
    const unsigned int                       component,
    const dealii::DoFHandler<dim>           &key_handler,
    const unsigned int                       key_component,
    const dealii::AffineConstraints<double> &key_hanging,
    dealii::AffineConstraints<double>       &constraints);
} // namespace heterion

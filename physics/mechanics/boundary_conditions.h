#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>

#include <solver/introspection.h>

#include <set>

namespace heterion::mechanics
{
  /**
   * Mechanical boundary conditions, by boundary name (ids.h):
   * - *symmetry* boundaries: u . n = 0, zero tangential traction;
   * - *clamped* boundaries: u = 0 (also: bonded to a rigid substrate);
   * - every other boundary is traction-free.
   * A body without any of these (a free particle) would float: its six
   * (three in 2D) rigid-body modes are removed by a minimal, statically
   * determinate set of point constraints (3-2-1 rule) that adds no stress:
   * any solution of the free problem plus a rigid motion satisfies them.
   */
  template <int dim>
  class BoundaryConditions
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /** Checks that every named boundary exists in the mesh. */
    void
    initialize(const std::set<dealii::types::boundary_id> &existing);

    /**
     * Adds the homogeneous displacement constraints to @p constraints
     * (which must not be closed yet).
     */
    void
    make_constraints(const dealii::Mapping<dim>        &mapping,
                     const dealii::DoFHandler<dim>     &dof_handler,
                     const Introspection<dim>          &introspection,
                     dealii::AffineConstraints<double> &constraints) const;

    /** True when the rigid-body modes are removed by point constraints. */
    bool
    removes_rigid_body_modes() const;

  private:
    enum class RigidBodyModes
    {
      automatic,
      remove,
      keep
    };

    /** The 3-2-1 point constraints; the points are partition independent. */
    void
    constrain_rigid_body_modes(
      const dealii::DoFHandler<dim>     &dof_handler,
      const Introspection<dim>          &introspection,
      dealii::AffineConstraints<double> &constraints) const;

    std::string                          symmetry_text;
    std::set<dealii::types::boundary_id> symmetry_ids;
    std::set<dealii::types::boundary_id> clamped_ids;
    RigidBodyModes rigid_body_modes = RigidBodyModes::automatic;
    bool           remove_modes     = false;
  };
} // namespace heterion::mechanics

#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/vector.h>

#include <solver/introspection.h>

#include <set>
#include <string>
#include <vector>

namespace heterion::mechanics
{
  /**
   * Mechanical boundary conditions, by boundary name (ids.h):
   * - *symmetry* boundaries: u . n = 0, zero tangential traction. On a
   *   boundary that is a plane normal to a coordinate axis (`symmetry_x`,
   *   ..., the faces of a box, the ends of a wire) this is the component
   *   along that axis at every DoF on the plane, so that a DoF on two or
   *   three planes (an edge or the corner of an octant) is held by each of
   *   them; other boundaries get the no-normal-flux constraints of their
   *   normals;
   * - *clamped* boundaries: u = 0 (also: bonded to a rigid substrate);
   * - every other boundary is traction-free.
   * The rigid-body modes (translations and rotations) that these conditions
   * leave free are found by evaluating each mode on the constraints: a mode
   * is free when it satisfies all of them. With `Remove rigid body modes =
   * auto` (or true) exactly those modes are removed by as many point
   * constraints, chosen among a 3-2-1 set of vertices (partition
   * independent); a statically determinate support adds no stress, since
   * any solution plus a free rigid motion still solves the problem.
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
     * (which must not be closed yet). Throws ExcInput when rigid-body modes
     * are left free and `Remove rigid body modes = false`. Returns the names
     * of the modes fixed by point constraints (empty for none), e.g.
     * "translation in z".
     */
    std::string
    make_constraints(const dealii::Mapping<dim>        &mapping,
                     const dealii::DoFHandler<dim>     &dof_handler,
                     const Introspection<dim>          &introspection,
                     dealii::AffineConstraints<double> &constraints) const;

    /**
     * The rigid-body modes that @p constraints (closed, displacement
     * conditions only) leave free, as an orthonormal basis of coefficient
     * vectors over modes(): translations x, y (, z), then rotations about
     * the axes through @p centre, scaled by 1 / @p size. Collective.
     */
    static std::vector<dealii::Vector<double>>
    free_modes(const dealii::Mapping<dim>              &mapping,
               const dealii::DoFHandler<dim>           &dof_handler,
               const unsigned int                       first_component,
               const dealii::AffineConstraints<double> &constraints,
               const dealii::Point<dim>                &centre,
               const double                             size);

    /** The names of the rigid-body modes, in the order of free_modes(). */
    static std::vector<std::string>
    mode_names();

  private:
    enum class RigidBodyModes
    {
      automatic,
      remove,
      keep
    };

    /**
     * Point constraints that remove the @p free modes: as many as there are
     * free modes, picked from the 3-2-1 candidates (the vertex nearest to
     * the centre, the farthest in +x, the farthest in +y; partition
     * independent). @p first_component is the displacement's first.
     */
    void
    constrain_free_modes(const dealii::DoFHandler<dim> &dof_handler,
                         const unsigned int             first_component,
                         const std::vector<dealii::Vector<double>> &free,
                         const dealii::Point<dim>                  &centre,
                         const double                               size,
                         dealii::AffineConstraints<double> &constraints) const;

    std::string                          symmetry_text;
    std::set<dealii::types::boundary_id> symmetry_ids;
    std::set<dealii::types::boundary_id> clamped_ids;
    RigidBodyModes rigid_body_modes = RigidBodyModes::automatic;
  };
} // namespace heterion::mechanics

#pragma once

#include <deal.II/base/parameter_handler.h>

#include <solver/linear_algebra.h>

#include <deal.II/base/index_set.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>

#include <memory>
#include <string>
#include <vector>

namespace heterion
{
  /**
   * The linear solver for the Newton updates: a sparse direct solver
   * (MUMPS with PETSc, KLU with Trilinos) or a Krylov method (CG when the
   * Jacobian is symmetric, GMRES otherwise) preconditioned by algebraic
   * multigrid (BoomerAMG with PETSc, ML with Trilinos). The preconditioner
   * is rebuilt only when the matrix changes.
   *
   * A system of several fields (concentration, displacement, hydrostatic
   * stress) is solved iteratively by GMRES with a block lower-triangular
   * preconditioner (PETSc PCFIELDSPLIT, multiplicative, in field order):
   * GMRES with BoomerAMG to 1e-2 on the concentration block,
   * smoothed-aggregation AMG (GAMG)
   * with the rigid-body modes as near-null space on the elasticity block,
   * Jacobi on the mass matrix of the projected stress, and CG with
   * BoomerAMG to 1e-2 on the solid potential. A system of
   * the displacement alone (set_fields() with one field) is solved by CG
   * with GAMG and the rigid-body modes.
   */
  class LinearSolver
  {
  public:
    enum class Method
    {
      direct,
      iterative
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /**
     * Announces a new matrix: the preconditioner is rebuilt at the next
     * solve. @p symmetric selects CG over GMRES.
     */
    void
    matrix_changed(const bool symmetric);

    /**
     * Solves A x = b to the relative tolerance; returns the number of
     * iterations (1 for the direct solver). Throws std::runtime_error when
     * the Krylov method does not converge.
     */
    unsigned int
    solve(const LA::MPI::SparseMatrix &matrix,
          LA::MPI::Vector             &x,
          const LA::MPI::Vector       &b);

    Method
    method() const;

    /**
     * Announces new DoFs (a new or adapted mesh): every factorization,
     * hierarchy and Krylov object of the old ones is dropped (PETSc does
     * not resize them).
     */
    void
    dofs_changed();

    /**
     * Declares the fields of the system: the locally owned DoFs of each
     * field (sorted), in block order, and the key of each field
     * (Introspection::Field::key: the option prefix
     * `-heterion_fieldsplit_<key>_` of its block); @p elasticity_field,
     * the field of the displacement (numbers::invalid_unsigned_int:
     * none); and for each of its owned DoFs the direction of the
     * DoF (0 ... dim-1, or dim for a constrained DoF, whose row is
     * decoupled) and the dim coordinates of its support point, from
     * which the rigid-body modes (the near-null space of elasticity) are
     * built.
     */
    void
    set_fields(const std::vector<std::vector<dealii::types::global_dof_index>>
                                               &dofs_per_field,
               const std::vector<std::string>  &field_keys,
               const unsigned int               elasticity_field,
               const std::vector<unsigned int> &directions,
               const std::vector<double>       &support_points,
               const unsigned int               dim);

    /**
     * Declares that the displacement block of every matrix given to the
     * block solver is the same (monolithic coupling of small-strain
     * elasticity on a fixed mesh: the block is the stiffness matrix, with
     * the same diagonal scaling). Its AMG hierarchy is then built at the
     * first solve and kept until set_fields() announces new fields. Not for
     * the staggered coupling, whose transport sub-problem freezes the
     * displacement (an identity block) in the same matrix.
     */
    void
    keep_elasticity_preconditioner(const bool keep);

    LinearSolver();

    ~LinearSolver();

    /** `Relative tolerance` of this solver. */
    double
    tolerance() const
    {
      return relative_tolerance;
    }

  private:
    Method                                    solver_method = Method::iterative;
    double                                    relative_tolerance = 1e-12;
    unsigned int                              max_iterations     = 1000;
    bool                                      symmetric_matrix   = true;
    bool                                      rebuild            = true;
    std::unique_ptr<LA::MPI::PreconditionAMG> preconditioner;

    /** A PETSc KSP with its index sets and near-null space (PETSc types
     * stay out of this header): one for the block solver, one for the
     * direct solver. */
    struct PetscKsp;
    std::unique_ptr<PetscKsp> block_solver;
    /** The direct solver's KSP (PETSc), kept with its factorization. */
    std::unique_ptr<PetscKsp> direct_solver;
    /** CG with GAMG for a system of the displacement alone (PETSc). */
    std::unique_ptr<PetscKsp>                                 elasticity_solver;
    std::vector<std::vector<dealii::types::global_dof_index>> field_dofs;
    std::vector<std::string>                                  keys;
    unsigned int              elasticity_field = 0;
    std::vector<unsigned int> directions;
    std::vector<double>       support_points;
    unsigned int              space_dimension = 0;
    /** See keep_elasticity_preconditioner(). */
    bool keep_elasticity_amg = false;

    unsigned int
    solve_blocks(const LA::MPI::SparseMatrix &matrix,
                 LA::MPI::Vector             &x,
                 const LA::MPI::Vector       &b);

    /** CG preconditioned by smoothed-aggregation AMG (GAMG) with the
     * rigid-body modes as near-null space, for a single displacement
     * field (PETSc; the Trilinos build uses ML). */
    unsigned int
    solve_elasticity(const LA::MPI::SparseMatrix &matrix,
                     LA::MPI::Vector             &x,
                     const LA::MPI::Vector       &b);
  };

  /**
   * The data of LinearSolver::set_fields() for the rigid-body modes: for
   * each DoF of @p displacement_dofs (locally owned DoFs of the dim
   * components first_component ... first_component + dim - 1 of
   * @p dof_handler) its direction 0 ... dim-1 and the dim coordinates of
   * its support point. A DoF constrained in @p constraints (if given) gets
   * the direction dim: its row is decoupled and its mode entries zero.
   */
  template <int dim>
  void
  rigid_body_mode_data(
    const dealii::Mapping<dim>                         &mapping,
    const dealii::DoFHandler<dim>                      &dof_handler,
    const unsigned int                                  first_component,
    const std::vector<dealii::types::global_dof_index> &displacement_dofs,
    const dealii::AffineConstraints<double>            *constraints,
    std::vector<unsigned int>                          &directions,
    std::vector<double>                                &points);
} // namespace heterion

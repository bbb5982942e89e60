#pragma once

#include <deal.II/base/parameter_handler.h>

#include <solver/linear_algebra.h>

#include <memory>
#include <string>

namespace heterion
{
  /**
   * The linear solver for the Newton updates: a sparse direct solver
   * (MUMPS with PETSc, KLU with Trilinos) or a Krylov method (CG when the
   * Jacobian is symmetric, GMRES otherwise) preconditioned by algebraic
   * multigrid (BoomerAMG with PETSc, ML with Trilinos). The preconditioner
   * is rebuilt only when the matrix changes.
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

    ~LinearSolver();

  private:
    Method                                    solver_method = Method::iterative;
    double                                    relative_tolerance = 1e-12;
    unsigned int                              max_iterations     = 1000;
    bool                                      symmetric_matrix   = true;
    bool                                      rebuild            = true;
    std::unique_ptr<LA::MPI::PreconditionAMG> preconditioner;
  };
} // namespace heterion

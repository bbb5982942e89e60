#pragma once

#include <deal.II/base/parameter_handler.h>

#include <solver/linear_algebra.h>

#include <functional>

namespace heterion
{
  /**
   * Newton's method with a backtracking line search for R(u) = 0. The
   * caller provides the residual (optionally with the Jacobian) and the
   * linear solve; the iteration stops when |R| <= rtol |R_0| or when the
   * update falls below `Update tolerance` times the solution scale.
   */
  class NewtonSolver
  {
  public:
    /** Outcome of one nonlinear solve. */
    struct Result
    {
      bool         converged           = false;
      unsigned int n_iterations        = 0;
      unsigned int n_linear_iterations = 0;
      double       final_residual      = 0;
    };

    /** Assembles R(u) into @p residual, and the Jacobian if asked. */
    using AssembleFunction = std::function<void(const LA::MPI::Vector &u,
                                                LA::MPI::Vector       &residual,
                                                const bool with_jacobian)>;
    /** Solves J du = rhs; returns the number of linear iterations. */
    using SolveFunction
      = std::function<unsigned int(LA::MPI::Vector       &du,
                                   const LA::MPI::Vector &rhs)>;

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /**
     * Iterates from @p u (owned entries, constraints already applied) to
     * the solution. @p scale is a typical magnitude of u.
     */
    Result
    solve(LA::MPI::Vector        &u,
          const double            scale,
          const AssembleFunction &assemble,
          const SolveFunction    &solve_linear) const;

  private:
    unsigned int max_iterations     = 20;
    double       relative_tolerance = 1e-10;
    double       update_tolerance   = 1e-12;
    bool         line_search        = true;
  };
} // namespace heterion

#pragma once

#include <deal.II/base/parameter_handler.h>

#include <solver/linear_algebra.h>

#include <functional>
#include <string>
#include <vector>

namespace heterion
{
  /**
   * Newton's method with a backtracking line search for R(u) = 0. The
   * caller provides the residual (optionally with the Jacobian) and the
   * linear solve. The unknowns are split into blocks (fields) of different
   * units; the iteration stops when, in every block b,
   * |R_b| <= rtol max(|R_b,0|, floor_b), or when in every block the update
   * falls below `Update tolerance` times the block's scale. R_b,0 is the
   * block's residual at the start (or a reference given by the caller) and
   * floor_b an optional natural magnitude of the block's residual terms
   * (for a block whose initial residual is already at round-off level).
   * The line search uses the norm sqrt(sum_b (|R_b| / ref_b)^2).
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
      /** Why it did not converge (empty when it did): the iteration limit,
       * a linear solver failure, or a value that is not finite. */
      std::string failure;
      /** The residual or the update was not a finite number (a NaN or an
       * infinity somewhere, on any rank). */
      bool non_finite = false;
      /** The block residual norms at the start. */
      std::vector<double> initial_residuals;
    };

    /** The blocks of the unknowns. */
    struct Blocks
    {
      /** Locally owned indices of each block; one empty entry = all. */
      std::vector<std::vector<dealii::types::global_dof_index>> indices;
      /** Typical magnitude of the unknowns of each block. */
      std::vector<double> scales;
    };

    /** Natural residual magnitudes per block at u (may be empty). */
    using FloorFunction
      = std::function<std::vector<double>(const LA::MPI::Vector &u)>;

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
     * the solution. @p floors (optional) gives natural residual magnitudes;
     * @p reference (optional) replaces the initial block residuals as the
     * reference of the relative tolerance.
     */
    Result
    solve(LA::MPI::Vector           &u,
          const Blocks              &blocks,
          const AssembleFunction    &assemble,
          const SolveFunction       &solve_linear,
          const FloorFunction       &floors    = {},
          const std::vector<double> &reference = {}) const;

    /** The l2 norm of each block of @p v. */
    static std::vector<double>
    block_l2_norms(const LA::MPI::Vector &v, const Blocks &blocks);

    /** The maximum norm of each block of @p v. */
    static std::vector<double>
    block_linfty_norms(const LA::MPI::Vector &v, const Blocks &blocks);

    /** `Relative tolerance` of this solver. */
    double
    tolerance() const
    {
      return relative_tolerance;
    }

  private:
    unsigned int max_iterations     = 20;
    double       relative_tolerance = 1e-10;
    double       update_tolerance   = 1e-12;
    bool         line_search        = true;
  };
} // namespace heterion

#include <solver/input_error.h>
#include <solver/nonlinear/newton_solver.h>

#include <cmath>

namespace heterion
{
  using namespace dealii;

  void
  NewtonSolver::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Nonlinear solver");
    prm.declare_entry("Maximum iterations",
                      "20",
                      Patterns::Integer(1, 1000),
                      "Newton iterations per time step before the step "
                      "counts as failed (and is retried with half the step).");
    prm.declare_entry("Relative tolerance",
                      "1e-10",
                      Patterns::Double(0, 1),
                      "Converged when |R| <= tol |R_0| (l2 norms of the "
                      "residual vector, R_0 at the start of the step).");
    prm.declare_entry("Update tolerance",
                      "1e-12",
                      Patterns::Double(0, 1),
                      "Also converged when the largest update is below this "
                      "fraction of the concentration scale (the largest "
                      "c_max).");
    prm.declare_entry("Line search",
                      "true",
                      Patterns::Bool(),
                      "Halve the Newton step (up to 5 times) while it does "
                      "not reduce the residual norm.");
    prm.leave_subsection();
  }


  void
  NewtonSolver::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Nonlinear solver");
    max_iterations     = prm.get_integer("Maximum iterations");
    relative_tolerance = prm.get_double("Relative tolerance");
    update_tolerance   = prm.get_double("Update tolerance");
    line_search        = prm.get_bool("Line search");
    prm.leave_subsection();
    AssertThrow(relative_tolerance > 0 && update_tolerance > 0,
                ExcInput("Nonlinear solver: tolerances must be in (0, 1)."));
  }


  NewtonSolver::Result
  NewtonSolver::solve(LA::MPI::Vector        &u,
                      const double            scale,
                      const AssembleFunction &assemble,
                      const SolveFunction    &solve_linear) const
  {
    Result          result;
    LA::MPI::Vector residual(u), update(u), trial(u);
    assemble(u, residual, true);
    const double initial_norm = residual.l2_norm();
    double       norm         = initial_norm;
    result.final_residual     = norm;
    if (norm == 0)
      {
        result.converged = true;
        return result;
      }

    while (result.n_iterations < max_iterations)
      {
        ++result.n_iterations;
        try
          {
            result.n_linear_iterations += solve_linear(update, residual);
          }
        catch (const std::exception &)
          {
            return result;
          }
        double alpha = 1, trial_norm = 0;
        for (unsigned int n_halvings = 0;; ++n_halvings)
          {
            trial = u;
            trial.add(-alpha, update);
            assemble(trial, residual, false);
            trial_norm = residual.l2_norm();
            if (!line_search || trial_norm < (1 - 1e-4 * alpha) * norm
                || n_halvings == 5 || !std::isfinite(trial_norm))
              break;
            alpha /= 2;
          }
        if (!std::isfinite(trial_norm))
          return result;
        u                     = trial;
        norm                  = trial_norm;
        result.final_residual = norm;
        if (norm <= relative_tolerance * initial_norm
            || alpha * update.linfty_norm() <= update_tolerance * scale)
          {
            result.converged = true;
            return result;
          }
        // The residual at u is current; add the Jacobian for the next step.
        assemble(u, residual, true);
      }
    return result;
  }
} // namespace heterion

#include <solver/input_error.h>
#include <solver/nonlinear/newton_solver.h>

#include <deal.II/base/mpi.h>

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


  namespace
  {
    /** Applies @p reduce (sum of squares or maximum) to each block. */
    template <typename Local, typename Global>
    std::vector<double>
    block_norms(const LA::MPI::Vector      &v,
                const NewtonSolver::Blocks &blocks,
                const Local                &local,
                const Global               &global)
    {
      std::vector<double> norms(blocks.indices.size(), 0.);
      std::vector<double> values;
      for (unsigned int b = 0; b < blocks.indices.size(); ++b)
        {
          const auto &indices = blocks.indices[b];
          if (indices.empty() && blocks.indices.size() == 1)
            {
              norms[b] = -1; // whole vector, computed below
              continue;
            }
          values.resize(indices.size());
          v.extract_subvector_to(indices.begin(),
                                 indices.end(),
                                 values.begin());
          double norm = 0;
          for (const double x : values)
            norm = local(norm, x);
          norms[b] = norm;
        }
      return global(norms);
    }
  } // namespace


  std::vector<double>
  NewtonSolver::block_l2_norms(const LA::MPI::Vector &v, const Blocks &blocks)
  {
    return block_norms(
      v,
      blocks,
      [](const double sum, const double x) { return sum + x * x; },
      [&](std::vector<double> norms) {
        if (norms.size() == 1 && norms[0] < 0)
          return std::vector<double>{v.l2_norm()};
        Utilities::MPI::sum(norms, v.get_mpi_communicator(), norms);
        for (double &n : norms)
          n = std::sqrt(n);
        return norms;
      });
  }


  std::vector<double>
  NewtonSolver::block_linfty_norms(const LA::MPI::Vector &v,
                                   const Blocks          &blocks)
  {
    return block_norms(
      v,
      blocks,
      [](const double m, const double x) { return std::max(m, std::abs(x)); },
      [&](std::vector<double> norms) {
        if (norms.size() == 1 && norms[0] < 0)
          return std::vector<double>{v.linfty_norm()};
        Utilities::MPI::max(norms, v.get_mpi_communicator(), norms);
        return norms;
      });
  }


  NewtonSolver::Result
  NewtonSolver::solve(LA::MPI::Vector           &u,
                      const Blocks              &blocks,
                      const AssembleFunction    &assemble,
                      const SolveFunction       &solve_linear,
                      const FloorFunction       &floors,
                      const std::vector<double> &reference) const
  {
    const unsigned int n_blocks = blocks.indices.size();
    Result             result;
    LA::MPI::Vector    residual(u), update(u), trial(u);
    assemble(u, residual, true);
    std::vector<double> norms = block_l2_norms(residual, blocks);
    result.initial_residuals  = norms;
    std::vector<double> ref   = reference.empty() ? norms : reference;

    const auto raise_floors = [&](const LA::MPI::Vector &x) {
      if (floors)
        {
          const std::vector<double> f = floors(x);
          for (unsigned int b = 0; b < n_blocks; ++b)
            ref[b] = std::max(ref[b], f[b]);
        }
    };
    const auto weighted = [&](const std::vector<double> &n) {
      double sum = 0;
      for (unsigned int b = 0; b < n_blocks; ++b)
        if (ref[b] > 0)
          sum += (n[b] / ref[b]) * (n[b] / ref[b]);
      return std::sqrt(sum);
    };
    const auto residual_small = [&](const std::vector<double> &n) {
      for (unsigned int b = 0; b < n_blocks; ++b)
        if (!(n[b] <= relative_tolerance * ref[b]))
          return false;
      return true;
    };

    // Norms are collective, so every rank takes the same branch.
    const auto all_finite = [](const std::vector<double> &n) {
      for (const double x : n)
        if (!std::isfinite(x))
          return false;
      return true;
    };
    const auto fail_non_finite = [&](const std::string &what) {
      result.non_finite = true;
      result.failure    = what + " is not a finite number";
      return result;
    };
    if (!all_finite(norms))
      return fail_non_finite("the residual at the start of the step");

    raise_floors(u);
    double norm           = weighted(norms);
    result.final_residual = norm;
    if (residual_small(norms))
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
        catch (const std::exception &exc)
          {
            result.failure
              = "the linear solver failed (" + user_message(exc) + ")";
            return result;
          }
        if (!std::isfinite(update.l2_norm()))
          return fail_non_finite("the Newton update from the linear solver");
        double              alpha = 1, trial_norm = 0;
        std::vector<double> trial_norms;
        for (unsigned int n_halvings = 0;; ++n_halvings)
          {
            trial = u;
            trial.add(-alpha, update);
            assemble(trial, residual, false);
            trial_norms = block_l2_norms(residual, blocks);
            trial_norm  = weighted(trial_norms);
            // A step so long that the residual is not finite (a property
            // evaluated far outside its range) is shortened as well.
            if (!line_search || trial_norm < (1 - 1e-4 * alpha) * norm
                || n_halvings == 5)
              break;
            alpha /= 2;
          }
        if (!all_finite(trial_norms))
          return fail_non_finite("the residual after a Newton update");
        u = trial;
        raise_floors(u);
        norm                  = weighted(trial_norms);
        result.final_residual = norm;

        const std::vector<double> steps = block_linfty_norms(update, blocks);
        bool                      update_small = true;
        for (unsigned int b = 0; b < n_blocks; ++b)
          update_small
            = update_small
              && alpha * steps[b] <= update_tolerance * blocks.scales[b];
        if (residual_small(trial_norms) || update_small)
          {
            result.converged = true;
            return result;
          }
        // The residual at u is current; add the Jacobian for the next step.
        assemble(u, residual, true);
      }
    result.failure = "Newton's method reached `Nonlinear solver/Maximum "
                     "iterations` = "
                     + std::to_string(max_iterations);
    return result;
  }
} // namespace heterion

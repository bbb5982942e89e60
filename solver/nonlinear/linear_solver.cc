#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>

#ifdef HETERION_USE_TRILINOS
#include <deal.II/lac/trilinos_solver.h>
#else
#include <deal.II/lac/petsc_solver.h>
#endif

#include <solver/input_error.h>
#include <solver/nonlinear/linear_solver.h>

namespace heterion
{
  using namespace dealii;

  LinearSolver::~LinearSolver() = default;

  void
  LinearSolver::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Linear solver");
    prm.declare_entry("Method",
                      "iterative",
                      Patterns::Selection("direct|iterative"),
                      "`direct`: sparse LU (MUMPS), for small problems; "
                      "`iterative`: CG (symmetric Jacobian) or GMRES with "
                      "algebraic multigrid, for large ones.");
    prm.declare_entry("Relative tolerance",
                      "1e-12",
                      Patterns::Double(0, 1),
                      "Krylov stopping criterion: |b - A x| <= tol |b|.");
    prm.declare_entry("Maximum iterations",
                      "1000",
                      Patterns::Integer(1),
                      "Krylov iteration limit; reaching it fails the Newton "
                      "step, which is then retried with a smaller time step.");
    prm.leave_subsection();
  }


  void
  LinearSolver::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Linear solver");
    solver_method
      = prm.get("Method") == "direct" ? Method::direct : Method::iterative;
    relative_tolerance = prm.get_double("Relative tolerance");
    max_iterations     = prm.get_integer("Maximum iterations");
    prm.leave_subsection();
    AssertThrow(relative_tolerance > 0,
                ExcInput(
                  "Linear solver/Relative tolerance must be in (0, 1)."));
  }


  void
  LinearSolver::matrix_changed(const bool symmetric)
  {
    symmetric_matrix = symmetric;
    rebuild          = true;
  }


  LinearSolver::Method
  LinearSolver::method() const
  {
    return solver_method;
  }


  unsigned int
  LinearSolver::solve(const LA::MPI::SparseMatrix &matrix,
                      LA::MPI::Vector             &x,
                      const LA::MPI::Vector       &b)
  {
    SolverControl control(max_iterations,
                          relative_tolerance * b.l2_norm(),
                          false,
                          false);
    if (solver_method == Method::direct)
      {
#ifdef HETERION_USE_TRILINOS
        TrilinosWrappers::SolverDirect direct(control);
        direct.solve(matrix, x, b);
#else
        PETScWrappers::SparseDirectMUMPS direct(control,
                                                matrix.get_mpi_communicator());
        direct.solve(matrix, x, b);
#endif
        return 1;
      }

    if (rebuild || !preconditioner)
      {
        preconditioner = std::make_unique<LA::MPI::PreconditionAMG>();
        LA::MPI::PreconditionAMG::AdditionalData data;
#ifdef HETERION_USE_TRILINOS
        data.elliptic              = symmetric_matrix;
        data.higher_order_elements = true;
#else
        data.symmetric_operator = symmetric_matrix;
        data.strong_threshold   = 0.5;
#endif
        preconditioner->initialize(matrix, data);
        rebuild = false;
      }
    x = 0;
    if (b.l2_norm() == 0)
      return 0;
    if (symmetric_matrix)
      {
        SolverCG<LA::MPI::Vector> cg(control);
        cg.solve(matrix, x, b, *preconditioner);
      }
    else
      {
        SolverGMRES<LA::MPI::Vector> gmres(
          control, SolverGMRES<LA::MPI::Vector>::AdditionalData(100, true));
        gmres.solve(matrix, x, b, *preconditioner);
      }
    return control.last_step();
  }
} // namespace heterion

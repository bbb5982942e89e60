#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>

#ifdef HETERION_USE_TRILINOS
#include <deal.II/lac/trilinos_solver.h>
#else
#include <petscksp.h>
#endif

#include <solver/input_error.h>
#include <solver/nonlinear/linear_solver.h>

namespace heterion
{
  using namespace dealii;

#ifdef HETERION_USE_TRILINOS
  struct LinearSolver::PetscKsp
  {
  };
#else
  /** The PETSc objects of the block solver. */
  struct LinearSolver::PetscKsp
  {
    KSP             ksp = nullptr;
    std::vector<IS> index_sets;
    MatNullSpace    rigid_body_modes = nullptr;
    Vec             coordinates      = nullptr;

    ~PetscKsp()
    {
      if (ksp)
        KSPDestroy(&ksp);
      for (IS &is : index_sets)
        ISDestroy(&is);
      if (rigid_body_modes)
        MatNullSpaceDestroy(&rigid_body_modes);
      if (coordinates)
        VecDestroy(&coordinates);
    }
  };
#endif

  LinearSolver::LinearSolver() = default;

  LinearSolver::~LinearSolver() = default;


  void
  LinearSolver::set_fields(const std::vector<IndexSet> &owned_per_field,
                           const unsigned int           field,
                           const std::vector<double>   &node_coordinates,
                           const unsigned int           dim)
  {
    field_dofs       = owned_per_field;
    elasticity_field = field;
    coordinates      = node_coordinates;
    space_dimension  = dim;
    block_solver.reset();
    rebuild = true;
  }


  unsigned int
  LinearSolver::solve_blocks(const LA::MPI::SparseMatrix &matrix,
                             LA::MPI::Vector             &x,
                             const LA::MPI::Vector       &b)
  {
#ifdef HETERION_USE_TRILINOS
    (void)matrix;
    (void)x;
    (void)b;
    AssertThrow(false,
                ExcInput("Linear solver/Method = iterative for coupled "
                         "fields (mechanics) needs the PETSc back end; with "
                         "Trilinos use `set Method = direct`."));
    return 0;
#else
    const MPI_Comm comm = matrix.get_mpi_communicator();
    if (!block_solver)
      {
        block_solver = std::make_unique<PetscKsp>();
        PetscKsp &bs = *block_solver;
        KSPCreate(comm, &bs.ksp);
        KSPSetOptionsPrefix(bs.ksp, "heterion_");
        KSPSetType(bs.ksp, KSPFGMRES);
        KSPGMRESSetRestart(bs.ksp, 200);
        PC pc;
        KSPGetPC(bs.ksp, &pc);
        PCSetType(pc, PCFIELDSPLIT);
        PCFieldSplitSetType(pc, PC_COMPOSITE_MULTIPLICATIVE);
        static const char *names[] = {"c", "u", "s"};
        for (unsigned int f = 0; f < field_dofs.size(); ++f)
          {
            std::vector<PetscInt> indices(field_dofs[f].begin(),
                                          field_dofs[f].end());
            IS                    is;
            ISCreateGeneral(
              comm, indices.size(), indices.data(), PETSC_COPY_VALUES, &is);
            if (f == elasticity_field && !coordinates.empty())
              {
                ISSetBlockSize(is, space_dimension);
                VecCreateMPI(comm,
                             coordinates.size(),
                             PETSC_DETERMINE,
                             &bs.coordinates);
                VecSetBlockSize(bs.coordinates, space_dimension);
                PetscScalar *values;
                VecGetArray(bs.coordinates, &values);
                std::copy(coordinates.begin(), coordinates.end(), values);
                VecRestoreArray(bs.coordinates, &values);
                MatNullSpaceCreateRigidBody(bs.coordinates,
                                            &bs.rigid_body_modes);
                PetscObjectCompose(reinterpret_cast<PetscObject>(is),
                                   "nearnullspace",
                                   reinterpret_cast<PetscObject>(
                                     bs.rigid_body_modes));
              }
            PCFieldSplitSetIS(pc, names[std::min(f, 2u)], is);
            bs.index_sets.push_back(is);
          }
        const std::pair<const char *, const char *> options[]
          = {{"-heterion_fieldsplit_c_ksp_type", "preonly"},
             {"-heterion_fieldsplit_c_pc_type", "hypre"},
             {"-heterion_fieldsplit_c_pc_hypre_boomeramg_strong_threshold",
              "0.5"},
             {"-heterion_fieldsplit_u_ksp_type", "preonly"},
             {"-heterion_fieldsplit_u_pc_type", "gamg"},
             {"-heterion_fieldsplit_u_pc_gamg_threshold", "0.01"},
             {"-heterion_fieldsplit_s_ksp_type", "preonly"},
             {"-heterion_fieldsplit_s_pc_type", "jacobi"}};
        for (const auto &[name, value] : options)
          PetscOptionsSetValue(nullptr, name, value);
        KSPSetFromOptions(bs.ksp);
        rebuild = true;
      }
    PetscKsp &bs = *block_solver;
    if (rebuild)
      {
        KSPSetOperators(bs.ksp, matrix, matrix);
        rebuild = false;
      }
    KSPSetTolerances(
      bs.ksp, relative_tolerance, 1e-300, PETSC_DEFAULT, max_iterations);
    x = 0;
    if (b.l2_norm() == 0)
      return 0;
    KSPSolve(bs.ksp, b, x);
    KSPConvergedReason reason;
    KSPGetConvergedReason(bs.ksp, &reason);
    PetscInt n_iterations;
    KSPGetIterationNumber(bs.ksp, &n_iterations);
    if (reason < 0)
      throw std::runtime_error("block GMRES did not converge");
    return n_iterations;
#endif
  }

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
        // MUMPS through a KSP of our own, so that the factorization is
        // kept while the matrix does not change.
        if (!direct_solver)
          {
            direct_solver = std::make_unique<PetscKsp>();
            KSPCreate(matrix.get_mpi_communicator(), &direct_solver->ksp);
            KSPSetType(direct_solver->ksp, KSPPREONLY);
            PC pc;
            KSPGetPC(direct_solver->ksp, &pc);
            PCSetType(pc, PCLU);
            PCFactorSetMatSolverType(pc, MATSOLVERMUMPS);
            rebuild = true;
          }
        if (rebuild)
          {
            KSPSetOperators(direct_solver->ksp, matrix, matrix);
            rebuild = false;
          }
        KSPSolve(direct_solver->ksp, b, x);
        KSPConvergedReason reason;
        KSPGetConvergedReason(direct_solver->ksp, &reason);
        if (reason < 0)
          throw std::runtime_error("the direct solver failed");
#endif
        return 1;
      }
    if (field_dofs.size() > 1)
      return solve_blocks(matrix, x, b);

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

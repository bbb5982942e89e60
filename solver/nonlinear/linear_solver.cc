#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/solver_gmres.h>

#ifdef HETERION_USE_TRILINOS
#include <deal.II/lac/trilinos_solver.h>
#else
#include <petscksp.h>
#endif

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/component_mask.h>
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
  /** The PETSc objects of one solver: the KSP, the index sets of the
   * fields and the near-null space of elasticity. */
  struct LinearSolver::PetscKsp
  {
    KSP              ksp = nullptr;
    std::vector<IS>  index_sets;
    MatNullSpace     rigid_body_modes = nullptr;
    std::vector<Vec> modes;
    /** The preconditioner of the elasticity sub-solve is kept from now on. */
    bool elasticity_kept = false;

    ~PetscKsp()
    {
      if (ksp)
        KSPDestroy(&ksp);
      for (IS &is : index_sets)
        ISDestroy(&is);
      if (rigid_body_modes)
        MatNullSpaceDestroy(&rigid_body_modes);
      for (Vec &v : modes)
        VecDestroy(&v);
    }
  };

  namespace
  {
    /** Turns a PETSc error code into an exception (PETSc has already
     * printed its trace). */
    void
    check(const PetscErrorCode code, const char *call)
    {
      if (code != 0)
        throw std::runtime_error(std::string("PETSc error in ") + call
                                 + " (code " + std::to_string(code) + ")");
    }

    /**
     * The rigid-body modes of a displacement field whose owned DoFs have
     * the given directions and support points (dim values each), in the
     * field's DoF order, orthonormalized (PETSc requires it): dim
     * translations and, about each axis, the rotation x -> e_axis x x.
     * Each entry is multiplied by @p scale[i]: when the system is scaled to
     * D^{-1/2} A D^{-1/2}, the near-null space of the scaled block is
     * D^{1/2} times that of A.
     */
    std::vector<Vec>
    rigid_body_modes(const MPI_Comm                   comm,
                     const std::vector<unsigned int> &directions,
                     const std::vector<double>       &points,
                     const std::vector<double>       &scale,
                     const unsigned int               dim)
    {
      const unsigned int n_modes = dim == 2 ? 3 : 6;
      const PetscInt     n_local = directions.size();
      std::vector<Vec>   modes(n_modes);
      for (unsigned int m = 0; m < n_modes; ++m)
        {
          check(VecCreateMPI(comm, n_local, PETSC_DETERMINE, &modes[m]),
                "VecCreateMPI");
          PetscScalar *values;
          check(VecGetArray(modes[m], &values), "VecGetArray");
          for (PetscInt i = 0; i < n_local; ++i)
            {
              const unsigned int d = directions[i];
              const double      *x = &points[dim * i];
              if (d >= dim)
                values[i] = 0; // a constrained DoF: a decoupled row
              else if (m < dim)
                values[i] = (d == m) ? 1. : 0.;
              else if (dim == 2)
                values[i] = d == 0 ? -x[1] : x[0];
              else
                {
                  // Rotation about axis a: (e_a x x)_d.
                  const unsigned int a = m - dim, b = (a + 1) % 3,
                                     c = (a + 2) % 3;
                  values[i]            = d == b ? -x[c] : d == c ? x[b] : 0.;
                }
              values[i] *= scale[i];
            }
          check(VecRestoreArray(modes[m], &values), "VecRestoreArray");
          for (unsigned int k = 0; k < m; ++k)
            {
              PetscScalar projection;
              check(VecDot(modes[m], modes[k], &projection), "VecDot");
              check(VecAXPY(modes[m], -projection, modes[k]), "VecAXPY");
            }
          check(VecNormalize(modes[m], nullptr), "VecNormalize");
        }
      return modes;
    }

    /**
     * Solves A x = b with @p ksp (its operators set) from x = 0 to the
     * relative tolerance @p rtol; returns the number of iterations and
     * throws std::runtime_error naming @p method if it does not converge.
     */
    unsigned int
    run_krylov(KSP                    ksp,
               LA::MPI::Vector       &x,
               const LA::MPI::Vector &b,
               const double           rtol,
               const unsigned int     max_iterations,
               const std::string     &method)
    {
      check(KSPSetTolerances(ksp, rtol, 1e-300, PETSC_DEFAULT, max_iterations),
            "KSPSetTolerances");
      x = 0;
      if (b.l2_norm() == 0)
        return 0;
      check(KSPSolve(ksp, b, x), "KSPSolve");
      KSPConvergedReason reason;
      check(KSPGetConvergedReason(ksp, &reason), "KSPGetConvergedReason");
      PetscInt n_iterations;
      check(KSPGetIterationNumber(ksp, &n_iterations), "KSPGetIterationNumber");
      if (reason < 0)
        throw std::runtime_error(method + " did not converge");
      return n_iterations;
    }
  } // namespace
#endif

  LinearSolver::LinearSolver() = default;

  LinearSolver::~LinearSolver() = default;


  void
  LinearSolver::set_fields(
    const std::vector<std::vector<types::global_dof_index>> &dofs_per_field,
    const std::vector<std::string>                          &field_keys,
    const unsigned int                                       field,
    const std::vector<unsigned int>                         &dof_directions,
    const std::vector<double>                               &points,
    const unsigned int                                       dim)
  {
    AssertDimension(field_keys.size(), dofs_per_field.size());
    field_dofs       = dofs_per_field;
    keys             = field_keys;
    elasticity_field = field;
    directions       = dof_directions;
    support_points   = points;
    space_dimension  = dim;
    block_solver.reset();
    rebuild = true;
  }


  void
  LinearSolver::keep_elasticity_preconditioner(const bool keep)
  {
    keep_elasticity_amg = keep;
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
        check(KSPCreate(comm, &bs.ksp), "KSPCreate");
        check(KSPSetOptionsPrefix(bs.ksp, "heterion_"), "KSPSetOptionsPrefix");
        check(KSPSetType(bs.ksp, KSPFGMRES), "KSPSetType");
        check(KSPGMRESSetRestart(bs.ksp, 200), "KSPGMRESSetRestart");
        PC pc;
        check(KSPGetPC(bs.ksp, &pc), "KSPGetPC");
        check(PCSetType(pc, PCFIELDSPLIT), "PCSetType");
        check(PCFieldSplitSetType(pc, PC_COMPOSITE_MULTIPLICATIVE),
              "PCFieldSplitSetType");
        for (unsigned int f = 0; f < field_dofs.size(); ++f)
          {
            const std::vector<PetscInt> indices(field_dofs[f].begin(),
                                                field_dofs[f].end());
            IS                          is;
            check(ISCreateGeneral(comm,
                                  indices.size(),
                                  indices.data(),
                                  PETSC_COPY_VALUES,
                                  &is),
                  "ISCreateGeneral");
            if (f == elasticity_field)
              {
                // GAMG aggregates node-wise (block size dim) when the
                // DoFs of each node are consecutive on every rank.
                bool interleaved = indices.size() % space_dimension == 0;
                for (unsigned int i = 0; interleaved && i < indices.size(); ++i)
                  interleaved = directions[i] == i % space_dimension
                                && (i % space_dimension == 0
                                    || indices[i] == indices[i - 1] + 1);
                int all_interleaved = interleaved ? 1 : 0;
                MPI_Allreduce(
                  MPI_IN_PLACE, &all_interleaved, 1, MPI_INT, MPI_MIN, comm);
                if (all_interleaved)
                  check(ISSetBlockSize(is, space_dimension), "ISSetBlockSize");
                // The system is scaled symmetrically by its diagonal
                // (below) unless the user turns that off.
                PetscBool scaled = PETSC_TRUE, set = PETSC_FALSE;
                check(PetscOptionsGetBool(nullptr,
                                          "heterion_",
                                          "-ksp_diagonal_scale",
                                          &scaled,
                                          &set),
                      "PetscOptionsGetBool");
                std::vector<double> scale(indices.size(), 1.);
                if (scaled)
                  for (unsigned int i = 0; i < indices.size(); ++i)
                    scale[i]
                      = std::sqrt(std::abs(matrix.diag_element(indices[i])));
                bs.modes = rigid_body_modes(
                  comm, directions, support_points, scale, space_dimension);
                check(MatNullSpaceCreate(comm,
                                         PETSC_FALSE,
                                         bs.modes.size(),
                                         bs.modes.data(),
                                         &bs.rigid_body_modes),
                      "MatNullSpaceCreate");
                check(PetscObjectCompose(reinterpret_cast<PetscObject>(is),
                                         "nearnullspace",
                                         reinterpret_cast<PetscObject>(
                                           bs.rigid_body_modes)),
                      "PetscObjectCompose");
              }
            check(PCFieldSplitSetIS(pc, keys[f].c_str(), is),
                  "PCFieldSplitSetIS");
            bs.index_sets.push_back(is);
          }
        // c: GMRES with BoomerAMG to 1e-2. u: CG with GAMG to 1e-2 and s
        // (a mass matrix): CG with Jacobi to 1e-4 -- one AMG cycle or one
        // Jacobi sweep per outer iteration leaves FGMRES at ~230 iterations
        // on a 4k-DoF 3D sphere, the inner solves bring it to ~20 (and
        // ~2.5x less time). A single BoomerAMG cycle on c let the outer
        // count grow from 9 to 24 per Newton step between 8e3 and 6.3e5
        // DoFs; with the inner GMRES it stays near 7-9. The outer Krylov method
        // is flexible, so inexact inner solves are fine. The system is scaled
        // symmetrically by its diagonal: the fields' residuals differ by many
        // orders of magnitude in SI units, and without scaling the second
        // Newton correction does not reach the relative tolerance.
        const std::pair<const char *, const char *> options[]
          = {{"-heterion_fieldsplit_c_ksp_type", "gmres"},
             {"-heterion_fieldsplit_c_ksp_rtol", "1e-2"},
             {"-heterion_fieldsplit_c_pc_type", "hypre"},
             {"-heterion_fieldsplit_c_pc_hypre_boomeramg_strong_threshold",
              "0.5"},
             {"-heterion_fieldsplit_u_ksp_type", "cg"},
             {"-heterion_fieldsplit_u_ksp_rtol", "1e-2"},
             {"-heterion_fieldsplit_u_pc_type", "gamg"},
             {"-heterion_fieldsplit_u_pc_gamg_threshold", "0.01"},
             {"-heterion_fieldsplit_s_ksp_type", "cg"},
             {"-heterion_fieldsplit_s_ksp_rtol", "1e-4"},
             {"-heterion_fieldsplit_s_pc_type", "jacobi"},
             {"-heterion_fieldsplit_p_ksp_type", "cg"},
             {"-heterion_fieldsplit_p_ksp_rtol", "1e-2"},
             {"-heterion_fieldsplit_p_pc_type", "hypre"},
             {"-heterion_fieldsplit_e_ksp_type", "cg"},
             {"-heterion_fieldsplit_e_ksp_rtol", "1e-2"},
             {"-heterion_fieldsplit_e_pc_type", "hypre"}};
        for (const auto &[name, value] : options)
          {
            PetscBool set;
            check(PetscOptionsHasName(nullptr, nullptr, name, &set),
                  "PetscOptionsHasName");
            // Options given by the user (PETSC_OPTIONS) win.
            if (!set)
              check(PetscOptionsSetValue(nullptr, name, value),
                    "PetscOptionsSetValue");
          }
        check(KSPSetDiagonalScale(bs.ksp, PETSC_TRUE), "KSPSetDiagonalScale");
        check(KSPSetDiagonalScaleFix(bs.ksp, PETSC_TRUE),
              "KSPSetDiagonalScaleFix");
        check(KSPSetFromOptions(bs.ksp), "KSPSetFromOptions");
        rebuild = true;
      }
    PetscKsp &bs = *block_solver;
    if (rebuild)
      {
        check(KSPSetOperators(bs.ksp, matrix, matrix), "KSPSetOperators");
        rebuild = false;
      }
    const unsigned int n_iterations = run_krylov(
      bs.ksp, x, b, relative_tolerance, max_iterations, "block GMRES");
    // From the second solve on, the displacement block keeps the AMG
    // hierarchy of the first (built on the diagonally scaled block, which
    // is the same every time): GAMG's set-up costs as much as ~10 of its
    // CG iterations and was repeated at every Newton iteration.
    if (keep_elasticity_amg && !bs.elasticity_kept && n_iterations > 0
        && elasticity_field < field_dofs.size())
      {
        PC pc;
        check(KSPGetPC(bs.ksp, &pc), "KSPGetPC");
        PetscInt n_splits = 0;
        KSP     *sub      = nullptr;
        check(PCFieldSplitGetSubKSP(pc, &n_splits, &sub),
              "PCFieldSplitGetSubKSP");
        if (static_cast<PetscInt>(elasticity_field) < n_splits)
          check(KSPSetReusePreconditioner(sub[elasticity_field], PETSC_TRUE),
                "KSPSetReusePreconditioner");
        check(PetscFree(sub), "PetscFree");
        bs.elasticity_kept = true;
      }
    return n_iterations;
#endif
  }

  unsigned int
  LinearSolver::solve_elasticity(const LA::MPI::SparseMatrix &matrix,
                                 LA::MPI::Vector             &x,
                                 const LA::MPI::Vector       &b)
  {
#ifdef HETERION_USE_TRILINOS
    (void)matrix;
    (void)x;
    (void)b;
    Assert(false, ExcInternalError());
    return 0;
#else
    const MPI_Comm comm = matrix.get_mpi_communicator();
    if (!elasticity_solver)
      {
        elasticity_solver = std::make_unique<PetscKsp>();
        PetscKsp &es      = *elasticity_solver;
        check(KSPCreate(comm, &es.ksp), "KSPCreate");
        // PETSC_OPTIONS="-heterion_elasticity_..." tunes it.
        check(KSPSetOptionsPrefix(es.ksp, "heterion_elasticity_"),
              "KSPSetOptionsPrefix");
        check(KSPSetType(es.ksp, KSPCG), "KSPSetType");
        PC pc;
        check(KSPGetPC(es.ksp, &pc), "KSPGetPC");
        check(PCSetType(pc, PCGAMG), "PCSetType");
        PetscBool set;
        check(PetscOptionsHasName(nullptr,
                                  nullptr,
                                  "-heterion_elasticity_pc_gamg_threshold",
                                  &set),
              "PetscOptionsHasName");
        if (!set)
          check(PetscOptionsSetValue(nullptr,
                                     "-heterion_elasticity_pc_gamg_threshold",
                                     "0.01"),
                "PetscOptionsSetValue");
        es.modes = rigid_body_modes(comm,
                                    directions,
                                    support_points,
                                    std::vector<double>(directions.size(), 1.),
                                    space_dimension);
        check(MatNullSpaceCreate(comm,
                                 PETSC_FALSE,
                                 es.modes.size(),
                                 es.modes.data(),
                                 &es.rigid_body_modes),
              "MatNullSpaceCreate");
        check(KSPSetFromOptions(es.ksp), "KSPSetFromOptions");
        rebuild = true;
      }
    PetscKsp &es = *elasticity_solver;
    if (rebuild)
      {
        check(MatSetNearNullSpace(matrix, es.rigid_body_modes),
              "MatSetNearNullSpace");
        check(KSPSetOperators(es.ksp, matrix, matrix), "KSPSetOperators");
        rebuild = false;
      }
    return run_krylov(
      es.ksp, x, b, relative_tolerance, max_iterations, "CG with GAMG");
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


  void
  LinearSolver::dofs_changed()
  {
    preconditioner.reset();
    block_solver.reset();
    direct_solver.reset();
    elasticity_solver.reset();
    rebuild = true;
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
            KSP &ksp      = direct_solver->ksp;
            check(KSPCreate(matrix.get_mpi_communicator(), &ksp), "KSPCreate");
            check(KSPSetType(ksp, KSPPREONLY), "KSPSetType");
            PC pc;
            check(KSPGetPC(ksp, &pc), "KSPGetPC");
            check(PCSetType(pc, PCLU), "PCSetType");
            check(PCFactorSetMatSolverType(pc, MATSOLVERMUMPS),
                  "PCFactorSetMatSolverType");
            // PETSC_OPTIONS="-heterion_direct_mat_mumps_icntl_..." tunes it.
            check(KSPSetOptionsPrefix(ksp, "heterion_direct_"),
                  "KSPSetOptionsPrefix");
            check(KSPSetFromOptions(ksp), "KSPSetFromOptions");
            rebuild = true;
          }
        if (rebuild)
          {
            check(KSPSetOperators(direct_solver->ksp, matrix, matrix),
                  "KSPSetOperators");
            rebuild = false;
          }
        // A failed factorization is not reused: the next attempt (a
        // shorter step) factorizes afresh.
        KSPConvergedReason reason;
        try
          {
            check(KSPSolve(direct_solver->ksp, b, x), "KSPSolve");
            check(KSPGetConvergedReason(direct_solver->ksp, &reason),
                  "KSPGetConvergedReason");
          }
        catch (...)
          {
            direct_solver.reset();
            throw;
          }
        if (reason < 0)
          {
            direct_solver.reset();
            throw std::runtime_error("the direct solver failed");
          }
#endif
        return 1;
      }
    if (field_dofs.size() > 1)
      return solve_blocks(matrix, x, b);
    if (field_dofs.size() == 1 && elasticity_field == 0 && la_is_petsc)
      return solve_elasticity(matrix, x, b);

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


  template <int dim>
  void
  rigid_body_mode_data(
    const Mapping<dim>                         &mapping,
    const DoFHandler<dim>                      &dof_handler,
    const unsigned int                          first_component,
    const std::vector<types::global_dof_index> &displacement_dofs,
    const AffineConstraints<double>            *constraints,
    std::vector<unsigned int>                  &directions,
    std::vector<double>                        &points)
  {
    const unsigned int    n_components = dof_handler.get_fe().n_components();
    std::vector<bool>     all(n_components, false);
    std::vector<IndexSet> per_direction;
    for (unsigned int d = 0; d < dim; ++d)
      {
        std::vector<bool> one(n_components, false);
        one[first_component + d] = all[first_component + d] = true;
        per_direction.push_back(
          DoFTools::extract_dofs(dof_handler, ComponentMask(one)));
      }
    std::map<types::global_dof_index, Point<dim>> support_points;
    DoFTools::map_dofs_to_support_points(mapping,
                                         dof_handler,
                                         support_points,
                                         ComponentMask(all));
    directions.clear();
    points.clear();
    for (const auto i : displacement_dofs)
      {
        unsigned int direction = dim;
        for (unsigned int d = 0; d < dim; ++d)
          if (per_direction[d].is_element(i))
            direction = d;
        if (constraints && constraints->is_constrained(i))
          direction = dim;
        directions.push_back(direction);
        for (unsigned int d = 0; d < dim; ++d)
          points.push_back(support_points.at(i)[d]);
      }
  }

  template void
  rigid_body_mode_data(const Mapping<2> &,
                       const DoFHandler<2> &,
                       const unsigned int,
                       const std::vector<types::global_dof_index> &,
                       const AffineConstraints<double> *,
                       std::vector<unsigned int> &,
                       std::vector<double> &);
  template void
  rigid_body_mode_data(const Mapping<3> &,
                       const DoFHandler<3> &,
                       const unsigned int,
                       const std::vector<types::global_dof_index> &,
                       const AffineConstraints<double> *,
                       std::vector<unsigned int> &,
                       std::vector<double> &);
} // namespace heterion

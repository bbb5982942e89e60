#pragma once

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/timer.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/lac/affine_constraints.h>

#include <physics/disorder/manager.h>
#include <physics/kinetics/electrode.h>
#include <physics/materials/material_model.h>
#include <physics/materials/property_cache.h>
#include <physics/mechanics/axial_strain.h>
#include <physics/mechanics/module.h>
#include <physics/module.h>
#include <physics/postprocessors/stress_recovery.h>
#include <physics/protocols/controller.h>
#include <physics/transport/module.h>
#include <solver/adaptivity/mesh_adaptivity.h>
#include <solver/assembly/assembler.h>
#include <solver/checkpoint.h>
#include <solver/context.h>
#include <solver/geometry/interface.h>
#include <solver/homogenisation.h>
#include <solver/introspection.h>
#include <solver/linear_algebra.h>
#include <solver/nonlinear/linear_solver.h>
#include <solver/nonlinear/newton_solver.h>
#include <solver/output/cycles.h>
#include <solver/output/directory_lock.h>
#include <solver/output/lithium_balance.h>
#include <solver/output/probes.h>
#include <solver/output/statistics.h>
#include <solver/output/vtu_writer.h>
#include <solver/time_stepping/time_stepper.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace heterion
{
  /**
   * Declares every parameter of Heterion (independent of the dimension),
   * with one subsection `Disorder/<name>` per name in @p disorder_fields
   * (read from the input first with disorder::Manager::read_field_names).
   */
  void
  declare_parameters(dealii::ParameterHandler       &prm,
                     const std::vector<std::string> &disorder_fields = {});

  /** Declares the parameters for @p text and parses it (field names from
   * `Disorder/Fields` in the text). With `Geometry/Model = gmsh`, the
   * physical groups of the mesh file (a relative path from the working
   * directory) are registered as region names first, for the rest of the
   * process (geometry::register_gmsh_regions()). */
  void
  parse_parameters_from_string(dealii::ParameterHandler &prm,
                               const std::string        &text);

  /** A summary of a finished run, for the final report and the tests. */
  struct RunSummary
  {
    unsigned int            n_steps = 0;
    unsigned int            n_dofs  = 0;
    output::FieldStatistics final_statistics;
    double                  li_inflow_total = 0;
    double                  wall_time       = 0;
    /** Peak resident memory of the largest rank [MB]. */
    double peak_memory_mb = 0;
    /** Largest values over all output steps (0 without mechanics) [Pa]. */
    double peak_sigma_vm = 0, peak_sigma_h = 0, peak_sigma_1 = 0;
    /** First time [s] at which theta_max reached `Ensemble/Cut-off state of
     * charge` (linear in time between steps), or -1 if it never did. */
    double cutoff_time = -1;
    /** The time at the end of the run [s]. */
    double end_time = 0;
    /** The lithium in the body at t = 0 [mol]. */
    double li_initial = 0;
    /** The summed defect of the lithium balance [mol] (see
     * output::LithiumBalance), whether it was checked, and whether it
     * exceeded `Output/Balance tolerance` (a warning was printed). */
    double li_balance_error    = 0;
    bool   li_balance_checked  = false;
    bool   li_balance_violated = false;
    /** The smallest and largest theta over all quadrature points and all
     * accepted steps. */
    double theta_run_min = 0, theta_run_max = 0;
    /** A homogenisation run: its effective properties (else empty). */
    std::optional<homogenisation::Result> homogenisation;
  };

  /**
   * The simulator: owns the mesh, the DoFs, the solution vectors and the
   * components (geometry, material model, boundary conditions, time
   * stepper, Newton and linear solvers, output); run() is the one time
   * loop. Physics lives in the terms that the assembler calls.
   */
  template <int dim>
  class Simulator
  {
  public:
    /** Reads all parameters from @p prm (already parsed and validated). */
    Simulator(dealii::ParameterHandler &prm, MPI_Comm mpi_communicator);

    ~Simulator();

    /**
     * Creates the mesh, DoFs and initial state and checks everything that
     * can be checked without solving (used by --validate).
     */
    void
    setup();

    /** setup(), then the time loop with output. */
    RunSummary
    run();

    /** Makes run() continue from the newest checkpoint in the output
     * directory (`heterion --resume`) instead of starting at t = 0. */
    void
    resume_from_checkpoint();

    /** The read-only view for postprocessors. */
    SimulatorContext<dim>
    context() const;

    /** The number of degrees of freedom. */
    dealii::types::global_dof_index
    n_dofs() const;

    /** True when the displacement and the hydrostatic stress are solved
     * for. */
    bool
    has_mechanics() const;

  private:
    /** Takes the lock of the output directory (creating it). */
    std::unique_ptr<output::DirectoryLock>
    lock_output_directory();
    /** parameters.prm, the CSV files (continued after a checkpoint) and the
     * VTU records; on resume, the run state of the checkpoint. */
    void
    open_output();
    /** The row, output and bookkeeping of the initial state. */
    void
    record_initial_state();
    /**
     * Solves the next step, cutting it after Newton failures and
     * rejections of the error estimate, and (with a protocol) shortening
     * it to a cut-off that it crosses; makes it the accepted state.
     * Returns its length [s] and sets @p result.
     */
    double
    advance(NewtonSolver::Result &result);
    /** The protocol's event location for the step of length @p dt from
     * time_stepper.time(); shortens @p dt to the cut-off and returns true
     * when the protocol step ends with it. */
    bool
    locate_protocol_event(double &dt, NewtonSolver::Result &result);
    /** Statistics, balance, CSV rows, VTU output and the step line of the
     * step of length @p dt just accepted (in protocol step
     * @p protocol_step of cycle @p cycle). */
    void
    record_step(const double                dt,
                const NewtonSolver::Result &result,
                const unsigned int          protocol_step,
                const unsigned int          cycle,
                const double                wall_time);
    /** Peaks, cut-off time and theta range from the accepted state with
     * the statistics record.statistics. */
    void
    track_peaks();
    /** The electrode's record and its reaction current in the inflow of
     * record.statistics (with kinetics only). */
    void
    add_electrode_record();
    /**
     * After a step: writes a checkpoint when one is due, a signal arrived
     * or `Checkpoint/Stop after step` is reached; throws ExcInterrupted
     * for the last two. @p wall_time [s] since the start of run().
     */
    void
    checkpoint_or_stop(const double wall_time);
    /**
     * Adapts the mesh (`Adaptive refinement`) if the indicators mark any
     * cell: the last two accepted states move to the new mesh (or, with
     * @p initial, the initial state is set on it again), and the DoFs,
     * constraints, property caches, electrode faces and probes are
     * rebuilt. The change of the inventory is booked in the lithium
     * balance. Returns whether the mesh changed.
     */
    bool
    adapt_mesh(const bool initial);
    /** \int c dV [mol] of the state @p state. */
    double
    inventory_of(const LA::MPI::Vector &state) const;
    /** Writes a checkpoint of the accepted state. */
    void
    write_checkpoint();
    /** The run state of a checkpoint (the fields are saved with the mesh),
     * as a binary archive, and its restoration. */
    std::string
    save_state();
    void
    load_state(const std::string &state);
    /** Boost serialization of the run state (save_state()). */
    template <class Archive>
    void
    serialize_state(Archive &archive);
    /** The parameters as ShortPRM (compared on resume). */
    std::string
    parameters_text() const;
    /** Fills the summary at the end of the run and prints the report. */
    void
    finish(const double wall_time);
    /** Stops a run whose prescribed flux pushed theta out of [0, 1] in the
     * direction of the flux (an overfilled or over-emptied body). */
    void
    check_state_of_charge(const output::FieldStatistics &stats) const;
    /** "  40.0 % of end time, 1 min 20 s left" for the step line, from
     * the wall time spent so far (empty before the first step). */
    std::string
    progress(const double wall_time) const;
    /** Refuses a mesh of @p n_coarse_cells coarse cells (0: not known)
     * whose global refinement would not fit in the memory of this machine,
     * before it is built. */
    void
    check_mesh_size(const double n_coarse_cells) const;
    /** Refuses lengths and a time step outside what double precision
     * resolves (a unit error), with the offending value; returns the
     * diagonal of the body's bounding box [m]. */
    double
    check_scales() const;
    void
    create_mesh();
    void
    setup_dofs();
    /** After setup_dofs() on a new mesh (the first one, or one adapted):
     * the electrode's reaction faces and the prescribed concentrations at
     * the current time. The one place where per-mesh data outside the
     * DoFs are rebuilt. */
    void
    reinit_mesh_caches();
    /** context() during a mesh change, before reinit_mesh_caches(): without
     * the electrode, whose reaction faces are still those of the previous
     * mesh. */
    SimulatorContext<dim>
    mesh_context() const;
    /** Hanging-node and the modules' homogeneous constraints, and those of
     * the Newton updates: once per mesh change. */
    void
    make_static_constraints();
    /** The constraints with the values the modules prescribe at @p time. */
    void
    update_boundary_constraints(const double time);
    void
    set_initial_state();
    void
    prepare_output_directory();
    /** Solves one step of size dt; returns false if Newton failed. */
    bool
    solve_step(const double dt, NewtonSolver::Result &result);
    /**
     * Newton on the fields of @p blocks, the others frozen by
     * @p step_constraints, at time @p time with time-derivative weight
     * @p a0_over_dt (the history vector must be set).
     */
    NewtonSolver::Result
    solve_nonlinear(const NewtonSolver::Blocks              &blocks,
                    const dealii::AffineConstraints<double> &step_constraints,
                    const double                             a0_over_dt,
                    const double                             time,
                    const bool                               reuse_allowed,
                    const std::vector<double>               &reference = {});
    /** Staggered coupling: alternate transport and mechanics solves. */
    bool
    solve_staggered(const double          a0_over_dt,
                    const double          time,
                    NewtonSolver::Result &result);
    /** The fields other than c (displacement, stress, solid potential) in
     * equilibrium with the current c. */
    void
    solve_initial_fields(const double time);
    /**
     * @p constraints plus homogeneous constraints on every DoF of the
     * fields in @p frozen_fields (for the staggered sub-problems).
     */
    void
    make_frozen_constraints(const std::vector<unsigned int>   &frozen_fields,
                            dealii::AffineConstraints<double> &result) const;
    void
    write_output(const bool vtu);
    /** Recomputes the derived fields and returns the statistics. */
    output::FieldStatistics
    compute_statistics();
    /**
     * Sets the electrode potential for the iterate in ghosted_solution at
     * @p time: prescribed (potentiostatic) or the root of I(c, V) = I_app
     * (galvanostatic).
     */
    void
    update_electrode_potential(const double time);
    /** The insertion current [A] at the solution and electrode potential. */
    double
    electrode_current() const;
    /** Gives the electrode the set-point of the active protocol step. */
    void
    apply_protocol_setpoint();
    /**
     * Adaptive steps: the error ratio of the converged step of size @p dt
     * from the state with voltage @p last_voltage,
     * max(|theta - theta_pred|_inf / tol, |V - V_pred| / tol_V) with the
     * linear extrapolations theta_pred, V_pred from the two accepted
     * states before (V under galvanostatic control only); 0 where no
     * estimate exists (the first step of the run or of a protocol step).
     */
    double
    step_error_ratio(const double dt, const double last_voltage) const;
    /** True when the transport terms do not depend on the solution
     * (constant D, no thermodynamic factor). */
    bool
    transport_is_linear() const;
    /** The electrode's current, voltage and state of charge now. */
    output::ElectrodeStatistics
    electrode_statistics() const;

    MPI_Comm                   mpi_communicator;
    dealii::ConditionalOStream pcout;
    dealii::ParameterHandler  &prm;
    /** Wall time per phase: setup, assembly, linear solve, output. */
    dealii::TimerOutput timer_output;

    std::string output_directory;
    /** `Geometry/Model`. */
    std::string geometry_model;
    /** The diagonal of the body's bounding box [m]. */
    double                               body_size             = 0;
    unsigned int                         n_global_refinements  = 0;
    unsigned int                         n_surface_refinements = 0;
    std::set<dealii::types::boundary_id> surface_refinement_ids;
    double                               output_interval = 0;
    /** Ensemble/Cut-off state of charge (for RunSummary::cutoff_time). */
    double cutoff_theta = 1;
    bool   quiet        = false;

    /** `Adaptive refinement`. */
    adaptivity::MeshAdaptivity<dim> mesh_adaptivity;
    /** `Checkpoint`: when checkpoints are written. */
    checkpoint::Settings checkpoint_settings;
    /** The checkpoints in the output directory. */
    std::unique_ptr<checkpoint::Store<dim>> checkpoint_store;
    /** Whether run() continues from a checkpoint, and what it read. */
    bool                resuming = false;
    checkpoint::Content resume_content;
    /** The byte sizes of the CSV files at the checkpoint (run state). */
    output::CsvFile::Resume csv_sizes;
    /** Wall time [s] of run() at the last checkpoint (or 0). */
    double last_checkpoint_time = 0;

    /**
     * What the time loop keeps between steps besides the solver state:
     * the latest statistics, the electrode record and the tracking of
     * peaks and ranges (all but the statistics are checkpointed).
     */
    struct RunRecord
    {
      output::FieldStatistics     statistics;
      output::ElectrodeStatistics electrode;
      double                      previous_time = 0, previous_theta_max = 0;
      double                      theta_min_time = 0, theta_max_time = 0;
      bool                        balance_warned = false;
    } record;
    RunSummary summary;

    std::unique_ptr<geometry::Interface<dim>>         geometry;
    dealii::parallel::distributed::Triangulation<dim> triangulation;
    std::unique_ptr<dealii::MappingQ<dim>>            mapping;
    /** Whether a field without time history is solved for (then the
     * static fields are brought into equilibrium with the initial state). */
    bool has_static_fields = false;
    /** The registered physics modules the parameters select. */
    std::vector<std::unique_ptr<PhysicsModule<dim>>> modules;
    Introspection<dim>                               introspection;
    /** The indices of the fields the Simulator addresses
     * (numbers::invalid_unsigned_int where not solved for). */
    struct FieldIndices
    {
      unsigned int concentration;
      unsigned int displacement;
      unsigned int hydrostatic_stress;
    } field_index;
    /** The module of type Module among the selected ones, or null. */
    template <class Module>
    const Module *
    find_module() const
    {
      for (const auto &module : modules)
        if (const auto *found = dynamic_cast<const Module *>(module.get()))
          return found;
      return nullptr;
    }
    /** The module `transport` (always selected): its boundary conditions,
     * capacity and source enter the lithium balance. */
    const transport::Module<dim> *transport_module = nullptr;
    /** Whether some module prescribes values on boundaries (then the
     * constraints are updated at every step). */
    bool values_prescribed = false;
    /** The materials of each domain (from the modules' define_domains()). */
    assembly::Domains        domains;
    dealii::DoFHandler<dim>  dof_handler;
    materials::MaterialModel material_model;
    disorder::Manager<dim>   disorder_manager;
    /** Properties at the assembly quadrature points (with disorder). */
    materials::PropertyCache<dim> property_cache;
    /** The module `mechanics`, or null: its settings choose the coupling
     * algorithm and generalized plane strain. */
    const mechanics::Module<dim> *mechanics_module = nullptr;
    /** `Temperature` [K] (the disorder fields' temperature laws). */
    double temperature = 298.15;
    /** Butler-Volmer kinetics and the electrode control (if enabled). */
    kinetics::Electrode<dim> electrode;
    /** The protocol of `Electrochemistry/Control = protocol` (else idle). */
    protocols::Controller    protocol;
    TimeStepper              time_stepper;
    NewtonSolver             newton_solver;
    LinearSolver             linear_solver;
    assembly::Assembler<dim> assembler;
    output::StatisticsFile   statistics_file;
    /** Per-cycle capacities and peaks (with a protocol). */
    output::CyclesFile     cycles_file;
    output::Probes<dim>    probes;
    output::VtuWriter<dim> vtu_writer;
    /** The recovered nodal stress (with mechanics only). */
    std::unique_ptr<postprocessors::StressRecovery<dim>> stress_recovery;

    dealii::IndexSet locally_owned_dofs;
    /** The locally owned concentration DoFs (the error estimate). */
    dealii::IndexSet owned_concentration_dofs;
    /** Adaptive steps: the voltage of the state before the last one, and
     * whether the last two states belong to the same protocol step. */
    double           previous_voltage = 0;
    bool             has_step_history = false;
    dealii::IndexSet locally_relevant_dofs;
    /** Hanging nodes, the zero of every field outside its domains and the
     * modules' homogeneous constraints. */
    dealii::AffineConstraints<double> static_constraints;
    dealii::AffineConstraints<double> constraints;
    dealii::AffineConstraints<double> zero_constraints;
    /** zero_constraints with displacement and stress frozen, and with the
     * concentration frozen (staggered coupling and initial equilibrium). */
    dealii::AffineConstraints<double> transport_constraints;
    dealii::AffineConstraints<double> mechanics_constraints;
    /** The initial solve: every field but c (which is frozen). */
    dealii::AffineConstraints<double> initial_constraints;
    /** All fields; the concentration alone; displacement and stress. */
    NewtonSolver::Blocks all_blocks, transport_blocks, mechanics_blocks,
      initial_blocks;
    LA::MPI::SparseMatrix   jacobian;
    LA::MPI::Vector         solution;
    LA::MPI::Vector         old_solution;
    LA::MPI::Vector         older_solution;
    mutable LA::MPI::Vector ghosted_solution;
    LA::MPI::Vector         ghosted_history;

    /** A scalar eliminated from the unknowns: b = dR/ds, w = ds/dx, and
     * z = J^{-1} b (valid while the Jacobian is unchanged), for the
     * Sherman-Morrison-Woodbury update of J + b w^T. */
    struct RankOne
    {
      LA::MPI::Vector b, w, z;
    };
    /** The electrode potential V of galvanostatic control, and the
     * out-of-plane strain of generalized plane strain (2D). */
    RankOne potential_correction, axial_correction;
    bool    corrections_valid = false;
    /** Generalized plane strain (Mechanics/Out-of-plane strain = free
     * ends; null otherwise). */
    std::unique_ptr<mechanics::AxialStrain<dim>> axial_strain;
    /** \int c_max dV [mol]; the charge passed, \int I dt [C]. */
    double body_capacity = 0, charge_total = 0;
    /** \int rho dV [kg]; 0 unless every material of the mesh has a
     * density. */
    double body_mass = 0;
    /** Why the last step failed or was rejected (else empty). */
    std::string step_failure;
    /** a_0, a_1, a_2 of the last solved step (the lithium balance). */
    std::array<double, 3>  step_coefficients{{1., -1., 0.}};
    output::LithiumBalance lithium_balance;
    /** `Output/Balance tolerance` (relative to \int c_max dV). */
    double balance_tolerance = 0;
    /** The step whose state the VTU files and probes hold last. */
    unsigned int last_output_step = 0;

    /** |diag(J)|, for the natural magnitude of the mechanical residuals. */
    LA::MPI::Vector jacobian_diagonal;
    /** The a_0/dt for which the Jacobian was assembled (reuse if linear). */
    double jacobian_a0_over_dt = -1;
    double li_inflow_total     = 0;
    double next_output_time    = 0;
    bool   is_set_up           = false;
  };

  /** Reads `Dimension` and runs the simulator of that dimension (or the
   * homogenisation mode if `Homogenisation/Enable` is set); with @p resume,
   * continues the run from its newest checkpoint. */
  RunSummary
  run_simulation(dealii::ParameterHandler &prm,
                 MPI_Comm                  mpi_communicator,
                 const bool                validate_only,
                 const bool                resume = false);
} // namespace heterion

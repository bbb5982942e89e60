#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/distributed/solution_transfer.h>
#include <deal.II/dofs/dof_renumbering.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/constants.h>
#include <physics/kinetics/butler_volmer_flux.h>
#include <physics/mechanics/fields.h>
#include <physics/mechanics/module.h>
#include <physics/potential/fields.h>
#include <physics/potential/solid_conduction.h>
#include <physics/transport/fickian_flux.h>
#include <physics/transport/fields.h>
#include <physics/transport/prescribed_flux.h>
#include <physics/transport/storage.h>
#include <physics/transport/volumetric_source.h>
#include <solver/dof_constraints.h>
#include <solver/ensemble.h>
#include <solver/geometry/gmsh_regions.h>
#include <solver/geometry/ids.h>
#include <solver/geometry/tools.h>
#include <solver/input_error.h>
#include <solver/interrupt.h>
#include <solver/memory_estimate.h>
#include <solver/output/directory_lock.h>
#include <solver/parameter_check.h>
#include <solver/parsed_function.h>
#include <solver/simulator.h>

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/serialization/map.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <cstdio>
#include <filesystem>
#include <limits>
#include <set>
#include <sstream>
#include <tuple>

namespace heterion
{
  using namespace dealii;

  void
  declare_parameters(ParameterHandler               &prm,
                     const std::vector<std::string> &disorder_fields)
  {
    prm.declare_entry("Dimension",
                      "3",
                      Patterns::Integer(2, 3),
                      "Spatial dimension: 2 or 3.");
    prm.declare_entry("Output directory",
                      "output",
                      Patterns::Anything(),
                      "Directory for all output files; created if missing.");
    prm.declare_entry("Finite element degree",
                      "2",
                      Patterns::Integer(1, 4),
                      "Polynomial degree of the Lagrange elements (Q_k).");
    prm.declare_entry("Mapping degree",
                      "2",
                      Patterns::Integer(1, 4),
                      "Polynomial degree of the geometry mapping; curved "
                      "boundaries need at least 2.");

    prm.enter_subsection("Geometry");
    prm.declare_entry("Model",
                      "sphere",
                      Patterns::Selection(
                        geometry::Registry::selection_pattern()),
                      "Geometry model. " + geometry::Registry::documentation());
    prm.declare_entry("Global refinement",
                      "2",
                      Patterns::Integer(0, 12),
                      "Number of uniform refinements of the coarse mesh.");
    prm.declare_entry("Surface refinement",
                      "0",
                      Patterns::Integer(0, 12),
                      "Additional refinements of the cells that touch the "
                      "boundaries in `Surface refinement boundaries`.");
    prm.declare_entry("Surface refinement boundaries",
                      "surface",
                      Patterns::Anything(),
                      "Comma-separated boundary names for `Surface "
                      "refinement`.");
    geometry::Registry::declare_parameters(prm);
    prm.leave_subsection();

    prm.enter_subsection("Output");
    prm.declare_entry("Output interval",
                      "0",
                      Patterns::Double(0),
                      "Time between VTU/probe outputs [s]; 0 writes every "
                      "step. The initial and the final state are always "
                      "written.");
    prm.declare_entry("Quiet",
                      "false",
                      Patterns::Bool(),
                      "Suppress the per-step progress lines.");
    prm.declare_entry(
      "Balance tolerance",
      "auto",
      Patterns::Anything(),
      "The lithium balance is checked after every step: the inventory "
      "(the integral of c) must change by the lithium that entered (flux, "
      "reaction current / F, volumetric source), step by step as the time "
      "discretization defines it. A warning is printed when the summed "
      "defect exceeds this fraction of the larger of the capacity (the "
      "integral of c_max) and the lithium moved so far [-]. `auto`: 100 "
      "times the looser of `Nonlinear solver/Relative tolerance` and "
      "`Linear solver/Relative tolerance` (1e-8 by default). Not checked "
      "with concentration boundaries.");
    prm.leave_subsection();

    materials::MaterialModel::declare_parameters(prm);
    disorder::Manager<3>::declare_parameters(prm, disorder_fields);
    ensemble::declare_parameters(prm);
    kinetics::Electrode<3>::declare_parameters(prm);
    output::Probes<3>::declare_parameters(prm);
    output::VtuWriter<3>::declare_parameters(prm);
    TimeStepper::declare_parameters(prm);
    NewtonSolver::declare_parameters(prm);
    LinearSolver::declare_parameters(prm);
    checkpoint::Settings::declare_parameters(prm);
    adaptivity::MeshAdaptivity<3>::declare_parameters(prm);
    homogenisation::declare_parameters(prm);
    // The registered physics modules (physics/module.h) declare theirs.
    PluginRegistry<PhysicsModule>::declare_parameters(prm);
  }


  void
  parse_parameters_from_string(ParameterHandler &prm, const std::string &text)
  {
    // The region names of a Gmsh file first, as main() does: its model
    // and file name read from the text (a relative path is taken from the
    // working directory; main() alone also checks the Materials settings
    // against the file's groups, which strict parsing refuses here anyway).
    {
      ParameterHandler scan;
      scan.enter_subsection("Geometry");
      scan.declare_entry("Model", "", Patterns::Anything());
      scan.enter_subsection("Gmsh");
      scan.declare_entry("File name", "", Patterns::Anything());
      scan.leave_subsection();
      scan.leave_subsection();
      scan.parse_input_from_string(text, "", true);
      geometry::register_gmsh_regions(
        {setting_of_override("Geometry/Model="
                             + scan.get({"Geometry"}, "Model")),
         setting_of_override("Geometry/Gmsh/File name="
                             + scan.get({"Geometry", "Gmsh"}, "File name"))});
    }
    std::istringstream input(text);
    declare_parameters(prm, disorder::Manager<3>::read_field_names(input));
    prm.parse_input_from_string(text);
  }


  namespace
  {
    /**
     * Event location gives up shortening a step towards a cut-off when the
     * step has shrunk below this fraction of its first size and the secant
     * still halves it: the cut-off was crossed at the step start.
     */
    constexpr double crossed_at_start_fraction = 1e-4;


    /** The registered physics modules whose parameters select them, in
     * the order of their positions (equal positions alphabetically). Every
     * module reads its parameters, so that they are checked also when the
     * module is not used. */
    template <int dim>
    std::vector<std::unique_ptr<PhysicsModule<dim>>>
    create_modules(ParameterHandler &prm)
    {
      std::vector<std::unique_ptr<PhysicsModule<dim>>> modules;
      for (const std::string &name : PluginRegistry<PhysicsModule>::names())
        {
          auto module = PluginRegistry<PhysicsModule>::create<dim>(name);
          if (module->parse_parameters(prm))
            modules.push_back(std::move(module));
        }
      std::stable_sort(modules.begin(),
                       modules.end(),
                       [](const auto &a, const auto &b) {
                         return a->position() < b->position();
                       });
      return modules;
    }


    /** The solution fields of the @p modules, in block order (c; u and
     * sigma_h with mechanics, psi with a resolved solid potential, phi_e
     * with electrolyte materials, ...). */
    template <int dim>
    std::vector<FieldDeclaration>
    field_declarations(
      const std::vector<std::unique_ptr<PhysicsModule<dim>>> &modules)
    {
      std::vector<FieldDeclaration> list;
      for (const auto &module : modules)
        module->declare_fields(list);
      return list;
    }


    /** The owned indices of each field (or one empty entry: all). */
    template <int dim>
    NewtonSolver::Blocks
    make_blocks(const DoFHandler<dim>           &dof_handler,
                const Introspection<dim>        &introspection,
                const std::vector<unsigned int> &fields,
                const std::vector<double>       &scales)
    {
      NewtonSolver::Blocks blocks;
      for (const unsigned int field : fields)
        {
          blocks.scales.push_back(scales[field]);
          blocks.indices.emplace_back();
          if (introspection.n_blocks() == 1)
            continue;
          const IndexSet dofs
            = DoFTools::extract_dofs(dof_handler,
                                     introspection.component_mask(field));
          for (const auto i : dofs)
            blocks.indices.back().push_back(i);
        }
      return blocks;
    }
  } // namespace


  template <int dim>
  Simulator<dim>::Simulator(ParameterHandler &prm, MPI_Comm mpi_communicator)
      : mpi_communicator(mpi_communicator)
      , pcout(std::cout,
              Utilities::MPI::this_mpi_process(mpi_communicator) == 0)
      , prm(prm)
      // Timed on each rank without MPI synchronization (rank 0 reports),
      // so that an input error never meets a collective call.
      , timer_output(pcout, TimerOutput::never, TimerOutput::wall_times)
      , triangulation(mpi_communicator,
                      typename Triangulation<dim>::MeshSmoothing(
                        Triangulation<dim>::smoothing_on_refinement
                        | Triangulation<dim>::smoothing_on_coarsening))
      , mapping(
          std::make_unique<MappingQ<dim>>(prm.get_integer("Mapping degree")))
      , modules(create_modules<dim>(prm))
      , introspection(field_declarations<dim>(modules))
      , field_index{introspection.field(transport::fields::concentration),
                    introspection.find_field(mechanics::fields::displacement),
                    introspection.find_field(
                      mechanics::fields::hydrostatic_stress)}
      , dof_handler(triangulation)
      , property_cache(material_model, disorder_manager)
      , assembler(*mapping, dof_handler, introspection, property_cache)
  {
    transport_module = find_module<transport::Module<dim>>();
    AssertThrow(transport_module != nullptr,
                ExcMessage(
                  "The physics module `transport` is not registered."));
    for (const auto &module : modules)
      values_prescribed = values_prescribed || module->prescribes_values();
    output_directory = prm.get("Output directory");
    AssertThrow(!output_directory.empty(),
                ExcInput("Output directory must not be empty."));
    checkpoint_settings.parse_parameters(prm);
    checkpoint_store
      = std::make_unique<checkpoint::Store<dim>>(output_directory,
                                                 mpi_communicator);

    prm.enter_subsection("Geometry");
    const std::string model = prm.get("Model");
    geometry_model          = model;
    n_global_refinements    = prm.get_integer("Global refinement");
    n_surface_refinements   = prm.get_integer("Surface refinement");
    for (const std::string &name :
         Utilities::split_string_list(prm.get("Surface refinement boundaries")))
      try
        {
          surface_refinement_ids.insert(ids::boundary_id(name));
        }
      catch (const std::exception &exc)
        {
          AssertThrow(false,
                      ExcInput("Geometry/Surface refinement boundaries: "
                               + user_message(exc)));
        }
    geometry = geometry::Registry::create<dim>(model);
    geometry->parse_parameters(prm);
    prm.leave_subsection();
    mesh_adaptivity.parse_parameters(
      prm, n_global_refinements, n_global_refinements + n_surface_refinements);
    {
      std::vector<std::string> names;
      for (const auto &field : introspection.fields())
        names.push_back(field.name);
      mesh_adaptivity.check_fields(names);
    }

    prm.enter_subsection("Ensemble");
    cutoff_theta = prm.get_double("Cut-off state of charge");
    prm.leave_subsection();

    prm.enter_subsection("Output");
    output_interval                = prm.get_double("Output interval");
    quiet                          = prm.get_bool("Quiet");
    const std::string balance_text = prm.get("Balance tolerance");
    prm.leave_subsection();

    material_model.parse_parameters(prm);
    disorder_manager.parse_parameters(prm);
    temperature      = prm.get_double("Temperature");
    mechanics_module = find_module<mechanics::Module<dim>>();
    electrode.parse_parameters(prm);
    for (const auto &module : modules)
      module->define_domains(domains);
    for (const auto &field : introspection.fields())
      for (const std::string &name : field.domains)
        AssertThrow(domains.find(name) != numbers::invalid_unsigned_int,
                    ExcMessage("The field " + field.name
                               + " lives on the domain `" + name
                               + "`, which no physics module defines."));
    assembler.set_domains(domains);
    electrode.set_domains(domains);
    AssertThrow(!electrode.stress_in_overpotential() || has_mechanics(),
                ExcInput("Electrochemistry/Stress in overpotential needs the "
                         "stress: set `Mechanics/Enable = true` (or the "
                         "stress term to false)."));
    probes.parse_parameters(prm);
    vtu_writer.parse_parameters(prm);
    time_stepper.parse_parameters(prm);
    newton_solver.parse_parameters(prm);
    linear_solver.parse_parameters(prm);
    // Tied to the solver tolerances unless given.
    if (balance_text == "auto")
      balance_tolerance
        = 100 * std::max(newton_solver.tolerance(), linear_solver.tolerance());
    else
      {
        std::istringstream in(balance_text);
        const bool         read
          = static_cast<bool>(in >> balance_tolerance) && (in >> std::ws).eof();
        AssertThrow(read && balance_tolerance > 0,
                    ExcInput("Output/Balance tolerance = '" + balance_text
                             + "' is not allowed: it takes `auto` or a "
                               "number > 0."));
      }

    // The transport module's terms come first (its position), the
    // reaction after its prescribed flux.
    for (const auto &module : modules)
      {
        module->add_terms(introspection, assembler);
        if (module.get() == transport_module && electrode.enabled())
          assembler.add_boundary_term(
            std::make_unique<kinetics::ButlerVolmerFlux<dim>>(electrode,
                                                              introspection));
      }
    if (has_mechanics())
      {
        // The degree of the displacement, so that the strain (and the
        // stress) converges at the order of c.
        stress_recovery = std::make_unique<postprocessors::StressRecovery<dim>>(
          triangulation,
          *mapping,
          introspection.fields()[field_index.displacement].degree,
          material_model,
          disorder_manager);
        if (mechanics_module->settings().generalized_plane_strain)
          axial_strain = std::make_unique<mechanics::AxialStrain<dim>>();
      }
  }


  template <int dim>
  Simulator<dim>::~Simulator()
  {
    dof_handler.clear();
  }


  template <int dim>
  void
  Simulator<dim>::create_mesh()
  {
    // Lengths far outside what a continuum model of a particle or cell
    // means (a unit error) are refused before a mesh is built from them.
    const double length = geometry->length_scale();
    AssertThrow(std::isfinite(length) && length >= 1e-12 && length <= 1e6,
                ExcInput("Geometry: the length scale of `Model = "
                         + geometry_model + "` is " + to_text(length)
                         + " m, outside [1e-12, 1e6] m. Lengths are in "
                           "metres (a 5 um particle has Radius = 5e-6)."));
    check_mesh_size(geometry->n_coarse_cells());
    {
      TimerOutput::Scope scope(timer_output, "disorder fields");
      disorder_manager.initialize(geometry::domain_bounding_box(*geometry),
                                  temperature,
                                  mpi_communicator,
                                  pcout);
    }
    geometry->create_coarse_mesh(triangulation);
    geometry::check_cells(*mapping,
                          triangulation,
                          QGauss<dim>(2),
                          "The mesh of `Geometry/Model = " + geometry_model
                            + "`");
    body_size = check_scales();
    check_mesh_size(triangulation.n_global_active_cells());
    if (n_surface_refinements > 0)
      {
        // A name the mesh lacks would refine nothing, silently.
        std::set<types::boundary_id> existing;
        for (const auto id : triangulation.get_boundary_ids())
          existing.insert(id);
        ids::check_boundaries_exist("Geometry/Surface refinement boundaries",
                                    surface_refinement_ids,
                                    existing);
      }
    if (resuming)
      {
        // The mesh of the checkpoint, repartitioned for these ranks.
        resume_content = checkpoint_store->read(parameters_text());
        checkpoint_store->load_mesh(triangulation);
        return;
      }
    triangulation.refine_global(n_global_refinements);
    for (unsigned int i = 0; i < n_surface_refinements; ++i)
      {
        for (const auto &cell : triangulation.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const auto &face : cell->face_iterators())
              if (face->at_boundary()
                  && surface_refinement_ids.count(face->boundary_id()))
                cell->set_refine_flag();
        triangulation.execute_coarsening_and_refinement();
      }
  }


  template <int dim>
  void
  Simulator<dim>::check_mesh_size(const double n_coarse_cells) const
  {
    if (n_coarse_cells <= 0)
      return;
    // The cells after the global refinement (surface refinement adds a
    // layer and is not counted), and the DoFs per cell of each field (a
    // continuous Q_k field has about k^dim per cell).
    const double n_cells
      = n_coarse_cells * std::pow(2., dim * n_global_refinements);
    double dofs_per_cell = 0;
    for (const auto &field : introspection.fields())
      {
        const auto &element = introspection.fe().base_element(
          introspection.fe()
            .component_to_base_index(field.first_component)
            .first);
        const double k = element.degree;
        dofs_per_cell
          += field.n_components
             * std::pow(element.n_dofs_per_vertex() > 0 ? k : k + 1, dim);
      }
    const double n_dofs = n_cells * dofs_per_cell;
    // Measured: about 3.6 kB per DoF for 3D Q2 transport, 12 kB for the
    // coupled chemo-mechanics (matrix, preconditioner, vectors); the lower
    // figures are used, so that a run that fits is never refused. Plus the
    // mesh itself (about 1 kB per cell with p4est).
    const double per_dof = (dim == 3 ? 3e3 : 1e3) * (has_mechanics() ? 3 : 1);
    const unsigned int n_ranks
      = Utilities::MPI::n_mpi_processes(mpi_communicator);
    check_memory("The mesh of about " + to_text(n_cells) + " cells and "
                   + to_text(n_dofs)
                   + " degrees of freedom (`Geometry/Model "
                     "= "
                   + geometry_model + "`, Global refinement = "
                   + std::to_string(n_global_refinements) + ")",
                 (n_dofs * per_dof + n_cells * 1e3) / n_ranks,
                 "Lower `Geometry/Global refinement` (each level multiplies "
                 "the cells by "
                   + std::to_string(1 << dim)
                   + "), coarsen the geometry's own subdivision, or run on "
                     "more nodes.",
                 mpi_communicator);
  }


  template <int dim>
  double
  Simulator<dim>::check_scales() const
  {
    // The extent of the body: the diagonal of its bounding box.
    const auto   box = geometry::global_bounding_box(triangulation);
    const double size
      = (box.get_boundary_points().second - box.get_boundary_points().first)
          .norm();
    AssertThrow(std::isfinite(size) && size >= 1e-10 && size <= 1e3,
                ExcInput("Geometry: the body measures " + to_text(size)
                         + " m across (the diagonal of its bounding box); "
                           "Heterion models bodies from 1e-10 m (an atom) "
                           "to 1e3 m, in metres. Check the lengths of "
                           "`Geometry/Model = "
                         + geometry_model + "`."));
    // The time step against the diffusion time across the body: beyond
    // 1e12 of it, a step of the transient is lost in round-off (the mass
    // term is 1e-12 of the diffusion term in the Jacobian).
    double largest_diffusivity = 0;
    for (unsigned int id = 0; id < ids::n_materials(); ++id)
      for (unsigned int i = 0; i <= 10; ++i)
        {
          double D, dD;
          material_model.diffusivity(id, i / 10., D, dD);
          largest_diffusivity = std::max(largest_diffusivity, D);
        }
    const double dt      = time_stepper.proposed_step(0);
    const double fourier = largest_diffusivity * dt / (size * size);
    AssertThrow(fourier <= 1e12,
                ExcInput("Time stepping/Time step = " + to_text(dt) + " s is "
                         + to_text(fourier)
                         + " times the diffusion time across the body (L^2/D "
                           "with L = "
                         + to_text(size)
                         + " m, D = " + to_text(largest_diffusivity)
                         + " m^2/s); above 1e12, double precision cannot "
                           "resolve the transient. Check the units of the "
                           "geometry and of the diffusivity, or take a "
                           "shorter step."));
    return size;
  }


  template <int dim>
  bool
  Simulator<dim>::has_mechanics() const
  {
    return field_index.displacement != numbers::invalid_unsigned_int;
  }


  template <int dim>
  void
  Simulator<dim>::setup_dofs()
  {
    // No component-wise renumbering: each rank's DoFs stay one contiguous
    // range, as PETSc's parallel matrices need; the fields are addressed
    // through index sets (Introspection::component_mask()).
    dof_handler.distribute_dofs(introspection.fe());
    // In the order of the cells' tree (p4est's), not of their storage: the
    // numbering of a mesh is then the same however it came about (refined
    // step by step, or loaded from a checkpoint), and with it every bit of
    // the solution.
    DoFRenumbering::hierarchical(dof_handler);
    linear_solver.dofs_changed();
    locally_owned_dofs = dof_handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dof_handler, locally_relevant_dofs);
    owned_concentration_dofs = DoFTools::extract_dofs(
      dof_handler, introspection.component_mask(field_index.concentration));
    // The state vectors on the new DoFs (zero until a state is set or
    // transferred), so that every view of the simulator is consistent.
    for (auto *v : {&solution, &old_solution, &older_solution})
      v->reinit(locally_owned_dofs, mpi_communicator);
    ghosted_solution.reinit(locally_owned_dofs,
                            locally_relevant_dofs,
                            mpi_communicator);
    ghosted_history.reinit(locally_owned_dofs,
                           locally_relevant_dofs,
                           mpi_communicator);
    if (stress_recovery)
      stress_recovery->reinit(dof_handler, introspection);
    {
      // The properties (with their disorder fields) at the quadrature
      // points: once per mesh change.
      TimerOutput::Scope scope(timer_output, "disorder fields");
      assembler.reinit();
    }
    {
      const SimulatorContext<dim> ctx = mesh_context();
      for (const auto &module : modules)
        module->reinit(ctx);
    }

    make_static_constraints();
    constraints.copy_from(static_constraints);
    if (axial_strain)
      axial_strain->reinit(*mapping,
                           dof_handler,
                           introspection,
                           assembler.quadrature(),
                           property_cache);
    // Natural scales of the fields: those of the declarations, and what
    // the modules set.
    std::vector<double>       scales;
    std::vector<unsigned int> fields;
    for (const auto &field : introspection.fields())
      {
        fields.push_back(field.block);
        scales.push_back(field.scale);
      }
    const SimulatorContext<dim> ctx = mesh_context();
    for (const auto &module : modules)
      module->set_scales(ctx, scales);
    all_blocks = make_blocks(dof_handler, introspection, fields, scales);
    if (introspection.n_blocks() > 1)
      {
        // The block preconditioner: each field's owned DoFs, and for the
        // rigid-body modes the direction and support point of each owned
        // displacement DoF.
        std::vector<std::vector<types::global_dof_index>> field_dofs;
        std::vector<std::string>                          keys;
        for (const auto &field : introspection.fields())
          {
            const IndexSet owned = DoFTools::extract_dofs(
              dof_handler, introspection.component_mask(field.block));
            field_dofs.emplace_back(owned.begin(), owned.end());
            keys.push_back(field.key);
          }
        std::vector<unsigned int> directions;
        std::vector<double>       points;
        if (has_mechanics())
          rigid_body_mode_data(*mapping,
                               dof_handler,
                               introspection.first_component(
                                 field_index.displacement),
                               field_dofs[field_index.displacement],
                               nullptr,
                               directions,
                               points);
        linear_solver.set_fields(field_dofs,
                                 keys,
                                 has_mechanics()
                                   ? field_index.displacement
                                   : numbers::invalid_unsigned_int,
                                 directions,
                                 points,
                                 dim);
      }
    // The static fields (no time history) are brought into equilibrium
    // with the initial state of the transient ones, which stay frozen.
    std::vector<unsigned int> static_fields, transient_fields;
    for (const auto &field : introspection.fields())
      (field.point_values.history ? transient_fields : static_fields)
        .push_back(field.block);
    has_static_fields = !static_fields.empty();
    if (has_static_fields)
      {
        initial_blocks
          = make_blocks(dof_handler, introspection, static_fields, scales);
        make_frozen_constraints(transient_fields, initial_constraints);
      }
    if (has_mechanics())
      {
        // The staggered sub-problems: transport (c and every other
        // non-mechanical field, e.g. the solid potential, which the
        // reaction couples to c) and mechanics.
        std::vector<unsigned int> transport_fields;
        for (const auto &field : introspection.fields())
          if (field.block != field_index.displacement
              && field.block != field_index.hydrostatic_stress)
            transport_fields.push_back(field.block);
        const std::vector<unsigned int> &frozen_in_mechanics = transport_fields;
        transport_blocks
          = make_blocks(dof_handler, introspection, transport_fields, scales);
        mechanics_blocks = make_blocks(dof_handler,
                                       introspection,
                                       {field_index.displacement,
                                        field_index.hydrostatic_stress},
                                       scales);
        // Monolithic: every matrix has the same stiffness block (the
        // initial equilibrium and all Newton steps). Staggered: the
        // transport sub-problem freezes u, so that block changes.
        linear_solver.keep_elasticity_preconditioner(
          mechanics_module->settings().coupling
          == mechanics::Settings::Coupling::monolithic);
        make_frozen_constraints({field_index.displacement,
                                 field_index.hydrostatic_stress},
                                transport_constraints);
        make_frozen_constraints(frozen_in_mechanics, mechanics_constraints);
      }

    // Only the blocks that some term fills (c-u and u-sigma_h are zero).
    const auto                   field_coupling = assembler.field_couplings();
    const auto                  &fe             = introspection.fe();
    Table<2, DoFTools::Coupling> coupling(fe.n_components(), fe.n_components());
    for (unsigned int i = 0; i < fe.n_components(); ++i)
      for (unsigned int j = 0; j < fe.n_components(); ++j)
        coupling[i][j] = field_coupling[introspection.component_to_block()[i]]
                                       [introspection.component_to_block()[j]]
                           ? DoFTools::always
                           : DoFTools::none;
    DynamicSparsityPattern dsp(locally_relevant_dofs);
    DoFTools::make_sparsity_pattern(
      dof_handler, coupling, dsp, zero_constraints, false);
    SparsityTools::distribute_sparsity_pattern(dsp,
                                               locally_owned_dofs,
                                               mpi_communicator,
                                               locally_relevant_dofs);
    jacobian.reinit(locally_owned_dofs,
                    locally_owned_dofs,
                    dsp,
                    mpi_communicator);
    jacobian_a0_over_dt = -1;
  }


  template <int dim>
  void
  Simulator<dim>::reinit_mesh_caches()
  {
    if (electrode.enabled())
      electrode.reinit(*mapping,
                       dof_handler,
                       introspection,
                       assembler.face_quadrature(),
                       property_cache,
                       find_module<potential::SolidConduction<dim>>());
    update_boundary_constraints(time_stepper.time());
  }


  template <int dim>
  void
  Simulator<dim>::make_frozen_constraints(
    const std::vector<unsigned int> &frozen_fields,
    AffineConstraints<double>       &result) const
  {
    result.clear();
    result.reinit(locally_relevant_dofs);
    for (const unsigned int field : frozen_fields)
      {
        std::vector<types::global_dof_index> dof_indices(
          introspection.fe().n_dofs_per_cell());
        for (const auto &cell : dof_handler.active_cell_iterators())
          if (!cell->is_artificial())
            {
              cell->get_dof_indices(dof_indices);
              for (const unsigned int i : introspection.local_dofs(field))
                if (!result.is_constrained(dof_indices[i]))
                  result.add_line(dof_indices[i]);
            }
      }
    result.merge(zero_constraints, AffineConstraints<double>::left_object_wins);
    result.close();
  }


  template <int dim>
  void
  Simulator<dim>::make_static_constraints()
  {
    static_constraints.clear();
    static_constraints.reinit(locally_relevant_dofs);
    DoFTools::make_hanging_node_constraints(dof_handler, static_constraints);
    // Every field held at zero outside its domains.
    make_domain_constraints(dof_handler,
                            introspection,
                            domains,
                            static_constraints);
    for (const auto &module : modules)
      module->make_constraints(*mapping,
                               dof_handler,
                               introspection,
                               static_constraints);
    static_constraints.close();

    // The Newton updates: zero where the modules prescribe values.
    zero_constraints.clear();
    zero_constraints.reinit(locally_relevant_dofs);
    zero_constraints.merge(static_constraints);
    const SimulatorContext<dim> ctx = mesh_context();
    for (const auto &module : modules)
      module->prescribe_values(ctx,
                               time_stepper.time(),
                               true,
                               zero_constraints);
    zero_constraints.close();
  }


  template <int dim>
  void
  Simulator<dim>::update_boundary_constraints(const double time)
  {
    constraints.clear();
    constraints.reinit(locally_relevant_dofs);
    constraints.merge(static_constraints);
    const SimulatorContext<dim> ctx = context();
    for (const auto &module : modules)
      module->prescribe_values(ctx, time, false, constraints);
    constraints.close();
  }


  template <int dim>
  void
  Simulator<dim>::set_initial_state()
  {
    LA::MPI::Vector             initial(locally_owned_dofs, mpi_communicator);
    const SimulatorContext<dim> ctx = context();
    for (const auto &module : modules)
      module->set_initial_values(ctx, initial);
    initial.compress(VectorOperation::insert);
    constraints.distribute(initial);
    solution       = initial;
    old_solution   = initial;
    older_solution = initial;
  }


  template <int dim>
  void
  Simulator<dim>::prepare_output_directory()
  {
    output::prepare_directory(output_directory, mpi_communicator);
  }


  template <int dim>
  void
  Simulator<dim>::setup()
  {
    create_mesh();
    std::set<types::boundary_id> existing;
    for (const auto id : triangulation.get_boundary_ids())
      existing.insert(id);
    for (const auto &module : modules)
      module->initialize(existing);
    setup_dofs();
    {
      const SimulatorContext<dim> ctx = mesh_context();
      for (const auto &module : modules)
        module->initialize_on_mesh(ctx, existing);
    }

    // The mass [kg] and the volume without a density of the active
    // materials.
    double        sums[2] = {0, 0};
    FEValues<dim> fe_values(*mapping,
                            introspection.fe(),
                            assembler.quadrature(),
                            update_JxW_values);
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned()
          && domains.of(cell) == assembly::Domains::active)
        {
          fe_values.reinit(cell);
          const double rho = material_model.density(cell->material_id());
          for (const unsigned int q : fe_values.quadrature_point_indices())
            sums[rho > 0 ? 0 : 1] += (rho > 0 ? rho : 1.) * fe_values.JxW(q);
        }
    Utilities::MPI::sum(ArrayView<const double>(sums, 2),
                        mpi_communicator,
                        ArrayView<double>(sums, 2));
    body_capacity = transport_module->capacity();
    body_mass     = sums[1] == 0 ? sums[0] : 0;
    if (electrode.enabled())
      electrode.initialize(
        existing,
        transport_module->boundary_conditions().transport_boundaries(),
        body_capacity);
    reinit_mesh_caches();
    if (electrode.enabled())
      {
        if (!electrode.protocol_steps().empty())
          {
            protocol = protocols::Controller(electrode.protocol_steps(),
                                             electrode.protocol_repeats(),
                                             electrode.one_c_current(),
                                             electrode.reaction_area());
            // The open-circuit voltage of the initial state starts the
            // protocol (and its sweeps without `from`).
            electrode.set_setpoint(false, 0);
          }
      }
    set_initial_state();
    // The mesh adapted to the initial state (the capacity and reaction
    // area that fix C-rates stay those of the initial mesh).
    if (!resuming)
      for (unsigned int i = 0; i < mesh_adaptivity.n_initial_refinements(); ++i)
        if (!adapt_mesh(true))
          break;
    if (resuming)
      {
        // The accepted state and the one before (BDF2) of the checkpoint;
        // the time and the prescribed values at it follow in open_output().
        checkpoint_store->load_vectors(dof_handler,
                                       {&old_solution, &older_solution});
        solution = old_solution;
      }
    ghosted_solution = solution;
    if (electrode.enabled())
      update_electrode_potential(time_stepper.time());
    if (protocol.active())
      {
        protocol.start(time_stepper.time(), electrode.potential);
        apply_protocol_setpoint();
        update_electrode_potential(time_stepper.time());
      }
    probes.reinit(context());
    is_set_up = true;
  }


  template <int dim>
  SimulatorContext<dim>
  Simulator<dim>::context() const
  {
    ghosted_solution = solution;
    return SimulatorContext<dim>{mpi_communicator,
                                 *mapping,
                                 dof_handler,
                                 introspection,
                                 material_model,
                                 transport_module->boundary_conditions(),
                                 assembler,
                                 ghosted_solution,
                                 time_stepper.time(),
                                 stress_recovery.get(),
                                 electrode.enabled() ? &electrode : nullptr};
  }


  template <int dim>
  SimulatorContext<dim>
  Simulator<dim>::mesh_context() const
  {
    SimulatorContext<dim> ctx = context();
    ctx.electrode             = nullptr;
    return ctx;
  }


  template <int dim>
  types::global_dof_index
  Simulator<dim>::n_dofs() const
  {
    return dof_handler.n_dofs();
  }


  template <int dim>
  NewtonSolver::Result
  Simulator<dim>::solve_nonlinear(
    const NewtonSolver::Blocks      &blocks,
    const AffineConstraints<double> &step_constraints,
    const double                     a0_over_dt,
    const double                     time,
    const bool                       reuse_allowed,
    const std::vector<double>       &reference)
  {
    const bool eliminate_potential
      = electrode.enabled()
        && electrode.control()
             == kinetics::Electrode<dim>::Control::galvanostatic;
    // The scalars eliminated from the unknowns (the electrode potential of
    // galvanostatic control, the out-of-plane strain of generalized plane
    // strain): each adds b w^T to the Jacobian (Woodbury below).
    std::vector<RankOne *> corrections;
    if (eliminate_potential)
      corrections.push_back(&potential_correction);
    if (axial_strain)
      corrections.push_back(&axial_correction);
    for (RankOne *c : corrections)
      for (auto *v : {&c->b, &c->w, &c->z})
        v->reinit(locally_owned_dofs, mpi_communicator);
    const auto assemble = [&](const LA::MPI::Vector &u,
                              LA::MPI::Vector       &residual,
                              const bool             with_jacobian) {
      ghosted_solution = u;
      if (electrode.enabled())
        update_electrode_potential(time);
      if (axial_strain)
        assembler.set_axial_strain(axial_strain->value(ghosted_solution));
      // Equal steps give a_0/dt equal up to round-off; the residual is
      // always exact, so a Jacobian off by 1e-10 only costs accuracy of
      // the Newton update, which the convergence test covers.
      const bool need_matrix
        = with_jacobian
          && !(reuse_allowed
               && std::abs(jacobian_a0_over_dt - a0_over_dt)
                    <= 1e-10 * std::abs(a0_over_dt));
      TimerOutput::Scope scope(timer_output, "assembly");
      assembler.assemble(ghosted_solution,
                         ghosted_history,
                         a0_over_dt,
                         time,
                         step_constraints,
                         need_matrix ? &jacobian : nullptr,
                         residual);
      if (need_matrix)
        {
          if (introspection.n_blocks() > 1)
            {
              jacobian_diagonal.reinit(locally_owned_dofs, mpi_communicator);
              for (const auto i : locally_owned_dofs)
                jacobian_diagonal(i) = std::abs(jacobian.diag_element(i));
              jacobian_diagonal.compress(VectorOperation::insert);
            }
          jacobian_a0_over_dt = reuse_allowed ? a0_over_dt : -1;
          linear_solver.matrix_changed(introspection.n_blocks() == 1
                                       && transport_is_linear());
          if (eliminate_potential)
            electrode.coupling_vectors(ghosted_solution,
                                       electrode.potential,
                                       step_constraints,
                                       potential_correction.b,
                                       potential_correction.w);
          if (axial_strain)
            axial_strain->coupling_vectors(step_constraints,
                                           axial_correction.b,
                                           axial_correction.w);
          corrections_valid = false;
        }
    };
    const auto solve_linear
      = [&](LA::MPI::Vector &update, const LA::MPI::Vector &residual) {
          TimerOutput::Scope scope(timer_output, "linear solve");
          unsigned int n = linear_solver.solve(jacobian, update, residual);
          step_constraints.distribute(update);
          if (corrections.empty())
            return n;
          // Woodbury: (J + sum_k b_k w_k^T)^{-1} r = y - Z M^{-1} (W^T y),
          // y = J^{-1} r, z_k = J^{-1} b_k (one more solve per Jacobian and
          // scalar), M = I + W^T Z.
          if (!corrections_valid)
            {
              for (RankOne *c : corrections)
                {
                  n += linear_solver.solve(jacobian, c->z, c->b);
                  step_constraints.distribute(c->z);
                }
              corrections_valid = true;
            }
          const unsigned int k = corrections.size();
          FullMatrix<double> m(k, k);
          Vector<double>     wy(k), a(k);
          for (unsigned int i = 0; i < k; ++i)
            {
              wy[i] = corrections[i]->w * update;
              for (unsigned int j = 0; j < k; ++j)
                m(i, j)
                  = (i == j ? 1. : 0.) + corrections[i]->w * corrections[j]->z;
            }
          m.gauss_jordan();
          m.vmult(a, wy);
          for (unsigned int j = 0; j < k; ++j)
            update.add(-a[j], corrections[j]->z);
          return n;
        };
    // With several fields, each block's residual is judged against the
    // magnitude of its terms, estimated by |diag(J)_b u_b|, as well as
    // against its initial value (which can be at round-off level: the
    // stress at the start of a step, or a steady concentration).
    NewtonSolver::FloorFunction floors;
    if (introspection.n_blocks() > 1)
      floors = [&](const LA::MPI::Vector &u) {
        LA::MPI::Vector product(u);
        product.scale(jacobian_diagonal);
        return NewtonSolver::block_l2_norms(product, blocks);
      };
    auto result = newton_solver.solve(
      solution, blocks, assemble, solve_linear, floors, reference);
    if (!result.converged)
      jacobian_a0_over_dt = -1;
    return result;
  }


  template <int dim>
  bool
  Simulator<dim>::solve_staggered(const double          a0_over_dt,
                                  const double          time,
                                  NewtonSolver::Result &result)
  {
    std::vector<double> reference;
    LA::MPI::Vector     previous(solution);
    const double tolerance = mechanics_module->settings().staggered_tolerance
                             * material_model.concentration_scale();
    for (unsigned int pass = 0;
         pass < mechanics_module->settings().max_staggered_iterations;
         ++pass)
      {
        previous             = solution;
        const auto transport = solve_nonlinear(transport_blocks,
                                               transport_constraints,
                                               a0_over_dt,
                                               time,
                                               false,
                                               reference);
        if (reference.empty())
          reference = transport.initial_residuals;
        const auto mechanics = solve_nonlinear(
          mechanics_blocks, mechanics_constraints, a0_over_dt, time, false);
        result.n_iterations += transport.n_iterations + mechanics.n_iterations;
        result.n_linear_iterations
          += transport.n_linear_iterations + mechanics.n_linear_iterations;
        result.final_residual = transport.final_residual;
        if (!transport.converged || !mechanics.converged)
          {
            const auto &failed = transport.converged ? mechanics : transport;
            result.failure     = failed.failure;
            result.non_finite  = failed.non_finite;
            return false;
          }
        previous.add(-1, solution);
        const auto change
          = NewtonSolver::block_linfty_norms(previous, transport_blocks);
        if (change[0] <= tolerance)
          {
            result.converged = true;
            return true;
          }
      }
    result.failure
      = "the staggered passes did not converge in "
        + std::to_string(mechanics_module->settings().max_staggered_iterations)
        + " (Mechanics/Maximum staggered iterations)";
    return false;
  }


  template <int dim>
  void
  Simulator<dim>::solve_initial_fields(const double time)
  {
    ghosted_history = 0;
    const auto result
      = solve_nonlinear(initial_blocks, initial_constraints, 0., time, false);
    jacobian_a0_over_dt = -1;
    AssertThrow(result.converged,
                ExcInput(
                  has_mechanics()
                    ? "The initial mechanical equilibrium could not be "
                      "computed (residual "
                        + to_text(result.final_residual)
                        + "). Check the mechanical boundary conditions "
                          "(Mechanics) and the elastic properties of the "
                          "materials."
                    : "The initial potential fields could not be computed "
                      "(residual "
                        + to_text(result.final_residual)
                        + "). Check the `Electronic conductivity` and the "
                          "contact (Electrochemistry/Contact boundaries, "
                          "Contact patch), or the `Ionic conductivity` of the "
                          "electrolyte materials and Electrochemistry/"
                          "Electrolyte boundaries."));
  }


  template <int dim>
  bool
  Simulator<dim>::solve_step(const double dt, NewtonSolver::Result &result)
  {
    const double t_new        = time_stepper.time() + dt;
    const auto   coefficients = time_stepper.coefficients(dt);
    const double a0_over_dt   = coefficients[0] / dt;
    step_coefficients         = coefficients;

    // The history part of the time derivative, once per step.
    LA::MPI::Vector history(locally_owned_dofs, mpi_communicator);
    history.add(coefficients[1] / dt, old_solution);
    if (coefficients[2] != 0)
      history.add(coefficients[2] / dt, older_solution);
    ghosted_history = history;

    // Only prescribed concentrations change with time; the rest is static.
    if (values_prescribed)
      update_boundary_constraints(t_new);
    solution = old_solution;
    constraints.distribute(solution);

    // A value that is not finite names where it arose (the last assembly).
    const auto explain = [&](const NewtonSolver::Result &r) {
      if (r.non_finite)
        {
          const std::string where = assembler.non_finite_report();
          step_failure = r.failure + (where.empty() ? "" : ": " + where);
        }
      else
        step_failure = r.failure;
    };
    if (has_mechanics()
        && mechanics_module->settings().coupling
             == mechanics::Settings::Coupling::staggered)
      {
        result               = NewtonSolver::Result();
        const bool converged = solve_staggered(a0_over_dt, t_new, result);
        if (!converged)
          explain(result);
        return converged;
      }
    // The Jacobian is reused while it does not depend on the solution.
    const bool reuse_allowed
      = transport_is_linear()
        && !(has_mechanics() && mechanics_module->settings().stress_assisted)
        && !electrode.enabled() && !axial_strain;
    result = solve_nonlinear(
      all_blocks, zero_constraints, a0_over_dt, t_new, reuse_allowed);
    if (!result.converged)
      explain(result);
    if (result.converged && electrode.enabled())
      {
        // The kinetics are regularised outside (0, 1): a surface that
        // overfills or empties rejects the step, so dt is cut before the
        // state leaves the physical range.
        ghosted_solution = solution;
        update_electrode_potential(t_new);
        const auto range = electrode.surface_theta_range(
          electrode.surface_state(ghosted_solution));
        constexpr double slack = 1e-9;
        if (range.first < -slack || range.second > 1 + slack)
          {
            step_failure = "the surface state of charge would leave [0, 1] "
                           "(min "
                           + to_text(range.first) + ", max "
                           + to_text(range.second)
                           + ", V = " + to_text(electrode.potential) + " V)";
            return false;
          }
      }
    return result.converged;
  }


  template <int dim>
  output::FieldStatistics
  Simulator<dim>::compute_statistics()
  {
    TimerOutput::Scope scope(timer_output, "output");
    const auto         ctx = context();
    if (stress_recovery)
      stress_recovery->compute(dof_handler,
                               introspection,
                               ghosted_solution,
                               axial_strain
                                 ? axial_strain->value(ghosted_solution)
                                 : 0.);
    output::FieldStatistics stats = output::compute_field_statistics(ctx);
    for (const auto &module : modules)
      {
        const std::vector<double> values = module->statistics(ctx);
        AssertDimension(values.size(), module->statistics_columns().size());
        stats.module_values.insert(stats.module_values.end(),
                                   values.begin(),
                                   values.end());
      }
    return stats;
  }


  template <int dim>
  void
  Simulator<dim>::update_electrode_potential(const double time)
  {
    if (electrode.control()
        == kinetics::Electrode<dim>::Control::potentiostatic)
      electrode.potential = electrode.prescribed_potential(time);
    else
      electrode.potential
        = electrode.solve_potential(electrode.surface_state(ghosted_solution),
                                    electrode.applied_current(time),
                                    electrode.potential);
  }


  template <int dim>
  void
  Simulator<dim>::apply_protocol_setpoint()
  {
    const auto s = protocol.setpoint();
    electrode.set_setpoint(s.potentiostatic, s.value, s.rate, s.start_time);
  }


  template <int dim>
  bool
  Simulator<dim>::transport_is_linear() const
  {
    return material_model.is_linear()
           && !material_model.thermodynamic_factor().any();
  }


  template <int dim>
  double
  Simulator<dim>::step_error_ratio(const double dt,
                                   const double last_voltage) const
  {
    if (!time_stepper.adaptive() || !has_step_history
        || time_stepper.step_number() == 0)
      return 0;
    // theta_pred = theta_n + (dt / dt_{n-1}) (theta_n - theta_{n-1}),
    // measured against the largest site density.
    const double w     = dt / time_stepper.last_step();
    double       local = 0;
    for (const auto i : owned_concentration_dofs)
      {
        const double predicted
          = old_solution(i) + w * (old_solution(i) - older_solution(i));
        local = std::max(local, std::abs(solution(i) - predicted));
      }
    double ratio
      = Utilities::MPI::max(local, mpi_communicator)
        / (material_model.concentration_scale() * time_stepper.tolerance());
    if (electrode.enabled()
        && electrode.control()
             == kinetics::Electrode<dim>::Control::galvanostatic)
      {
        const double predicted
          = last_voltage + w * (last_voltage - previous_voltage);
        ratio = std::max(ratio,
                         std::abs(electrode.potential - predicted)
                           / time_stepper.voltage_tolerance());
      }
    return ratio;
  }


  template <int dim>
  double
  Simulator<dim>::electrode_current() const
  {
    ghosted_solution = solution;
    return electrode.total_current(electrode.surface_state(ghosted_solution),
                                   electrode.potential);
  }


  template <int dim>
  output::ElectrodeStatistics
  Simulator<dim>::electrode_statistics() const
  {
    output::ElectrodeStatistics e;
    e.voltage       = electrode.potential;
    e.current       = electrode_current();
    e.capacity      = charge_total / constants::seconds_per_hour;
    e.protocol_step = protocol.active() ? protocol.step_number() : 0;
    e.cycle         = protocol.active() ? protocol.cycle() : 0;
    return e;
  }


  template <int dim>
  void
  Simulator<dim>::write_output(const bool vtu)
  {
    TimerOutput::Scope scope(timer_output, "output");
    const auto         ctx = context();
    if (vtu)
      {
        // The modules' derived arrays, and the units of every field and
        // array that the writer's own table lacks.
        std::vector<std::unique_ptr<DataPostprocessor<dim>>> module_output;
        std::vector<const DataPostprocessor<dim> *>          postprocessors;
        std::map<std::string, std::string>                   units;
        for (const auto &field : introspection.fields())
          units[field.name] = field.unit;
        for (const auto &module : modules)
          if (auto postprocessor = module->output_postprocessor(ctx))
            {
              postprocessors.push_back(postprocessor.get());
              module_output.push_back(std::move(postprocessor));
              const auto module_units = module->output_units();
              units.insert(module_units.begin(), module_units.end());
            }
        vtu_writer.write(ctx, postprocessors, units);
        output::on_all_ranks(mpi_communicator, [&]() { probes.write(ctx); });
        last_output_step = time_stepper.step_number();
      }
  }


  template <int dim>
  void
  Simulator<dim>::check_state_of_charge(
    const output::FieldStatistics &stats) const
  {
    // With kinetics, steps whose surface leaves [0, 1] are rejected; a
    // prescribed flux has no such limit: it can push lithium into a full
    // body (or out of an empty one). Values outside [0, 1] against the
    // direction of the flux are over- and undershoots of the discretization
    // at steep fronts; they are reported at the end of the run.
    if (electrode.enabled()
        || transport_module->boundary_conditions().flux_boundaries().empty())
      return;
    constexpr double slack = 1e-3;
    const bool filled  = stats.inflow_rate > 0 && stats.theta_max > 1 + slack;
    const bool emptied = stats.inflow_rate < 0 && stats.theta_min < -slack;
    if (!filled && !emptied)
      return;
    // When the mean state of charge would reach 1 (or 0) at this inflow.
    const double t_limit
      = time_stepper.time()
        + ((filled ? body_capacity : 0.) - stats.li_inventory)
            / stats.inflow_rate;
    AssertThrow(
      false,
      ExcInput(
        std::string(filled ? "The body is overfilled: theta reached "
                               + to_text(stats.theta_max) + " (above 1"
                           : "The body is over-emptied: theta reached "
                               + to_text(stats.theta_min) + " (below 0")
        + " by more than " + to_text(slack)
        + ") at t = " + to_text(time_stepper.time())
        + " s under the prescribed flux (Boundary conditions/Flux), which "
          "cannot enter a full (or leave an empty) body. The run stops with "
          "the state reached; all output is kept, including this state. At "
          "this flux the mean state of charge reaches "
        + (filled ? "1" : "0") + " at about t = " + to_text(t_limit)
        + " s and the surface earlier: shorten `Time stepping/End time`, "
          "lower the flux, or use Butler-Volmer kinetics "
          "(Electrochemistry/Reaction boundaries) with a voltage cut-off."));
  }


  template <int dim>
  std::string
  Simulator<dim>::progress(const double wall_time) const
  {
    // The share of the end time reached; with a protocol, which usually
    // ends before, the share is shown only when the end time comes first.
    const double t = time_stepper.time(), t_end = time_stepper.end_time();
    if (!(t_end > 0 && std::isfinite(t_end)) || t <= 0)
      return "";
    const double fraction = std::min(1., t / t_end);
    const double left     = wall_time * (1 - fraction) / fraction;
    char         text[64];
    if (left < 60)
      std::snprintf(text, sizeof(text), "%.0f s", left);
    else if (left < 3600)
      std::snprintf(text,
                    sizeof(text),
                    "%.0f min %02.0f s",
                    std::floor(left / 60),
                    std::fmod(left, 60.));
    else
      std::snprintf(text,
                    sizeof(text),
                    "%.0f h %02.0f min",
                    std::floor(left / 3600),
                    std::fmod(left, 3600.) / 60);
    char line[96];
    std::snprintf(line,
                  sizeof(line),
                  "  %5.1f %% of end time, %s left",
                  100 * fraction,
                  protocol.active()
                    ? std::string("at most " + std::string(text)).c_str()
                    : text);
    return line;
  }


  template <int dim>
  void
  Simulator<dim>::resume_from_checkpoint()
  {
    resuming = true;
  }


  template <int dim>
  std::unique_ptr<output::DirectoryLock>
  Simulator<dim>::lock_output_directory()
  {
    // Held until run() returns or throws: no second run writes here. A
    // directory that cannot be used is a failure of the run, not of the
    // parameter file.
    try
      {
        prepare_output_directory();
        return std::make_unique<output::DirectoryLock>(output_directory,
                                                       mpi_communicator);
      }
    catch (const ExcRunFailure &)
      {
        throw;
      }
    catch (const ExcInput &exc)
      {
        throw ExcRunFailure(user_message(exc));
      }
  }


  template <int dim>
  std::string
  Simulator<dim>::parameters_text() const
  {
    std::ostringstream text;
    prm.print_parameters(text, ParameterHandler::ShortPRM);
    return text.str();
  }


  template <int dim>
  template <class Archive>
  void
  Simulator<dim>::serialize_state(Archive &archive)
  {
    archive &time_stepper &protocol &lithium_balance &cycles_file &vtu_writer;
    archive &electrode.potential &csv_sizes;
    archive &record.electrode &record.previous_time &record
      .previous_theta_max &record.theta_min_time &record.theta_max_time &record
      .balance_warned;
    archive &summary.peak_sigma_vm &summary.peak_sigma_h &summary
      .peak_sigma_1 &summary.cutoff_time &summary.theta_run_min &summary
      .theta_run_max;
    archive &previous_voltage &has_step_history &charge_total &li_inflow_total
      &next_output_time &last_output_step;
    archive &step_coefficients[0] & step_coefficients[1] & step_coefficients[2];
    // The physics modules' own state, in the order of the modules (the
    // same modules: the parameters are compared on resume).
    std::vector<std::string> module_states;
    if constexpr (Archive::is_saving::value)
      for (const auto &module : modules)
        module_states.push_back(module->save_state());
    archive &module_states;
    if constexpr (Archive::is_loading::value)
      {
        AssertThrow(module_states.size() == modules.size(),
                    ExcInput("The checkpoint holds the state of "
                             + std::to_string(module_states.size())
                             + " physics modules, this run has "
                             + std::to_string(modules.size()) + "."));
        for (unsigned int i = 0; i < modules.size(); ++i)
          modules[i]->load_state(module_states[i]);
      }
  }


  template <int dim>
  std::string
  Simulator<dim>::save_state()
  {
    std::ostringstream              out;
    boost::archive::binary_oarchive archive(out);
    serialize_state(archive);
    return out.str();
  }


  template <int dim>
  void
  Simulator<dim>::load_state(const std::string &state)
  {
    std::istringstream              in(state);
    boost::archive::binary_iarchive archive(in);
    serialize_state(archive);
  }


  template <int dim>
  void
  Simulator<dim>::open_output()
  {
    vtu_writer.open(output_directory, body_size);
    if (resuming)
      load_state(resume_content.state);
    const bool is_root
      = Utilities::MPI::this_mpi_process(mpi_communicator) == 0;
    std::vector<std::string> module_columns;
    for (const auto &module : modules)
      for (const std::string &column : module->statistics_columns())
        module_columns.push_back(column);
    const output::CsvFile::Resume *resume = resuming ? &csv_sizes : nullptr;
    output::on_all_ranks(mpi_communicator, [&]() {
      if (!is_root)
        return;
      output::write_atomically(output_directory + "/parameters.prm",
                               [&](std::ostream &out) {
                                 prm.print_parameters(out,
                                                      ParameterHandler::PRM);
                               });
      statistics_file.open(output_directory,
                           stress_recovery != nullptr,
                           electrode.enabled(),
                           protocol.active(),
                           body_mass > 0,
                           axial_strain != nullptr,
                           module_columns,
                           resume);
      if (protocol.active())
        cycles_file.open(output_directory,
                         body_mass,
                         stress_recovery != nullptr,
                         resume);
      probes.open(output_directory, stress_recovery != nullptr, resume);
    });
  }


  template <int dim>
  void
  Simulator<dim>::track_peaks()
  {
    const output::FieldStatistics &s = record.statistics;
    if (stress_recovery)
      {
        const auto &m         = stress_recovery->statistics();
        summary.peak_sigma_vm = std::max(summary.peak_sigma_vm, m.sigma_vm_max);
        summary.peak_sigma_h  = std::max(summary.peak_sigma_h, m.sigma_h_max);
        summary.peak_sigma_1  = std::max(summary.peak_sigma_1, m.sigma_1_max);
      }
    // The cut-off time, linear in time between the accepted states.
    const double t = time_stepper.time();
    if (summary.cutoff_time < 0 && s.theta_max >= cutoff_theta)
      summary.cutoff_time
        = (t == record.previous_time
           || s.theta_max == record.previous_theta_max)
            ? t
            : record.previous_time
                + (t - record.previous_time)
                    * (cutoff_theta - record.previous_theta_max)
                    / (s.theta_max - record.previous_theta_max);
    record.previous_time      = t;
    record.previous_theta_max = s.theta_max;
    if (s.theta_min < summary.theta_run_min)
      std::tie(summary.theta_run_min, record.theta_min_time)
        = std::make_pair(s.theta_min, t);
    if (s.theta_max > summary.theta_run_max)
      std::tie(summary.theta_run_max, record.theta_max_time)
        = std::make_pair(s.theta_max, t);
  }


  template <int dim>
  void
  Simulator<dim>::add_electrode_record()
  {
    if (!electrode.enabled())
      return;
    record.electrode = electrode_statistics();
    record.statistics.inflow_rate
      += record.electrode.current / constants::faraday;
    record.electrode.soc = record.statistics.li_inventory / body_capacity;
  }


  template <int dim>
  void
  Simulator<dim>::record_initial_state()
  {
    record.statistics = compute_statistics();
    add_electrode_record();
    summary.theta_run_min = record.statistics.theta_min;
    summary.theta_run_max = record.statistics.theta_max;
    track_peaks();
    output::on_all_ranks(mpi_communicator, [&]() {
      statistics_file.write(0,
                            0.,
                            0.,
                            record.statistics,
                            0.,
                            0,
                            0,
                            stress_recovery ? &stress_recovery->statistics()
                                            : nullptr,
                            &record.electrode);
    });
    write_output(true);
    next_output_time = output_interval;
    time_stepper.set_landing_interval(output_interval);
    lithium_balance.start(record.statistics.li_inventory,
                          body_capacity,
                          balance_tolerance,
                          !transport_module->prescribes_values());
  }


  template <int dim>
  double
  Simulator<dim>::advance(NewtonSolver::Result &result)
  {
    const auto &stats = record.statistics;
    double      dt    = 0;
    // Halvings after Newton failures, and rejections by the error
    // estimate (adaptive steps; at most 10 per step).
    unsigned int n_rejections = 0, n_reductions = 0;
    std::string  last_failure;
    for (;;)
      {
        AssertThrow(
          n_reductions <= time_stepper.max_reductions(),
          ExcInput(
            (result.non_finite || result.converged
               ? "The step failed: " + step_failure
               : "The nonlinear solver did not converge (" + step_failure + ")")
            + " at t = " + to_text(time_stepper.time()) + " s even after "
            + std::to_string(time_stepper.max_reductions())
            + " halvings of the time step"
            + (result.non_finite
                 ? ". Check the value of the parameter named there."
                 : " (last residual " + to_text(result.final_residual)
                     + "). Try a smaller `Time stepping/Time step` or "
                       "check the material parameters.")
            + " All output up to the last accepted step is kept."));
        dt = time_stepper.proposed_step(n_reductions);
        if (protocol.active())
          dt = std::min(dt,
                        std::ldexp(protocol.max_step(time_stepper.time()),
                                   -static_cast<int>(n_reductions)));
        step_failure.clear();
        if (solve_step(dt, result))
          {
            const double ratio = step_error_ratio(dt, record.electrode.voltage);
            time_stepper.adapt(dt, ratio);
            if (ratio <= 1 || n_rejections == 10)
              break;
            ++n_rejections;
            if (!quiet)
              pcout << "  step error ratio " << to_text(ratio)
                    << "; retrying with dt = "
                    << to_text(time_stepper.proposed_step(n_reductions)) << " s"
                    << std::endl;
            continue;
          }
        ++n_reductions;
        last_failure = step_failure;
        pcout << "  " << last_failure << "; retrying with dt = " << dt / 2
              << " s" << std::endl;
      }
    // Steps that succeed only after halvings, far below the requested
    // step, one after the other (as when a particle is full or empty and
    // cannot take the applied current).
    AssertThrow(
      !time_stepper.stalled(dt, n_reductions),
      ExcInput(
        "The time step collapsed at t = " + to_text(time_stepper.time())
        + " s: " + std::to_string(TimeStepper::max_stalled_steps)
        + " steps in a row succeeded only after halvings, at dt = "
        + to_text(dt) + " s, below 1e-3 of `Time stepping/Time step` (the "
        + "last cut: " + last_failure + "; state of the last accepted "
        + "step: theta min/max " + to_text(stats.theta_min) + " / "
        + to_text(stats.theta_max)
        + (electrode.enabled()
             ? ", V = " + to_text(record.electrode.voltage) + " V"
             : std::string())
        + "). The run cannot advance; a particle that is full or empty "
          "cannot take a prescribed current: end the charge or discharge "
          "at a voltage cut-off (Electrochemistry/Control = protocol, e.g. "
          "`Charge at 1C until 4.2 V`) or shorten the run. All output up "
          "to the last accepted step is kept."));
    const bool protocol_step_ends
      = protocol.active() && locate_protocol_event(dt, result);
    older_solution = old_solution;
    old_solution   = solution;
    time_stepper.advance(dt);
    previous_voltage = record.electrode.voltage;
    has_step_history = true;
    // The row of this step names the protocol step it belongs to.
    record.electrode.protocol_step
      = protocol.active() ? protocol.step_number() : 0;
    record.electrode.cycle = protocol.active() ? protocol.cycle() : 0;
    if (protocol_step_ends)
      {
        protocol.next_step(time_stepper.time(), electrode.potential);
        // A new transient: the first step again, no extrapolation.
        time_stepper.restart();
        has_step_history = false;
      }
    return dt;
  }


  template <int dim>
  bool
  Simulator<dim>::locate_protocol_event(double               &dt,
                                        NewtonSolver::Result &result)
  {
    // A protocol step that ends within this step: shorten the step to the
    // cut-off (event location), then begin the next protocol step.
    const double t0       = time_stepper.time();
    double       dt_event = dt;
    auto         outcome  = protocol.check(t0,
                                  record.electrode.voltage,
                                  record.electrode.current,
                                  t0 + dt,
                                  electrode.potential,
                                  electrode_current(),
                                  dt_event);
    const double dt_first = dt;
    // The cut-off lies between a point short of it (lo: the step start,
    // then trial ends short of it) and one beyond it (hi). Each trial step
    // is solved again from the start state with the length at which the
    // line between lo and hi meets the limit (regula falsi), until a trial
    // meets the limit to the tolerance. A trial that falls short is not
    // accepted: it narrows the bracket, so no step ends just short of the
    // limit.
    double t_lo = t0, v_lo = record.electrode.voltage,
           i_lo = record.electrode.current;
    double t_hi = t0 + dt, v_hi = electrode.potential,
           i_hi = electrode_current();
    for (unsigned int k = 0;
         outcome != protocols::Controller::Check::ends && k < 30
         && (outcome == protocols::Controller::Check::overshoot || t_lo > t0);
         ++k)
      {
        dt = (t_lo - t0) + dt_event;
        AssertThrow(solve_step(dt, result),
                    ExcInput("Electrochemistry/Protocol: the step to the "
                             "cut-off of `"
                             + protocol.step_text() + "` at t = "
                             + to_text(t0 + dt) + " s did not converge."));
        const double v1 = electrode.potential, i1 = electrode_current();
        double       unused;
        outcome = protocol.check(t_lo, v_lo, i_lo, t0 + dt, v1, i1, unused);
        if (outcome == protocols::Controller::Check::ends)
          break;
        if (outcome == protocols::Controller::Check::overshoot)
          std::tie(t_hi, v_hi, i_hi) = std::make_tuple(t0 + dt, v1, i1);
        else
          std::tie(t_lo, v_lo, i_lo) = std::make_tuple(t0 + dt, v1, i1);
        // The next trial, on the bracket.
        protocol.check(t_lo, v_lo, i_lo, t_hi, v_hi, i_hi, dt_event);
        // A cut-off that stays crossed however short the step is was
        // crossed at its start, by the jump of the overpotential when the
        // new set-point applied (a charge that starts just below its
        // voltage limit): the step has shrunk by orders of magnitude and
        // the next trial still cuts it by more than half (near a true
        // crossing, trials converge). The protocol step ends at once.
        if (outcome == protocols::Controller::Check::overshoot && t_lo == t0
            && dt < crossed_at_start_fraction * dt_first && dt_event < 0.5 * dt)
          {
            if (!quiet)
              pcout << "  the cut-off of `" << protocol.step_text()
                    << "` was crossed when the step began (jump of the "
                       "overpotential): the step ends after "
                    << to_text(dt) << " s" << std::endl;
            break;
          }
      }
    return outcome != protocols::Controller::Check::continues;
  }


  template <int dim>
  void
  Simulator<dim>::record_step(const double                dt,
                              const NewtonSolver::Result &result,
                              const unsigned int          protocol_step,
                              const unsigned int          cycle,
                              const double                wall_time)
  {
    {
      const SimulatorContext<dim> ctx = context();
      for (const auto &module : modules)
        module->step_accepted(ctx, dt);
    }
    record.statistics = compute_statistics();
    add_electrode_record();
    record.electrode.protocol_step       = protocol_step;
    record.electrode.cycle               = cycle;
    const output::FieldStatistics &stats = record.statistics;
    track_peaks();
    lithium_balance.add_step(
      step_coefficients,
      dt,
      stats.li_inventory,
      stats.inflow_rate
        + transport_module->source_rate(context(), time_stepper.time()));
    if (lithium_balance.violated() && !record.balance_warned)
      {
        record.balance_warned = true;
        if (Utilities::MPI::this_mpi_process(mpi_communicator) == 0)
          std::cerr << "heterion: warning: "
                    << lithium_balance.describe(time_stepper.time())
                    << std::endl;
      }
    // Right-endpoint rule, consistent with the implicit flux condition.
    li_inflow_total += dt * stats.inflow_rate;
    charge_total += dt * record.electrode.current;
    // Capacity [A h] and per mass [mAh/g = A h/kg].
    record.electrode.capacity = charge_total / constants::seconds_per_hour;
    if (body_mass > 0)
      record.electrode.specific_capacity
        = record.electrode.capacity / body_mass;
    const postprocessors::MechanicalStatistics *mechanics
      = stress_recovery ? &stress_recovery->statistics() : nullptr;
    output::on_all_ranks(mpi_communicator, [&]() {
      if (protocol.active())
        cycles_file.add_step(cycle,
                             time_stepper.time(),
                             dt,
                             record.electrode.current,
                             record.electrode.voltage,
                             mechanics);
      statistics_file.write(time_stepper.step_number(),
                            time_stepper.time(),
                            dt,
                            stats,
                            li_inflow_total,
                            result.n_iterations,
                            result.n_linear_iterations,
                            mechanics,
                            &record.electrode);
    });
    const bool output_now
      = output_interval == 0 || time_stepper.finished() || protocol.finished()
        || time_stepper.time() >= next_output_time * (1 - 1e-12);
    if (output_now)
      {
        write_output(true);
        while (output_interval > 0
               && next_output_time <= time_stepper.time() * (1 + 1e-12))
          next_output_time += output_interval;
      }
    if (quiet)
      return;
    char line[256];
    std::snprintf(line,
                  sizeof(line),
                  "step %5u  t = %.4e s  dt = %.3e s  newton %2u  "
                  "linear %4u  theta mean/min/max %.5f %.5f %.5f",
                  time_stepper.step_number(),
                  time_stepper.time(),
                  dt,
                  result.n_iterations,
                  result.n_linear_iterations,
                  stats.theta_mean,
                  stats.theta_min,
                  stats.theta_max);
    pcout << line;
    if (electrode.enabled())
      {
        std::snprintf(line,
                      sizeof(line),
                      "  V %.5f  I %.4e A",
                      record.electrode.voltage,
                      record.electrode.current);
        pcout << line;
        if (protocol.active())
          pcout << "  [cycle " << record.electrode.cycle << "/"
                << electrode.protocol_repeats() << ", step "
                << record.electrode.protocol_step << "/"
                << electrode.protocol_steps().size() << "]";
      }
    pcout << progress(wall_time) << std::endl;
  }


  template <int dim>
  double
  Simulator<dim>::inventory_of(const LA::MPI::Vector &state) const
  {
    LA::MPI::Vector ghosted(locally_owned_dofs,
                            locally_relevant_dofs,
                            mpi_communicator);
    ghosted = state;
    const SimulatorContext<dim> view{mpi_communicator,
                                     *mapping,
                                     dof_handler,
                                     introspection,
                                     material_model,
                                     transport_module->boundary_conditions(),
                                     assembler,
                                     ghosted,
                                     time_stepper.time(),
                                     nullptr,
                                     nullptr};
    return output::compute_field_statistics(view).li_inventory;
  }


  template <int dim>
  bool
  Simulator<dim>::adapt_mesh(const bool initial)
  {
    TimerOutput::Scope scope(timer_output, "mesh adaptation");
    if (!mesh_adaptivity.mark(context(), triangulation))
      return false;
    // The inventories of the accepted state and the one before.
    const std::array<double, 2> before{
      {initial ? 0. : inventory_of(old_solution),
       initial ? 0. : inventory_of(older_solution)}};
    // The accepted state and the one before (BDF2) move with their cells.
    std::vector<LA::MPI::Vector> states(2);
    for (unsigned int i = 0; i < 2; ++i)
      {
        states[i].reinit(locally_owned_dofs,
                         locally_relevant_dofs,
                         mpi_communicator);
        states[i] = i == 0 ? old_solution : older_solution;
      }
    // (Initially there is nothing to move: the initial state is set again.
    // A transfer that is prepared must also be completed, or the mesh
    // keeps its callback.)
    parallel::distributed::SolutionTransfer<dim, LA::MPI::Vector> transfer(
      dof_handler);
    if (!initial)
      transfer.prepare_for_coarsening_and_refinement(
        std::vector<const LA::MPI::Vector *>{&states[0], &states[1]});
    triangulation.execute_coarsening_and_refinement();

    setup_dofs();
    reinit_mesh_caches();
    if (initial)
      set_initial_state();
    else
      {
        std::vector<LA::MPI::Vector *> targets{&old_solution, &older_solution};
        transfer.interpolate(targets);
        // Hanging nodes (and the prescribed values at the time of each).
        constraints.distribute(old_solution);
        static_constraints.distribute(older_solution);
        // Refinement keeps the concentration (nested spaces); coarsening
        // interpolates it, which changes the inventory by the interpolation
        // error. Without prescribed concentrations the lithium is restored:
        // c is scaled by N_before / N_after in each state.
        std::array<double, 2> after{
          {inventory_of(old_solution), inventory_of(older_solution)}};
        if (mesh_adaptivity.conserve_lithium()
            && !transport_module->prescribes_values())
          for (unsigned int i = 0; i < 2; ++i)
            if (after[i] != 0 && after[i] != before[i])
              {
                LA::MPI::Vector &state = *targets[i];
                for (const auto dof : owned_concentration_dofs)
                  state(dof) *= before[i] / after[i];
                state.compress(VectorOperation::insert);
                after[i] = inventory_of(state);
              }
        solution                      = old_solution;
        const double inventory_after  = after[0];
        const double inventory_before = before[0];
        lithium_balance.remesh(after[0], after[1]);
        if (!quiet)
          pcout << "  mesh adapted: " << triangulation.n_global_active_cells()
                << " cells, " << dof_handler.n_dofs()
                << " DoFs; lithium changed by "
                << to_text(inventory_after - inventory_before) << " mol"
                << std::endl;
      }
    ghosted_solution = solution;
    probes.reinit(context());
    return true;
  }


  template <int dim>
  void
  Simulator<dim>::write_checkpoint()
  {
    TimerOutput::Scope scope(timer_output, "output");
    if (Utilities::MPI::this_mpi_process(mpi_communicator) == 0)
      {
        csv_sizes.clear();
        for (const std::string name :
             {"statistics.csv", "probes.csv", "cycles.csv"})
          if (name != "cycles.csv" || protocol.active())
            csv_sizes[name]
              = checkpoint::file_size(output_directory + "/" + name);
      }
    checkpoint::Content content;
    content.step  = time_stepper.step_number();
    content.time  = time_stepper.time();
    content.state = save_state();
    checkpoint_store->write(dof_handler,
                            {&old_solution, &older_solution},
                            locally_relevant_dofs,
                            content,
                            parameters_text());
  }


  template <int dim>
  void
  Simulator<dim>::checkpoint_or_stop(const double wall_time)
  {
    const unsigned int step   = time_stepper.step_number();
    const int          signal = interrupt::received(mpi_communicator);
    const bool stop = checkpoint_settings.stop_after == step && step > 0;
    // The wall time of rank 0 decides, so that all ranks agree.
    const double minutes
      = Utilities::MPI::broadcast(mpi_communicator,
                                  (wall_time - last_checkpoint_time) / 60.,
                                  0);
    const bool write = checkpoint_settings.due(step, minutes) || stop
                       || (signal != 0 && checkpoint_settings.on_signal);
    if (write)
      {
        write_checkpoint();
        last_checkpoint_time = wall_time;
      }
    const std::string where = " at t = " + to_text(time_stepper.time())
                              + " s (step " + std::to_string(step) + ")";
    const std::string kept
      = "; the output up to this step is kept, with its state in the VTU "
        "files and probes.csv";
    const std::string how
      = write ? ", and a checkpoint in " + checkpoint_store->directory()
                  + ": continue with `heterion --resume` and the same "
                    "parameter file."
              : ".";
    if (signal != 0)
      throw ExcInterrupted(signal,
                           "interrupted by " + interrupt::signal_name(signal)
                             + where + kept + how);
    if (stop)
      throw ExcInterrupted(0,
                           "stopped" + where
                             + " as `Checkpoint/Stop after step` asks" + kept
                             + how);
  }


  template <int dim>
  void
  Simulator<dim>::finish(const double wall_time)
  {
    const output::FieldStatistics &stats = record.statistics;
    output::on_all_ranks(mpi_communicator, [&]() { cycles_file.finish(); });
    summary.end_time         = time_stepper.time();
    summary.n_steps          = time_stepper.step_number();
    summary.n_dofs           = dof_handler.n_dofs();
    summary.final_statistics = stats;
    summary.li_inflow_total  = li_inflow_total;
    summary.wall_time        = wall_time;
    Utilities::System::MemoryStats memory;
    Utilities::System::get_memory_stats(memory);
    summary.peak_memory_mb
      = Utilities::MPI::max(memory.VmHWM / 1024., mpi_communicator);
    summary.li_initial          = lithium_balance.initial_inventory();
    summary.li_balance_error    = lithium_balance.error();
    summary.li_balance_checked  = lithium_balance.checked();
    summary.li_balance_violated = lithium_balance.violated();
    char line[1024];
    std::snprintf(line,
                  sizeof(line),
                  "Done: %u steps to t = %.4e s in %.1f s wall time. Final "
                  "theta mean %.6f (min %.6f, max %.6f), surface %.6f; "
                  "lithium %.6e mol (initial %.6e, inflow %.6e mol",
                  summary.n_steps,
                  time_stepper.time(),
                  summary.wall_time,
                  stats.theta_mean,
                  stats.theta_min,
                  stats.theta_max,
                  stats.theta_surface_mean,
                  stats.li_inventory,
                  summary.li_initial,
                  li_inflow_total);
    pcout << line;
    if (lithium_balance.checked())
      pcout << ", balance error " << to_text(lithium_balance.error()) << " mol"
            << (lithium_balance.violated() ? " (TOO LARGE)" : "");
    if (mesh_adaptivity.enabled())
      pcout << ", changed by mesh adaptation "
            << to_text(lithium_balance.transfer_change()) << " mol";
    pcout << "). Output in " << output_directory << "/" << std::endl;
    if (summary.theta_run_min < -1e-6 || summary.theta_run_max > 1 + 1e-6)
      pcout << "Note: theta left [0, 1] during the run (min "
            << to_text(summary.theta_run_min)
            << " at t = " << to_text(record.theta_min_time) << " s, max "
            << to_text(summary.theta_run_max)
            << " at t = " << to_text(record.theta_max_time)
            << " s; statistics.csv columns theta_min, theta_max): an "
               "undershoot or overshoot of the discretization at a steep "
               "front. Refine the mesh near the surface or shorten the time "
               "step."
            << std::endl;
    const auto times
      = timer_output.get_summary_data(TimerOutput::total_wall_time);
    const auto time_of = [&](const std::string &name) {
      const auto it = times.find(name);
      return it == times.end() ? 0. : it->second;
    };
    std::snprintf(line,
                  sizeof(line),
                  "Timing [s]: setup %.2f (of which properties and disorder "
                  "fields %.2f), assembly %.2f, linear solve %.2f, output "
                  "%.2f; peak memory %.0f MB (largest rank).",
                  time_of("setup"),
                  time_of("disorder fields"),
                  time_of("assembly"),
                  time_of("linear solve"),
                  time_of("output"),
                  summary.peak_memory_mb);
    pcout << line << std::endl;
  }


  template <int dim>
  RunSummary
  Simulator<dim>::run()
  {
    Timer      timer(mpi_communicator, true);
    const auto lock = lock_output_directory();
    {
      TimerOutput::Scope scope(timer_output, "setup");
      setup();
    }
    // The fields in equilibrium with the initial concentration: the
    // displacement and stress, and the solid potential.
    if (has_static_fields && !resuming)
      {
        solve_initial_fields(time_stepper.time());
        old_solution   = solution;
        older_solution = solution;
      }
    // The run stops with an error: the state of the last accepted step is
    // written (unless it is already), and the error goes on to main() as a
    // failure of the run, not of the parameter file. Only errors that every
    // rank raises together (ExcInput) come here.
    try
      {
        open_output();
        pcout << "Heterion: " << dim << "D, "
              << triangulation.n_global_active_cells() << " cells, "
              << dof_handler.n_dofs() << " DoFs, "
              << Utilities::MPI::n_mpi_processes(mpi_communicator)
              << " MPI rank(s)"
              << (resuming ? ", continued from the checkpoint of step "
                               + std::to_string(time_stepper.step_number())
                               + " (t = " + to_text(time_stepper.time()) + " s)"
                           : std::string())
              << std::endl;
        if (resuming)
          record.statistics = compute_statistics();
        else
          record_initial_state();

        while (!time_stepper.finished() && !protocol.finished())
          {
            if (protocol.active())
              apply_protocol_setpoint();
            NewtonSolver::Result result;
            const double         dt = advance(result);
            record_step(dt,
                        result,
                        record.electrode.protocol_step,
                        record.electrode.cycle,
                        timer.wall_time());
            check_state_of_charge(record.statistics);
            if (mesh_adaptivity.due(time_stepper.step_number())
                && !time_stepper.finished() && !protocol.finished())
              adapt_mesh(false);
            checkpoint_or_stop(timer.wall_time());
          }
        finish(timer.wall_time());
      }
    catch (const ExcInput &exc)
      {
        if (last_output_step != time_stepper.step_number())
          try
            {
              // Failed attempts changed the iterate; the last accepted
              // state is old_solution.
              solution = old_solution;
              if (electrode.enabled())
                electrode.potential = record.electrode.voltage;
              compute_statistics();
              write_output(true);
            }
          catch (const ExcInput &)
            {
              // The first error is the one to report.
            }
        if (dynamic_cast<const ExcRunFailure *>(&exc))
          throw;
        throw ExcRunFailure(user_message(exc));
      }
    return summary;
  }

  RunSummary
  run_simulation(ParameterHandler &prm,
                 MPI_Comm          mpi_communicator,
                 const bool        validate_only,
                 const bool        resume)
  {
    if (homogenisation::enabled(prm))
      {
        AssertThrow(!resume,
                    ExcInput("--resume: a homogenisation run has no time "
                             "steps and writes no checkpoints."));
        RunSummary summary;
        summary.homogenisation
          = prm.get_integer("Dimension") == 2
              ? homogenisation::run<2>(prm, mpi_communicator, validate_only)
              : homogenisation::run<3>(prm, mpi_communicator, validate_only);
        summary.n_dofs    = summary.homogenisation->n_dofs;
        summary.wall_time = summary.homogenisation->wall_time;
        return summary;
      }
    const auto go = [&](auto &simulator) {
      if (validate_only)
        {
          simulator.setup();
          RunSummary summary;
          summary.n_dofs = simulator.n_dofs();
          return summary;
        }
      if (resume)
        simulator.resume_from_checkpoint();
      return simulator.run();
    };
    if (prm.get_integer("Dimension") == 2)
      {
        Simulator<2> simulator(prm, mpi_communicator);
        return go(simulator);
      }
    Simulator<3> simulator(prm, mpi_communicator);
    return go(simulator);
  }

  template class Simulator<2>;
  template class Simulator<3>;
} // namespace heterion

#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <solver/assembly/assembler.h>
#include <solver/assembly/domains.h>
#include <solver/context.h>
#include <solver/introspection.h>
#include <solver/linear_algebra.h>
#include <solver/plugin_registry.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace heterion
{
  /**
   * A physics module: a registered plugin that brings its own parameters,
   * solution fields, domains, terms, constraints, mesh checks, initial
   * state and statistics columns, so that a new physics is one file that
   * registers itself (HETERION_REGISTER_PHYSICS_MODULE) and edits nothing
   * else. The Simulator creates every registered module and keeps those
   * whose parse_parameters() returns true, ordered by position() (equal
   * positions in the alphabetical order of the names). It calls, in this
   * order:
   * - declare_fields(): the fields, in the order of the modules (this
   *   fixes the block and DoF order; the Simulator declares none);
   * - define_domains(): the module's named domains and their materials
   *   (assembly::Domains; a field lives on the domains its declaration
   *   names, and is held at zero elsewhere);
   * - add_terms(): cell and boundary terms;
   * - initialize(), once the first mesh exists: settings that depend on
   *   its boundaries;
   * - once per mesh change: reinit() (the module's data on the new mesh,
   *   the properties at the points computed), make_constraints()
   *   (homogeneous constraints; hanging nodes are the Simulator's) and
   *   prescribe_values() (values held on boundaries: at the time of the
   *   state, and as zero for the Newton updates), set_scales() (the Newton
   *   scales of the module's fields that depend on the mesh and the
   *   materials);
   * - initialize_on_mesh(), once after the first mesh: the module's
   *   settings against the mesh (boundaries that exist, materials that have
   *   cells) and what the first mesh fixes (e.g. the body's capacity that
   *   defines a C-rate);
   * - prescribe_values() again at the end time of every step, if
   *   prescribes_values();
   *   (the SimulatorContext of the mesh-change hooks, reinit() to
   *   initialize_on_mesh(), has no electrode: its reaction faces are
   *   rebuilt after them);
   * - set_initial_values(), then after each accepted step
   *   step_accepted(), statistics_columns(), statistics();
   * - output_postprocessor() and output_units() at every VTU output: arrays
   *   derived from the solution (the fields themselves are written with
   *   the units of their declarations);
   * - save_state() and load_state() for checkpoints (the module's state
   *   beyond its fields, which move with the mesh).
   *
   * A field with a time history (PointValues::history) is transient: it is
   * frozen while the static fields are brought into equilibrium with the
   * initial state, and advanced with the concentration in every step. The
   * Newton convergence of a field is measured relative to its
   * FieldDeclaration::scale.
   *
   * Modules of the core: `transport` (physics/transport/module.h), `mechanics`
   * (physics/mechanics/module.h), `solid conduction` and `electrolyte`
   * (physics/potential). The electrode control still lives in the
   * Simulator, as do the mechanical coupling algorithm, stress recovery and
   * generalized plane strain.
   */
  template <int dim>
  class PhysicsModule
  {
  public:
    virtual ~PhysicsModule() = default;

    /** Reads the module's parameters (declared by the static
     * declare_parameters() of the class, at the top level); returns
     * whether the run uses the module. */
    virtual bool
    parse_parameters(dealii::ParameterHandler &prm)
      = 0;

    /**
     * The module's place in the order of the modules (and so of their
     * fields' blocks): lower first. Default: position_default, after the
     * modules of the core.
     */
    virtual unsigned int
    position() const;

    /** position() of a module that does not choose one. */
    static constexpr unsigned int position_default = 100;

    /** Appends the module's solution fields. */
    virtual void
    declare_fields(std::vector<FieldDeclaration> &fields) const;

    /** Adds the module's domains to @p domains (Domains::add()) and puts
     * their materials into them (every material is in the domain `active`
     * unless a module claims it). Default: none. */
    virtual void
    define_domains(assembly::Domains &domains) const;

    /** Adds the module's cell and boundary terms (the fields exist). */
    virtual void
    add_terms(const Introspection<dim> &introspection,
              assembly::Assembler<dim> &assembler);

    /**
     * Called once the first mesh exists (before its DoFs), with the
     * boundary ids of the mesh (all ranks): settings that depend on the
     * boundaries the mesh has. Default: nothing.
     */
    virtual void
    initialize(const std::set<dealii::types::boundary_id> &existing);

    /**
     * Rebuilds the module's data that depend on the mesh (e.g. which
     * materials touch a boundary), once per mesh change, after the DoFs are
     * distributed and the properties at the points computed, before the
     * constraints. Collective. Default: nothing.
     */
    virtual void
    reinit(const SimulatorContext<dim> &context);

    /**
     * Sets the Newton scales (the natural magnitude of each field, indexed
     * by block) of the module's fields where they depend on the mesh and
     * the materials; called once per mesh change after the properties at
     * the points are computed (the solution vectors of @p context are
     * already on the new DoFs, but hold no state yet). On entry
     * @p scales holds the FieldDeclaration::scale of each field and what
     * modules before this one set (the transport module, first, sets c_max
     * for the concentration). Default: nothing.
     */
    virtual void
    set_scales(const SimulatorContext<dim> &context,
               std::vector<double>         &scales) const;

    /**
     * Adds the module's homogeneous constraints (e.g. a field held at zero
     * on a boundary) to @p constraints, which holds the hanging-node
     * constraints and the zero of every field outside its domains
     * (FieldDeclaration::domains); a line already present is kept.
     * Called once per mesh change. Default: none.
     */
    virtual void
    make_constraints(const dealii::Mapping<dim>        &mapping,
                     const dealii::DoFHandler<dim>     &dof_handler,
                     const Introspection<dim>          &introspection,
                     dealii::AffineConstraints<double> &constraints) const;

    /**
     * Values the module holds on boundaries (Dirichlet conditions), added
     * to @p constraints (which holds the hanging-node and the modules'
     * homogeneous constraints) as inhomogeneous lines: the values at
     * @p time, or with @p homogeneous zero on the same DoFs (the
     * constraints of the Newton updates). Called once per mesh change and,
     * if prescribes_values(), at the end time of every step; the set of
     * DoFs it constrains must not depend on the time (the zero version is
     * built once per mesh). Collective. Default: none.
     */
    virtual void
    prescribe_values(const SimulatorContext<dim>       &context,
                     const double                       time,
                     const bool                         homogeneous,
                     dealii::AffineConstraints<double> &constraints) const;

    /** Whether prescribe_values() adds anything. Default: false. */
    virtual bool
    prescribes_values() const;

    /**
     * Once after the first mesh is built (DoFs, properties, constraints),
     * with the boundary ids of the mesh @p existing (all ranks): checks
     * the module's settings against the mesh and throws ExcInput naming the
     * parameter; sets what the first mesh fixes (e.g. the capacity that a
     * C-rate refers to). Collective. Default: nothing.
     */
    virtual void
    initialize_on_mesh(const SimulatorContext<dim>                &context,
                       const std::set<dealii::types::boundary_id> &existing);

    /**
     * Writes the initial values of the module's fields into the locally
     * owned entries of @p solution, on the mesh of @p context (whose
     * solution holds no state yet); hanging-node and other constraints are
     * applied afterwards by the Simulator. Collective. Default: zero.
     */
    virtual void
    set_initial_values(const SimulatorContext<dim> &context,
                       LA::MPI::Vector             &solution) const;

    /**
     * Called once per accepted step of length @p dt [s], with the accepted
     * state in @p context (at the step's end time), before the statistics
     * of the step are taken: the place to accumulate a quantity over time.
     * Collective. Default: nothing.
     */
    virtual void
    step_accepted(const SimulatorContext<dim> &context, const double dt);

    /**
     * The module's run state that a checkpoint must hold (accumulators,
     * counters; not its fields), as bytes, and its restoration on resume
     * (the same modules and parameters: the checkpoint checks them). The
     * state must be the same on every rank: rank 0's is saved, and every
     * rank of the resumed run (whose number may differ) restores it.
     * Default: none.
     */
    virtual std::string
    save_state() const;
    virtual void
    load_state(const std::string &state);

    /**
     * A postprocessor of the solution whose arrays the VTU output
     * (solution_NNNNN.pvtu) adds, or null. Default: null.
     */
    virtual std::unique_ptr<dealii::DataPostprocessor<dim>>
    output_postprocessor(const SimulatorContext<dim> &context) const;

    /** The unit of each array that output_postprocessor() names (the
     * `units` field data of the VTU files). Default: none. */
    virtual std::map<std::string, std::string>
    output_units() const;

    /** The names of the module's columns in statistics.csv. */
    virtual std::vector<std::string>
    statistics_columns() const;

    /** The values of those columns for the state of @p context (collective:
     * every rank returns the same values). */
    virtual std::vector<double>
    statistics(const SimulatorContext<dim> &context) const;
  };
} // namespace heterion

/**
 * Registers the physics module class template @p Class under @p name with
 * the documentation @p description; Class<3>::declare_parameters declares
 * its parameters at the top level of the parameter file.
 */
#define HETERION_REGISTER_PHYSICS_MODULE(Class, name, description) \
  HETERION_REGISTER_PLUGIN(::heterion::PhysicsModule, Class, name, description)

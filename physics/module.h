#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

#include <solver/assembly/assembler.h>
#include <solver/context.h>
#include <solver/introspection.h>
#include <solver/linear_algebra.h>
#include <solver/plugin_registry.h>

#include <string>
#include <vector>

namespace heterion
{
  /**
   * A physics module: a registered plugin that brings its own parameters,
   * solution fields, terms, initial state and statistics columns, so that a
   * new physics is one file that registers itself
   * (HETERION_REGISTER_PHYSICS_MODULE) and edits nothing else. The
   * Simulator creates every registered module, keeps those whose
   * parse_parameters() returns true, appends their fields after its own (in
   * the alphabetical order of the module names), adds their terms, lets
   * them set the initial values of their fields and appends their columns
   * to statistics.csv.
   *
   * A field with a time history (PointValues::history) is transient: it is
   * frozen while the static fields are brought into equilibrium with the
   * initial state, and advanced with the concentration in every step. The
   * Newton convergence of a field is measured relative to its
   * FieldDeclaration::scale.
   *
   * (Issue 20, step 3: the registry and its hooks; the built-in transport,
   * mechanics, conduction and kinetics still live in the Simulator and
   * move into modules next.)
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

    /** Appends the module's solution fields. */
    virtual void
    declare_fields(std::vector<FieldDeclaration> &fields) const;

    /** Adds the module's cell and boundary terms (the fields exist). */
    virtual void
    add_terms(const Introspection<dim> &introspection,
              assembly::Assembler<dim> &assembler);

    /**
     * Writes the initial values of the module's fields into the locally
     * owned entries of @p solution (hanging-node and other constraints are
     * applied afterwards by the Simulator). Default: zero.
     */
    virtual void
    set_initial_values(const dealii::Mapping<dim>    &mapping,
                       const dealii::DoFHandler<dim> &dof_handler,
                       const Introspection<dim>      &introspection,
                       LA::MPI::Vector               &solution) const;

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

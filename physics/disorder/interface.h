#pragma once

#include <deal.II/base/bounding_box.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>
#include <deal.II/base/types.h>

#include <solver/plugin_registry.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace heterion::disorder
{
  template <int dim>
  class Field;

  /**
   * What a disorder field may know when it is initialized: who it is, the
   * domain it must cover, its random seed, the communicator (for reading a
   * file on one rank and broadcasting it) and the fields it depends on.
   * Nothing here depends on the mesh partition or on the refinement: a
   * field is a function of position and material id only.
   */
  template <int dim>
  struct FieldContext
  {
    /** The field's name, as in `Disorder/Fields`. */
    std::string name;
    /** The parameter path of the field's subsection, e.g. `Disorder/noise`
     * (for messages). */
    std::string section;
    /** The bounding box of the coarse mesh (the whole domain) [m]. */
    dealii::BoundingBox<dim> domain;
    /** The field's own seed: derived from `Disorder/Seed` and the name, so
     * two fields of one run are independent and a run is reproducible. */
    std::uint64_t seed = 0;
    /** Temperature T [K] (for Arrhenius mixing). */
    double temperature = 298.15;
    /** All ranks of the run; fields must give equal values on every rank. */
    MPI_Comm mpi_communicator = MPI_COMM_SELF;
    /** Looks up another field by name (only those in dependencies(), which
     * are initialized before this one). */
    std::function<const Field<dim> &(const std::string &)> field;
  };

  /**
   * A disorder field: a deterministic scalar function f(x, material id) of
   * position x [m], built from its parameters and a seed. It never depends
   * on the MPI partition, the number of ranks, the cell or the refinement,
   * so the same seed gives the same values at the same points on any mesh
   * and any number of ranks. Fields are evaluated once per mesh change at
   * the quadrature points (physics/materials/property_cache.h) and combined
   * into material properties by the chains of `Disorder/Properties`
   * (physics/disorder/manager.h); terms never call them.
   *
   * Each plugin declares its parameters in its own subsection, inside the
   * subsection of the named field (`Disorder/<name>/<Plugin name>`), and
   * registers itself with HETERION_REGISTER_DISORDER_FIELD at the bottom of
   * its .cc file.
   */
  template <int dim>
  class Field
  {
  public:
    virtual ~Field() = default;

    /**
     * Reads the plugin's parameters; @p prm is inside the field's
     * subsection `Disorder/<name>`, and @p section is that path (for
     * messages, e.g. "Disorder/noise"). Throws ExcInput for values out of
     * range, naming the entry and what is allowed.
     */
    virtual void
    parse_parameters(dealii::ParameterHandler &prm, const std::string &section)
      = 0;

    /** Names of other fields this one is built from (after parsing). */
    virtual std::vector<std::string>
    dependencies() const
    {
      return {};
    }

    /**
     * Builds the field (random modes, inclusion lists, file data) once,
     * identically on every rank. Throws ExcInput for an inconsistency with
     * the domain (a file grid that does not cover it, ...).
     */
    virtual void
    initialize(const FieldContext<dim> &context)
      = 0;

    /** The value f(x) at @p point [m] in a cell of material @p id. */
    virtual double
    value(const dealii::Point<dim>        &point,
          const dealii::types::material_id id) const = 0;

    /**
     * One line for the run's log after initialize(), e.g. the achieved
     * volume fraction of an inclusion set; empty if there is nothing to
     * report.
     */
    virtual std::string
    summary() const
    {
      return "";
    }
  };

  /** The registry of disorder-field models. */
  using Registry = PluginRegistry<Field>;
} // namespace heterion::disorder

/** Registers a disorder-field model; use at the bottom of its .cc file. */
#define HETERION_REGISTER_DISORDER_FIELD(Class, name, description) \
  HETERION_REGISTER_PLUGIN(::heterion::disorder::Field,            \
                           Class,                                  \
                           name,                                   \
                           description)

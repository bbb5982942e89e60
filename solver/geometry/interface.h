#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <solver/plugin_registry.h>

namespace heterion::geometry
{
  /**
   * A geometry model: creates the coarse mesh of one particle (or film,
   * wire, imported body) with its material ids, boundary ids (see
   * solver/geometry/ids.h) and manifolds. Global and surface refinement are
   * applied afterwards by the simulator. A model's parameters live in its
   * own subsection of `Geometry`.
   */
  template <int dim>
  class Interface
  {
  public:
    virtual ~Interface() = default;

    /** Reads the model's parameters; @p prm is inside `Geometry`. */
    virtual void
    parse_parameters(dealii::ParameterHandler &prm)
      = 0;

    /**
     * Fills the empty @p tria with the coarse mesh, its material and
     * boundary ids, and attaches the manifolds of curved boundaries.
     */
    virtual void
    create_coarse_mesh(dealii::Triangulation<dim> &tria) const = 0;

    /** A length that characterizes the body [m] (e.g. its radius). */
    virtual double
    length_scale() const = 0;

    /**
     * The number of cells of the coarse mesh, for models whose parameters
     * set it (a box, a film, a wire), so that a mesh too large for the
     * machine is refused before it is built; 0 when unknown (the mesh is
     * built and counted).
     */
    virtual double
    n_coarse_cells() const
    {
      return 0;
    }
  };

  /** The registry of geometry models. */
  using Registry = PluginRegistry<Interface>;
} // namespace heterion::geometry

/** Registers a geometry model; use at the bottom of the model's .cc file. */
#define HETERION_REGISTER_GEOMETRY_MODEL(Class, name, description) \
  HETERION_REGISTER_PLUGIN(::heterion::geometry::Interface,        \
                           Class,                                  \
                           name,                                   \
                           description)

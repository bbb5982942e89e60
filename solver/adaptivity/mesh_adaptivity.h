#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/distributed/tria.h>

#include <solver/adaptivity/indicator.h>
#include <solver/context.h>

#include <memory>
#include <string>
#include <vector>

namespace heterion::adaptivity
{
  /**
   * Adaptive mesh refinement (subsection `Adaptive refinement`): every
   * `Interval` steps the indicators rate the cells; the `Refine fraction`
   * of the cells with the largest sum is refined and the `Coarsen
   * fraction` with the smallest is coarsened, between the coarsest level
   * `Global refinement - Coarsening levels` and the finest `Global
   * refinement + Surface refinement + Refinement levels`; `Buffer layers`
   * of face neighbours around the refined cells are refined too. The Simulator
   * moves the states to the new mesh and rebuilds everything that depends
   * on it (Simulator::adapt_mesh()).
   */
  template <int dim>
  class MeshAdaptivity
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /** Reads the parameters; @p initial_level is the level of the finest
     * cells of the initial mesh (global + surface refinement), @p
     * global_level the global refinement. */
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const unsigned int        global_level,
                     const unsigned int        initial_level);

    /** Whether the mesh is adapted after step @p step. */
    bool
    due(const unsigned int step) const;

    /** The names of `Fields` (checked against the solution fields by
     * check_fields()). */
    void
    check_fields(const std::vector<std::string> &solution_fields) const;

    /** `Initial refinements`: adaptations to the initial state. */
    unsigned int
    n_initial_refinements() const;

    /** `Conserve lithium`: restore the inventory after coarsening. */
    bool
    conserve_lithium() const;

    /** Whether the mesh is adapted at all. */
    bool
    enabled() const;

    /**
     * Sets the refine and coarsen flags of @p triangulation from the state
     * of @p context (and prepares them: levels, smoothing); returns whether
     * any cell changes. Collective.
     */
    bool
    mark(
      const SimulatorContext<dim>                       &context,
      dealii::parallel::distributed::Triangulation<dim> &triangulation) const;

  private:
    /** Marks `Buffer layers` layers of face neighbours around the cells
     * marked for refinement. Collective. */
    void
    add_buffer_layers(
      dealii::parallel::distributed::Triangulation<dim> &triangulation) const;

    unsigned int             interval = 0, n_initial = 0, n_buffer_layers = 0;
    bool                     conserve        = true;
    double                   refine_fraction = 0.3, coarsen_fraction = 0.05;
    unsigned int             min_level = 0, max_level = 0;
    std::vector<std::string> field_names;
    std::vector<std::unique_ptr<RefinementIndicator<dim>>> indicators;
  };
} // namespace heterion::adaptivity

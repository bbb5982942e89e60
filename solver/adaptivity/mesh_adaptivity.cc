#include <deal.II/distributed/grid_refinement.h>
#include <deal.II/grid/grid_tools.h>

#include <solver/adaptivity/mesh_adaptivity.h>
#include <solver/input_error.h>

#include <algorithm>
#include <cmath>

namespace heterion::adaptivity
{
  using Registry = PluginRegistry<RefinementIndicator>;

  template <int dim>
  void
  MeshAdaptivity<dim>::declare_parameters(dealii::ParameterHandler &prm)
  {
    using namespace dealii;
    prm.enter_subsection("Adaptive refinement");
    prm.declare_entry("Interval",
                      "0",
                      Patterns::Integer(0),
                      "Adapt the mesh after every N accepted steps (0: "
                      "never; the mesh stays the initial one).");
    prm.declare_entry("Initial refinements",
                      "0",
                      Patterns::Integer(0, 10),
                      "Adaptations to the initial state before the first "
                      "step (each evaluates the initial conditions again on "
                      "the new mesh); needs `Interval` > 0.");
    prm.declare_entry("Indicators",
                      "kelly",
                      Patterns::MultipleSelection(
                        Registry::selection_pattern()),
                      "The refinement indicators, added after each is "
                      "divided by its largest value. "
                        + Registry::documentation());
    prm.declare_entry("Fields",
                      "concentration",
                      Patterns::Anything(),
                      "The solution fields the indicators `kelly` and "
                      "`gradient` look at (comma-separated names: "
                      "concentration, displacement, solid_potential, ...).");
    prm.declare_entry("Refine fraction",
                      "0.3",
                      Patterns::Double(0, 1),
                      "The fraction of the cells, those with the largest "
                      "indicator, that is refined at each adaptation [-].");
    prm.declare_entry("Coarsen fraction",
                      "0.05",
                      Patterns::Double(0, 1),
                      "The fraction of the cells, those with the smallest "
                      "indicator, that is coarsened at each adaptation [-] "
                      "(where all children of a cell are marked).");
    prm.declare_entry("Buffer layers",
                      "0",
                      Patterns::Integer(0, 4),
                      "Layers of face neighbours around the cells marked "
                      "for refinement that are refined too (and not "
                      "coarsened), so that a moving front finds fine cells "
                      "ahead of it until the next adaptation.");
    prm.declare_entry(
      "Conserve lithium",
      "true",
      Patterns::Bool(),
      "Coarsening interpolates the concentration, which changes the "
      "lithium inventory by the interpolation error; with `true` (and no "
      "concentration boundaries) the concentration of each state is scaled "
      "by N_before / N_after after each adaptation, so that the inventory is "
      "kept to round-off. With `false` the change is reported (`changed by "
      "mesh adaptation` in the final report) and left out of the balance "
      "check.");
    prm.declare_entry("Refinement levels",
                      "2",
                      Patterns::Integer(0, 10),
                      "How many levels finer than the initial mesh (global "
                      "and surface refinement) a cell may become.");
    prm.declare_entry("Coarsening levels",
                      "0",
                      Patterns::Integer(0, 10),
                      "How many levels coarser than `Geometry/Global "
                      "refinement` a cell may become.");
    Registry::declare_parameters(prm);
    prm.leave_subsection();
  }


  template <int dim>
  void
  MeshAdaptivity<dim>::parse_parameters(dealii::ParameterHandler &prm,
                                        const unsigned int        global_level,
                                        const unsigned int        initial_level)
  {
    using namespace dealii;
    prm.enter_subsection("Adaptive refinement");
    interval         = prm.get_integer("Interval");
    conserve         = prm.get_bool("Conserve lithium");
    n_initial        = prm.get_integer("Initial refinements");
    refine_fraction  = prm.get_double("Refine fraction");
    coarsen_fraction = prm.get_double("Coarsen fraction");
    n_buffer_layers  = prm.get_integer("Buffer layers");
    AssertThrow(refine_fraction + coarsen_fraction <= 1,
                ExcInput("Adaptive refinement: `Refine fraction` + "
                         "`Coarsen fraction` must be at most 1, got "
                         + std::to_string(refine_fraction) + " + "
                         + std::to_string(coarsen_fraction) + "."));
    AssertThrow(n_initial == 0 || interval > 0,
                ExcInput("Adaptive refinement: `Initial refinements` = "
                         + std::to_string(n_initial)
                         + " needs `Interval` > 0 (the mesh is not "
                           "adapted otherwise)."));
    max_level = initial_level + prm.get_integer("Refinement levels");
    const unsigned int coarsening = prm.get_integer("Coarsening levels");
    min_level   = global_level > coarsening ? global_level - coarsening : 0;
    field_names = Utilities::split_string_list(prm.get("Fields"));
    const std::vector<std::string> &fields = field_names;
    indicators.clear();
    if (interval > 0)
      for (const std::string &name :
           Utilities::split_string_list(prm.get("Indicators")))
        {
          indicators.push_back(Registry::create<dim>(name));
          indicators.back()->parse_parameters(prm, fields);
        }
    AssertThrow(interval == 0 || !indicators.empty(),
                ExcInput("Adaptive refinement: `Indicators` is empty; name "
                         "at least one of: "
                         + Registry::selection_pattern() + "."));
    prm.leave_subsection();
  }


  template <int dim>
  void
  MeshAdaptivity<dim>::check_fields(
    const std::vector<std::string> &solution_fields) const
  {
    if (interval == 0)
      return;
    std::string known;
    for (const std::string &name : solution_fields)
      known += (known.empty() ? "" : ", ") + name;
    for (const std::string &name : field_names)
      AssertThrow(std::find(solution_fields.begin(),
                            solution_fields.end(),
                            name)
                    != solution_fields.end(),
                  ExcInput("Adaptive refinement/Fields: this run has no "
                           "solution field '"
                           + name + "'. Its fields: " + known + "."));
  }


  template <int dim>
  bool
  MeshAdaptivity<dim>::due(const unsigned int step) const
  {
    return interval > 0 && step > 0 && step % interval == 0;
  }


  template <int dim>
  unsigned int
  MeshAdaptivity<dim>::n_initial_refinements() const
  {
    return n_initial;
  }


  template <int dim>
  bool
  MeshAdaptivity<dim>::conserve_lithium() const
  {
    return conserve;
  }


  template <int dim>
  bool
  MeshAdaptivity<dim>::enabled() const
  {
    return interval > 0;
  }


  template <int dim>
  bool
  MeshAdaptivity<dim>::mark(
    const SimulatorContext<dim>                       &context,
    dealii::parallel::distributed::Triangulation<dim> &triangulation) const
  {
    using namespace dealii;
    Vector<float> total(triangulation.n_active_cells());
    for (const auto &indicator : indicators)
      {
        Vector<float> eta;
        indicator->estimate(context, eta);
        for (const auto &cell : triangulation.active_cell_iterators())
          if (!cell->is_locally_owned())
            eta(cell->active_cell_index()) = 0;
        const double largest
          = Utilities::MPI::max(eta.linfty_norm(), context.mpi_communicator);
        if (largest > 0)
          total.add(1. / largest, eta);
      }
    // Rounded to 2^-16 of the largest value: round-off (which differs with
    // the partition, e.g. in the face terms of Kelly's estimator) must not
    // decide between cells of equal rating, as the cells of a symmetric
    // body have, so that 1 and N ranks make the same mesh.
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          float &value = total(cell->active_cell_index());
          value        = std::round(value * 65536.f) / 65536.f;
        }
    parallel::distributed::GridRefinement::refine_and_coarsen_fixed_number(
      triangulation, total, refine_fraction, coarsen_fraction);
    add_buffer_layers(triangulation);
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          if (cell->level() >= static_cast<int>(max_level))
            cell->clear_refine_flag();
          if (cell->level() <= static_cast<int>(min_level))
            cell->clear_coarsen_flag();
        }
    // Only the 2:1 balance across faces, which p4est enforces on the whole
    // forest. The smoothing rules of deal.II (level differences at
    // vertices, islands, coarsening restrictions) look at the neighbours of
    // neighbours, which a rank sees only up to its ghost layer, so they
    // would decide differently near the partition boundaries.
    triangulation.set_mesh_smoothing(dealii::Triangulation<dim>::none);
    triangulation.prepare_coarsening_and_refinement();
    bool changes = false;
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned()
          && (cell->refine_flag_set() || cell->coarsen_flag_set()))
        changes = true;
    return Utilities::MPI::logical_or(changes, context.mpi_communicator);
  }


  template <int dim>
  void
  MeshAdaptivity<dim>::add_buffer_layers(
    dealii::parallel::distributed::Triangulation<dim> &triangulation) const
  {
    using namespace dealii;
    using CellIterator = typename Triangulation<dim>::active_cell_iterator;
    // Per layer: the marks of the owned cells go to the ghost cells (every
    // face neighbour of an owned cell is owned or a ghost), then each owned
    // cell with a marked face neighbour (or a marked child of one) is
    // marked. The result does not depend on the partition.
    std::vector<bool> marked(triangulation.n_active_cells(), false);
    for (unsigned int layer = 0; layer < n_buffer_layers; ++layer)
      {
        for (const auto &cell : triangulation.active_cell_iterators())
          marked[cell->active_cell_index()]
            = cell->is_locally_owned() && cell->refine_flag_set();
        GridTools::exchange_cell_data_to_ghosts<unsigned char,
                                                Triangulation<dim>>(
          triangulation,
          [](const CellIterator &cell) -> std_cxx17::optional<unsigned char> {
            return static_cast<unsigned char>(cell->refine_flag_set() ? 1 : 0);
          },
          [&marked](const CellIterator &cell, const unsigned char &value) {
            marked[cell->active_cell_index()] = value != 0;
          });
        std::vector<CellIterator> to_mark;
        for (const auto &cell : triangulation.active_cell_iterators())
          if (cell->is_locally_owned() && !cell->refine_flag_set())
            for (const unsigned int f : cell->face_indices())
              {
                if (cell->at_boundary(f))
                  continue;
                bool neighbour_marked = false;
                if (cell->neighbor(f)->is_active())
                  neighbour_marked
                    = marked[cell->neighbor(f)->active_cell_index()];
                else
                  for (unsigned int s = 0; s < cell->face(f)->n_children(); ++s)
                    neighbour_marked
                      = neighbour_marked
                        || marked[cell->neighbor_child_on_subface(f, s)
                                    ->active_cell_index()];
                if (neighbour_marked)
                  {
                    to_mark.push_back(cell);
                    break;
                  }
              }
        for (const auto &cell : to_mark)
          {
            cell->clear_coarsen_flag();
            cell->set_refine_flag();
          }
      }
  }


  template class MeshAdaptivity<2>;
  template class MeshAdaptivity<3>;
} // namespace heterion::adaptivity

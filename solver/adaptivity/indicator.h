#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/lac/vector.h>

#include <solver/context.h>
#include <solver/plugin_registry.h>

#include <string>
#include <vector>

namespace heterion::adaptivity
{
  /**
   * A refinement indicator: a registered plugin (one per file,
   * HETERION_REGISTER_REFINEMENT_INDICATOR) that rates every locally owned
   * active cell; MeshAdaptivity adds the indicators named in `Adaptive
   * refinement/Indicators`, each divided by its largest value over the
   * mesh, and refines the cells with the largest sums and coarsens those
   * with the smallest.
   */
  template <int dim>
  class RefinementIndicator
  {
  public:
    virtual ~RefinementIndicator() = default;

    /** Reads the indicator's settings (in subsection `Adaptive
     * refinement`); @p fields are the names of `Fields`. */
    virtual void
    parse_parameters(dealii::ParameterHandler       &prm,
                     const std::vector<std::string> &fields);

    /**
     * Writes a non-negative value per active cell (by active_cell_index)
     * into @p indicator for the locally owned cells of the state of
     * @p context (zero elsewhere). Collective.
     */
    virtual void
    estimate(const SimulatorContext<dim> &context,
             dealii::Vector<float>       &indicator) const = 0;
  };


  /**
   * An indicator computed per solution field of `Fields`: each field's
   * values are divided by their largest value before they are added, so
   * that fields of different units weigh alike.
   */
  template <int dim>
  class FieldIndicator : public RefinementIndicator<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler       &prm,
                     const std::vector<std::string> &fields) override;

    void
    estimate(const SimulatorContext<dim> &context,
             dealii::Vector<float>       &indicator) const override;

  protected:
    /** The values of the field @p field on the locally owned cells. */
    virtual void
    estimate_field(const SimulatorContext<dim> &context,
                   const unsigned int           field,
                   dealii::Vector<float>       &values) const = 0;

  private:
    std::vector<std::string> field_names;
  };
} // namespace heterion::adaptivity

/** Registers the refinement indicator @p Class under @p name. */
#define HETERION_REGISTER_REFINEMENT_INDICATOR(Class, name, description) \
  HETERION_REGISTER_PLUGIN(::heterion::adaptivity::RefinementIndicator,  \
                           Class,                                        \
                           name,                                         \
                           description)

#include <deal.II/numerics/derivative_approximation.h>

#include <solver/adaptivity/indicator.h>

#include <cmath>

namespace heterion::adaptivity
{
  namespace
  {
    using namespace dealii;

    /**
     * The approximate gradient of each component of the fields of `Fields`
     * (from the values at the cell and its neighbours,
     * DerivativeApproximation), weighted with h^(1 + dim/2): large where a
     * front is steep on a coarse cell,
     *   eta_K = h_K^(1 + d/2) |grad_h U|_K.
     */
    template <int dim>
    class Gradient : public FieldIndicator<dim>
    {
    protected:
      void
      estimate_field(const SimulatorContext<dim> &context,
                     const unsigned int           field,
                     Vector<float>               &values) const override
      {
        const unsigned int first = context.introspection.first_component(field);
        const unsigned int n_components
          = context.introspection.fields()[field].n_components;
        for (unsigned int c = first; c < first + n_components; ++c)
          {
            Vector<float> gradient(values.size());
            DerivativeApproximation::approximate_gradient(context.mapping,
                                                          context.dof_handler,
                                                          context.solution,
                                                          gradient,
                                                          c);
            values.add(1., gradient);
          }
        for (const auto &cell : context.dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            values(cell->active_cell_index())
              *= std::pow(cell->diameter(), 1 + 0.5 * dim);
      }
    };
  } // namespace

  HETERION_REGISTER_REFINEMENT_INDICATOR(
    Gradient,
    "gradient",
    "h^(1+dim/2) times the approximate gradient (from the neighbouring "
    "cells) of each field of `Fields`: refines where a front is steep.")
} // namespace heterion::adaptivity

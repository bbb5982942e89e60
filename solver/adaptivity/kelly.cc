#include <deal.II/base/quadrature_lib.h>
#include <deal.II/numerics/error_estimator.h>

#include <solver/adaptivity/indicator.h>

namespace heterion::adaptivity
{
  namespace
  {
    using namespace dealii;

    /**
     * Kelly's estimator on each field of `Fields`: the jump of the normal
     * derivative across the faces of a cell,
     *   eta_K^2 = h_K / 24 \sum_{F \in K} \int_F [dU/dn]^2 dA.
     */
    template <int dim>
    class Kelly : public FieldIndicator<dim>
    {
    protected:
      void
      estimate_field(const SimulatorContext<dim> &context,
                     const unsigned int           field,
                     Vector<float>               &values) const override
      {
        KellyErrorEstimator<dim>::estimate(
          context.mapping,
          context.dof_handler,
          QGauss<dim - 1>(context.introspection.fe().degree + 1),
          {},
          context.solution,
          values,
          context.introspection.component_mask(field),
          nullptr,
          numbers::invalid_unsigned_int,
          context.dof_handler.get_triangulation().locally_owned_subdomain());
      }
    };
  } // namespace

  HETERION_REGISTER_REFINEMENT_INDICATOR(
    Kelly,
    "kelly",
    "Kelly's estimator: the jump of the normal derivative of each field of "
    "`Fields` across the cell's faces, h^(1/2) ||[dU/dn]||_faces.")
} // namespace heterion::adaptivity

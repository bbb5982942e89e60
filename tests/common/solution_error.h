#pragma once

#include <deal.II/base/function.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/lac/vector.h>
#include <deal.II/numerics/vector_tools.h>

#include <solver/context.h>

namespace heterion::test_support
{
  /**
   * The norm @p norm of the difference between the simulator's solution
   * and @p exact (all components, or those selected by the weight
   * function @p mask), with a Gauss rule of degree + 2 points.
   */
  template <int dim>
  double
  solution_error(const SimulatorContext<dim>        &context,
                 const dealii::Function<dim>        &exact,
                 const dealii::VectorTools::NormType norm,
                 const dealii::Function<dim>        *mask = nullptr)
  {
    const auto               &tria = context.dof_handler.get_triangulation();
    const dealii::QGauss<dim> quadrature(context.introspection.fe().degree + 2);
    dealii::Vector<float>     cell_errors(tria.n_active_cells());
    dealii::VectorTools::integrate_difference(context.mapping,
                                              context.dof_handler,
                                              context.solution,
                                              exact,
                                              cell_errors,
                                              quadrature,
                                              norm,
                                              mask);
    return dealii::VectorTools::compute_global_error(tria, cell_errors, norm);
  }
} // namespace heterion::test_support

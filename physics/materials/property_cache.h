#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/point.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/grid/tria.h>

#include <physics/disorder/manager.h>
#include <physics/materials/material_model.h>

#include <vector>

namespace heterion::materials
{
  /**
   * Material properties at the quadrature points of the locally owned
   * cells: the material model's value of each property (per material id),
   * modified by the disorder chains of `Disorder/Properties`
   * (disorder::Manager). Built once per mesh change by reinit(), so terms,
   * statistics and postprocessors read the static properties (c_max, E,
   * nu, Omega, c_ref, sigma_e, k) from memory and never evaluate a field
   * during a Newton iteration. The diffusivity D(theta, x) depends on the
   * solution: the cache keeps the values of the fields of its chain and
   * applies them to the material's D(theta) at each call.
   *
   * The same object answers for arbitrary points (nodes of the initial
   * state, probes, VTU output), evaluating the fields there.
   */
  template <int dim>
  class PropertyCache
  {
  public:
    PropertyCache(const MaterialModel          &material_model,
                  const disorder::Manager<dim> &disorder);

    /**
     * Evaluates every property at the points of @p quadrature in the
     * locally owned cells of @p triangulation, and checks the physical
     * bounds of each varying property on all ranks together (ExcInput
     * naming the property, its chain, the value and the point).
     */
    void
    reinit(const dealii::Mapping<dim>       &mapping,
           const dealii::Triangulation<dim> &triangulation,
           const dealii::Quadrature<dim>    &quadrature,
           const MPI_Comm                    mpi_communicator);

    /** The number of points per cell. */
    unsigned int
    n_points_per_cell() const;

    /** c_max [mol/m^3] at the points of a locally owned cell. */
    const double *
    maximum_concentration(
      const typename dealii::Triangulation<dim>::active_cell_iterator &cell)
      const;

    /** D(theta) [m^2/s] and dD/dtheta at point @p q of @p cell. */
    void
    diffusivity(
      const typename dealii::Triangulation<dim>::active_cell_iterator &cell,
      const unsigned int                                               q,
      const double                                                     theta,
      double                                                          &value,
      double &derivative) const;

    /** The elastic properties at point @p q of @p cell. */
    const ElasticProperties *
    elastic(
      const typename dealii::Triangulation<dim>::active_cell_iterator &cell,
      const unsigned int                                               q) const;

    /** The value of a static property @p p at point @p q of @p cell. */
    double
    value(const Property                                                   p,
          const typename dealii::Triangulation<dim>::active_cell_iterator &cell,
          const unsigned int q) const;

    /**
     * The value of property @p p at an arbitrary @p point in material @p id
     * (base value from the material model, then the chain). For the
     * initial state of charge the base is @p base (the expression of
     * `Initial conditions`), for the diffusivity D(@p theta).
     */
    double
    evaluate(const Property                   p,
             const dealii::Point<dim>        &point,
             const dealii::types::material_id id,
             const double                     base_or_theta = 0) const;

    /** The elastic properties at an arbitrary point. */
    ElasticProperties
    evaluate_elastic(const dealii::Point<dim>        &point,
                     const dealii::types::material_id id) const;

    /** The largest c_max on any rank [mol/m^3]. */
    double
    concentration_scale() const;

    /** The largest K |Omega| c_max on any rank [Pa]. */
    double
    stress_scale() const;

    /** The largest free swelling strain |Omega| c_max / 3 on any rank. */
    double
    strain_scale() const;

    /** The disorder manager. */
    const disorder::Manager<dim> &
    disorder() const;

    /** The material model. */
    const MaterialModel &
    material_model() const;

  private:
    std::size_t
    index(const typename dealii::Triangulation<dim>::active_cell_iterator &cell)
      const;

    const MaterialModel          &model;
    const disorder::Manager<dim> &manager;
    unsigned int                  n_q = 0;
    std::vector<double>           c_max;
    /** Per point: the fields of the diffusivity chain (in chain order). */
    std::vector<double> diffusivity_fields;
    /** Per point, with varying elastic properties only. */
    std::vector<ElasticProperties> elastic_values;
    /** Per point: the other static properties that vary (else empty). */
    std::vector<std::vector<double>> static_values;
    double                           scales[3] = {0, 0, 0};
  };
} // namespace heterion::materials

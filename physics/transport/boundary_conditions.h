#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <memory>
#include <set>
#include <string>

namespace heterion::transport
{
  /**
   * Lithium boundary conditions, by boundary name (ids.h):
   * - *flux boundaries* receive an inward molar flux density
   *   j = -J.n [mol/m^2/s], given as a C-rate (converted with the body's
   *   capacity Q = \int c_max dV and the area A of all flux boundaries:
   *   j = rate Q / (3600 s A)), as a current density i [A/m^2] (j = i/F), or
   *   directly as a molar flux; constant or an expression of t, x, y, z;
   *   positive values insert lithium;
   * - *concentration boundaries* hold c = theta_b(t, x) c_max;
   * - every other boundary has zero flux (free surface or symmetry plane).
   *
   * Weak form of the flux condition: -\int_{Gamma_N} j v dA in the residual.
   */
  template <int dim>
  class BoundaryConditions
  {
  public:
    /** How the flux value is given. */
    enum class FluxType
    {
      c_rate,
      current_density,
      molar_flux
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /**
     * Checks every named boundary exists in the mesh (@p existing) and sets
     * the C-rate reference: capacity [mol] and active area [m^2].
     */
    void
    initialize(const std::set<dealii::types::boundary_id> &existing,
               const double                                capacity,
               const double                                flux_area);

    const std::set<dealii::types::boundary_id> &
    flux_boundaries() const;

    const std::set<dealii::types::boundary_id> &
    concentration_boundaries() const;

    /** The flux and the concentration boundaries together. */
    std::set<dealii::types::boundary_id>
    transport_boundaries() const;

    /** Inward molar flux density j [mol/m^2/s] at @p p and time @p t. */
    double
    inward_molar_flux(const dealii::Point<dim> &p, const double t) const;

    /** The prescribed surface state of charge at @p p, time @p t. */
    double
    surface_theta(const dealii::Point<dim> &p, const double t) const;

    /** 1C in mol/m^2/s for this body (valid after initialize()). */
    double
    one_c_molar_flux() const;

  private:
    std::set<dealii::types::boundary_id>         flux_ids;
    std::set<dealii::types::boundary_id>         concentration_ids;
    FluxType                                     flux_type = FluxType::c_rate;
    std::unique_ptr<dealii::FunctionParser<dim>> flux_function;
    std::unique_ptr<dealii::FunctionParser<dim>> theta_function;
    double                                       one_c = 0;
  };
} // namespace heterion::transport

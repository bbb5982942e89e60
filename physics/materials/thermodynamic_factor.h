#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <physics/materials/open_circuit_potential.h>
#include <solver/geometry/ids.h>

#include <array>
#include <functional>

namespace heterion::materials
{
  /**
   * The driving force of lithium diffusion in each material
   * (`Materials/<name>/Diffusion driving force`):
   * - `concentration gradient` (default): J = -D grad c;
   * - `chemical potential`: J = -(D c / R T) grad mu with the chemical
   *   potential consistent with the open-circuit potential of the
   *   material, mu = -F (U(theta) - U_ref) (- Omega sigma_h with
   *   stress-assisted diffusion). Then J = -D Theta(theta) grad c (+ the
   *   stress term, unchanged), with the thermodynamic factor
   *     Theta(theta) = -(F theta / R T) dU/dtheta,
   *   which is 1/(1 - theta) for the ideal lattice gas (Nernstian U). D is
   *   then the tracer diffusivity; the mobility is D c / (R T).
   *
   * Theta is evaluated at theta clamped to [0.001, 0.999] (constant
   * outside, dTheta/dtheta = 0 there), so an iterate slightly outside
   * (0, 1) stays well defined. U must decrease with theta: a material with
   * dU/dtheta >= 0 somewhere in [0.001, 0.999] would have a negative
   * diffusivity there (spinodal decomposition, which needs a gradient-energy
   * term Heterion does not have) and is rejected at input.
   */
  class ThermodynamicFactor
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /**
     * Reads the driving force of each material and the global
     * `Temperature`; @p ocp gives the open-circuit potential of a material
     * id (the electrode's curves, which must outlive this object). Throws
     * ExcInput if a chemical-potential material has a U that does not
     * decrease.
     */
    void
    parse_parameters(dealii::ParameterHandler                             &prm,
                     const std::function<const materials::OpenCircuitPotential
                                           &(dealii::types::material_id)> &ocp);

    /** True if some material diffuses down its chemical potential. */
    bool
    any() const;

    /**
     * Theta(@p theta) and dTheta/dtheta of material @p id: 1 and 0 for a
     * `concentration gradient` material.
     */
    void
    evaluate(const dealii::types::material_id id,
             const double                     theta,
             double                          &value,
             double                          &derivative) const;

    /** Theta(@p theta) alone (a residual without Jacobian needs no U''). */
    double
    value(const dealii::types::material_id id, const double theta) const;

    /** The clamp of theta for Theta (see the class description). */
    static constexpr double theta_margin = 1e-3;

  private:
    /** Theta and, if @p derivative is not null, dTheta/dtheta. */
    double
    factor(const dealii::types::material_id id,
           const double                     theta,
           double                          *derivative) const;

    /** Per material id: the OCP (null: concentration gradient). */
    std::vector<const materials::OpenCircuitPotential *> curves;
    double                                               faraday_over_rt = 0;
  };
} // namespace heterion::materials

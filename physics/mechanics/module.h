#pragma once

#include <deal.II/base/parameter_handler.h>

#include <physics/mechanics/body_force.h>
#include <physics/mechanics/boundary_conditions.h>
#include <physics/mechanics/settings.h>
#include <physics/module.h>

#include <memory>
#include <set>
#include <vector>

namespace heterion::mechanics
{
  /**
   * The physics module `mechanics` (selected by `Mechanics/Enable`):
   * small-strain chemo-mechanics with the lithiation eigenstrain. It brings
   * - the fields u (FE_Q of `Displacement degree`, dim components) and
   *   sigma_h (FE_DGQ of `Finite element degree`, continuous within each
   *   material), after the concentration;
   * - the cell terms Elasticity (div sigma(u, c) + f = 0), HydrostaticStress
   *   (the L2 projection of tr(sigma)/3), BodyForce (if a force is given) and,
   *   with `Stress-assisted diffusion`, transport::StressAssistedFlux; their
   *   weak forms are stated with each term;
   * - the constraints: sigma_h continuous within each material, and the
   *   displacement conditions (symmetry planes, clamped boundaries, point
   *   constraints on the rigid-body modes the conditions leave free);
   * - the Newton scales: the free swelling displacement |Omega| c_max L / 3
   *   over the body size L and the eigenstress K |Omega| c_max (each the
   *   largest over the materials' base values and the values at the points).
   *
   * The coupling algorithm (monolithic or staggered), the stress recovery
   * and generalized plane strain are still run by the Simulator.
   */
  template <int dim>
  class Module : public PhysicsModule<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /** Reads `Mechanics` (checked also when disabled); returns its
     * `Enable`. */
    bool
    parse_parameters(dealii::ParameterHandler &prm) override;

    /** Right after the concentration, before the potentials. */
    unsigned int
    position() const override;

    void
    declare_fields(std::vector<FieldDeclaration> &fields) const override;

    void
    add_terms(const Introspection<dim> &introspection,
              assembly::Assembler<dim> &assembler) override;

    /** Resolves `Symmetry boundaries = auto` against the mesh's boundaries
     * and checks the named ones exist. */
    void
    initialize(const std::set<dealii::types::boundary_id> &existing) override;

    void
    make_constraints(
      const dealii::Mapping<dim>        &mapping,
      const dealii::DoFHandler<dim>     &dof_handler,
      const Introspection<dim>          &introspection,
      dealii::AffineConstraints<double> &constraints) const override;

    void
    set_scales(const SimulatorContext<dim> &context,
               std::vector<double>         &scales) const override;

    /** `Mechanics` (the coupling algorithm and generalized plane strain,
     * which the Simulator runs). */
    const Settings &
    settings() const;

  private:
    Settings                        mechanics_settings;
    BoundaryConditions<dim>         boundary_conditions;
    std::unique_ptr<BodyForce<dim>> body_force;
    unsigned int                    degree              = 1;
    unsigned int                    displacement_degree = 2;
    bool                            quiet               = false;
  };
} // namespace heterion::mechanics

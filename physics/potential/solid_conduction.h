#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/affine_constraints.h>

#include <physics/module.h>
#include <solver/introspection.h>

#include <memory>
#include <set>
#include <string>

namespace heterion::potential
{
  /**
   * The electronic conduction of the solid (`Electrochemistry/Electronic
   * conduction`). `infinite`: one potential phi_s = V for the whole body
   * (no field). `resolved`: the solid potential psi = phi_s - V [V] is a
   * field, with
   *   -div(sigma_e(x) grad phi_s) = 0 in the body,
   *   phi_s = V (psi = 0) on the contact,
   *   -sigma_e grad phi_s . n = i(c, eta) on the reaction boundaries,
   * sigma_e the (disorder-capable) `Electronic conductivity` [S/m] and i
   * the anodic Butler-Volmer current density with eta = V + psi - U(theta)
   * (see kinetics::Electrode and doc/theory.md). V is the potential of
   * the contact: prescribed (potentiostatic) or solved for so that the
   * current through the contact, which equals the total interface current,
   * is the applied one (galvanostatic).
   *
   * The contact is the set of faces of the `Contact boundaries` whose
   * centre x satisfies `Contact patch` f(x) > 0 (a current-collector or
   * carbon-binder patch). Contact faces carry no reaction, even if their
   * boundary is a reaction boundary. The patch is resolved by the faces
   * of the active mesh, so it sharpens with refinement and does not
   * depend on the partition.
   *
   * The physics module `solid conduction`: selected by `Electronic
   * conduction = resolved`; its field psi (block after the core's), the
   * cell term Conduction (carrier `electrons`) and the constraint psi = 0
   * on the contact.
   */
  template <int dim>
  class SolidConduction : public PhysicsModule<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /** Reads the settings (checked also when conduction is infinite);
     * returns `Electronic conduction = resolved`. */
    bool
    parse_parameters(dealii::ParameterHandler &prm) override;

    /** After the core's fields, before the electrolyte's. */
    unsigned int
    position() const override;

    /** psi, FE_Q of `Finite element degree`. */
    void
    declare_fields(std::vector<FieldDeclaration> &fields) const override;

    /** The electronic Conduction of psi in the active materials. */
    void
    add_terms(const Introspection<dim> &introspection,
              assembly::Assembler<dim> &assembler) override;

    /** psi = 0 at the DoFs of the contact faces. */
    void
    make_constraints(
      const dealii::Mapping<dim>        &mapping,
      const dealii::DoFHandler<dim>     &dof_handler,
      const Introspection<dim>          &introspection,
      dealii::AffineConstraints<double> &constraints) const override;

    /** The contact boundaries exist and the contact has at least one face
     * on the mesh (the total over all ranks). */
    void
    initialize_on_mesh(
      const SimulatorContext<dim>                &context,
      const std::set<dealii::types::boundary_id> &existing) override;

    /**
     * Whether face @p face_no of @p cell belongs to the contact (always
     * false with infinite conduction).
     */
    bool
    is_contact(
      const typename dealii::DoFHandler<dim>::active_cell_iterator &cell,
      const unsigned int face_no) const;

  private:
    bool                                         is_resolved = false;
    unsigned int                                 degree      = 1;
    std::set<dealii::types::boundary_id>         contact_ids;
    std::string                                  patch_text;
    std::unique_ptr<dealii::FunctionParser<dim>> patch;
  };
} // namespace heterion::potential

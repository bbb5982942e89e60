#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/affine_constraints.h>

#include <physics/module.h>
#include <solver/assembly/domains.h>
#include <solver/introspection.h>

#include <set>

namespace heterion::potential
{
  /**
   * Electrolyte materials inside the mesh (`Electrochemistry/Electrolyte
   * materials`): an ionically conducting coating, a solid-electrolyte shell
   * or matrix. In them the unknown is the electrolyte potential phi_e [V],
   * solved from div(kappa grad phi_e) = 0 (Conduction, carrier `ions`) with
   * phi_e = 0 on the `Electrolyte boundaries` (the contact with the
   * reservoir). Lithium is carried there by a single-ion conductor at the
   * fixed Li+ concentration c_e of the reservoir, so c is not solved there.
   * The faces between an active and an electrolyte material are reaction
   * interfaces: the Butler-Volmer current flows with eta = V + psi - phi_e
   * - U (kinetics::Electrode), as lithium flux into the active material
   * and as ionic current out of the electrolyte.
   *
   * All fields are continuous over the whole mesh; the DoFs of c (and psi)
   * that touch no active cell and those of phi_e that touch no electrolyte
   * cell are held at zero (by the Simulator, from the fields' domains), so
   * each field lives on its own domain and the interface nodes carry both.
   *
   * The physics module `electrolyte`: selected by naming electrolyte
   * materials; its field phi_e (on the domain `electrolyte`), the domain
   * (define_domains(): conducting ions, so its faces with active cells are
   * reaction interfaces), the cell term Conduction (carrier `ions`) and
   * phi_e = 0 on the electrolyte boundaries.
   */
  template <int dim>
  class ElectrolyteDomain : public PhysicsModule<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /** Reads the settings (checked also without electrolyte materials);
     * returns whether some material is electrolyte. */
    bool
    parse_parameters(dealii::ParameterHandler &prm) override;

    /** After the solid potential. */
    unsigned int
    position() const override;

    /** phi_e, FE_Q of `Finite element degree`. */
    void
    declare_fields(std::vector<FieldDeclaration> &fields) const override;

    /** Adds the domain `electrolyte` with the electrolyte materials. */
    void
    define_domains(assembly::Domains &domains) const override;

    /** The ionic Conduction of phi_e in the electrolyte materials. */
    void
    add_terms(const Introspection<dim> &introspection,
              assembly::Assembler<dim> &assembler) override;

    /** True if some material is electrolyte. */
    bool
    enabled() const;

    /** The domains of the electrolyte module alone (`active` and
     * `electrolyte`). */
    const assembly::Domains &
    domains() const;

    /**
     * Checks the mesh: every electrolyte material has cells, some cell is
     * active, the electrolyte boundaries exist (@p existing) and touch an
     * electrolyte cell and some face is an interface. ExcInput naming the
     * entry otherwise.
     */
    void
    initialize_on_mesh(
      const SimulatorContext<dim>                &context,
      const std::set<dealii::types::boundary_id> &existing) override;

    /** phi_e = 0 on the electrolyte boundaries. */
    void
    make_constraints(
      const dealii::Mapping<dim>        &mapping,
      const dealii::DoFHandler<dim>     &dof_handler,
      const Introspection<dim>          &introspection,
      dealii::AffineConstraints<double> &constraints) const override;

  private:
    unsigned int degree = 1;
    /** `Electrolyte materials`. */
    std::set<dealii::types::material_id> materials;
    assembly::Domains                    domain_of_material;
    std::set<dealii::types::boundary_id> boundary_ids;
  };
} // namespace heterion::potential

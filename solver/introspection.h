#pragma once

#include <deal.II/fe/component_mask.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values_extractors.h>

#include <memory>
#include <string>
#include <vector>

namespace heterion
{
  /**
   * Names the solution fields and where they sit in the finite element and
   * in each cell's local DoFs, and provides the extractors. The only place
   * that knows component indices: nobody else writes `dim + 1`.
   *
   * Fields, in block order: the lithium concentration c [mol/m^3] always;
   * with mechanics the displacement u [m] (dim components) and the
   * hydrostatic stress sigma_h [Pa], an L2-projected auxiliary field (see
   * doc/theory.md); with a resolved electronic conduction the solid
   * potential psi = phi_s - V [V], its deviation from the potential V of
   * the contact; with electrolyte materials (an ionically conducting
   * coating or solid-electrolyte domain) the electrolyte potential phi_e
   * [V], the last field. Concentration and potentials use FE_Q(k), the
   * hydrostatic stress the discontinuous FE_DGQ(k) (a projection cell by
   * cell, which keeps its jumps at material interfaces), the displacement
   * FE_Q(k) or FE_Q(k+1) (see Mechanics/Displacement degree).
   */
  template <int dim>
  class Introspection
  {
  public:
    /** One solution field. */
    struct Field
    {
      std::string name;
      /** A short key ("c", "u", "s", "p"): the PETSc option prefix of the
       * field's block in the preconditioner. */
      std::string  key;
      unsigned int n_components;
      unsigned int first_component;
      unsigned int block;
    };

    /** Field (= block) indices. */
    static constexpr unsigned int concentration_field      = 0;
    static constexpr unsigned int displacement_field       = 1;
    static constexpr unsigned int hydrostatic_stress_field = 2;

    /** Component indices. */
    static constexpr unsigned int concentration_component      = 0;
    static constexpr unsigned int first_displacement_component = 1;
    static constexpr unsigned int hydrostatic_stress_component = 1 + dim;

    /**
     * The active fields for elements of degree @p fe_degree: the
     * concentration, plus displacement (of degree @p displacement_degree,
     * 0 meaning @p fe_degree) and hydrostatic stress if @p with_mechanics,
     * plus the solid potential if @p with_solid_potential, plus the
     * electrolyte potential if @p with_electrolyte_potential.
     */
    explicit Introspection(const unsigned int fe_degree,
                           const bool         with_mechanics       = false,
                           const unsigned int displacement_degree  = 0,
                           const bool         with_solid_potential = false,
                           const bool with_electrolyte_potential   = false);

    /** The finite element: one FE_Q of the chosen degree per component. */
    const dealii::FESystem<dim> &
    fe() const;

    /** The fields in block order. */
    const std::vector<Field> &
    fields() const;

    /** The number of blocks (one per field). */
    unsigned int
    n_blocks() const;

    /** True when the displacement and stress fields are active. */
    bool
    has_mechanics() const;

    /** True when the solid potential is a field (resolved conduction). */
    bool
    has_solid_potential() const;

    /** True when the electrolyte potential is a field (electrolyte
     * materials). */
    bool
    has_electrolyte_potential() const;

    /** Block index of each component. */
    std::vector<unsigned int>
    component_to_block() const;

    /** The components of field @p field. */
    dealii::ComponentMask
    component_mask(const unsigned int field) const;

    /**
     * The local (cell) DoF indices that belong to field @p field, so that
     * a term loops over its own shape functions only.
     */
    const std::vector<unsigned int> &
    local_dofs(const unsigned int field) const;

    /** Extractor of the lithium concentration c [mol/m^3]. */
    const dealii::FEValuesExtractors::Scalar concentration;
    /** Extractor of the displacement u [m]. */
    const dealii::FEValuesExtractors::Vector displacement;
    /** Extractor of the hydrostatic stress sigma_h [Pa]. */
    const dealii::FEValuesExtractors::Scalar hydrostatic_stress;

    /** The field (block) and component of the solid potential psi [V]
     * (numbers::invalid_unsigned_int without it). */
    const unsigned int solid_potential_field;
    const unsigned int solid_potential_component;
    /** Extractor of the solid potential psi = phi_s - V [V]. */
    const dealii::FEValuesExtractors::Scalar solid_potential;

    /** The field (block) and component of the electrolyte potential phi_e
     * [V] (numbers::invalid_unsigned_int without it). */
    const unsigned int electrolyte_potential_field;
    const unsigned int electrolyte_potential_component;
    /** Extractor of the electrolyte potential phi_e [V]. */
    const dealii::FEValuesExtractors::Scalar electrolyte_potential;

  private:
    bool                                   mechanics;
    std::vector<Field>                     field_list;
    std::unique_ptr<dealii::FESystem<dim>> finite_element;
    std::vector<std::vector<unsigned int>> dofs_of_field;
  };
} // namespace heterion

#pragma once

#include <deal.II/base/types.h>

#include <solver/introspection.h>

#include <string>
#include <vector>

namespace heterion::assembly
{
  /**
   * The named domains of the mesh: disjoint sets of materials on which
   * fields live (FieldDeclaration::domains) and cell terms act
   * (CellTerm::domain()). Domain 0, `active` (heterion::active_domain),
   * holds the lithium-storing materials: every material that no module
   * puts into a domain of its own. A physics module adds its domains in
   * PhysicsModule::define_domains() (e.g. `electrolyte`,
   * potential::ElectrolyteDomain) and assigns materials to them.
   *
   * The faces between a cell of the active domain and a cell of a domain
   * that conducts ions are the internal reaction interfaces.
   */
  class Domains
  {
  public:
    /** The index of the active domain. */
    static constexpr unsigned int active = 0;

    Domains();

    /**
     * Adds the domain @p name and returns its index; with
     * @p conducts_ions, its faces with active cells are reaction
     * interfaces. ExcInput if the name is taken.
     */
    unsigned int
    add(const std::string &name, const bool conducts_ions);

    /** Puts material @p id into domain @p domain. ExcInput naming both
     * domains if another domain than the active one holds it already. */
    void
    assign(const dealii::types::material_id id, const unsigned int domain);

    unsigned int
    n_domains() const;

    /** The name of domain @p domain. */
    const std::string &
    name(const unsigned int domain) const;

    /** The index of the domain @p name, or numbers::invalid_unsigned_int
     * if there is none. */
    unsigned int
    find(const std::string &name) const;

    /** The domain of material @p id. */
    unsigned int
    of_material(const dealii::types::material_id id) const;

    /** The domain of the material of @p cell. */
    template <typename CellIterator>
    unsigned int
    of(const CellIterator &cell) const
    {
      return of_material(cell->material_id());
    }

    /** True if domain @p domain conducts ions. */
    bool
    conducts_ions(const unsigned int domain) const;

    /** True if some domain conducts ions (then reaction interfaces may
     * exist). */
    bool
    has_interfaces() const;

    /**
     * True if face @p face_no of @p cell joins an active cell to a cell of a
     * domain that conducts ions (seen from the active cell). Works with
     * hanging nodes from either side (the neighbour may be coarser, or
     * refined further).
     */
    template <typename CellIterator>
    bool
    is_interface(const CellIterator &cell, const unsigned int face_no) const
    {
      return of(cell) == active && !cell->at_boundary(face_no)
             && conducts_ions(of(cell->neighbor(face_no)));
    }

    /** The default of the users of a Domains: every material active. */
    static const Domains &
    all_active();

  private:
    std::vector<std::string> names;
    std::vector<bool>        ionic;
    /** Per material id (ids beyond the end are active). */
    std::vector<unsigned int> domain_of_material;
  };
} // namespace heterion::assembly

#pragma once

#include <deal.II/dofs/dof_handler.h>

#include <solver/assembly/term.h>
#include <solver/geometry/ids.h>

#include <vector>

namespace heterion::assembly
{
  /**
   * Which materials are electrolyte (ionically conducting, no lithium
   * storage) and which are active; the default is all active. The faces
   * between an active and an electrolyte cell are the internal reaction
   * interfaces.
   */
  struct Domains
  {
    /** Per material id: true for an electrolyte material (ids beyond the
     * end are active). */
    std::vector<bool> electrolyte;

    /** Makes material @p id electrolyte. */
    void
    set_electrolyte(const dealii::types::material_id id)
    {
      if (electrolyte.size() <= id)
        electrolyte.resize(id + 1, false);
      electrolyte[id] = true;
    }

    /** True if material @p id is electrolyte. */
    bool
    is_electrolyte(const dealii::types::material_id id) const
    {
      return id < electrolyte.size() && electrolyte[id];
    }

    /** The default of the users of a Domains: every material active. */
    static const Domains &
    all_active()
    {
      static const Domains none;
      return none;
    }

    /** True if some material is electrolyte. */
    bool
    any() const
    {
      for (const bool e : electrolyte)
        if (e)
          return true;
      return false;
    }

    template <typename CellIterator>
    Domain
    of(const CellIterator &cell) const
    {
      return is_electrolyte(cell->material_id()) ? Domain::electrolyte
                                                 : Domain::active;
    }

    /**
     * True if face @p face_no of the (active-domain) @p cell is an interface
     * with an electrolyte cell. Works with hanging nodes from either side
     * (the neighbour may be coarser, or refined further).
     */
    template <typename CellIterator>
    bool
    is_interface(const CellIterator &cell, const unsigned int face_no) const
    {
      return of(cell) == Domain::active && !cell->at_boundary(face_no)
             && of(cell->neighbor(face_no)) == Domain::electrolyte;
    }
  };
} // namespace heterion::assembly

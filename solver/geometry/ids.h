#pragma once

#include <deal.II/base/types.h>

#include <array>
#include <set>
#include <string>
#include <vector>

/**
 * @file The one header that names material and boundary ids (the regions
 * of a mesh). The built-in geometry models assign the built-in ids below;
 * a Gmsh file adds the names of its physical groups (add_material_name(),
 * add_boundary_name(), before the parameters are declared, so that each
 * material has its `Materials/<name>` subsection). Parameter files refer
 * to regions by name; meshes/README.md documents them for Gmsh users.
 */
namespace heterion::ids
{
  /** Material ids: one per kind of body in a particle or cell. */
  namespace material
  {
    constexpr dealii::types::material_id particle  = 0;
    constexpr dealii::types::material_id core      = 1;
    constexpr dealii::types::material_id shell     = 2;
    constexpr dealii::types::material_id coating   = 3;
    constexpr dealii::types::material_id substrate = 4;
    /** The number of built-in material ids (a mesh file adds more). */
    constexpr unsigned int n_built_in = 5;
  } // namespace material

  /** Boundary ids. */
  namespace boundary
  {
    /** Outer surface of a particle; top of a film; side of a wire. */
    constexpr dealii::types::boundary_id surface = 0;
    /** Inner surface of a hollow or yolk–shell particle. */
    constexpr dealii::types::boundary_id inner_surface = 1;
    /** Surface of the core (yolk) of a yolk–shell particle. */
    constexpr dealii::types::boundary_id core_surface = 2;
    /** Symmetry planes x = 0, y = 0, z = 0 of octants and quarters. */
    constexpr dealii::types::boundary_id symmetry_x = 3;
    constexpr dealii::types::boundary_id symmetry_y = 4;
    constexpr dealii::types::boundary_id symmetry_z = 5;
    /** Bottom face of a film, bonded to its substrate. */
    constexpr dealii::types::boundary_id bottom = 6;
    /** Lateral faces of a film. */
    constexpr dealii::types::boundary_id sides = 7;
    /** End faces of a wire of finite length (of an imported mesh; the
     * `cylinder` model names its two ends apart: lower_end, upper_end). */
    constexpr dealii::types::boundary_id ends = 8;
    /** Faces of a box: x = x_0 (x_min), x = x_1 (x_max), and so on. */
    constexpr dealii::types::boundary_id x_min = 9;
    constexpr dealii::types::boundary_id x_max = 10;
    constexpr dealii::types::boundary_id y_min = 11;
    constexpr dealii::types::boundary_id y_max = 12;
    constexpr dealii::types::boundary_id z_min = 13;
    constexpr dealii::types::boundary_id z_max = 14;
    /** The end faces z = 0 and z = L of the `cylinder` model: apart, so
     * that z = 0 can be the symmetry plane of a half wire. */
    constexpr dealii::types::boundary_id lower_end = 15;
    constexpr dealii::types::boundary_id upper_end = 16;
    /** The number of built-in boundary ids (a mesh file adds more). */
    constexpr unsigned int n_built_in = 17;

    /** The face of a box normal to direction @p d (0, 1, 2) at its lower
     * (@p upper false) or upper end. */
    constexpr dealii::types::boundary_id
    box_face(const unsigned int d, const bool upper)
    {
      return x_min + 2 * d + (upper ? 1 : 0);
    }
  } // namespace boundary

  /** Material names, indexed by material id: the built-in ones, then those
   * added by add_material_name(). */
  const std::vector<std::string> &
  material_names();

  /** Boundary names, indexed by boundary id: the built-in ones, then those
   * added by add_boundary_name(). */
  const std::vector<std::string> &
  boundary_names();

  /** @p names separated by ", " (for messages). */
  std::string
  joined(const std::vector<std::string> &names);

  /** The number of material ids (built-in and added). */
  unsigned int
  n_materials();

  /** The number of boundary ids (built-in and added). */
  unsigned int
  n_boundaries();

  /**
   * The id of material @p name, which is added to the names if it is new
   * (a physical group of a mesh file). @p where prefixes the message for a
   * name that cannot name a parameter subsection (empty, or a character
   * other than letters, digits, `_`, `-`, `.` and blanks).
   */
  dealii::types::material_id
  add_material_name(const std::string &name, const std::string &where);

  /** The id of boundary @p name, added if new (see add_material_name()). */
  dealii::types::boundary_id
  add_boundary_name(const std::string &name, const std::string &where);

  /** Material id of @p name; throws ExcInput naming the allowed names. */
  dealii::types::material_id
  material_id(const std::string &name);

  /** Boundary id of @p name; throws ExcInput naming the allowed names. */
  dealii::types::boundary_id
  boundary_id(const std::string &name);

  /**
   * The material ids of a comma-separated list of names, read from the
   * parameter @p entry (named in the error message for an unknown name).
   */
  std::set<dealii::types::material_id>
  material_ids(const std::string &entry, const std::string &names);

  /**
   * The boundary ids of a comma-separated list of names, read from the
   * parameter @p entry (named in the error message for an unknown name).
   */
  std::set<dealii::types::boundary_id>
  boundary_ids(const std::string &entry, const std::string &names);

  /**
   * Throws ExcInput (prefixed with @p section) if a boundary of @p named is
   * not in @p existing, listing the boundaries the mesh has.
   */
  void
  check_boundaries_exist(const std::string                          &section,
                         const std::set<dealii::types::boundary_id> &named,
                         const std::set<dealii::types::boundary_id> &existing);

  /** Name of a material id (or "material <id>" for an unnamed id). */
  std::string
  material_name(dealii::types::material_id id);

  /** Name of a boundary id (or "boundary <id>" for an unnamed id). */
  std::string
  boundary_name(dealii::types::boundary_id id);
} // namespace heterion::ids

#pragma once

#include <string>
#include <vector>

namespace heterion
{
  struct Setting;
}

namespace heterion::geometry
{
  /** A named physical group of a Gmsh file (`dimension tag "name"`). */
  struct PhysicalGroup
  {
    int          dimension = 0;
    unsigned int tag       = 0;
    std::string  name;
  };

  /** The groups of the `$PhysicalNames` section of the Gmsh file text
   * @p content (none if it has no such section). */
  std::vector<PhysicalGroup>
  gmsh_physical_groups(const std::string &content);

  /**
   * The regions of a Gmsh mesh, before the parameters are declared: if
   * @p settings select `Geometry/Model = gmsh`, the physical groups of
   * `Geometry/Gmsh/File name` (resolved as resolve_input_paths() does) are
   * added to the material names (groups of the mesh's dimension) and the
   * boundary names (one dimension less), so that every material has its
   * `Materials/<name>` subsection. Throws ExcInput if a setting of
   * `Materials/<name>` names a material the file does not have, listing the
   * file's groups. A file that cannot be read is left to the geometry
   * model, which reports it.
   */
  void
  register_gmsh_regions(const std::vector<Setting> &settings);
} // namespace heterion::geometry

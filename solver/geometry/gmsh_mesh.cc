#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria.h>

#include <solver/geometry/gmsh_regions.h>
#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/input_paths.h>
#include <solver/parameter_check.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace heterion::geometry
{
  using namespace dealii;

  namespace
  {
    /**
     * Splits every simplex of @p simplex_mesh into hypercubes (a triangle
     * into three quadrilaterals, a tetrahedron into four hexahedra, through
     * the edge midpoints, face centres and the cell centre) and creates
     * @p tria from them, keeping material and boundary ids. A mesh of
     * hypercubes is copied as it is. p4est takes only hypercubes.
     */
    template <int dim>
    void
    convert_to_hypercubes(const Triangulation<dim> &simplex_mesh,
                          const double              scale,
                          Triangulation<dim>       &tria)
    {
      std::vector<Point<dim>>    vertices;
      std::vector<CellData<dim>> cells;
      SubCellData                boundary;
      // Each new vertex is the centroid of a set of original vertices.
      std::map<std::vector<unsigned int>, unsigned int> centroid_index;
      const auto centroid = [&](std::vector<unsigned int> key) {
        std::sort(key.begin(), key.end());
        const auto it = centroid_index.find(key);
        if (it != centroid_index.end())
          return it->second;
        Point<dim> p;
        for (const unsigned int v : key)
          p += simplex_mesh.get_vertices()[v] * (scale / key.size());
        vertices.push_back(p);
        return centroid_index[key] = vertices.size() - 1;
      };

      for (const auto &cell : simplex_mesh.active_cell_iterators())
        {
          std::vector<unsigned int> corners;
          for (const unsigned int v : cell->vertex_indices())
            corners.push_back(cell->vertex_index(v));
          if (cell->reference_cell().is_hyper_cube())
            {
              CellData<dim> data(corners.size());
              for (unsigned int v = 0; v < corners.size(); ++v)
                data.vertices[v] = centroid({corners[v]});
              data.material_id = cell->material_id();
              cells.push_back(data);
            }
          else
            for (unsigned int a = 0; a < corners.size(); ++a)
              {
                // The corner a and the other corners in their order.
                std::vector<unsigned int> others;
                for (unsigned int b = 0; b < corners.size(); ++b)
                  if (b != a)
                    others.push_back(corners[b]);
                const unsigned int p = corners[a];
                CellData<dim>      data(dim == 2 ? 4 : 8);
                if constexpr (dim == 2)
                  data.vertices = {centroid({p}),
                                   centroid({p, others[0]}),
                                   centroid({p, others[1]}),
                                   centroid(corners)};
                else
                  data.vertices = {centroid({p}),
                                   centroid({p, others[0]}),
                                   centroid({p, others[1]}),
                                   centroid({p, others[0], others[1]}),
                                   centroid({p, others[2]}),
                                   centroid({p, others[0], others[2]}),
                                   centroid({p, others[1], others[2]}),
                                   centroid(corners)};
                data.material_id = cell->material_id();
                cells.push_back(data);
              }

          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary())
              {
                const auto                face = cell->face(f);
                std::vector<unsigned int> face_corners;
                for (const unsigned int v : face->vertex_indices())
                  face_corners.push_back(face->vertex_index(v));
                const bool simplex_face
                  = !cell->reference_cell().is_hyper_cube();

                for (unsigned int a = 0;
                     a < (simplex_face ? face_corners.size() : 1);
                     ++a)
                  {
                    CellData<dim - 1> data(dim == 2 ? 2 : 4);
                    if (!simplex_face)
                      for (unsigned int v = 0; v < face_corners.size(); ++v)
                        data.vertices[v] = centroid({face_corners[v]});
                    else
                      {
                        const unsigned int p = face_corners[a];
                        const unsigned int q
                          = face_corners[(a + 1) % face_corners.size()];
                        if constexpr (dim == 2)
                          data.vertices = {centroid({p}), centroid({p, q})};
                        else
                          {
                            const unsigned int r
                              = face_corners[(a + 2) % face_corners.size()];
                            data.vertices = {centroid({p}),
                                             centroid({p, q}),
                                             centroid({p, r}),
                                             centroid(face_corners)};
                          }
                      }
                    data.boundary_id = face->boundary_id();
                    if constexpr (dim == 2)
                      boundary.boundary_lines.push_back(data);
                    else
                      boundary.boundary_quads.push_back(data);
                  }
              }
        }
      GridTools::invert_cells_with_negative_measure(vertices, cells);
      GridTools::consistently_order_cells(cells);
      tria.create_triangulation(vertices, cells, boundary);
    }


    /**
     * The dimension of the cells of a Gmsh element type and their name
     * (plural), or {0, ""} for points and unknown types.
     */
    std::pair<int, std::string>
    element_dimension(const int type)
    {
      switch (type)
        {
          case 1:
          case 8:
          case 26:
          case 27:
          case 28:
            return {1, "lines"};
          case 2:
          case 9:
          case 20:
          case 21:
          case 22:
          case 23:
          case 24:
          case 25:
            return {2, "triangles"};
          case 3:
          case 10:
          case 16:
            return {2, "quadrilaterals"};
          case 4:
          case 11:
          case 29:
          case 30:
          case 31:
            return {3, "tetrahedra"};
          case 5:
          case 12:
          case 17:
            return {3, "hexahedra"};
          case 6:
          case 13:
          case 18:
            return {3, "prisms"};
          case 7:
          case 14:
          case 19:
            return {3, "pyramids"};
          default:
            return {0, ""};
        }
    }


    /**
     * The highest dimension of the elements in the `$Elements` section of
     * the ASCII Gmsh mesh @p content (format 2.2 or 4.1) and the name of
     * one element type of that dimension; {0, ""} if it cannot be told.
     */
    std::pair<int, std::string>
    mesh_dimension(const std::string &content)
    {
      std::pair<int, std::string> result{0, ""};
      const auto                  format = content.find("$MeshFormat");
      const auto                  start  = content.find("$Elements");
      if (format == std::string::npos || start == std::string::npos)
        return result;
      double             version = 0;
      std::istringstream header(content.substr(format + 11, 64));
      header >> version;
      std::istringstream in(content.substr(start + 9));
      const auto         consider = [&](const int type) {
        const auto element = element_dimension(type);
        if (element.first > result.first)
          result = element;
      };
      std::string line;
      if (version >= 4)
        {
          std::size_t n_blocks = 0, n_elements = 0, min_tag = 0, max_tag = 0;
          if (!(in >> n_blocks >> n_elements >> min_tag >> max_tag))
            return {0, ""};
          for (std::size_t b = 0; b < n_blocks; ++b)
            {
              int         entity_dim = 0, entity_tag = 0, type = 0;
              std::size_t n_in_block = 0;
              if (!(in >> entity_dim >> entity_tag >> type >> n_in_block))
                return result;
              consider(type);
              std::getline(in, line);
              for (std::size_t e = 0; e < n_in_block; ++e)
                std::getline(in, line);
            }
        }
      else
        {
          std::size_t n_elements = 0;
          if (!(in >> n_elements))
            return {0, ""};
          std::getline(in, line);
          for (std::size_t e = 0; e < n_elements && std::getline(in, line); ++e)
            {
              std::istringstream row(line);
              int                number = 0, type = 0;
              if (row >> number >> type)
                consider(type);
            }
        }
      return result;
    }
  } // namespace


  std::vector<PhysicalGroup>
  gmsh_physical_groups(const std::string &content)
  {
    std::vector<PhysicalGroup> groups;
    const auto                 start = content.find("$PhysicalNames");
    if (start == std::string::npos)
      return groups;
    std::istringstream names(content.substr(start + 14));
    unsigned int       n = 0;
    names >> n;
    for (unsigned int i = 0; i < n && names; ++i)
      {
        PhysicalGroup group;
        names >> group.dimension >> group.tag;
        std::getline(names >> std::ws, group.name);
        group.name.erase(std::remove(group.name.begin(), group.name.end(), '"'),
                         group.name.end());
        while (!group.name.empty() && std::isspace(group.name.back()))
          group.name.pop_back();
        groups.push_back(group);
      }
    return groups;
  }


  void
  register_gmsh_regions(const std::vector<Setting> &settings)
  {
    std::string model, file_name;
    for (const Setting &setting : settings)
      if (setting.section == std::vector<std::string>{"Geometry"}
          && setting.entry == "Model")
        model = setting.value;
      else if (setting.section == std::vector<std::string>{"Geometry", "Gmsh"}
               && setting.entry == "File name")
        file_name = resolve_input_path(setting.value, setting);
    if (model != "gmsh" || file_name.empty()
        || std::filesystem::is_directory(file_name))
      return;
    std::ifstream in(file_name);
    // Before the settings of its materials are judged (which would report
    // a mesh that cannot be read as unknown materials).
    AssertThrow(in.good(),
                ExcInput("Geometry/Gmsh/File name: cannot read the mesh "
                         "file '"
                         + file_name + "' (" + relative_path_hint + ")."))
      std::stringstream text;
    text << in.rdbuf();
    const std::string content = text.str();
    const std::string where   = "Geometry/Gmsh mesh '" + file_name + "': ";
    const std::vector<PhysicalGroup> groups   = gmsh_physical_groups(content);
    int                              mesh_dim = mesh_dimension(content).first;
    if (mesh_dim == 0)
      for (const PhysicalGroup &group : groups)
        mesh_dim = std::max(mesh_dim, group.dimension);
    std::vector<std::string> materials, boundaries;
    for (const PhysicalGroup &group : groups)
      if (group.dimension == mesh_dim)
        {
          ids::add_material_name(group.name, where + "physical group: ");
          materials.push_back(group.name);
        }
      else if (group.dimension == mesh_dim - 1)
        {
          ids::add_boundary_name(group.name, where + "physical group: ");
          boundaries.push_back(group.name);
        }
    const auto joined = [](const std::vector<std::string> &names) {
      return names.empty() ? std::string("none") : ids::joined(names);
    };
    for (const Setting &setting : settings)
      if (setting.section.size() >= 2 && setting.section[0] == "Materials")
        AssertThrow(
          std::find(materials.begin(), materials.end(), setting.section[1])
            != materials.end(),
          ExcInput(where + "the parameter file sets `Materials/"
                   + setting.section[1] + "/" + setting.entry + "` ("
                   + setting.where + "), but the mesh has no physical group '"
                   + setting.section[1] + "'. Its physical groups: materials "
                   + joined(materials) + "; boundaries " + joined(boundaries)
                   + "."));
  }


  /**
   * A mesh from a Gmsh file (ASCII .msh, format 2.2 or 4.1). Physical groups
   * give the regions by name: physical volumes (surfaces in 2D) are
   * materials, physical surfaces (curves in 2D) boundaries, with any names
   * (register_gmsh_regions() adds the names that are not built in); see
   * meshes/README.md.
   * Boundary faces in no physical group become `surface`. Triangles and
   * tetrahedra are split into quadrilaterals and hexahedra for p4est.
   */
  template <int dim>
  class GmshMesh : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Gmsh");
      prm.declare_entry("File name",
                        "",
                        Patterns::Anything(),
                        "Path of the ASCII Gmsh .msh file (format 2.2 or "
                        "4.1). "
                          + relative_path_rule);
      prm.declare_entry("Length unit",
                        "1",
                        Patterns::Double(0),
                        "Length of one mesh unit [m], e.g. 1e-6 for a mesh "
                        "drawn in micrometres. Must be > 0.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm) override
    {
      prm.enter_subsection("Gmsh");
      file_name = prm.get("File name");
      unit      = prm.get_double("Length unit");
      prm.leave_subsection();
      AssertThrow(unit > 0,
                  ExcInput("Geometry/Gmsh/Length unit must be > 0 m."));
      AssertThrow(!file_name.empty(),
                  ExcInput("Geometry/Gmsh/File name is empty; give the path "
                           "of an ASCII Gmsh .msh file."));
      AssertThrow(!std::filesystem::is_directory(file_name),
                  ExcInput("Geometry/Gmsh/File name: '" + file_name
                           + "' is a directory, not a mesh file; give the "
                             "path of an ASCII Gmsh .msh file."));
      AssertThrow(std::ifstream(file_name).good(),
                  ExcInput("Geometry/Gmsh/File name: cannot read the mesh "
                           "file '"
                           + file_name + "' (" + relative_path_hint + ")."));
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      const std::string where = "Geometry/Gmsh mesh '" + file_name + "': ";
      std::ifstream     in(file_name);
      std::stringstream text;
      text << in.rdbuf();

      std::map<unsigned int, types::material_id> material_of_tag;
      std::map<unsigned int, types::boundary_id> boundary_of_tag;
      const std::string                          content = text.str();
      // Before the physical names, which depend on the dimension.
      const auto [mesh_dim, elements] = mesh_dimension(content);
      AssertThrow(mesh_dim == 0 || mesh_dim == dim,
                  ExcInput(
                    where + "the mesh is " + std::to_string(mesh_dim)
                    + "-dimensional (its cells are " + elements
                    + "), but Dimension = " + std::to_string(dim) + "; "
                    + (mesh_dim >= 2 ? "set Dimension = "
                                         + std::to_string(mesh_dim) + " or "
                                     : "")
                    + "give a " + std::to_string(dim) + "-dimensional mesh."));

      for (const PhysicalGroup &group : gmsh_physical_groups(content))
        try
          {
            // The names were added by register_gmsh_regions().
            if (group.dimension == dim)
              material_of_tag[group.tag] = ids::material_id(group.name);
            else if (group.dimension == dim - 1)
              boundary_of_tag[group.tag] = ids::boundary_id(group.name);
          }
        catch (const std::exception &exc)
          {
            AssertThrow(false,
                        ExcInput(where + "physical group '" + group.name
                                 + "': " + user_message(exc)));
          }

      Triangulation<dim> raw;
      GridIn<dim>        grid_in(raw);
      try
        {
          std::istringstream mesh_stream(content);
          grid_in.read_msh(mesh_stream);
        }
      catch (const std::exception &exc)
        {
          AssertThrow(false,
                      ExcInput(where
                               + "cannot read it as an ASCII Gmsh "
                                 "mesh of dimension "
                               + std::to_string(dim) + " (" + user_message(exc)
                               + ")."));
        }

      // Tags to Heterion ids; a cell or face tag without a name is an error,
      // an untagged boundary face (tag 0) is `surface`.
      for (const auto &cell : raw.active_cell_iterators())
        {
          const auto it = material_of_tag.find(cell->material_id());
          AssertThrow(it != material_of_tag.end(),
                      ExcInput(where + "cells with physical tag "
                               + std::to_string(cell->material_id())
                               + " have no physical name; name every "
                                 "physical volume after a material."));
          cell->set_material_id(it->second);
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary())
              {
                const types::boundary_id tag   = cell->face(f)->boundary_id();
                const auto               found = boundary_of_tag.find(tag);
                AssertThrow(tag == 0 || found != boundary_of_tag.end(),
                            ExcInput(where
                                     + "boundary faces with physical "
                                       "tag "
                                     + std::to_string(tag)
                                     + " have no physical name; name every "
                                       "physical surface after a boundary."));
                cell->face(f)->set_boundary_id(tag == 0 ? ids::boundary::surface
                                                        : found->second);
              }
        }
      convert_to_hypercubes(raw, unit, tria);
    }

    double
    length_scale() const override
    {
      return unit;
    }

  private:
    std::string file_name;
    double      unit = 1;
  };

  HETERION_REGISTER_GEOMETRY_MODEL(GmshMesh,
                                   "gmsh",
                                   "A mesh from an ASCII Gmsh file: its "
                                   "named physical groups are the materials "
                                   "(cells) and boundaries (faces), with any "
                                   "names; each material has its "
                                   "`Materials/<name>` subsection.")
} // namespace heterion::geometry

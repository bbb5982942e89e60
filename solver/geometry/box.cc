#include <deal.II/base/utilities.h>
#include <deal.II/grid/grid_generator.h>

#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/input_error.h>

#include <algorithm>
#include <cmath>

namespace heterion::geometry
{
  using namespace dealii;

  /**
   * A box [0, L_x] x [0, L_y] (x [0, L_z]) of one material (`particle`),
   * the representative volume of the homogenisation mode and a block of
   * material for transient runs. Each face has its own boundary:
   * `x_min`, `x_max`, `y_min`, `y_max` (, `z_min`, `z_max`), so that
   * opposite faces can be made periodic.
   */
  template <int dim>
  class Box : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Box");
      prm.declare_entry("Size",
                        "1e-6",
                        Patterns::List(Patterns::Double(0), 1, 3),
                        "Edge lengths L_x, L_y (, L_z) [m]; one value for a "
                        "square or cube.");
      prm.declare_entry("Cells per direction",
                        "4",
                        Patterns::List(Patterns::Integer(1, 4096), 1, 3),
                        "Coarse cells along x, y (, z); one value for all "
                        "directions. Global refinement halves them.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm) override
    {
      prm.enter_subsection("Box");
      const auto sizes = Utilities::split_string_list(prm.get("Size"));
      const auto cells
        = Utilities::split_string_list(prm.get("Cells per direction"));
      prm.leave_subsection();
      const auto per_direction = [](const std::vector<std::string> &values,
                                    const std::string              &entry) {
        AssertThrow(values.size() == 1 || values.size() == dim,
                    ExcInput("Geometry/Box/" + entry + " has "
                             + std::to_string(values.size())
                             + " values; give 1 or " + std::to_string(dim)
                             + " (one per direction)."));
        std::vector<double> result(dim);
        for (unsigned int d = 0; d < dim; ++d)
          result[d]
            = Utilities::string_to_double(values[values.size() == 1 ? 0 : d]);
        return result;
      };
      const auto l = per_direction(sizes, "Size");
      const auto n = per_direction(cells, "Cells per direction");
      for (unsigned int d = 0; d < dim; ++d)
        {
          AssertThrow(l[d] > 0,
                      ExcInput("Geometry/Box/Size must be > 0 m in every "
                               "direction."));
          upper[d]       = l[d];
          repetitions[d] = static_cast<unsigned int>(n[d]);
        }
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      GridGenerator::subdivided_hyper_rectangle(
        tria, repetitions, Point<dim>(), upper, /*colorize*/ true);
      // colorize numbers the faces 0 ... 2 dim - 1 in the order
      // x_min, x_max, y_min, ...; give them the names of ids.h.
      for (const auto &face : tria.active_face_iterators())
        if (face->at_boundary())
          {
            const unsigned int colour = face->boundary_id();
            face->set_boundary_id(
              ids::boundary::box_face(colour / 2, colour % 2 == 1));
          }
      for (const auto &cell : tria.active_cell_iterators())
        cell->set_material_id(ids::material::particle);
    }

    double
    n_coarse_cells() const override
    {
      double n = 1;
      for (unsigned int d = 0; d < dim; ++d)
        n *= repetitions[d];
      return n;
    }

    double
    length_scale() const override
    {
      double l = 0;
      for (unsigned int d = 0; d < dim; ++d)
        l = std::max(l, upper[d]);
      return l;
    }

  private:
    Point<dim>                upper;
    std::vector<unsigned int> repetitions = std::vector<unsigned int>(dim, 1);
  };
  HETERION_REGISTER_GEOMETRY_MODEL(
    Box,
    "box",
    "A box [0, L_x] x [0, L_y] (x [0, L_z]) of material `particle`; "
    "boundaries `x_min`, `x_max`, `y_min`, `y_max`, `z_min`, `z_max`. The "
    "representative volume of the homogenisation mode.")
} // namespace heterion::geometry

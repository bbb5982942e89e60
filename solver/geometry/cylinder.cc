#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/manifold_lib.h>

#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/geometry/tools.h>

#include <cmath>

namespace heterion::geometry
{
  using namespace dealii;

  /**
   * A cylinder (nanowire) of finite length along z, from z = 0 to z = L:
   * lateral boundary `surface`, end faces `lower_end` (z = 0) and
   * `upper_end` (z = L), so that a half wire can hold its mid-plane z = 0
   * by symmetry and leave its end free; full or a quarter section with
   * symmetry planes x = 0 and y = 0. Material `particle`. 3D only (in 2D,
   * the `sphere` model gives the cross-section of an infinite wire, in
   * plane strain or, with free ends, generalized plane strain).
   */
  template <int dim>
  class Cylinder : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Cylinder");
      prm.declare_entry("Radius",
                        "50e-9",
                        Patterns::Double(0),
                        "Radius of the wire [m].");
      prm.declare_entry("Length",
                        "200e-9",
                        Patterns::Double(0),
                        "Length of the wire along z [m].");
      prm.declare_entry("Quarter",
                        "false",
                        Patterns::Bool(),
                        "Model a quarter section with symmetry planes x = 0 "
                        "and y = 0.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm) override
    {
      prm.enter_subsection("Cylinder");
      radius  = prm.get_double("Radius");
      length  = prm.get_double("Length");
      quarter = prm.get_bool("Quarter");
      prm.leave_subsection();
      AssertThrow(radius > 0 && length > 0,
                  ExcInput("Geometry/Cylinder: Radius and Length must be "
                           "> 0 m."));
      AssertThrow(dim == 3,
                  ExcInput("Geometry/Model = cylinder is three-dimensional; "
                           "with Dimension = 2 use the `sphere` model, whose "
                           "disc is the cross-section of an infinite wire."));
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      if constexpr (dim == 3)
        {
          Triangulation<2> disc;
          create_spherical_body<2>(disc,
                                   {{0., radius, ids::material::particle}},
                                   quarter,
                                   Tensor<1, 2>({radius, radius}));
          const unsigned int n_slices = std::max(
            2u, static_cast<unsigned int>(std::ceil(length / radius)) + 1);
          GridGenerator::extrude_triangulation(
            disc, n_slices, length, tria, true);
          const double tolerance = 1e-10 * std::max(radius, length);
          for (const auto &face : tria.active_face_iterators())
            if (face->at_boundary())
              {
                bool on_side = true, on_lower = true, on_upper = true;
                for (const unsigned int v : face->vertex_indices())
                  {
                    const Point<3> &p = face->vertex(v);
                    on_side           = on_side
                              && std::abs(std::hypot(p[0], p[1]) - radius)
                                   < tolerance;
                    on_lower = on_lower && std::abs(p[2]) < tolerance;
                    on_upper = on_upper && std::abs(p[2] - length) < tolerance;
                  }
                face->set_boundary_id(on_side    ? ids::boundary::surface
                                      : on_lower ? ids::boundary::lower_end
                                      : on_upper
                                        ? ids::boundary::upper_end
                                        : numbers::invalid_boundary_id);
                if (!on_side && !on_lower && !on_upper)
                  {
                    // A face on a symmetry plane x = 0 or y = 0.
                    bool on_x = true;
                    for (const unsigned int v : face->vertex_indices())
                      on_x = on_x && std::abs(face->vertex(v)[0]) < tolerance;
                    face->set_boundary_id(on_x ? ids::boundary::symmetry_x
                                               : ids::boundary::symmetry_y);
                  }
              }
          for (const auto &face : tria.active_face_iterators())
            if (face->at_boundary()
                && face->boundary_id() != ids::boundary::surface)
              face->set_manifold_id(numbers::flat_manifold_id);
          tria.set_manifold(0,
                            CylindricalManifold<3>(Tensor<1, 3>({0., 0., 1.}),
                                                   Point<3>()));
          TransfiniteInterpolationManifold<3> transfinite;
          transfinite.initialize(tria);
          tria.set_manifold(1, transfinite);
        }
      else
        (void)tria;
    }

    double
    length_scale() const override
    {
      return radius;
    }

    double
    n_coarse_cells() const override
    {
      // The disc's 5 (quarter: 3) cells per slice.
      return (quarter ? 3. : 5.) * (std::ceil(length / radius) + 1);
    }

  private:
    double radius = 0, length = 0;
    bool   quarter = false;
  };
  HETERION_REGISTER_GEOMETRY_MODEL(
    Cylinder,
    "cylinder",
    "A wire of finite length along z (3D), full "
    "or a quarter section; boundaries `surface`, "
    "`lower_end` (z = 0) and `upper_end` (z = L).")
} // namespace heterion::geometry

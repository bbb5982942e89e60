#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/geometry/tools.h>
#include <solver/parsed_function.h>

namespace heterion::geometry
{
  using namespace dealii;

  /**
   * A solid sphere (a disc in 2D, the cross-section of an infinitely long
   * cylinder) of one material, `particle`, with boundary `surface`; or its
   * octant (quadrant) with symmetry planes symmetry_x/y/z.
   */
  template <int dim>
  class Sphere : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Sphere");
      prm.declare_entry("Radius",
                        "5e-6",
                        Patterns::Double(0),
                        "Radius of the sphere (disc in 2D) [m]. Must be > 0.");
      prm.declare_entry("Octant",
                        "false",
                        Patterns::Bool(),
                        "Model one octant (a quadrant in 2D) with symmetry "
                        "planes x = 0, y = 0 (and z = 0) instead of the "
                        "full body.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm) override
    {
      prm.enter_subsection("Sphere");
      radius = prm.get_double("Radius");
      octant = prm.get_bool("Octant");
      prm.leave_subsection();
      AssertThrow(radius > 0,
                  ExcInput("Geometry/Sphere/Radius must be > 0 m, got "
                           + to_text(radius) + "."));
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      create_spherical_body<dim>(tria,
                                 {{0., radius, ids::material::particle}},
                                 octant,
                                 isotropic_axes<dim>(radius));
    }

    double
    length_scale() const override
    {
      return radius;
    }

  private:
    double radius = 0;
    bool   octant = false;
  };
  HETERION_REGISTER_GEOMETRY_MODEL(Sphere,
                                   "sphere",
                                   "A solid sphere (a disc in 2D), full or one "
                                   "octant (quadrant). Material `particle`.")
} // namespace heterion::geometry

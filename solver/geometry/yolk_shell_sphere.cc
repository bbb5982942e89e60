#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/geometry/tools.h>
#include <solver/parsed_function.h>

namespace heterion::geometry
{
  using namespace dealii;

  /**
   * A yolk–shell particle: a solid `core` (boundary `core_surface`) inside a
   * hollow `shell` (boundaries `inner_surface`, `surface`), separated by a
   * void gap. Two separate bodies in one mesh.
   */
  template <int dim>
  class YolkShellSphere : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Yolk-shell sphere");
      prm.declare_entry("Core radius",
                        "3e-6",
                        Patterns::Double(0),
                        "Radius of the yolk [m].");
      prm.declare_entry("Shell inner radius",
                        "4e-6",
                        Patterns::Double(0),
                        "Inner radius of the shell [m]; larger than the core "
                        "radius (the difference is the void gap).");
      prm.declare_entry("Shell outer radius",
                        "5e-6",
                        Patterns::Double(0),
                        "Outer radius of the shell [m].");
      prm.declare_entry("Octant",
                        "false",
                        Patterns::Bool(),
                        "Model one octant (quadrant in 2D) with symmetry "
                        "planes.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm) override
    {
      prm.enter_subsection("Yolk-shell sphere");
      core   = prm.get_double("Core radius");
      inner  = prm.get_double("Shell inner radius");
      outer  = prm.get_double("Shell outer radius");
      octant = prm.get_bool("Octant");
      prm.leave_subsection();
      AssertThrow(core > 0 && inner > core && outer > inner,
                  ExcInput("Geometry/Yolk-shell sphere: the radii must "
                           "satisfy 0 < Core radius < Shell inner radius < "
                           "Shell outer radius, got "
                           + to_text(core) + ", " + to_text(inner) + " and "
                           + to_text(outer) + " m."));
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      create_spherical_body<dim>(tria,
                                 {{0., core, ids::material::core},
                                  {inner, outer, ids::material::shell}},
                                 octant,
                                 isotropic_axes<dim>(outer));
    }

    double
    length_scale() const override
    {
      return outer;
    }

  private:
    double core = 0, inner = 0, outer = 0;
    bool   octant = false;
  };
  HETERION_REGISTER_GEOMETRY_MODEL(
    YolkShellSphere,
    "yolk-shell sphere",
    "A `core` inside a hollow `shell`, separated "
    "by a void gap (two bodies).")
} // namespace heterion::geometry

#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/geometry/tools.h>
#include <solver/parsed_function.h>

namespace heterion::geometry
{
  using namespace dealii;

  /**
   * A sphere (disc in 2D) made of a `core` and a bonded `shell` (two
   * material ids sharing a conforming interface), boundary `surface`.
   */
  template <int dim>
  class CoreShellSphere : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Core-shell sphere");
      prm.declare_entry("Core radius",
                        "4e-6",
                        Patterns::Double(0),
                        "Radius of the core [m]; 0 < core < outer.");
      prm.declare_entry("Outer radius",
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
      prm.enter_subsection("Core-shell sphere");
      core   = prm.get_double("Core radius");
      outer  = prm.get_double("Outer radius");
      octant = prm.get_bool("Octant");
      prm.leave_subsection();
      AssertThrow(core > 0 && outer > core,
                  ExcInput("Geometry/Core-shell sphere: the radii must "
                           "satisfy 0 < Core radius < Outer radius, got "
                           + to_text(core) + " and " + to_text(outer) + " m."));
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      create_spherical_body<dim>(tria,
                                 {{0., core, ids::material::core},
                                  {core, outer, ids::material::shell}},
                                 octant,
                                 isotropic_axes<dim>(outer));
    }

    double
    length_scale() const override
    {
      return outer;
    }

  private:
    double core = 0, outer = 0;
    bool   octant = false;
  };
  HETERION_REGISTER_GEOMETRY_MODEL(CoreShellSphere,
                                   "core-shell sphere",
                                   "A sphere (disc in 2D) of materials `core` "
                                   "and `shell` with a bonded interface.")
} // namespace heterion::geometry

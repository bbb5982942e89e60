#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/geometry/tools.h>
#include <solver/parsed_function.h>

namespace heterion::geometry
{
  using namespace dealii;

  /**
   * A hollow sphere (an annulus in 2D) of material `particle` with
   * boundaries `surface` (outer) and `inner_surface`; full or one octant.
   */
  template <int dim>
  class HollowSphere : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Hollow sphere");
      prm.declare_entry("Inner radius",
                        "2.5e-6",
                        Patterns::Double(0),
                        "Radius of the cavity [m]; 0 < inner < outer.");
      prm.declare_entry("Outer radius",
                        "5e-6",
                        Patterns::Double(0),
                        "Outer radius [m].");
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
      prm.enter_subsection("Hollow sphere");
      inner  = prm.get_double("Inner radius");
      outer  = prm.get_double("Outer radius");
      octant = prm.get_bool("Octant");
      prm.leave_subsection();
      AssertThrow(inner > 0 && outer > inner,
                  ExcInput("Geometry/Hollow sphere: the radii must satisfy "
                           "0 < Inner radius < Outer radius, got "
                           + to_text(inner) + " and " + to_text(outer)
                           + " m."));
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      create_spherical_body<dim>(tria,
                                 {{inner, outer, ids::material::particle}},
                                 octant,
                                 isotropic_axes<dim>(outer));
    }

    double
    length_scale() const override
    {
      return outer;
    }

  private:
    double inner = 0, outer = 0;
    bool   octant = false;
  };
  HETERION_REGISTER_GEOMETRY_MODEL(HollowSphere,
                                   "hollow sphere",
                                   "A hollow sphere (annulus in 2D) with "
                                   "boundaries `surface` and `inner_surface`.")
} // namespace heterion::geometry

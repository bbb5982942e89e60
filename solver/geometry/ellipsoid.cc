#include <deal.II/base/utilities.h>

#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/geometry/tools.h>

namespace heterion::geometry
{
  using namespace dealii;

  /**
   * A solid ellipsoid (an ellipse in 2D) with semi-axes a, b (, c) along
   * x, y (, z), full or one octant. Material `particle`, boundary `surface`.
   */
  template <int dim>
  class Ellipsoid : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Ellipsoid");
      prm.declare_entry("Semi-axes",
                        "5e-6, 4e-6, 3e-6",
                        Patterns::List(Patterns::Double(0), 2, 3),
                        "Semi-axes along x, y and z [m] (in 2D the first "
                        "two are used). Each must be > 0.");
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
      prm.enter_subsection("Ellipsoid");
      const std::vector<double> values = Utilities::string_to_double(
        Utilities::split_string_list(prm.get("Semi-axes")));
      octant = prm.get_bool("Octant");
      prm.leave_subsection();
      AssertThrow(values.size() >= dim,
                  ExcInput("Geometry/Ellipsoid/Semi-axes needs "
                           + std::to_string(dim) + " values in "
                           + std::to_string(dim) + "D."));
      for (unsigned int d = 0; d < dim; ++d)
        {
          AssertThrow(values[d] > 0,
                      ExcInput(
                        "Geometry/Ellipsoid/Semi-axes must all be > 0 m."));
          semi_axes[d] = values[d];
        }
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      create_spherical_body<dim>(tria,
                                 {{0., semi_axes[0], ids::material::particle}},
                                 octant,
                                 semi_axes);
    }

    double
    length_scale() const override
    {
      double largest = 0;
      for (unsigned int d = 0; d < dim; ++d)
        largest = std::max(largest, semi_axes[d]);
      return largest;
    }

  private:
    Tensor<1, dim> semi_axes;
    bool           octant = false;
  };
  HETERION_REGISTER_GEOMETRY_MODEL(Ellipsoid,
                                   "ellipsoid",
                                   "A solid ellipsoid (ellipse in 2D), full or "
                                   "one octant. Material `particle`.")
} // namespace heterion::geometry

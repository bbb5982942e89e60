#include <deal.II/base/utilities.h>

#include <physics/disorder/interface.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace heterion::disorder
{
  using namespace dealii;

  /**
   * Graded core-shell or coating profiles: a function of the distance r
   * from a centre (`spherical`: r = |x - c|) or from an axis through the
   * centre along the unit vector a (`cylindrical`: r = |(x - c) - ((x -
   * c).a) a|), with layers between interface radii r_1 < ... < r_n and
   * values v_0 (inside r_1), ..., v_n (outside r_n):
   * @f[
   *   f(x) = v_0 + \sum_{i=1}^n (v_i - v_{i-1})\, H_w(r - r_i), \quad
   *   H_0(s) = [s \ge 0], \quad
   *   H_w(s) = \tfrac12 \left(1 + \tanh(s / w)\right) \; (w > 0).
   * @f]
   * In 2D, `cylindrical` with an axis along z is the same as `spherical`;
   * an axis in the plane gives bands about a line.
   *
   * Parameters (`Disorder/<name>/Radial layers`): `Geometry`, `Center`,
   * `Axis direction`, `Radii`, `Values`, `Transition width`.
   */
  template <int dim>
  class RadialLayers : public Field<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Radial layers");
      prm.declare_entry("Geometry",
                        "spherical",
                        Patterns::Selection("spherical|cylindrical"),
                        "`spherical`: r is the distance from `Center`; "
                        "`cylindrical`: the distance from the axis through "
                        "`Center` along `Axis direction`.");
      prm.declare_entry("Center",
                        "0,0,0",
                        Patterns::Anything(),
                        "The centre (a point on the axis) as `x,y[,z]` [m].");
      prm.declare_entry("Axis direction",
                        "0,0,1",
                        Patterns::Anything(),
                        "For `cylindrical`: the direction of the axis, "
                        "`ax,ay,az` (need not be normalized; not zero) [1].");
      prm.declare_entry("Radii",
                        "",
                        Patterns::Anything(),
                        "The interface radii r_1 < r_2 < ..., comma-"
                        "separated, each > 0 [m]; empty: one layer.");
      prm.declare_entry("Values",
                        "1",
                        Patterns::Anything(),
                        "The value in each layer from the centre outwards, "
                        "comma-separated: one more than `Radii` [unit of the "
                        "property it modifies, or 1 for a factor].");
      prm.declare_entry("Transition width",
                        "0",
                        Patterns::Double(),
                        "The width w of the steps [m]: 0 for sharp steps, > "
                        "0 for steps smoothed as 0.5 (1 + tanh((r - r_i)/w)).");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm, const std::string &section) override
    {
      const std::string path = section + "/Radial layers/";
      prm.enter_subsection("Radial layers");
      cylindrical                   = prm.get("Geometry") == "cylindrical";
      const std::string center_text = prm.get("Center");
      const std::string axis_text   = prm.get("Axis direction");
      const std::string radii_text  = prm.get("Radii");
      const std::string values_text = prm.get("Values");
      width                         = prm.get_double("Transition width");
      prm.leave_subsection();

      // The centre: dim numbers (in 2D also x,y,0).
      const std::vector<double> c = numbers(path + "Center", center_text);
      AssertThrow(c.size() == dim || (dim == 2 && c.size() == 3 && c[2] == 0),
                  ExcInput(path + "Center = '" + center_text + "' must have "
                           + std::to_string(dim) + " coordinates [m]."));
      for (unsigned int d = 0; d < dim; ++d)
        center[d] = c[d];

      const std::vector<double> a = numbers(path + "Axis direction", axis_text);
      AssertThrow(a.size() == 3 || a.size() == dim,
                  ExcInput(path + "Axis direction = '" + axis_text
                           + "' must have 3 components."));
      double norm = 0;
      for (const double x : a)
        norm += x * x;
      norm = std::sqrt(norm);
      AssertThrow(norm > 0,
                  ExcInput(path + "Axis direction = '" + axis_text
                           + "' is the zero vector; give a direction."));
      // The in-plane part of the unit axis (in 2D the z part drops out of
      // the projection: an axis along z gives the distance from c).
      for (unsigned int d = 0; d < dim; ++d)
        axis[d] = a[d] / norm;

      radii = numbers(path + "Radii", radii_text);
      for (unsigned int i = 0; i < radii.size(); ++i)
        {
          AssertThrow(radii[i] > 0,
                      ExcInput(path + "Radii = '" + radii_text + "': radius "
                               + to_text(radii[i]) + " must be > 0 [m]."));
          AssertThrow(i == 0 || radii[i] > radii[i - 1],
                      ExcInput(path + "Radii = '" + radii_text
                               + "' must be strictly increasing ("
                               + to_text(radii[i]) + " follows "
                               + to_text(radii[i - 1]) + ")."));
        }
      values = numbers(path + "Values", values_text);
      AssertThrow(values.size() == radii.size() + 1,
                  ExcInput(path + "Values = '" + values_text + "' has "
                           + std::to_string(values.size()) + " values; with "
                           + std::to_string(radii.size()) + " radii it needs "
                           + std::to_string(radii.size() + 1)
                           + " (one per layer, from the centre outwards)."));
      AssertThrow(width >= 0,
                  ExcInput(path + "Transition width = " + to_text(width)
                           + " must be >= 0 [m]."));
    }

    void
    initialize(const FieldContext<dim> &) override
    {
    }

    double
    value(const Point<dim> &point, const types::material_id) const override
    {
      const Tensor<1, dim> dx = point - center;
      // Distance from the 3D axis of a point of the (x, y, 0) plane in 2D.
      const double along = cylindrical ? dx * axis : 0.;
      const double r
        = std::sqrt(std::max(0., dx.norm_square() - along * along));
      double result = values[0];
      for (unsigned int i = 0; i < radii.size(); ++i)
        {
          const double s = r - radii[i];
          const double step
            = width > 0 ? 0.5 * (1 + std::tanh(s / width)) : (s >= 0 ? 1. : 0.);
          result += (values[i + 1] - values[i]) * step;
        }
      return result;
    }

  private:
    /** Comma-separated numbers of @p entry (empty text: none). */
    static std::vector<double>
    numbers(const std::string &entry, const std::string &text)
    {
      std::vector<double> result;
      if (Utilities::trim(text).empty())
        return result;
      for (const std::string &part : Utilities::split_string_list(text, ','))
        {
          const char  *begin = part.c_str();
          char        *end   = nullptr;
          const double x     = std::strtod(begin, &end);
          AssertThrow(end != begin && *end == '\0' && std::isfinite(x),
                      ExcInput(entry + " = '" + text + "': '" + part
                               + "' is not a number."));
          result.push_back(x);
        }
      return result;
    }

    bool                cylindrical = false;
    Point<dim>          center;
    Tensor<1, dim>      axis;
    std::vector<double> radii;
    std::vector<double> values{1.};
    double              width = 0;
  };

  HETERION_REGISTER_DISORDER_FIELD(
    RadialLayers,
    "radial layers",
    "Layers about a centre (spherical) or an axis (cylindrical), sharp or "
    "tanh-graded (`Radial layers/...`).")
} // namespace heterion::disorder

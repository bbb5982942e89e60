#include <physics/disorder/interface.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace heterion::disorder
{
  using namespace dealii;

  /**
   * A two-phase indicator built from another field s (e.g. a Gaussian random
   * field) at a target volume fraction phi, for percolating two-phase
   * networks (amorphous/crystalline, ...):
   * @f[
   *   f(x) = v_\text{in} \text{ if } s(x) > t, \quad v_\text{out}
   *   \text{ otherwise},
   * @f]
   * where the threshold t is the empirical (1 - phi)-quantile of s sampled
   * at the cell centres of a uniform lattice of n^dim cells covering the
   * domain's bounding box, so that the fraction of the box where s > t is
   * phi up to the lattice resolution. The source is sampled with material
   * id 0 and evaluated with the material id of the point. f is a function
   * of position only (independent of the mesh and the partition).
   *
   * Parameters (`Disorder/<name>/Threshold`): `Source field`, `Volume
   * fraction`, `Inside value`, `Outside value`, `Samples per direction`.
   */
  template <int dim>
  class Threshold : public Field<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Threshold");
      prm.declare_entry("Source field",
                        "",
                        Patterns::Anything(),
                        "The name of the field s (in `Disorder/Fields`) that "
                        "is thresholded, e.g. a `gaussian random field`.");
      prm.declare_entry("Volume fraction",
                        "0.5",
                        Patterns::Double(),
                        "The target fraction phi in (0, 1) [1] of the domain "
                        "box where s exceeds the threshold (the inside "
                        "phase).");
      prm.declare_entry("Inside value",
                        "1",
                        Patterns::Double(),
                        "The value where s > t [unit of the field].");
      prm.declare_entry("Outside value",
                        "0",
                        Patterns::Double(),
                        "The value where s <= t [unit of the field].");
      prm.declare_entry("Samples per direction",
                        "0",
                        Patterns::Integer(),
                        "The number n of lattice cells per direction of the "
                        "domain box at whose centres s is sampled to find "
                        "the threshold (n^dim samples; 0 = automatic: 200 in "
                        "2D, 48 in 3D). Use at least a few samples per "
                        "correlation length of s.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm, const std::string &section) override
    {
      const std::string path = section + "/Threshold/";
      prm.enter_subsection("Threshold");
      source_name     = prm.get("Source field");
      volume_fraction = prm.get_double("Volume fraction");
      inside_value    = prm.get_double("Inside value");
      outside_value   = prm.get_double("Outside value");
      const long n    = prm.get_integer("Samples per direction");
      prm.leave_subsection();

      AssertThrow(!source_name.empty(),
                  ExcInput(path
                           + "Source field is empty: give the name of "
                             "another field in Disorder/Fields."));
      AssertThrow(volume_fraction > 0 && volume_fraction < 1,
                  ExcInput(path
                           + "Volume fraction = " + to_text(volume_fraction)
                           + " is not allowed: it must be in (0, 1)."));
      // At most 1e8 samples in all.
      const long n_max = dim == 2 ? 10000 : 464;
      AssertThrow(n >= 0 && n <= n_max,
                  ExcInput(path + "Samples per direction = " + std::to_string(n)
                           + " is not allowed: it must be in [0, "
                           + std::to_string(n_max) + "] in "
                           + std::to_string(dim) + "D (0 = automatic)."));
      n_samples_per_direction = n > 0 ? n : (dim == 2 ? 200 : 48);
    }

    std::vector<std::string>
    dependencies() const override
    {
      return {source_name};
    }

    void
    initialize(const FieldContext<dim> &context) override
    {
      AssertThrow(source_name != context.name,
                  ExcInput(context.section
                           + "/Threshold/Source field = " + source_name
                           + " is the field itself: give another field."));
      Assert(context.field, ExcInternalError());
      source = &context.field(source_name);

      const auto        corners = context.domain.get_boundary_points();
      const std::size_t n       = n_samples_per_direction;
      std::size_t       n_total = 1;
      for (int d = 0; d < dim; ++d)
        n_total *= n;
      std::vector<double> samples(n_total);
      for (std::size_t i = 0; i < n_total; ++i)
        {
          Point<dim>  p;
          std::size_t index = i;
          for (int d = 0; d < dim; ++d)
            {
              const double h = (corners.second[d] - corners.first[d]) / n;
              p[d]           = corners.first[d] + (index % n + 0.5) * h;
              index /= n;
            }
          samples[i] = source->value(p, 0);
        }

      // t = the m-th smallest sample (0-based m = n_total - n_inside - 1),
      // so that the n_inside largest samples are > t (without ties).
      const std::size_t n_inside
        = static_cast<std::size_t>(std::llround(volume_fraction * n_total));
      if (n_inside >= n_total)
        threshold = -std::numeric_limits<double>::infinity();
      else
        {
          const auto nth = samples.begin() + (n_total - n_inside - 1);
          std::nth_element(samples.begin(), nth, samples.end());
          threshold = *nth;
        }
      achieved_fraction
        = static_cast<double>(
            std::count_if(samples.begin(),
                          samples.end(),
                          [this](const double s) { return s > threshold; }))
          / n_total;
    }

    double
    value(const Point<dim> &point, const types::material_id id) const override
    {
      return source->value(point, id) > threshold ? inside_value
                                                  : outside_value;
    }

    std::string
    summary() const override
    {
      return "threshold of " + source_name + ": t = " + to_text(threshold)
             + ", volume fraction " + to_text(achieved_fraction) + " (target "
             + to_text(volume_fraction) + ") on a "
             + std::to_string(n_samples_per_direction) + "^"
             + std::to_string(dim) + " lattice";
    }

  private:
    std::string  source_name;
    double       volume_fraction         = 0.5;
    double       inside_value            = 1;
    double       outside_value           = 0;
    unsigned int n_samples_per_direction = 0;

    /** The source field (owned by the disorder manager, which keeps it
     * alive as long as this field). */
    const Field<dim> *source            = nullptr;
    double            threshold         = 0;
    double            achieved_fraction = 0;
  };

  HETERION_REGISTER_DISORDER_FIELD(
    Threshold,
    "threshold",
    "A two-phase indicator: `Inside value` where another field exceeds the "
    "threshold that gives it the target `Volume fraction` of the domain box, "
    "`Outside value` elsewhere (`Threshold/...`).")
} // namespace heterion::disorder

#include <physics/materials/properties.h>
#include <solver/adaptivity/indicator.h>
#include <solver/input_error.h>

#include <algorithm>
#include <limits>

namespace heterion::adaptivity
{
  namespace
  {
    using namespace dealii;

    /**
     * Where the disorder fields vary fast: the relative spread of each
     * property of `Properties` over the quadrature points of a cell,
     *   eta_K = (max_K p - min_K p) / max_K |p|,
     * summed over the properties (D at theta = 1/2). Static: it refines
     * the mesh where the material varies, whatever the solution does.
     */
    template <int dim>
    class PropertyVariation : public RefinementIndicator<dim>
    {
    public:
      static void
      declare_parameters(ParameterHandler &prm)
      {
        prm.declare_entry(
          "Properties",
          "Diffusivity",
          Patterns::Anything(),
          "Indicator `property variation`: the properties (entries of "
          "Materials/<name>, comma-separated) whose relative spread within "
          "a cell, from the disorder fields, drives refinement.");
      }

      void
      parse_parameters(ParameterHandler &prm,
                       const std::vector<std::string> &) override
      {
        properties.clear();
        for (const std::string &name :
             Utilities::split_string_list(prm.get("Properties")))
          {
            bool found = false;
            for (const auto &row : materials::property_table())
              if (row.entry == name && row.material_entry)
                {
                  properties.push_back(row.p);
                  found = true;
                }
            AssertThrow(found,
                        ExcInput("Adaptive refinement/Properties: '" + name
                                 + "' is not a property of Materials/<name> "
                                   "(for example Diffusivity, Maximum "
                                   "concentration, Young modulus)."));
          }
      }

      void
      estimate(const SimulatorContext<dim> &context,
               Vector<float>               &indicator) const override
      {
        const auto &tria  = context.dof_handler.get_triangulation();
        const auto &cache = context.assembler.property_cache();
        indicator.reinit(tria.n_active_cells());
        const unsigned int n_points = cache.n_points_per_cell();
        for (const auto &cell : tria.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const materials::Property p : properties)
              {
                double low  = std::numeric_limits<double>::max();
                double high = -low, size = 0;
                for (unsigned int q = 0; q < n_points; ++q)
                  {
                    double value = 0, unused = 0;
                    if (p == materials::Property::diffusivity)
                      cache.diffusivity(cell, q, 0.5, value, unused);
                    else
                      value = cache.value(p, cell, q);
                    low  = std::min(low, value);
                    high = std::max(high, value);
                    size = std::max(size, std::abs(value));
                  }
                if (size > 0)
                  indicator(cell->active_cell_index()) += (high - low) / size;
              }
      }

    private:
      std::vector<materials::Property> properties;
    };
  } // namespace

  HETERION_REGISTER_REFINEMENT_INDICATOR(
    PropertyVariation,
    "property variation",
    "the relative spread of the properties of `Properties` within a cell "
    "(from the disorder fields): refines where the material varies fast.")
} // namespace heterion::adaptivity

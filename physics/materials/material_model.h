#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <array>
#include <memory>
#include <string>

#include <solver/geometry/ids.h>

namespace heterion::materials
{
  /**
   * The material model: property values per material id (see ids.h). For
   * transport it gives the site density c_max [mol/m^3] and the
   * diffusivity D(theta) [m^2/s] with its derivative dD/dtheta, where
   * theta = c / c_max is the state of charge. D may be a constant or a
   * muParser expression of `theta`; the problem is linear exactly when
   * every D is a constant.
   *
   * Parameters: one subsection per material name in `Materials`.
   */
  class MaterialModel
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /** Site density c_max [mol/m^3] of material @p id. */
    double
    maximum_concentration(const dealii::types::material_id id) const;

    /** Diffusivity D(theta) [m^2/s] and dD/dtheta of material @p id. */
    void
    diffusivity(const dealii::types::material_id id,
                const double                     theta,
                double                          &value,
                double                          &derivative) const;

    /** True when no property depends on the solution. */
    bool
    is_linear() const;

    /** The largest site density of all materials [mol/m^3]. */
    double
    concentration_scale() const;

  private:
    struct Properties
    {
      double                                     c_max = 1;
      std::string                                diffusivity_text;
      bool                                       constant_diffusivity = true;
      double                                     diffusivity_value    = 1;
      std::unique_ptr<dealii::FunctionParser<1>> diffusivity_function;
    };
    std::array<Properties, ids::material::n_ids> properties;
  };
} // namespace heterion::materials

#pragma once

#include <deal.II/base/parameter_handler.h>

#include <solver/parameter_check.h>

#include <string>
#include <vector>

namespace heterion
{
  /**
   * The warnings (without the `heterion: warning: ` prefix) for the
   * settings that have no effect because they are in the subsection of a
   * model that is not selected: a geometry model's subsection of `Geometry`
   * when `Geometry/Model` selects another model, and a disorder field
   * model's subsection of `Disorder/<field>` when `Disorder/<field>/Model`
   * selects another one. The subsections of each model are found by letting
   * it declare its parameters alone. @p prm holds the parsed values; one
   * warning per setting, naming where it was written and the selected
   * model.
   */
  std::vector<std::string>
  unselected_model_warnings(const dealii::ParameterHandler &prm,
                            const std::vector<Setting>     &settings);
} // namespace heterion

#pragma once

#include <deal.II/base/function_parser.h>

#include <memory>
#include <string>

namespace heterion
{
  /**
   * Creates a muParser function of @p variables (e.g. "x,y,z,t" or "theta")
   * from the parameter @p entry's @p expression, with the constant `pi`.
   * The expression is evaluated once here, so that a syntax error or an
   * unknown variable is reported at once as ExcInput naming the entry,
   * instead of at the first evaluation deep inside a solve. A function of
   * @p n_components components takes one expression per component,
   * separated by `;`.
   */
  template <int dim>
  std::unique_ptr<dealii::FunctionParser<dim>>
  make_parsed_function(const std::string &entry,
                       const std::string &expression,
                       const std::string &variables,
                       const bool         time_dependent,
                       const unsigned int n_components = 1);

  /** Formats a number for messages (%.6g). */
  std::string
  to_text(const double value);
} // namespace heterion

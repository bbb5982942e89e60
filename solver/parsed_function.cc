#include <deal.II/base/point.h>
#include <deal.II/lac/vector.h>

#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <cstdio>
#include <iostream>

namespace heterion
{
  using namespace dealii;

  template <int dim>
  std::unique_ptr<FunctionParser<dim>>
  make_parsed_function(const std::string &entry,
                       const std::string &expression,
                       const std::string &variables,
                       const bool         time_dependent,
                       const unsigned int n_components)
  {
    auto        function = std::make_unique<FunctionParser<dim>>(n_components);
    std::string problem;
    // deal.II prints muParser's diagnostics to std::cerr; the user gets
    // one paragraph from us instead.
    std::streambuf *saved = std::cerr.rdbuf(nullptr);
    try
      {
        function->initialize(variables,
                             expression,
                             {{"pi", numbers::PI}},
                             time_dependent);
        Vector<double> values(n_components);
        function->vector_value(Point<dim>(), values);
      }
    catch (const std::exception &exc)
      {
        problem = user_message(exc);
      }
    std::cerr.clear();
    std::cerr.rdbuf(saved);
    AssertThrow(problem.empty(),
                ExcInput(
                  entry + ": cannot parse '" + expression
                  + "' as a number or a muParser expression of " + variables
                  + (n_components > 1 ? " (" + std::to_string(n_components)
                                          + " components separated by ';')"
                                      : std::string())
                  + " (" + problem + ")."));
    return function;
  }

  std::string
  to_text(const double value)
  {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.6g", value);
    return buffer;
  }

  template std::unique_ptr<FunctionParser<1>>
  make_parsed_function(const std::string &,
                       const std::string &,
                       const std::string &,
                       const bool,
                       const unsigned int);
  template std::unique_ptr<FunctionParser<2>>
  make_parsed_function(const std::string &,
                       const std::string &,
                       const std::string &,
                       const bool,
                       const unsigned int);
  template std::unique_ptr<FunctionParser<3>>
  make_parsed_function(const std::string &,
                       const std::string &,
                       const std::string &,
                       const bool,
                       const unsigned int);
} // namespace heterion

#include <deal.II/base/point.h>

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
                       const bool         time_dependent)
  {
    auto        function = std::make_unique<FunctionParser<dim>>(1);
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
        (void)function->value(Point<dim>());
      }
    catch (const std::exception &exc)
      {
        problem = user_message(exc);
      }
    std::cerr.clear();
    std::cerr.rdbuf(saved);
    AssertThrow(problem.empty(),
                ExcInput(entry + ": cannot parse '" + expression
                         + "' as a number or a muParser expression of "
                         + variables + " (" + problem + ")."));
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
                       const bool);
  template std::unique_ptr<FunctionParser<2>>
  make_parsed_function(const std::string &,
                       const std::string &,
                       const std::string &,
                       const bool);
  template std::unique_ptr<FunctionParser<3>>
  make_parsed_function(const std::string &,
                       const std::string &,
                       const std::string &,
                       const bool);
} // namespace heterion

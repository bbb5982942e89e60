#pragma once

#include <deal.II/base/exceptions.h>

#include <string>

namespace heterion
{
  /**
   * The exception for every user error (a bad parameter value, a missing
   * file, an inconsistent geometry). Thrown with
   * `AssertThrow(condition, ExcInput("message"))`; main() prints only the
   * message, as one paragraph on stderr, and exits with a non-zero code.
   * The message names the file or entry, the value and what is allowed.
   */
  DeclException1(ExcInput, std::string, << arg1);

  /**
   * An error of a run in progress: a step that cannot be solved, a state
   * that cannot be trusted, a file that cannot be written. main() reports it
   * as it is, without the name of the parameter file (which ExcInput gets).
   */
  class ExcRunFailure : public ExcInput
  {
  public:
    using ExcInput::ExcInput;
  };

  /**
   * Returns the user-facing text of any exception: for deal.II exceptions
   * only the additional information (no file, line or stack trace).
   */
  std::string
  user_message(const std::exception &exc);
} // namespace heterion

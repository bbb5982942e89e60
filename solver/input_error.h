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
   * only the additional information (no file, line or stack trace), with
   * the descriptions of deal.II patterns made readable (see
   * readable_patterns()).
   */
  std::string
  user_message(const std::exception &exc);

  /**
   * @p text with every deal.II pattern description replaced by words:
   * `[Double 0...MAX_DOUBLE (inclusive)]` becomes `a number in [0,
   * infinity)`, `[Integer range 1...2147483647 (inclusive)]` `an integer in
   * [1, infinity)`, `[Bool]` `true or false`, `[Selection a|b ]` `one of: a,
   * b`, `[List of <...> of length 1...3 (inclusive)]` `a comma-separated
   * list of 1 to 3 values, each ...` and `[Anything]` `any text`.
   */
  std::string
  readable_patterns(const std::string &text);

  /**
   * @p text (a line or value of the input) for a message: control
   * characters shown as `?`, cut to @p max_length characters with "..."
   * appended if it is longer.
   */
  std::string
  excerpt(const std::string &text, const std::size_t max_length = 100);
} // namespace heterion

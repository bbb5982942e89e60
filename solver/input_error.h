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
   * Returns the user-facing text of any exception: for deal.II exceptions
   * only the additional information (no file, line or stack trace).
   */
  std::string
  user_message(const std::exception &exc);
  /**
   * @p text (a line or value of the input) for a message: control
   * characters shown as `?`, cut to @p max_length characters with "..."
   * appended if it is longer.
   */
  std::string
  excerpt(const std::string &text, const std::size_t max_length = 100);
} // namespace heterion

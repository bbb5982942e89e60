#pragma once

#include <solver/parameter_file.h>
#include <solver/parameter_reference.h>

#include <string>
#include <vector>

namespace heterion
{
  /**
   * One assignment of an entry by the user: a `set` line of a parameter
   * file or a `--set` override on the command line.
   */
  struct Setting
  {
    /** The subsections of the entry, outermost first. */
    std::vector<std::string> section;
    /** The entry name. */
    std::string entry;
    /** The value, as written. */
    std::string value;
    /** Where it was written, for messages: "FILE, line N" or "--set '...'". */
    std::string where;
    /**
     * The directory of the parameter file that contains the `set` line ("" for
     * the working directory and for `--set`).
     */
    std::string directory;

    /** `Section/Subsection/Entry`. */
    std::string
    path() const;
  };

  /** The `set` statements of @p file, in order. */
  std::vector<Setting>
  settings_of(const ParameterFile &file);

  /**
   * The Setting of the override `Section/Entry=value` of `--set`. Throws
   * ExcInput if @p text has no `=`.
   */
  Setting
  setting_of_override(const std::string &text);

  /**
   * Checks every statement of @p file against the declarations @p declared:
   * each subsection and entry must be declared, and each value must match
   * its entry's pattern. Throws ExcInput naming the file and line, what is
   * wrong and the closest declared names.
   */
  void
  check_statements(const ParameterFile      &file,
                   const DeclaredParameters &declared);

  /**
   * Checks one override of `--set` as check_statements() checks a `set`
   * line.
   */
  void
  check_setting(const Setting &setting, const DeclaredParameters &declared);
} // namespace heterion

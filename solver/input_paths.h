#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace heterion
{
  struct Setting;

  /**
   * How a relative path of an input file is found, for the documentation of
   * the entries that name one (see resolve_input_paths()).
   */
  inline const std::string relative_path_rule
    = "A relative path is relative to the directory of the parameter file "
      "that sets it (as for `include`), or to the working directory if the "
      "file is not there; a path given with `--set` is relative to the "
      "working directory.";

  /**
   * The same as relative_path_rule, short, for messages about a file that
   * cannot be read.
   */
  inline const std::string relative_path_hint
    = "a relative path is looked up next to the parameter file that sets "
      "it, then in the working directory";

  /**
   * @p path (of an input file, set by @p setting) by relative_path_rule:
   * next to the parameter file that sets it if it exists there, else as
   * given.
   */
  std::string
  resolve_input_path(const std::string &path, const Setting &setting);

  /**
   * Resolves the relative paths of input files in @p prm: the entries
   * `Geometry/Gmsh/File name`, `Disorder/<field>/From file/File name`,
   * `Disorder/<field>/Inclusions/File name` and
   * `Materials/<material>/Open-circuit potential` (its `table:FILE`). For
   * each of @p settings (in order, so the last one of an entry wins, as in
   * @p prm) of such an entry that was written in a parameter file, a
   * relative path that exists relative to the directory of that file
   * replaces the value by that path; any other value stays as it is, so a
   * relative path is then relative to the working directory.
   */
  void
  resolve_input_paths(dealii::ParameterHandler   &prm,
                      const std::vector<Setting> &settings);
} // namespace heterion

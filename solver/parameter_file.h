#pragma once

#include <string>
#include <vector>

namespace heterion
{
  /**
   * A parameter file with its `include` lines expanded. A line
   * `include PATH` (leading blanks allowed, the keyword in any case) is
   * replaced by the lines of PATH, recursively, so a file of `set` lines
   * (a material of parameter_files/materials/) can be included inside a
   * subsection. A relative PATH is looked up next to the including file,
   * then in the source tree's `parameter_files/` directory
   * (library_directory()).
   *
   * origin() maps a line of the expanded text back to its file and line,
   * so that messages about the expanded text can name where the line was
   * written.
   */
  class ParameterFile
  {
  public:
    /**
     * Reads @p filename. Throws ExcInput naming the file and line of an
     * include that cannot be found, or an include cycle.
     */
    explicit ParameterFile(const std::string &filename);

    /** The expanded text. */
    const std::string &
    text() const;

    /** True if the file includes another one. */
    bool
    has_includes() const;

    /** "FILE, line N" of line @p line (1-based) of the expanded text. */
    std::string
    origin(const unsigned int line) const;

    /**
     * @p message with every deal.II position `Line <N> of file <...>`
     * replaced by the file and line it came from.
     */
    std::string
    translate(const std::string &message) const;

    /** The directory searched second for included files. */
    static std::string
    library_directory();

  private:
    void
    read(const std::string        &filename,
         std::vector<std::string> &stack,
         const std::string        &included_from);

    std::string text_;
    /** The file and line of each expanded line. */
    std::vector<std::pair<std::string, unsigned int>> origins;
    bool                                              includes = false;
  };
} // namespace heterion

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
   * Every file must be text: a UTF-8 byte order mark at its start is
   * skipped, binary data (a NUL byte or another control character) and
   * lines longer than max_line_length are refused with the file and line.
   *
   * origin() maps a line of the expanded text back to its file and line,
   * so that messages about the expanded text can name where the line was
   * written. statements() lists the `subsection` and `set` statements of
   * the expanded text, read as deal.II's ParameterHandler reads them.
   */
  class ParameterFile
  {
  public:
    /** The longest line accepted (in bytes). */
    static constexpr std::size_t max_line_length = 10000;

    /**
     * A `subsection NAME` or `set NAME = VALUE` statement of the expanded
     * text.
     */
    struct Statement
    {
      enum class Kind
      {
        subsection,
        set
      };
      Kind kind = Kind::set;
      /** The names of the subsections it is in, outermost first. */
      std::vector<std::string> section;
      /** The lines of the `subsection` statements of #section. */
      std::vector<unsigned int> section_lines;
      /** The subsection or entry name. */
      std::string name;
      /** The value of a `set` statement. */
      std::string value;
      /**
       * The line of the expanded text (1-based; the last line of a
       * statement continued with `\`).
       */
      unsigned int line = 0;
    };

    /**
     * Reads @p filename. Throws ExcInput naming the file and line of an
     * include that cannot be found, an include cycle, binary data, a line
     * that is too long, or a line that is no statement of a parameter
     * file.
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
     * The directory of the file that line @p line (1-based) of the expanded
     * text comes from ("" for the working directory).
     */
    std::string
    directory(const unsigned int line) const;

    /**
     * @p message with every deal.II position `Line <N> of file <...>`
     * replaced by the file and line it came from.
     */
    std::string
    translate(const std::string &message) const;

    /** The `subsection` and `set` statements, in the order of the text. */
    const std::vector<Statement> &
    statements() const;

    /** The number of `set` statements. */
    unsigned int
    n_settings() const;

    /**
     * Throws ExcInput naming the file and line of an `end` without a
     * subsection to leave, or of a `subsection` that is never closed.
     */
    void
    check_nesting() const;

    /** The directory searched second for included files. */
    static std::string
    library_directory();

  private:
    void
    read(const std::string        &filename,
         std::vector<std::string> &stack,
         const std::string        &included_from);

    /**
     * Fills #statements_ from #text_ and records the first nesting error
     * in #nesting_error.
     */
    void
    scan();

    /**
     * Adds the statement @p original (a logical line ending on line @p line
     * of the expanded text) inside the subsections @p section (opened on
     * @p section_lines), which a `subsection` or `end` changes.
     */
    void
    add_statement(const std::string         &original,
                  const unsigned int         line,
                  std::vector<std::string>  &section,
                  std::vector<unsigned int> &section_lines);

    std::string text_;
    /** The file and line of each expanded line. */
    std::vector<std::pair<std::string, unsigned int>> origins;
    bool                                              includes = false;
    std::vector<Statement>                            statements_;
    std::string                                       nesting_error;
  };
} // namespace heterion

#include <solver/input_error.h>
#include <solver/parameter_file.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#ifndef HETERION_PARAMETER_DIR
#define HETERION_PARAMETER_DIR "parameter_files"
#endif

namespace heterion
{
  namespace
  {
    /** The path of an `include PATH` line, or "" for any other line. */
    std::string
    included_path(const std::string &line)
    {
      static const std::regex include_line(
        "^\\s*[iI][nN][cC][lL][uU][dD][eE]\\s+(.*\\S)\\s*$");
      std::smatch m;
      if (!std::regex_match(line, m, include_line))
        return "";
      // A trailing comment is not part of the path.
      std::string path = m[1];
      const auto  hash = path.find('#');
      if (hash != std::string::npos)
        path = path.substr(0, hash);
      while (!path.empty()
             && std::isspace(static_cast<unsigned char>(path.back())))
        path.pop_back();
      return path;
    }


    /**
     * Reads the next line of @p in (without its '\n') into @p line, at most
     * @p max_length + 1 bytes of it; returns false at the end of the input.
     */
    bool
    read_line(std::istream &in, std::string &line, const std::size_t max_length)
    {
      line.clear();
      std::streambuf *buffer = in.rdbuf();
      bool            any    = false;
      for (int ch; (ch = buffer->sbumpc()) != std::char_traits<char>::eof();)
        {
          any = true;
          if (ch == '\n')
            return true;
          line += static_cast<char>(ch);
          if (line.size() > max_length)
            return true;
        }
      return any;
    }


    /** @p text without leading and trailing white space. */
    std::string
    trim(const std::string &text)
    {
      std::size_t begin = 0, end = text.size();
      while (begin < end
             && std::isspace(static_cast<unsigned char>(text[begin])))
        ++begin;
      while (end > begin
             && std::isspace(static_cast<unsigned char>(text[end - 1])))
        --end;
      return text.substr(begin, end - begin);
    }


    /** True if @p text starts with @p prefix. */
    bool
    starts_with(const std::string &text, const std::string &prefix)
    {
      return text.compare(0, prefix.size(), prefix) == 0;
    }


    /** @p names joined by '/'. */
    std::string
    join_path(const std::vector<std::string> &names)
    {
      std::string path;
      for (const std::string &name : names)
        path += (path.empty() ? "" : "/") + name;
      return path;
    }
  } // namespace


  ParameterFile::ParameterFile(const std::string &filename)
  {
    std::vector<std::string> stack;
    read(filename, stack, "");
    scan();
  }


  void
  ParameterFile::read(const std::string        &filename,
                      std::vector<std::string> &stack,
                      const std::string        &included_from)
  {
    std::ifstream in(filename, std::ios::binary);
    AssertThrow(in.good(),
                ExcInput(included_from + "cannot read the parameter file '"
                         + filename + "'."));
    const std::string canonical
      = std::filesystem::weakly_canonical(filename).string();
    AssertThrow(std::find(stack.begin(), stack.end(), canonical) == stack.end(),
                ExcInput(included_from + "'" + filename
                         + "' includes itself (an include cycle)."));
    stack.push_back(canonical);
    unsigned int number = 0;
    for (std::string line; read_line(in, line, max_line_length);)
      {
        ++number;
        const std::string where
          = filename + ", line " + std::to_string(number) + ": ";
        if (number == 1)
          {
            // A UTF-8 byte order mark (some Windows editors write one).
            if (starts_with(line, "\xEF\xBB\xBF"))
              line.erase(0, 3);
            AssertThrow(!starts_with(line, "\xFF\xFE")
                          && !starts_with(line, "\xFE\xFF"),
                        ExcInput(where
                                 + "the file is UTF-16 encoded; save it as "
                                   "UTF-8 (or ASCII) text."));
          }
        const auto binary = std::find_if(line.begin(), line.end(), [](char c) {
          const unsigned char ch = c;
          return (ch < 0x20 && ch != '\t' && ch != '\r' && ch != '\f'
                  && ch != '\v')
                 || ch == 0x7F;
        });
        if (binary != line.end())
          {
            char byte[8];
            std::snprintf(byte,
                          sizeof(byte),
                          "0x%02X",
                          static_cast<unsigned int>(
                            static_cast<unsigned char>(*binary)));
            AssertThrow(false,
                        ExcInput(where + "the file contains binary data (byte "
                                 + byte + " in column "
                                 + std::to_string(binary - line.begin() + 1)
                                 + "), not text: is it a parameter file?"));
          }
        AssertThrow(line.size() <= max_line_length,
                    ExcInput(where + "the line is longer than "
                             + std::to_string(max_line_length)
                             + " characters: is this a parameter file?"));

        const std::string path = included_path(line);
        if (path.empty())
          {
            text_ += line + "\n";
            origins.emplace_back(filename, number);
            continue;
          }
        includes = true;
        const std::filesystem::path next_to
          = std::filesystem::path(filename).parent_path() / path;
        const std::filesystem::path in_library
          = std::filesystem::path(library_directory()) / path;
        std::string found;
        if (std::filesystem::path(path).is_absolute())
          found = path;
        else if (std::filesystem::is_regular_file(next_to))
          found = next_to.string();
        else if (std::filesystem::is_regular_file(in_library))
          found = in_library.string();
        AssertThrow(!found.empty() && std::filesystem::is_regular_file(found),
                    ExcInput(
                      where + "the included file '" + path
                      + "' does not exist (looked for "
                      + (std::filesystem::path(path).is_absolute()
                           ? path
                           : next_to.string() + " and " + in_library.string())
                      + ")."));
        read(found, stack, where);
      }
    stack.pop_back();
  }


  void
  ParameterFile::scan()
  {
    // The rules of ParameterHandler::parse_input(): lines are trimmed, and
    // a line ending in `\` continues on the next one.
    std::vector<std::string>  section;
    std::vector<unsigned int> section_lines;
    std::istringstream        in(text_);
    std::string               joined;
    bool                      continued = false;
    unsigned int              number    = 0;
    for (std::string line; std::getline(in, line);)
      {
        ++number;
        line      = trim(line);
        continued = !line.empty() && line.back() == '\\';
        if (continued)
          {
            line.pop_back();
            joined += line;
            continue;
          }
        joined += line;
        add_statement(joined, number, section, section_lines);
        joined.clear();
      }
    if (continued)
      add_statement(joined, number, section, section_lines);

    if (!section.empty() && nesting_error.empty())
      nesting_error
        = origin(section_lines.back()) + ": `subsection " + section.back()
          + "` is never closed: the input ends inside " + join_path(section)
          + (section.size() > 1
               ? " (" + std::to_string(section.size()) + " subsections open)"
               : "")
          + "; add the missing `end`.";
  }


  void
  ParameterFile::add_statement(const std::string         &original,
                               const unsigned int         line,
                               std::vector<std::string>  &section,
                               std::vector<unsigned int> &section_lines)
  {
    // As ParameterHandler::scan_line(): `#` starts a comment, the keywords
    // are in lower or upper case.
    std::string statement = original;
    const auto  hash      = statement.find('#');
    if (hash != std::string::npos)
      statement.erase(hash);
    std::replace(statement.begin(), statement.end(), '\t', ' ');
    statement = trim(statement);
    if (statement.empty())
      return;
    const std::string where  = origin(line) + ": ";
    const std::string quoted = "cannot read '" + excerpt(trim(original)) + "'";
    if (starts_with(statement, "subsection ")
        || starts_with(statement, "SUBSECTION "))
      {
        Statement s;
        s.kind          = Statement::Kind::subsection;
        s.section       = section;
        s.section_lines = section_lines;
        s.name          = trim(statement.substr(11));
        s.line          = line;
        statements_.push_back(s);
        section.push_back(s.name);
        section_lines.push_back(line);
      }
    else if (starts_with(statement, "end") || starts_with(statement, "END"))
      {
        AssertThrow(trim(statement.substr(3)).empty(),
                    ExcInput(where + quoted
                             + ": nothing but a comment may follow `end`."));
        if (section.empty())
          {
            if (nesting_error.empty())
              nesting_error = where
                              + "`end` without a subsection to leave: every "
                                "`end` closes one `subsection`, and none is "
                                "open here.";
            return;
          }
        section.pop_back();
        section_lines.pop_back();
      }
    else if (starts_with(statement, "set ") || starts_with(statement, "SET "))
      {
        const auto equals = statement.find('=');
        AssertThrow(equals != std::string::npos,
                    ExcInput(where + quoted
                             + ": a `set` line needs `=` between the entry "
                               "name and the value."));
        Statement s;
        s.kind          = Statement::Kind::set;
        s.section       = section;
        s.section_lines = section_lines;
        s.name          = trim(statement.substr(4, equals - 4));
        s.value         = trim(statement.substr(equals + 1));
        s.line          = line;
        statements_.push_back(s);
      }
    else
      {
        AssertThrow(false,
                    ExcInput(where + quoted
                             + ": a line of a parameter file is `subsection "
                               "NAME`, `end`, `set NAME = VALUE`, `include "
                               "FILE` or a comment after `#`."));
      }
  }


  const std::string &
  ParameterFile::text() const
  {
    return text_;
  }


  bool
  ParameterFile::has_includes() const
  {
    return includes;
  }


  std::string
  ParameterFile::origin(const unsigned int line) const
  {
    if (line == 0 || line > origins.size())
      return "line " + std::to_string(line);
    return origins[line - 1].first + ", line "
           + std::to_string(origins[line - 1].second);
  }


  std::string
  ParameterFile::directory(const unsigned int line) const
  {
    if (line == 0 || line > origins.size())
      return "";
    return std::filesystem::path(origins[line - 1].first)
      .parent_path()
      .string();
  }


  std::string
  ParameterFile::translate(const std::string &message) const
  {
    static const std::regex position("Line <([0-9]+)> of file <[^>]*>");
    std::string             result;
    auto                    begin = message.cbegin();
    std::smatch             m;
    while (std::regex_search(begin, message.cend(), m, position))
      {
        result.append(begin, m[0].first);
        result += origin(std::stoul(m[1]));
        begin = m[0].second;
      }
    result.append(begin, message.cend());
    return result;
  }


  const std::vector<ParameterFile::Statement> &
  ParameterFile::statements() const
  {
    return statements_;
  }


  unsigned int
  ParameterFile::n_settings() const
  {
    return std::count_if(statements_.begin(),
                         statements_.end(),
                         [](const Statement &s) {
                           return s.kind == Statement::Kind::set;
                         });
  }


  void
  ParameterFile::check_nesting() const
  {
    AssertThrow(nesting_error.empty(), ExcInput(nesting_error));
  }


  std::string
  ParameterFile::library_directory()
  {
    return HETERION_PARAMETER_DIR;
  }
} // namespace heterion

#include <solver/input_error.h>
#include <solver/parameter_file.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>

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
  } // namespace


  ParameterFile::ParameterFile(const std::string &filename)
  {
    std::vector<std::string> stack;
    read(filename, stack, "");
  }


  void
  ParameterFile::read(const std::string        &filename,
                      std::vector<std::string> &stack,
                      const std::string        &included_from)
  {
    std::ifstream in(filename);
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
    for (std::string line; std::getline(in, line);)
      {
        ++number;
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
        const std::string where
          = filename + ", line " + std::to_string(number) + ": ";
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


  std::string
  ParameterFile::library_directory()
  {
    return HETERION_PARAMETER_DIR;
  }
} // namespace heterion

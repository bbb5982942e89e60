#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <solver/input_error.h>
#include <solver/parameter_reference.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace heterion
{
  namespace
  {
    /** Undoes ParameterHandler's name mangling (%XX hex escapes). */
    std::string
    demangle(const std::string &name)
    {
      std::string result;
      for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == '%' && i + 2 < name.size())
          {
            result += static_cast<char>(
              std::stoi(name.substr(i + 1, 2), nullptr, 16));
            i += 2;
          }
        else
          result += name[i];
      return result;
    }


    /** The declarations of @p prm as a property tree. */
    boost::property_tree::ptree
    declaration_tree(const dealii::ParameterHandler &prm)
    {
      std::stringstream json;
      prm.print_parameters(json, dealii::ParameterHandler::JSON);
      boost::property_tree::ptree tree;
      boost::property_tree::read_json(json, tree);
      return tree;
    }


    void
    write_section(const boost::property_tree::ptree &tree,
                  const std::string                 &path,
                  std::ostream                      &out)
    {
      bool header_written = false;
      for (const auto &[key, child] : tree)
        if (child.get_child_optional("value"))
          {
            if (!header_written)
              {
                out << "\n## " << (path.empty() ? "Top level" : path) << "\n\n";
                header_written = true;
              }
            out << "### `" << demangle(key) << "`\n\n"
                << "- Default: `" << child.get<std::string>("default_value")
                << "`\n"
                << "- Allowed: "
                << readable_patterns(
                     child.get<std::string>("pattern_description"))
                << "\n\n"
                << child.get<std::string>("documentation") << "\n\n";
          }
      for (const auto &[key, child] : tree)
        if (!child.get_child_optional("value") && !child.empty())
          write_section(child,
                        path.empty() ? demangle(key)
                                     : path + " / " + demangle(key),
                        out);
    }


    void
    read_section(const boost::property_tree::ptree &tree,
                 DeclaredParameters::Section       &section)
    {
      for (const auto &[key, child] : tree)
        if (child.get_child_optional("value"))
          section.entries[demangle(key)]
            = child.get<std::string>("pattern_description", "");
        else
          read_section(child, section.subsections[demangle(key)]);
    }


    void
    collect_sections(const DeclaredParameters::Section     &section,
                     std::vector<std::string>              &path,
                     const std::string                     &name,
                     const bool                             subsection,
                     std::vector<std::vector<std::string>> &found)
    {
      if (subsection ? section.subsections.count(name) > 0
                     : section.entries.count(name) > 0)
        found.push_back(path);
      for (const auto &[key, child] : section.subsections)
        {
          path.push_back(key);
          collect_sections(child, path, name, subsection, found);
          path.pop_back();
        }
    }


    std::string
    lower_case(const std::string &text)
    {
      std::string result = text;
      for (char &ch : result)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return result;
    }


    /**
     * The edit distance between @p a and @p b with insertions, deletions,
     * substitutions and transpositions of neighbours (optimal string
     * alignment).
     */
    unsigned int
    edit_distance(const std::string &a, const std::string &b)
    {
      std::vector<std::vector<unsigned int>> d(
        a.size() + 1, std::vector<unsigned int>(b.size() + 1));
      for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
      for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
      for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j)
          {
            const unsigned int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j]                 = std::min(
              {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
              d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
          }
      return d[a.size()][b.size()];
    }


    /** How far @p candidate is from @p name (0: the same but for case). */
    unsigned int
    name_distance(const std::string &name, const std::string &candidate)
    {
      const std::string a = lower_case(name), b = lower_case(candidate);
      unsigned int      distance = edit_distance(a, b);
      // `Radius` for `Core radius`: one name contains the other.
      if (std::min(a.size(), b.size()) >= 3
          && (a.find(b) != std::string::npos || b.find(a) != std::string::npos))
        distance = std::min(distance, 1u);
      return distance;
    }
  } // namespace


  void
  print_parameters_markdown(const dealii::ParameterHandler &prm,
                            std::ostream                   &out)
  {
    out << "# Heterion parameter reference\n\n"
        << "Generated by `heterion --print-parameters markdown`; do not edit "
           "by hand (a test fails when this file is stale). Units are given "
           "in brackets.\n\n"
        << "Paths of input files (`Geometry/Gmsh/File name`, the `File name` "
           "of the `from file` and `inclusions` disorder fields, "
           "`table:FILE` open-circuit potentials) are relative to the "
           "directory of the parameter file that sets them, as `include` "
           "lines are; a file not found there is looked up in the working "
           "directory. A path given with `--set` is relative to the working "
           "directory.\n";
    write_section(declaration_tree(prm), "", out);
  }


  DeclaredParameters::DeclaredParameters(const dealii::ParameterHandler &prm)
  {
    read_section(declaration_tree(prm), root);
  }


  const DeclaredParameters::Section *
  DeclaredParameters::find(const std::vector<std::string> &path) const
  {
    const Section *section = &root;
    for (const std::string &name : path)
      {
        const auto it = section->subsections.find(name);
        if (it == section->subsections.end())
          return nullptr;
        section = &it->second;
      }
    return section;
  }


  std::vector<std::vector<std::string>>
  DeclaredParameters::sections_with(const std::string &name,
                                    const bool         subsection) const
  {
    std::vector<std::vector<std::string>> found;
    std::vector<std::string>              path;
    collect_sections(root, path, name, subsection, found);
    return found;
  }


  std::vector<std::string>
  closest_names(const std::string              &name,
                const std::vector<std::string> &candidates,
                const unsigned int              n)
  {
    std::vector<std::pair<unsigned int, std::string>> ranked;
    for (const std::string &candidate : candidates)
      ranked.emplace_back(name_distance(name, candidate), candidate);
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> result;
    for (unsigned int i = 0; i < std::min<std::size_t>(n, ranked.size()); ++i)
      result.push_back(ranked[i].second);
    return result;
  }


  bool
  is_close_name(const std::string &name, const std::string &candidate)
  {
    return name_distance(name, candidate)
           <= std::max<std::size_t>(2, name.size() / 3);
  }
} // namespace heterion

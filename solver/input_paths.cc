#include <solver/input_paths.h>
#include <solver/parameter_check.h>

#include <algorithm>
#include <filesystem>

namespace heterion
{
  namespace
  {
    /**
     * An entry whose value names an input file: its section (`*` for any
     * name), its name and the prefix of the value before the path.
     */
    struct PathEntry
    {
      std::vector<std::string> section;
      std::string              entry;
      std::string              prefix;
    };

    const std::vector<PathEntry> &
    path_entries()
    {
      static const std::vector<PathEntry> entries
        = {{{"Geometry", "Gmsh"}, "File name", ""},
           {{"Disorder", "*", "From file"}, "File name", ""},
           {{"Disorder", "*", "Inclusions"}, "File name", ""},
           {{"Materials", "*"}, "Open-circuit potential", "table:"}};
      return entries;
    }

    /** The path entry that @p setting sets, or nullptr. */
    const PathEntry *
    path_entry_of(const Setting &setting)
    {
      for (const PathEntry &candidate : path_entries())
        if (candidate.entry == setting.entry
            && candidate.section.size() == setting.section.size()
            && std::equal(candidate.section.begin(),
                          candidate.section.end(),
                          setting.section.begin(),
                          [](const std::string &pattern,
                             const std::string &name) {
                            return pattern == "*" || pattern == name;
                          }))
          return &candidate;
      return nullptr;
    }
  } // namespace


  std::string
  resolve_input_path(const std::string &path, const Setting &setting)
  {
    if (path.empty() || setting.directory.empty()
        || !std::filesystem::path(path).is_relative())
      return path;
    const std::filesystem::path next_to
      = std::filesystem::path(setting.directory) / path;
    return std::filesystem::exists(next_to)
             ? next_to.lexically_normal().string()
             : path;
  }


  void
  resolve_input_paths(dealii::ParameterHandler   &prm,
                      const std::vector<Setting> &settings)
  {
    for (const Setting &setting : settings)
      {
        const PathEntry *path_entry = path_entry_of(setting);
        if (path_entry == nullptr
            || setting.value.compare(0,
                                     path_entry->prefix.size(),
                                     path_entry->prefix)
                 != 0)
          continue;
        std::string path  = setting.value.substr(path_entry->prefix.size());
        const auto  first = path.find_first_not_of(" \t");
        path = first == std::string::npos ? "" : path.substr(first);

        const std::string resolved = resolve_input_path(path, setting);
        const std::string value
          = resolved == path ? setting.value : path_entry->prefix + resolved;
        for (const std::string &name : setting.section)
          prm.enter_subsection(name);
        prm.set(setting.entry, value);
        for (unsigned int i = 0; i < setting.section.size(); ++i)
          prm.leave_subsection();
      }
  }
} // namespace heterion

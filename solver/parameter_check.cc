#include <deal.II/base/patterns.h>

#include <solver/input_error.h>
#include <solver/parameter_check.h>

#include <algorithm>
#include <cctype>

namespace heterion
{
  namespace
  {
    std::string
    join(const std::vector<std::string> &parts, const std::string &separator)
    {
      std::string text;
      for (unsigned int i = 0; i < parts.size(); ++i)
        text += (i ? separator : "") + parts[i];
      return text;
    }


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


    /** "in A/B" or "at the top level". */
    std::string
    in_section(const std::vector<std::string> &section)
    {
      return section.empty() ? "at the top level" : "in " + join(section, "/");
    }


    /** 'a', 'b' or 'c' (with @p conjunction "or"). */
    std::string
    quoted_list(const std::vector<std::string> &names,
                const std::string              &conjunction)
    {
      std::string text;
      for (unsigned int i = 0; i < names.size(); ++i)
        text += std::string(i == 0                  ? ""
                            : i + 1 == names.size() ? " " + conjunction + " "
                                                    : ", ")
                + "'" + names[i] + "'";
      return text;
    }


    /**
     * The message for the undeclared subsection (@p subsection true) or
     * entry @p name in @p section: the closest declared names there, and a
     * hint if the name is declared in another section (an `end` missing or
     * misplaced). @p section_lines and @p file locate the `subsection`
     * statements of @p section (empty and nullptr for `--set`).
     */
    std::string
    undeclared_name(const DeclaredParameters        &declared,
                    const std::vector<std::string>  &section,
                    const std::vector<unsigned int> &section_lines,
                    const ParameterFile             *file,
                    const std::string               &name,
                    const bool                       subsection)
    {
      const std::string kind = subsection ? "subsection" : "entry";
      std::string text = "there is no " + kind + " '" + excerpt(name) + "' "
                         + in_section(section) + ".";

      std::vector<std::string> candidates;
      if (const auto *node = declared.find(section))
        {
          if (subsection)
            for (const auto &[key, child] : node->subsections)
              candidates.push_back(key);
          else
            for (const auto &[key, pattern] : node->entries)
              candidates.push_back(key);
        }
      const std::vector<std::string> closest = closest_names(name, candidates);
      std::vector<std::string>       close;
      for (const std::string &candidate : closest)
        if (is_close_name(name, candidate))
          close.push_back(candidate);
      if (!close.empty())
        text += " Did you mean " + quoted_list(close, "or") + "?";
      else if (!closest.empty())
        text += std::string(" The closest declared ")
                + (subsection ? "subsection" : "entr")
                + (closest.size() == 1 ? (subsection ? "" : "y")
                                       : (subsection ? "s" : "ies"))
                + " " + in_section(section) + ": " + quoted_list(closest, "and")
                + ".";

      // Declared elsewhere: a `subsection` or `end` missing or misplaced.
      const auto paths  = declared.sections_with(name, subsection);
      bool       hinted = false;
      if (file != nullptr)
        for (const auto &path : paths)
          if (path.size() < section.size()
              && std::equal(path.begin(), path.end(), section.begin()))
            {
              std::vector<std::string> open;
              for (std::size_t i = path.size();
                   i < section.size() && i < section_lines.size();
                   ++i)
                open.push_back("`subsection " + section[i] + "` ("
                               + file->origin(section_lines[i]) + ")");
              text += " '" + name + "' is " + in_section(path)
                      + ": is an `end` missing before this line? Open here: "
                      + join(open, ", ") + ".";
              hinted = true;
              break;
            }
      if (!hinted && !paths.empty() && paths.size() <= 3)
        {
          std::vector<std::string> where;
          for (const auto &path : paths)
            where.push_back(path.empty() ? "the top level" : join(path, "/"));
          text += " '" + name + "' is declared in " + join(where, " and ")
                  + (file != nullptr
                       ? ": is a `subsection` or `end` missing or misplaced?"
                       : ".");
        }
      if (subsection && section == std::vector<std::string>{"Disorder"})
        text += " (The subsection Disorder/NAME of a field exists only if "
                "NAME is listed in Disorder/Fields.)";
      return text
             + " (heterion --print-parameters lists every subsection and "
               "entry.)";
    }


    /**
     * Checks @p value of the entry @p path against the pattern described by
     * @p pattern_description, as ParameterHandler does (not a value with
     * `{`, which it leaves to MultipleParameterLoop).
     */
    void
    check_value(const std::string &pattern_description,
                const std::string &path,
                const std::string &value,
                const std::string &where)
    {
      if (value.find('{') != std::string::npos)
        return;
      std::unique_ptr<dealii::Patterns::PatternBase> pattern;
      try
        {
          pattern = dealii::Patterns::pattern_factory(pattern_description);
        }
      catch (...)
        {
          // ParameterHandler checks the value when it reads it.
          return;
        }
      AssertThrow(pattern == nullptr || pattern->match(value),
                  ExcInput(where + ": " + path + " = '" + excerpt(value)
                           + "' is not allowed; " + path + " takes "
                           + readable_patterns(pattern_description) + "."));
    }
  } // namespace


  std::string
  Setting::path() const
  {
    std::vector<std::string> parts = section;
    parts.push_back(entry);
    return join(parts, "/");
  }


  std::vector<Setting>
  settings_of(const ParameterFile &file)
  {
    std::vector<Setting> settings;
    for (const ParameterFile::Statement &s : file.statements())
      if (s.kind == ParameterFile::Statement::Kind::set)
        settings.push_back({s.section,
                            s.name,
                            s.value,
                            file.origin(s.line),
                            file.directory(s.line)});
    return settings;
  }


  Setting
  setting_of_override(const std::string &text)
  {
    const auto equals = text.find('=');
    AssertThrow(equals != std::string::npos && equals > 0,
                ExcInput("--set '" + excerpt(text)
                         + "': expected 'Section/Entry=value'."));
    Setting                  setting;
    const std::string        path = text.substr(0, equals);
    std::vector<std::string> parts;
    std::size_t              start = 0;
    for (std::size_t slash;
         (slash = path.find('/', start)) != std::string::npos;
         start = slash + 1)
      parts.push_back(trim(path.substr(start, slash - start)));
    parts.push_back(trim(path.substr(start)));
    setting.entry = parts.back();
    parts.pop_back();
    setting.section = parts;
    setting.value   = trim(text.substr(equals + 1));
    setting.where   = "--set '" + excerpt(text) + "'";
    return setting;
  }


  void
  check_statements(const ParameterFile      &file,
                   const DeclaredParameters &declared)
  {
    for (const ParameterFile::Statement &s : file.statements())
      {
        const DeclaredParameters::Section *section = declared.find(s.section);
        // An undeclared enclosing subsection was reported before.
        if (section == nullptr)
          continue;
        const std::string where = file.origin(s.line) + ": ";
        if (s.kind == ParameterFile::Statement::Kind::subsection)
          {
            AssertThrow(section->subsections.count(s.name) > 0,
                        ExcInput(where
                                 + undeclared_name(declared,
                                                   s.section,
                                                   s.section_lines,
                                                   &file,
                                                   s.name,
                                                   true)));
          }
        else
          {
            const auto entry = section->entries.find(s.name);
            AssertThrow(entry != section->entries.end(),
                        ExcInput(where
                                 + undeclared_name(declared,
                                                   s.section,
                                                   s.section_lines,
                                                   &file,
                                                   s.name,
                                                   false)));
            std::vector<std::string> path = s.section;
            path.push_back(s.name);
            check_value(entry->second,
                        join(path, "/"),
                        s.value,
                        file.origin(s.line));
          }
      }
  }


  void
  check_setting(const Setting &setting, const DeclaredParameters &declared)
  {
    std::vector<std::string> prefix;
    for (const std::string &name : setting.section)
      {
        const DeclaredParameters::Section *section = declared.find(prefix);
        AssertThrow(section != nullptr && section->subsections.count(name) > 0,
                    ExcInput(setting.where + ": "
                             + undeclared_name(
                               declared, prefix, {}, nullptr, name, true)));
        prefix.push_back(name);
      }
    const DeclaredParameters::Section *section = declared.find(prefix);
    const auto entry = section->entries.find(setting.entry);
    AssertThrow(entry != section->entries.end(),
                ExcInput(setting.where + ": "
                         + undeclared_name(declared,
                                           setting.section,
                                           {},
                                           nullptr,
                                           setting.entry,
                                           false)));
    check_value(entry->second, setting.path(), setting.value, setting.where);
  }
} // namespace heterion

#include <deal.II/base/utilities.h>
#include <solver/geometry/ids.h>
#include <solver/input_error.h>

#include <algorithm>
#include <cctype>

namespace heterion::ids
{
  namespace
  {
    /** The names of the regions of this process (built-in, then added). */
    std::vector<std::string> &
    mutable_material_names()
    {
      static std::vector<std::string> names{
        "particle", "core", "shell", "coating", "substrate"};
      return names;
    }

    std::vector<std::string> &
    mutable_boundary_names()
    {
      static std::vector<std::string> names{"surface",
                                            "inner_surface",
                                            "core_surface",
                                            "symmetry_x",
                                            "symmetry_y",
                                            "symmetry_z",
                                            "bottom",
                                            "sides",
                                            "ends",
                                            "x_min",
                                            "x_max",
                                            "y_min",
                                            "y_max",
                                            "z_min",
                                            "z_max",
                                            "lower_end",
                                            "upper_end"};
      return names;
    }

    /** The id of @p name in @p names, appended if new. */
    unsigned int
    add_name(std::vector<std::string> &names,
             const std::string        &name,
             const std::string        &where,
             const char               *kind)
    {
      for (unsigned int i = 0; i < names.size(); ++i)
        if (names[i] == name)
          return i;
      const bool valid
        = !name.empty() && name.front() != ' ' && name.back() != ' '
          && std::all_of(name.begin(), name.end(), [](const char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '_'
                      || c == '-' || c == '.' || c == ' ';
             });
      AssertThrow(name != "all",
                  ExcInput(where + "the " + kind
                           + " name 'all' is reserved (it selects every "
                             "material, e.g. in `Disorder/<field>/"
                             "Materials`); rename the group."));
      AssertThrow(valid,
                  ExcInput(where + "the " + kind + " name '" + name
                           + "' cannot name a parameter subsection; use "
                             "letters, digits, '_', '-', '.' and inner "
                             "blanks."));
      names.push_back(name);
      return names.size() - 1;
    }
  } // namespace

  const std::vector<std::string> &
  material_names()
  {
    return mutable_material_names();
  }

  const std::vector<std::string> &
  boundary_names()
  {
    return mutable_boundary_names();
  }

  unsigned int
  n_materials()
  {
    return material_names().size();
  }

  unsigned int
  n_boundaries()
  {
    return boundary_names().size();
  }

  dealii::types::material_id
  add_material_name(const std::string &name, const std::string &where)
  {
    return add_name(mutable_material_names(), name, where, "material");
  }

  dealii::types::boundary_id
  add_boundary_name(const std::string &name, const std::string &where)
  {
    return add_name(mutable_boundary_names(), name, where, "boundary");
  }


  std::string
  joined(const std::vector<std::string> &names)
  {
    std::string text;
    for (const auto &name : names)
      text += (text.empty() ? "" : ", ") + name;
    return text;
  }

  dealii::types::material_id
  material_id(const std::string &name)
  {
    const auto &names = material_names();
    for (unsigned int i = 0; i < names.size(); ++i)
      if (names[i] == name)
        return i;
    AssertThrow(false,
                ExcInput("Unknown material name '" + name
                         + "'. Allowed: " + joined(names) + "."));
    return 0;
  }

  dealii::types::boundary_id
  boundary_id(const std::string &name)
  {
    const auto &names = boundary_names();
    for (unsigned int i = 0; i < names.size(); ++i)
      if (names[i] == name)
        return i;
    AssertThrow(false,
                ExcInput("Unknown boundary name '" + name
                         + "'. Allowed: " + joined(names) + "."));
    return 0;
  }

  namespace
  {
    /** The ids of the names in @p names, by @p id_of (prefixing its errors
     * with @p entry). */
    template <typename Id, typename IdOf>
    std::set<Id>
    ids_of(const std::string &entry, const std::string &names, IdOf id_of)
    {
      std::set<Id> result;
      for (const std::string &name :
           dealii::Utilities::split_string_list(names))
        try
          {
            result.insert(id_of(name));
          }
        catch (const std::exception &exc)
          {
            AssertThrow(false, ExcInput(entry + ": " + user_message(exc)));
          }
      return result;
    }
  } // namespace

  std::set<dealii::types::material_id>
  material_ids(const std::string &entry, const std::string &names)
  {
    return ids_of<dealii::types::material_id>(entry, names, material_id);
  }

  std::set<dealii::types::boundary_id>
  boundary_ids(const std::string &entry, const std::string &names)
  {
    return ids_of<dealii::types::boundary_id>(entry, names, boundary_id);
  }

  void
  check_boundaries_exist(const std::string                          &section,
                         const std::set<dealii::types::boundary_id> &named,
                         const std::set<dealii::types::boundary_id> &existing)
  {
    std::string names;
    for (const dealii::types::boundary_id id : existing)
      names += (names.empty() ? "" : ", ") + boundary_name(id);
    for (const dealii::types::boundary_id id : named)
      AssertThrow(existing.count(id) == 1,
                  ExcInput(
                    section + ": the mesh has no boundary '" + boundary_name(id)
                    + "'. This geometry's boundaries are: " + names + "."));
  }

  std::string
  material_name(const dealii::types::material_id id)
  {
    return id < n_materials() ? material_names()[id]
                              : "material " + std::to_string(id);
  }

  std::string
  boundary_name(const dealii::types::boundary_id id)
  {
    return id < n_boundaries() ? boundary_names()[id]
                               : "boundary " + std::to_string(id);
  }
} // namespace heterion::ids

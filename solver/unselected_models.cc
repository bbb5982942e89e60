#include <physics/disorder/interface.h>
#include <solver/geometry/interface.h>
#include <solver/unselected_models.h>

#include <algorithm>
#include <map>

namespace heterion
{
  namespace
  {
    /**
     * For every subsection declared by a plugin of the registry
     * PluginRegistry<Interface>, the plugins that declare it.
     */
    template <template <int> class Interface>
    std::map<std::string, std::vector<std::string>>
    subsection_owners()
    {
      std::map<std::string, std::vector<std::string>> owners;
      for (const std::string &name : PluginRegistry<Interface>::names())
        {
          dealii::ParameterHandler scratch;
          PluginRegistry<Interface>::declare_parameters_of(name, scratch);
          const DeclaredParameters declared(scratch);
          for (const auto &[subsection, content] :
               declared.find({})->subsections)
            owners[subsection].push_back(name);
        }
      return owners;
    }


    /**
     * The warning for @p setting, in the subsection of the models @p owners,
     * if the entry @p selection (`Geometry/Model`) with value @p selected
     * names none of them; "" otherwise.
     */
    std::string
    warning(const Setting                  &setting,
            const std::vector<std::string> &owners,
            const std::string              &selection,
            const std::string              &selected)
    {
      if (std::find(owners.begin(), owners.end(), selected) != owners.end())
        return "";
      std::string models;
      for (unsigned int i = 0; i < owners.size(); ++i)
        models += (i ? ", `" : "`") + owners[i] + "`";
      return setting.where + ": " + setting.path()
             + " has no effect: it belongs to the model " + models + ", but "
             + selection + " = " + selected + ".";
    }
  } // namespace


  std::vector<std::string>
  unselected_model_warnings(const dealii::ParameterHandler &prm,
                            const std::vector<Setting>     &settings)
  {
    static const auto geometry_owners
      = subsection_owners<geometry::Interface>();
    static const auto disorder_owners = subsection_owners<disorder::Field>();

    std::vector<std::string> warnings;
    for (const Setting &setting : settings)
      {
        const auto &section = setting.section;
        std::string text;
        if (section.size() >= 2 && section[0] == "Geometry")
          {
            const auto owners = geometry_owners.find(section[1]);
            if (owners != geometry_owners.end())
              text = warning(setting,
                             owners->second,
                             "Geometry/Model",
                             prm.get({"Geometry"}, "Model"));
          }
        else if (section.size() >= 3 && section[0] == "Disorder"
                 && section[1] != "Properties")
          {
            const auto owners = disorder_owners.find(section[2]);
            if (owners != disorder_owners.end())
              text = warning(setting,
                             owners->second,
                             "Disorder/" + section[1] + "/Model",
                             prm.get({"Disorder", section[1]}, "Model"));
          }
        if (!text.empty())
          warnings.push_back(text);
      }
    return warnings;
  }
} // namespace heterion

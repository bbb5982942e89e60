#pragma once

#include <deal.II/base/parameter_handler.h>

#include <solver/input_error.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace heterion
{
  /**
   * A registry of the plugins of one family (geometry models, ...). Each
   * plugin is a class template `Class<dim>` derived from `Interface<dim>`
   * that registers itself, at the bottom of its own .cc file, with
   * HETERION_REGISTER_PLUGIN. The registry knows every plugin's name,
   * documentation and parameter declarations, so that the family's
   * selection pattern and the parameter reference are generated from it.
   */
  template <template <int> class Interface>
  class PluginRegistry
  {
  public:
    /** What the registry keeps of one plugin. */
    struct Entry
    {
      std::string                                     description;
      std::function<void(dealii::ParameterHandler &)> declare_parameters;
      std::function<std::unique_ptr<Interface<2>>()>  create_2d;
      std::function<std::unique_ptr<Interface<3>>()>  create_3d;
    };

    /** Adds a plugin; returns true so it can initialize a static. */
    static bool
    add(const std::string &name, Entry entry)
    {
      entries().emplace(name, std::move(entry));
      return true;
    }

    /** The names of all plugins, as a pattern for Patterns::Selection. */
    static std::string
    selection_pattern()
    {
      std::string pattern;
      for (const auto &[name, entry] : entries())
        pattern += (pattern.empty() ? "" : "|") + name;
      return pattern;
    }

    /** A list of all plugins with their descriptions. */
    static std::string
    documentation()
    {
      std::string text;
      for (const auto &[name, entry] : entries())
        text += "`" + name + "`: " + entry.description + " ";
      return text;
    }

    /** Lets every plugin declare its parameters in the current section. */
    static void
    declare_parameters(dealii::ParameterHandler &prm)
    {
      for (const auto &[name, entry] : entries())
        if (entry.declare_parameters)
          entry.declare_parameters(prm);
    }

    /** The names of all plugins, in alphabetical order. */
    static std::vector<std::string>
    names()
    {
      std::vector<std::string> result;
      for (const auto &[name, entry] : entries())
        result.push_back(name);
      return result;
    }

    /**
     * Lets the plugin @p name alone declare its parameters in the current
     * section (to find out which subsection belongs to which plugin).
     */
    static void
    declare_parameters_of(const std::string        &name,
                          dealii::ParameterHandler &prm)
    {
      const auto it = entries().find(name);
      if (it != entries().end() && it->second.declare_parameters)
        it->second.declare_parameters(prm);
    }

    /** Creates the plugin @p name for dimension dim. */
    template <int dim>
    static std::unique_ptr<Interface<dim>>
    create(const std::string &name)
    {
      const auto it = entries().find(name);
      AssertThrow(it != entries().end(),
                  ExcInput("Unknown plugin name '" + name
                           + "'. Allowed: " + selection_pattern() + "."));
      if constexpr (dim == 2)
        return it->second.create_2d();
      else
        return it->second.create_3d();
    }

  private:
    static std::map<std::string, Entry> &
    entries()
    {
      static std::map<std::string, Entry> map;
      return map;
    }
  };
} // namespace heterion

/**
 * Registers the plugin class template @p Class (instantiated for 2D and 3D)
 * of the family @p Interface under @p name. Class<3>::declare_parameters
 * declares its (dimension-independent) parameters.
 */
#define HETERION_REGISTER_PLUGIN(Interface, Class, name, description) \
  namespace                                                           \
  {                                                                   \
    const bool heterion_registered_##Class                            \
      = ::heterion::PluginRegistry<Interface>::add(                   \
        name,                                                         \
        {description,                                                 \
         [](dealii::ParameterHandler &prm) {                          \
           Class<3>::declare_parameters(prm);                         \
         },                                                           \
         []() { return std::make_unique<Class<2>>(); },               \
         []() { return std::make_unique<Class<3>>(); }});             \
  }

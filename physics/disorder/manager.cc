#include <deal.II/base/utilities.h>

#include <physics/disorder/manager.h>
#include <physics/disorder/random.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <functional>
#include <map>
#include <sstream>

namespace heterion::disorder
{
  using namespace dealii;

  namespace
  {
    const char *fields_entry = "Fields";

    std::string
    join(const std::vector<std::string> &parts, const std::string &separator)
    {
      std::string text;
      for (unsigned int i = 0; i < parts.size(); ++i)
        text += (i ? separator : "") + parts[i];
      return text;
    }

    /** Reserved names: subsections and entries of `Disorder` itself. */
    bool
    is_reserved(const std::string &name)
    {
      return name == "Properties" || name == "Fields" || name == "Seed";
    }

    std::vector<std::string>
    check_names(const std::string &text)
    {
      const std::vector<std::string> names = Utilities::split_string_list(text);
      for (unsigned int i = 0; i < names.size(); ++i)
        {
          const std::string &name = names[i];
          const bool         valid_characters
            = !name.empty()
              && std::all_of(name.begin(), name.end(), [](const char ch) {
                   return std::isalnum(static_cast<unsigned char>(ch))
                          || ch == '_' || ch == '-';
                 });
          AssertThrow(valid_characters && !is_reserved(name),
                      ExcInput("Disorder/Fields: '" + name
                               + "' is not a valid field name (letters, "
                                 "digits, '_' and '-'; not Properties, "
                                 "Fields or Seed)."));
          AssertThrow(std::find(names.begin(), names.begin() + i, name)
                        == names.begin() + i,
                      ExcInput("Disorder/Fields: the name '" + name
                               + "' is given twice."));
        }
      return names;
    }

    /** Parses `op field, op field, ...` for property @p name. */
    std::vector<Operation>
    parse_chain(const std::string              &property,
                const std::string              &text,
                const std::vector<std::string> &field_names)
    {
      static const std::map<std::string, Operation::Type> types
        = {{"replace", Operation::Type::replace},
           {"add", Operation::Type::add},
           {"multiply", Operation::Type::multiply},
           {"min", Operation::Type::min},
           {"max", Operation::Type::max}};
      const std::string      where = "Disorder/Properties/" + property;
      std::vector<Operation> chain;
      for (const std::string &step : Utilities::split_string_list(text, ','))
        {
          std::istringstream       words(step);
          std::vector<std::string> parts;
          for (std::string word; words >> word;)
            parts.push_back(word);
          AssertThrow(parts.size() == 2,
                      ExcInput(where + ": '" + step
                               + "' is not of the form `operation field` "
                                 "(e.g. `multiply noise`); steps are "
                                 "separated by commas."));
          const auto type = types.find(parts[0]);
          AssertThrow(type != types.end(),
                      ExcInput(where + ": unknown operation '" + parts[0]
                               + "' in '" + step
                               + "'. Allowed: replace, add, multiply, min, "
                                 "max."));
          const auto field
            = std::find(field_names.begin(), field_names.end(), parts[1]);
          AssertThrow(field != field_names.end(),
                      ExcInput(where + ": unknown field '" + parts[1] + "' in '"
                               + step + "'. Defined in " + "Disorder/Fields: "
                               + (field_names.empty() ? std::string("none")
                                                      : join(field_names, ", "))
                               + "."));
          chain.push_back(
            {type->second,
             static_cast<unsigned int>(field - field_names.begin())});
        }
      return chain;
    }
  } // namespace


  template <int dim>
  void
  Manager<dim>::declare_parameters(ParameterHandler               &prm,
                                   const std::vector<std::string> &field_names)
  {
    prm.enter_subsection("Disorder");
    prm.declare_entry(
      fields_entry,
      "",
      Patterns::Anything(),
      "Comma-separated names of the disorder fields of this run; each has "
      "its own subsection `Disorder/<name>` with a `Model` and that model's "
      "parameters (this reference shows them for a field named `example`). "
      "A field is a function of position (and material) only: the same on "
      "any mesh and any number of MPI ranks.");
    prm.declare_entry("Seed",
                      "1",
                      Patterns::Integer(0),
                      "Random seed of the run. Each field draws from its "
                      "own stream, derived from this seed and its name: the "
                      "same seed gives the same fields, another seed "
                      "independent ones.");
    prm.enter_subsection("Properties");
    for (const materials::PropertyInfo &row : materials::property_table())
      if (row.disorder_capable)
        prm.declare_entry(
          row.entry,
          "",
          Patterns::Anything(),
          "How disorder fields modify the materials' `" + row.entry + "` ["
            + row.unit
            + "]: a comma-separated chain of `operation field` steps applied "
              "in order to the material's value, with the operations replace, "
              "add, multiply, min and max (e.g. `multiply noise, max floor`). "
              "Empty: the material's value everywhere.");
    prm.leave_subsection();
    for (const std::string &name : field_names)
      {
        prm.enter_subsection(name);
        prm.declare_entry("Model",
                          "uniform",
                          Patterns::Selection(Registry::selection_pattern()),
                          "The field model. " + Registry::documentation());
        prm.declare_entry(
          "Materials",
          "all",
          Patterns::Anything(),
          "The materials in which this field acts: `all` or a "
          "comma-separated list of material names. In the other materials "
          "the chain steps that use this field are skipped.");
        Registry::declare_parameters(prm);
        prm.leave_subsection();
      }
    prm.leave_subsection();
  }


  template <int dim>
  std::vector<std::string>
  Manager<dim>::read_field_names(std::istream                   &input,
                                 const std::vector<std::string> &overrides)
  {
    ParameterHandler prm;
    prm.enter_subsection("Disorder");
    prm.declare_entry(fields_entry, "", Patterns::Anything());
    prm.leave_subsection();
    prm.parse_input(input, "input", "", true);
    std::string text = "";
    prm.enter_subsection("Disorder");
    text = prm.get(fields_entry);
    prm.leave_subsection();
    const std::string key = std::string("Disorder/") + fields_entry + "=";
    for (const std::string &override_text : overrides)
      if (override_text.rfind(key, 0) == 0)
        text = override_text.substr(key.size());
    return check_names(text);
  }


  template <int dim>
  void
  Manager<dim>::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Disorder");
    const std::vector<std::string> names = check_names(prm.get(fields_entry));
    base_seed                            = prm.get_integer("Seed");
    prm.enter_subsection("Properties");
    for (const materials::PropertyInfo &row : materials::property_table())
      if (row.disorder_capable)
        chains[index(row.p)]
          = parse_chain(row.entry, prm.get(row.entry), names);
    prm.leave_subsection();

    fields.clear();
    for (const std::string &name : names)
      {
        const std::string section = "Disorder/" + name;
        NamedField        named;
        named.name = name;
        try
          {
            prm.enter_subsection(name);
          }
        catch (const std::exception &)
          {
            // Declared from a different list of names (a --set of
            // Disorder/Fields after declaration).
            AssertThrow(false,
                        ExcInput(section
                                 + ": this field is not declared; set "
                                   "Disorder/Fields in the parameter file."));
          }
        named.model                 = prm.get("Model");
        const std::string materials = prm.get("Materials");
        named.materials.assign(ids::n_materials(), materials == "all");
        if (materials != "all")
          for (const std::string &m : Utilities::split_string_list(materials))
            try
              {
                named.materials[ids::material_id(m)] = true;
              }
            catch (const std::exception &exc)
              {
                AssertThrow(false,
                            ExcInput(section
                                     + "/Materials: " + user_message(exc)));
              }
        named.field = Registry::create<dim>(named.model);
        named.field->parse_parameters(prm, section);
        prm.leave_subsection();
        fields.push_back(std::move(named));
      }
    prm.leave_subsection();

    // Dependencies by name, then an order in which they come first; a
    // cycle is an input error.
    for (NamedField &named : fields)
      for (const std::string &dependency : named.field->dependencies())
        {
          const auto it = std::find(names.begin(), names.end(), dependency);
          AssertThrow(it != names.end(),
                      ExcInput("Disorder/" + named.name + " (" + named.model
                               + ") refers to the field '" + dependency
                               + "', which is not in Disorder/Fields ("
                               + join(names, ", ") + ")."));
          named.dependencies.push_back(it - names.begin());
        }
    initialization_order.clear();
    std::vector<int> state(fields.size(), 0); // 0 new, 1 visiting, 2 done
    const std::function<void(unsigned int)> visit = [&](const unsigned int i) {
      AssertThrow(state[i] != 1,
                  ExcInput("Disorder/" + fields[i].name
                           + ": the fields depend on each other in a cycle."));
      if (state[i] == 2)
        return;
      state[i] = 1;
      for (const unsigned int j : fields[i].dependencies)
        visit(j);
      state[i] = 2;
      initialization_order.push_back(i);
    };
    for (unsigned int i = 0; i < fields.size(); ++i)
      visit(i);
  }


  template <int dim>
  void
  Manager<dim>::initialize(const BoundingBox<dim>   &domain,
                           const double              temperature,
                           const MPI_Comm            mpi_communicator,
                           const ConditionalOStream &out)
  {
    for (const unsigned int i : initialization_order)
      {
        NamedField       &named = fields[i];
        FieldContext<dim> context;
        context.name             = named.name;
        context.section          = "Disorder/" + named.name;
        context.domain           = domain;
        context.seed             = Random::derive_seed(base_seed, named.name);
        context.temperature      = temperature;
        context.mpi_communicator = mpi_communicator;
        const std::vector<unsigned int> &allowed = named.dependencies;
        context.field                            = [this, &allowed, &named](
                          const std::string &name) -> const Field<dim>                            &{
          for (const unsigned int j : allowed)
            if (fields[j].name == name)
              return *fields[j].field;
          AssertThrow(false,
                      ExcInput("Disorder/" + named.name
                               + " asked for the field '" + name
                               + "', which it does not declare as a "
                                 "dependency."));
          return *fields[0].field;
        };
        named.field->initialize(context);
        const std::string summary = named.field->summary();
        out << "Disorder field '" << named.name << "' (" << named.model << ")"
            << (summary.empty() ? "" : ": " + summary) << std::endl;
      }
  }


  template <int dim>
  bool
  Manager<dim>::varies(const Property p) const
  {
    return !chains[static_cast<unsigned int>(p)].empty();
  }


  template <int dim>
  bool
  Manager<dim>::any_varies() const
  {
    return std::any_of(chains.begin(), chains.end(), [](const auto &chain) {
      return !chain.empty();
    });
  }


  template <int dim>
  const std::vector<Operation> &
  Manager<dim>::chain(const Property p) const
  {
    return chains[static_cast<unsigned int>(p)];
  }


  template <int dim>
  unsigned int
  Manager<dim>::n_fields() const
  {
    return fields.size();
  }


  template <int dim>
  const std::string &
  Manager<dim>::field_name(const unsigned int i) const
  {
    AssertIndexRange(i, fields.size());
    return fields[i].name;
  }


  template <int dim>
  std::string
  Manager<dim>::chain_text(const Property p) const
  {
    static const char *names[] = {"replace", "add", "multiply", "min", "max"};
    std::vector<std::string> steps;
    for (const Operation &op : chain(p))
      steps.push_back(std::string(names[static_cast<int>(op.type)]) + " "
                      + fields[op.field].name);
    return join(steps, ", ");
  }


  template <int dim>
  bool
  Manager<dim>::acts_in(const unsigned int i, const types::material_id id) const
  {
    return id < fields[i].materials.size() && fields[i].materials[id];
  }


  template <int dim>
  double
  Manager<dim>::field_value(const unsigned int       i,
                            const Point<dim>        &point,
                            const types::material_id id) const
  {
    return fields[i].field->value(point, id);
  }


  template <int dim>
  void
  Manager<dim>::apply(const Property           p,
                      const Point<dim>        &point,
                      const types::material_id id,
                      double                  &value,
                      double                  &derivative) const
  {
    for (const Operation &op : chain(p))
      if (acts_in(op.field, id))
        Operation::apply(op.type,
                         field_value(op.field, point, id),
                         value,
                         derivative);
  }


  template <int dim>
  double
  Manager<dim>::apply(const Property           p,
                      const Point<dim>        &point,
                      const types::material_id id,
                      const double             base) const
  {
    double value = base, derivative = 0;
    apply(p, point, id, value, derivative);
    return value;
  }


  template <int dim>
  std::uint64_t
  Manager<dim>::seed() const
  {
    return base_seed;
  }

  template class Manager<2>;
  template class Manager<3>;
} // namespace heterion::disorder

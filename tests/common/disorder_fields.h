#pragma once

#include <deal.II/base/parameter_handler.h>

#include <physics/disorder/interface.h>

#include <memory>
#include <string>

namespace heterion::test_support
{
  /**
   * The disorder field of plugin @p plugin named @p name, with the
   * `set ... = ...` lines @p settings in its subsection @p subsection
   * (e.g. "Gaussian random field"), parsed but not initialized.
   */
  template <int dim>
  std::unique_ptr<disorder::Field<dim>>
  make_field(const std::string &plugin,
             const std::string &subsection,
             const std::string &settings,
             const std::string &name = "test")
  {
    dealii::ParameterHandler prm;
    prm.enter_subsection("Disorder");
    prm.enter_subsection(name);
    disorder::Registry::declare_parameters(prm);
    prm.leave_subsection();
    prm.leave_subsection();
    prm.parse_input_from_string("subsection Disorder\nsubsection " + name
                                + "\nsubsection " + subsection + "\n" + settings
                                + "\nend\nend\nend\n");
    prm.enter_subsection("Disorder");
    prm.enter_subsection(name);
    auto field = disorder::Registry::create<dim>(plugin);
    field->parse_parameters(prm, "Disorder/" + name);
    prm.leave_subsection();
    prm.leave_subsection();
    return field;
  }

  /** As above, and initialized with @p context. */
  template <int dim>
  std::unique_ptr<disorder::Field<dim>>
  make_field(const std::string                 &plugin,
             const std::string                 &subsection,
             const std::string                 &settings,
             const disorder::FieldContext<dim> &context)
  {
    auto field = make_field<dim>(plugin, subsection, settings, context.name);
    field->initialize(context);
    return field;
  }
} // namespace heterion::test_support

#include <physics/module.h>

namespace heterion
{
  template <int dim>
  void
  PhysicsModule<dim>::declare_fields(std::vector<FieldDeclaration> &) const
  {
  }


  template <int dim>
  void
  PhysicsModule<dim>::add_terms(const Introspection<dim> &,
                                assembly::Assembler<dim> &)
  {
  }


  template <int dim>
  void
  PhysicsModule<dim>::set_initial_values(const dealii::Mapping<dim> &,
                                         const dealii::DoFHandler<dim> &,
                                         const Introspection<dim> &,
                                         LA::MPI::Vector &) const
  {
  }


  template <int dim>
  std::vector<std::string>
  PhysicsModule<dim>::statistics_columns() const
  {
    return {};
  }


  template <int dim>
  std::vector<double>
  PhysicsModule<dim>::statistics(const SimulatorContext<dim> &) const
  {
    return {};
  }

  template class PhysicsModule<2>;
  template class PhysicsModule<3>;
} // namespace heterion

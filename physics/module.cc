#include <physics/module.h>

namespace heterion
{
  template <int dim>
  unsigned int
  PhysicsModule<dim>::position() const
  {
    return position_default;
  }


  template <int dim>
  void
  PhysicsModule<dim>::define_domains(assembly::Domains &) const
  {
  }


  template <int dim>
  void
  PhysicsModule<dim>::initialize(const std::set<dealii::types::boundary_id> &)
  {
  }


  template <int dim>
  void
  PhysicsModule<dim>::set_scales(const SimulatorContext<dim> &,
                                 std::vector<double> &) const
  {
  }


  template <int dim>
  void
  PhysicsModule<dim>::make_constraints(
    const dealii::Mapping<dim> &,
    const dealii::DoFHandler<dim> &,
    const Introspection<dim> &,
    dealii::AffineConstraints<double> &) const
  {
  }


  template <int dim>
  void
  PhysicsModule<dim>::reinit(const SimulatorContext<dim> &)
  {
  }


  template <int dim>
  void
  PhysicsModule<dim>::prescribe_values(
    const SimulatorContext<dim> &,
    const double,
    const bool,
    dealii::AffineConstraints<double> &) const
  {
  }


  template <int dim>
  bool
  PhysicsModule<dim>::prescribes_values() const
  {
    return false;
  }


  template <int dim>
  void
  PhysicsModule<dim>::initialize_on_mesh(
    const SimulatorContext<dim> &,
    const std::set<dealii::types::boundary_id> &)
  {
  }


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
  PhysicsModule<dim>::set_initial_values(const SimulatorContext<dim> &,
                                         LA::MPI::Vector &) const
  {
  }


  template <int dim>
  void
  PhysicsModule<dim>::step_accepted(const SimulatorContext<dim> &, const double)
  {
  }


  template <int dim>
  std::string
  PhysicsModule<dim>::save_state() const
  {
    return {};
  }


  template <int dim>
  void
  PhysicsModule<dim>::load_state(const std::string &)
  {
  }


  template <int dim>
  std::unique_ptr<dealii::DataPostprocessor<dim>>
  PhysicsModule<dim>::output_postprocessor(const SimulatorContext<dim> &) const
  {
    return nullptr;
  }


  template <int dim>
  std::map<std::string, std::string>
  PhysicsModule<dim>::output_units() const
  {
    return {};
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

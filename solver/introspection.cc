#include <deal.II/fe/fe_q.h>

#include <solver/introspection.h>

namespace heterion
{
  using namespace dealii;

  template <int dim>
  Introspection<dim>::Introspection(const unsigned int fe_degree,
                                    const bool         with_mechanics,
                                    const unsigned int displacement_degree)
      : concentration(concentration_component)
      , displacement(first_displacement_component)
      , hydrostatic_stress(hydrostatic_stress_component)
  {
    field_list.push_back(
      {"concentration", 1, concentration_component, concentration_field});
    if (with_mechanics)
      {
        field_list.push_back({"displacement",
                              dim,
                              first_displacement_component,
                              displacement_field});
        field_list.push_back({"hydrostatic_stress",
                              1,
                              hydrostatic_stress_component,
                              hydrostatic_stress_field});
      }
    if (with_mechanics)
      finite_element = std::make_unique<FESystem<dim>>(
        FE_Q<dim>(fe_degree),
        1,
        FE_Q<dim>(displacement_degree > 0 ? displacement_degree : fe_degree),
        dim,
        FE_Q<dim>(fe_degree),
        1);
    else
      finite_element = std::make_unique<FESystem<dim>>(FE_Q<dim>(fe_degree), 1);

    const auto blocks = component_to_block();
    dofs_of_field.resize(field_list.size());
    for (unsigned int i = 0; i < finite_element->n_dofs_per_cell(); ++i)
      dofs_of_field[blocks[finite_element->system_to_component_index(i).first]]
        .push_back(i);
  }

  template <int dim>
  const FESystem<dim> &
  Introspection<dim>::fe() const
  {
    return *finite_element;
  }

  template <int dim>
  const std::vector<typename Introspection<dim>::Field> &
  Introspection<dim>::fields() const
  {
    return field_list;
  }

  template <int dim>
  unsigned int
  Introspection<dim>::n_blocks() const
  {
    return field_list.size();
  }

  template <int dim>
  bool
  Introspection<dim>::has_mechanics() const
  {
    return field_list.size() > 1;
  }

  template <int dim>
  std::vector<unsigned int>
  Introspection<dim>::component_to_block() const
  {
    std::vector<unsigned int> blocks;
    for (const Field &field : field_list)
      for (unsigned int c = 0; c < field.n_components; ++c)
        blocks.push_back(field.block);
    return blocks;
  }

  template <int dim>
  ComponentMask
  Introspection<dim>::component_mask(const unsigned int field) const
  {
    AssertIndexRange(field, field_list.size());
    std::vector<bool> mask(finite_element->n_components(), false);
    for (unsigned int c = 0; c < field_list[field].n_components; ++c)
      mask[field_list[field].first_component + c] = true;
    return ComponentMask(mask);
  }

  template <int dim>
  const std::vector<unsigned int> &
  Introspection<dim>::local_dofs(const unsigned int field) const
  {
    AssertIndexRange(field, dofs_of_field.size());
    return dofs_of_field[field];
  }

  template class Introspection<2>;
  template class Introspection<3>;
} // namespace heterion

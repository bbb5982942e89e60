#include <deal.II/fe/fe_q.h>

#include <solver/introspection.h>

namespace heterion
{
  using namespace dealii;

  template <int dim>
  Introspection<dim>::Introspection(const unsigned int fe_degree)
      : concentration(concentration_component)
      , field_list{{"concentration", 1, concentration_component, 0}}
      , finite_element(std::make_unique<FESystem<dim>>(FE_Q<dim>(fe_degree), 1))
  {
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
  std::vector<unsigned int>
  Introspection<dim>::component_to_block() const
  {
    std::vector<unsigned int> blocks;
    for (const Field &field : field_list)
      for (unsigned int c = 0; c < field.n_components; ++c)
        blocks.push_back(field.block);
    return blocks;
  }

  template class Introspection<2>;
  template class Introspection<3>;
} // namespace heterion

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_dgq.h>
#include <deal.II/fe/fe_q.h>

#include <solver/introspection.h>

namespace heterion
{
  using namespace dealii;

  template <int dim>
  Introspection<dim>::Introspection(
    const std::vector<FieldDeclaration> &declarations)
  {
    AssertThrow(!declarations.empty(), ExcMessage("No solution field."));
    std::vector<std::unique_ptr<FiniteElement<dim>>> elements;
    std::vector<const FiniteElement<dim> *>          element_pointers;
    std::vector<unsigned int>                        multiplicities;
    unsigned int                                     component = 0;
    for (const FieldDeclaration &declaration : declarations)
      {
        AssertThrow(find_field(declaration.name)
                      == numbers::invalid_unsigned_int,
                    ExcMessage("The field '" + declaration.name
                               + "' is declared twice."));
        AssertThrow(declaration.n_components == 1
                      || declaration.n_components == dim,
                    ExcMessage("The field '" + declaration.name
                               + "' must have 1 or dim components."));
        Field field;
        static_cast<FieldDeclaration &>(field) = declaration;
        field.first_component                  = component;
        field.block                            = field_list.size();
        field_list.push_back(field);
        component += declaration.n_components;
        if (declaration.continuity == Continuity::continuous)
          elements.push_back(std::make_unique<FE_Q<dim>>(declaration.degree));
        else
          elements.push_back(std::make_unique<FE_DGQArbitraryNodes<dim>>(
            QGaussLobatto<1>(declaration.degree + 1)));
        element_pointers.push_back(elements.back().get());
        multiplicities.push_back(declaration.n_components);
      }
    finite_element
      = std::make_unique<FESystem<dim>>(element_pointers, multiplicities);

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
  unsigned int
  Introspection<dim>::find_field(const std::string &name) const
  {
    for (const Field &field : field_list)
      if (field.name == name)
        return field.block;
    return numbers::invalid_unsigned_int;
  }

  template <int dim>
  unsigned int
  Introspection<dim>::field(const std::string &name) const
  {
    const unsigned int index = find_field(name);
    AssertThrow(index != numbers::invalid_unsigned_int,
                ExcMessage("There is no solution field '" + name + "'."));
    return index;
  }

  template <int dim>
  bool
  Introspection<dim>::has_field(const std::string &name) const
  {
    return find_field(name) != numbers::invalid_unsigned_int;
  }

  template <int dim>
  unsigned int
  Introspection<dim>::first_component(const unsigned int field) const
  {
    AssertIndexRange(field, field_list.size());
    return field_list[field].first_component;
  }

  template <int dim>
  FEValuesExtractors::Scalar
  Introspection<dim>::scalar(const unsigned int field) const
  {
    AssertIndexRange(field, field_list.size());
    Assert(field_list[field].n_components == 1, ExcInternalError());
    return FEValuesExtractors::Scalar(field_list[field].first_component);
  }

  template <int dim>
  FEValuesExtractors::Vector
  Introspection<dim>::vector(const unsigned int field) const
  {
    AssertIndexRange(field, field_list.size());
    Assert(field_list[field].n_components == dim, ExcInternalError());
    return FEValuesExtractors::Vector(field_list[field].first_component);
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

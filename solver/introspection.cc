#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_dgq.h>
#include <deal.II/fe/fe_q.h>

#include <solver/introspection.h>

namespace heterion
{
  using namespace dealii;

  template <int dim>
  Introspection<dim>::Introspection(const unsigned int fe_degree,
                                    const bool         with_mechanics,
                                    const unsigned int displacement_degree,
                                    const bool         with_solid_potential,
                                    const bool with_electrolyte_potential)
      : concentration(concentration_component)
      , displacement(first_displacement_component)
      , hydrostatic_stress(hydrostatic_stress_component)
      , solid_potential_field(with_solid_potential
                                ? (with_mechanics ? hydrostatic_stress_field + 1
                                                  : concentration_field + 1)
                                : numbers::invalid_unsigned_int)
      , solid_potential_component(with_solid_potential
                                    ? (with_mechanics
                                         ? hydrostatic_stress_component + 1
                                         : concentration_component + 1)
                                    : numbers::invalid_unsigned_int)
      , solid_potential(with_solid_potential ? solid_potential_component : 0)
      // The last field: after c, (u, sigma_h) and psi when present.
      , electrolyte_potential_field(with_electrolyte_potential
                                      ? 1 + (with_mechanics ? 2 : 0)
                                          + (with_solid_potential ? 1 : 0)
                                      : numbers::invalid_unsigned_int)
      , electrolyte_potential_component(with_electrolyte_potential
                                          ? 1 + (with_mechanics ? dim + 1 : 0)
                                              + (with_solid_potential ? 1 : 0)
                                          : numbers::invalid_unsigned_int)
      , electrolyte_potential(
          with_electrolyte_potential ? electrolyte_potential_component : 0)
      , mechanics(with_mechanics)
  {
    field_list.push_back(
      {"concentration", "c", 1, concentration_component, concentration_field});
    std::vector<const FiniteElement<dim> *> elements;
    std::vector<unsigned int>               multiplicities;
    const FE_Q<dim>                         scalar(fe_degree);
    // sigma_h lives in discontinuous Q_k on the nodes of FE_Q(k) (Gauss-
    // Lobatto), made continuous within each material by constraints
    // (make_material_continuity_constraints): it keeps its jump where two
    // materials meet.
    const FE_DGQArbitraryNodes<dim> discontinuous(
      QGaussLobatto<1>(fe_degree + 1));
    const FE_Q<dim> vector(displacement_degree > 0 ? displacement_degree
                                                   : fe_degree);
    elements.push_back(&scalar);
    multiplicities.push_back(1);
    if (with_mechanics)
      {
        field_list.push_back({"displacement",
                              "u",
                              dim,
                              first_displacement_component,
                              displacement_field});
        field_list.push_back({"hydrostatic_stress",
                              "s",
                              1,
                              hydrostatic_stress_component,
                              hydrostatic_stress_field});
        elements.insert(elements.end(), {&vector, &discontinuous});
        multiplicities.insert(multiplicities.end(), {dim, 1});
      }
    if (with_solid_potential)
      {
        field_list.push_back({"solid_potential",
                              "p",
                              1,
                              solid_potential_component,
                              solid_potential_field});
        elements.push_back(&scalar);
        multiplicities.push_back(1);
      }
    if (with_electrolyte_potential)
      {
        field_list.push_back({"electrolyte_potential",
                              "e",
                              1,
                              electrolyte_potential_component,
                              electrolyte_potential_field});
        elements.push_back(&scalar);
        multiplicities.push_back(1);
      }
    finite_element = std::make_unique<FESystem<dim>>(elements, multiplicities);

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
    return mechanics;
  }


  template <int dim>
  bool
  Introspection<dim>::has_solid_potential() const
  {
    return solid_potential_field != numbers::invalid_unsigned_int;
  }

  template <int dim>
  bool
  Introspection<dim>::has_electrolyte_potential() const
  {
    return electrolyte_potential_field != numbers::invalid_unsigned_int;
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

#pragma once

#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values_extractors.h>

#include <memory>
#include <string>
#include <vector>

namespace heterion
{
  /**
   * Names the solution fields and where they sit in the finite element, the
   * DoF numbering (DoFs are renumbered component-wise, so each field's
   * block is a contiguous index range) and the extractors. The only place
   * that knows component indices: nobody else writes `dim + 1`.
   */
  template <int dim>
  class Introspection
  {
  public:
    /** One solution field. */
    struct Field
    {
      std::string  name;
      unsigned int n_components;
      unsigned int first_component;
      unsigned int block;
    };

    /** The set of active fields: concentration always; more as physics grows.
     */
    explicit Introspection(const unsigned int fe_degree);

    /** The finite element: one FE_Q of the chosen degree per component. */
    const dealii::FESystem<dim> &
    fe() const;

    /** The fields in block order. */
    const std::vector<Field> &
    fields() const;

    /** The number of blocks (one per field). */
    unsigned int
    n_blocks() const;

    /** Block index of each component (for DoFTools::count_dofs_per_fe_block).
     */
    std::vector<unsigned int>
    component_to_block() const;

    /** Extractor of the lithium concentration c [mol/m^3]. */
    const dealii::FEValuesExtractors::Scalar concentration;

    /** Component index of the concentration. */
    static constexpr unsigned int concentration_component = 0;

  private:
    std::vector<Field>                     field_list;
    std::unique_ptr<dealii::FESystem<dim>> finite_element;
  };
} // namespace heterion

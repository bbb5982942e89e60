#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <physics/mechanics/axial_strain.h>
#include <physics/mechanics/fields.h>
#include <physics/transport/fields.h>

namespace heterion::mechanics
{
  using namespace dealii;

  template <int dim>
  void
  AxialStrain<dim>::reinit(const Mapping<dim>                  &mapping_,
                           const DoFHandler<dim>               &dof_handler_,
                           const Introspection<dim>            &introspection_,
                           const Quadrature<dim>               &quadrature_,
                           const materials::PropertyCache<dim> &properties_)
  {
    mapping       = &mapping_;
    dof_handler   = &dof_handler_;
    introspection = &introspection_;
    quadrature    = &quadrature_;
    properties    = &properties_;
    FEValues<dim> values(mapping_,
                         introspection_.fe(),
                         quadrature_,
                         update_JxW_values);
    double        sum = 0;
    for (const auto &cell : dof_handler_.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          values.reinit(cell);
          for (const unsigned int q : values.quadrature_point_indices())
            {
              const auto &e = *properties_.elastic(cell, q);
              sum += (e.lambda + 2 * e.mu) * values.JxW(q);
            }
        }
    stiffness = Utilities::MPI::sum(sum, dof_handler_.get_communicator());
  }


  template <int dim>
  double
  AxialStrain<dim>::value(const LA::MPI::Vector &solution) const
  {
    FEValues<dim>       values(*mapping,
                         introspection->fe(),
                         *quadrature,
                         update_values | update_gradients | update_JxW_values);
    std::vector<double> divergence(quadrature->size()), c(quadrature->size());
    double              sum = 0;
    for (const auto &cell : dof_handler->active_cell_iterators())
      if (cell->is_locally_owned())
        {
          values.reinit(cell);
          values[introspection->vector(
                   introspection->field(fields::displacement))]
            .get_function_divergences(solution, divergence);
          values[introspection->scalar(
                   introspection->field(transport::fields::concentration))]
            .get_function_values(solution, c);
          for (const unsigned int q : values.quadrature_point_indices())
            {
              const auto &e = *properties->elastic(cell, q);
              sum += (e.bulk_modulus * e.partial_molar_volume
                        * (c[q] - e.reference_concentration)
                      - e.lambda * divergence[q])
                     * values.JxW(q);
            }
        }
    return Utilities::MPI::sum(sum, dof_handler->get_communicator())
           / stiffness;
  }


  template <int dim>
  void
  AxialStrain<dim>::coupling_vectors(
    const AffineConstraints<double> &constraints,
    LA::MPI::Vector                 &b,
    LA::MPI::Vector                 &w) const
  {
    const auto                          &fe = introspection->fe();
    FEValues<dim>                        values(*mapping,
                         fe,
                         *quadrature,
                         update_values | update_gradients | update_JxW_values);
    const unsigned int                   n = fe.n_dofs_per_cell();
    Vector<double>                       local_b(n), local_w(n);
    std::vector<types::global_dof_index> indices(n);
    const unsigned int u_field = introspection->field(fields::displacement);
    const auto        &u_dofs  = introspection->local_dofs(u_field);
    const auto        &s_dofs  = introspection->local_dofs(
      introspection->field(fields::hydrostatic_stress));
    const auto &c_dofs = introspection->local_dofs(
      introspection->field(transport::fields::concentration));
    const auto displacement = introspection->vector(u_field);
    b                       = 0;
    w                       = 0;
    for (const auto &cell : dof_handler->active_cell_iterators())
      if (cell->is_locally_owned())
        {
          values.reinit(cell);
          local_b = 0;
          local_w = 0;
          for (const unsigned int q : values.quadrature_point_indices())
            {
              const auto  &e   = *properties->elastic(cell, q);
              const double JxW = values.JxW(q);
              for (const unsigned int i : u_dofs)
                {
                  const double div = values[displacement].divergence(i, q);
                  local_b(i) += e.lambda * div * JxW;
                  local_w(i) -= e.lambda * div * JxW / stiffness;
                }
              for (const unsigned int i : s_dofs)
                local_b(i) -= e.bulk_modulus * values.shape_value(i, q) * JxW;
              for (const unsigned int i : c_dofs)
                local_w(i) += e.bulk_modulus * e.partial_molar_volume
                              * values.shape_value(i, q) * JxW / stiffness;
            }
          cell->get_dof_indices(indices);
          constraints.distribute_local_to_global(local_b, indices, b);
          constraints.distribute_local_to_global(local_w, indices, w);
        }
    b.compress(VectorOperation::add);
    w.compress(VectorOperation::add);
  }

  template class AxialStrain<2>;
  template class AxialStrain<3>;
} // namespace heterion::mechanics

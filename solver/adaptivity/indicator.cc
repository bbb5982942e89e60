#include <solver/adaptivity/indicator.h>

namespace heterion::adaptivity
{
  template <int dim>
  void
  RefinementIndicator<dim>::parse_parameters(dealii::ParameterHandler &,
                                             const std::vector<std::string> &)
  {
  }

  template <int dim>
  void
  FieldIndicator<dim>::declare_parameters(dealii::ParameterHandler &)
  {
  }


  template <int dim>
  void
  FieldIndicator<dim>::parse_parameters(dealii::ParameterHandler &,
                                        const std::vector<std::string> &fields)
  {
    field_names = fields;
  }


  template <int dim>
  void
  FieldIndicator<dim>::estimate(const SimulatorContext<dim> &context,
                                dealii::Vector<float>       &indicator) const
  {
    const auto &tria = context.dof_handler.get_triangulation();
    indicator.reinit(tria.n_active_cells());
    for (const std::string &name : field_names)
      {
        dealii::Vector<float> values(tria.n_active_cells());
        estimate_field(context, context.introspection.field(name), values);
        for (const auto &cell : tria.active_cell_iterators())
          if (!cell->is_locally_owned())
            values(cell->active_cell_index()) = 0;
        const double largest
          = dealii::Utilities::MPI::max(values.linfty_norm(),
                                        context.mpi_communicator);
        if (largest > 0)
          indicator.add(1. / largest, values);
      }
  }


  template class RefinementIndicator<2>;
  template class RefinementIndicator<3>;
  template class FieldIndicator<2>;
  template class FieldIndicator<3>;
} // namespace heterion::adaptivity

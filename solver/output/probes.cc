#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/base/utilities.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/grid/grid_tools.h>

#include <physics/mechanics/fields.h>
#include <physics/mechanics/stress.h>
#include <physics/transport/fields.h>
#include <solver/input_error.h>
#include <solver/output/probes.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace heterion::output
{
  using namespace dealii;

  template <int dim>
  void
  Probes<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    prm.declare_entry("Probe points",
                      "",
                      Patterns::Anything(),
                      "Points at which the fields are written to probes.csv "
                      "at every output time: `x,y,z; x,y,z; ...` [m] (two "
                      "coordinates in 2D). Each must lie in the mesh.");
    prm.leave_subsection();
  }


  template <int dim>
  void
  Probes<dim>::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    const std::string text = prm.get("Probe points");
    prm.leave_subsection();
    points.clear();
    for (const std::string &item : Utilities::split_string_list(text, ';'))
      {
        std::vector<double> coordinates;
        bool                ok = true;
        try
          {
            coordinates
              = Utilities::string_to_double(Utilities::split_string_list(item));
          }
        catch (...)
          {
            ok = false;
          }
        AssertThrow(ok && coordinates.size() == dim,
                    ExcInput("Output/Probe points: cannot read '"
                             + excerpt(item) + "' as a point; give "
                             + std::to_string(dim)
                             + " comma-separated coordinates [m] per point, "
                               "points separated by ';'."));
        AssertThrow(std::all_of(coordinates.begin(),
                                coordinates.end(),
                                [](const double x) {
                                  return std::isfinite(x);
                                }),
                    ExcInput("Output/Probe points: the point '" + excerpt(item)
                             + "' has a coordinate that is not a finite "
                               "number; give "
                             + std::to_string(dim)
                             + " finite coordinates [m] per point."));
        Point<dim> p;
        for (unsigned int d = 0; d < dim; ++d)
          p[d] = coordinates[d];
        points.push_back(p);
      }
  }


  template <int dim>
  void
  Probes<dim>::reinit(const SimulatorContext<dim> &context)
  {
    const unsigned int my_rank
      = Utilities::MPI::this_mpi_process(context.mpi_communicator);
    locations.assign(points.size(), Location());
    for (unsigned int i = 0; i < points.size(); ++i)
      {
        unsigned int owner = numbers::invalid_unsigned_int;
        const auto   cells = GridTools::find_all_active_cells_around_point(
          context.mapping, context.dof_handler, points[i], 1e-10);
        for (const auto &[cell, unit_point] : cells)
          if (cell->is_locally_owned())
            {
              locations[i].cell       = cell;
              locations[i].unit_point = unit_point;
              owner                   = my_rank;
              break;
            }
        const unsigned int chosen
          = Utilities::MPI::min(owner, context.mpi_communicator);
        std::ostringstream where;
        where << points[i];
        AssertThrow(chosen != numbers::invalid_unsigned_int,
                    ExcInput("Output/Probe points: the point (" + where.str()
                             + ") lies outside the mesh."));
        locations[i].owned = chosen == my_rank;
      }
  }


  template <int dim>
  void
  Probes<dim>::open(const std::string     &directory,
                    const bool             with_mechanics,
                    const CsvFile::Resume *resume)
  {
    std::string header
      = dim == 2 ? "time,probe,x,y,c,theta" : "time,probe,x,y,z,c,theta";
    if (with_mechanics)
      header += dim == 2 ? ",u_x,u_y,sigma_xx,sigma_yy,sigma_zz,sigma_xy,"
                           "sigma_h,sigma_vm"
                         : ",u_x,u_y,u_z,sigma_xx,sigma_yy,sigma_zz,sigma_xy,"
                           "sigma_xz,sigma_yz,sigma_h,sigma_vm";
    file.open(directory + "/probes.csv", header, resume);
  }


  template <int dim>
  void
  Probes<dim>::write(const SimulatorContext<dim> &context)
  {
    if (points.empty())
      return;
    // Decided from the context on every rank (the file is open on rank 0
    // only), so that the reduction below has the same size everywhere.
    const auto        *recovery          = context.stress_recovery;
    const bool         mechanics_columns = recovery != nullptr;
    const unsigned int n_tensor
      = postprocessors::StressRecovery<dim>::n_tensor_components;
    // c, theta [, u, stress components, sigma_h, sigma_vm]
    const unsigned int n_values
      = 2 + (mechanics_columns ? dim + n_tensor + 2 : 0);
    std::vector<double> values(n_values * points.size(), 0.);
    const auto         &in = context.introspection;
    for (unsigned int i = 0; i < points.size(); ++i)
      if (locations[i].owned)
        {
          const auto           &cell = locations[i].cell;
          const Quadrature<dim> quadrature(locations[i].unit_point);
          FEValues<dim>         fe_values(context.mapping,
                                  context.introspection.fe(),
                                  quadrature,
                                  update_values);
          fe_values.reinit(cell);
          double             *row = &values[n_values * i];
          std::vector<double> c(1);
          fe_values[in.scalar(in.field(transport::fields::concentration))]
            .get_function_values(context.solution, c);
          row[0] = c[0];
          row[1] = c[0]
                   / context.assembler.property_cache().evaluate(
                     materials::Property::maximum_concentration,
                     points[i],
                     cell->material_id());
          if (!mechanics_columns)
            continue;
          std::vector<Tensor<1, dim>> u(1);
          fe_values[in.vector(in.field(mechanics::fields::displacement))]
            .get_function_values(context.solution, u);
          for (unsigned int d = 0; d < dim; ++d)
            row[2 + d] = u[0][d];
          std::vector<double> sigma_h(1);
          fe_values[in.scalar(in.field(mechanics::fields::hydrostatic_stress))]
            .get_function_values(context.solution, sigma_h);
          row[2 + dim + n_tensor] = sigma_h[0];

          // The recovered tensor at the point, and sigma_vm from it.
          const typename DoFHandler<dim>::active_cell_iterator stress_cell(
            &cell->get_triangulation(),
            cell->level(),
            cell->index(),
            &recovery->dof_handler());
          FEValues<dim> stress_values(context.mapping,
                                      recovery->dof_handler().get_fe(),
                                      quadrature,
                                      update_values);
          stress_values.reinit(stress_cell);
          std::vector<Vector<double>> value(1, Vector<double>(n_tensor));
          stress_values.get_function_values(recovery->field(), value);
          for (unsigned int k = 0; k < n_tensor; ++k)
            row[2 + dim + k] = value[0][k];
          row[2 + dim + n_tensor + 1] = mechanics::von_mises(
            postprocessors::StressRecovery<dim>::tensor(value[0]));
        }
    Utilities::MPI::sum(values, context.mpi_communicator, values);
    if (!file.is_open())
      return;
    for (unsigned int i = 0; i < points.size(); ++i)
      {
        std::string row = csv_number(context.time) + "," + std::to_string(i);
        for (unsigned int d = 0; d < dim; ++d)
          row += "," + csv_number(points[i][d]);
        for (unsigned int k = 0; k < n_values; ++k)
          row += "," + csv_number(values[n_values * i + k]);
        file.append(row);
      }
  }

  template class Probes<2>;
  template class Probes<3>;
} // namespace heterion::output

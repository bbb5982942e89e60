#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>

#include <physics/transport/fields.h>
#include <solver/geometry/ids.h>
#include <solver/output/statistics.h>

#include <limits>
#include <set>

namespace heterion::output
{
  using namespace dealii;

  template <int dim>
  FieldStatistics
  compute_field_statistics(const SimulatorContext<dim> &context)
  {
    const auto &assembler = context.assembler;
    const auto &fe        = context.introspection.fe();
    const auto  conc      = context.introspection.scalar(
      context.introspection.field(transport::fields::concentration));
    FEValues<dim>       fe_values(context.mapping,
                            fe,
                            assembler.quadrature(),
                            update_values | update_JxW_values);
    FEFaceValues<dim>   fe_face_values(context.mapping,
                                     fe,
                                     assembler.face_quadrature(),
                                     update_values | update_JxW_values
                                       | update_quadrature_points);
    std::vector<double> c(assembler.quadrature().size());
    std::vector<double> c_face(assembler.face_quadrature().size());

    std::set<types::boundary_id> active
      = context.boundary_conditions.flux_boundaries();
    for (const auto id : context.boundary_conditions.concentration_boundaries())
      active.insert(id);
    if (context.electrode)
      for (const auto id : context.electrode->reaction_boundaries())
        active.insert(id);
    if (active.empty())
      active.insert(ids::boundary::surface);

    constexpr double big = std::numeric_limits<double>::max();
    double           sums[5]
      = {0, 0, 0, 0, 0}; // volume, inventory, theta, area, theta_area
    double inflow    = 0;
    double minima[2] = {big, big}, maxima[2] = {-big, -big}; // c, theta

    // Over the active materials (the electrolyte ones store no lithium).
    for (const auto &cell : context.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned()
          && assembler.cell_domains().of(cell) == assembly::Domains::active)
        {
          fe_values.reinit(cell);
          fe_values[conc].get_function_values(context.solution, c);
          const double *c_max = assembler.maximum_concentration(cell);
          for (const unsigned int q : fe_values.quadrature_point_indices())
            {
              const double theta = c[q] / c_max[q];
              sums[0] += fe_values.JxW(q);
              sums[1] += c[q] * fe_values.JxW(q);
              sums[2] += theta * fe_values.JxW(q);
              minima[0] = std::min(minima[0], c[q]);
              maxima[0] = std::max(maxima[0], c[q]);
              minima[1] = std::min(minima[1], theta);
              maxima[1] = std::max(maxima[1], theta);
            }
          for (const unsigned int f : cell->face_indices())
            if (const auto face = cell->face(f);
                (face->at_boundary() && active.count(face->boundary_id()))
                || assembler.cell_domains().is_interface(cell, f))
              {
                fe_face_values.reinit(cell, face);
                fe_face_values[conc].get_function_values(context.solution,
                                                         c_face);
                const auto &properties = assembler.property_cache();
                const bool  flux
                  = context.boundary_conditions.flux_boundaries().count(
                      face->boundary_id())
                    > 0;
                for (const unsigned int q :
                     fe_face_values.quadrature_point_indices())
                  {
                    const double dA = fe_face_values.JxW(q);
                    sums[3] += dA;
                    sums[4] += c_face[q]
                               / properties.evaluate(
                                 materials::Property::maximum_concentration,
                                 fe_face_values.quadrature_point(q),
                                 cell->material_id())
                               * dA;
                    if (flux)
                      inflow
                        += context.boundary_conditions.inward_molar_flux(
                             fe_face_values.quadrature_point(q), context.time)
                           * dA;
                  }
              }
        }

    const MPI_Comm comm = context.mpi_communicator;
    Utilities::MPI::sum(ArrayView<const double>(sums, 5),
                        comm,
                        ArrayView<double>(sums, 5));
    FieldStatistics stats;
    stats.volume             = sums[0];
    stats.li_inventory       = sums[1];
    stats.c_mean             = sums[1] / sums[0];
    stats.theta_mean         = sums[2] / sums[0];
    stats.theta_surface_mean = sums[3] > 0 ? sums[4] / sums[3] : 0.;
    stats.inflow_rate        = Utilities::MPI::sum(inflow, comm);
    stats.c_min              = Utilities::MPI::min(minima[0], comm);
    stats.c_max              = Utilities::MPI::max(maxima[0], comm);
    stats.theta_min          = Utilities::MPI::min(minima[1], comm);
    stats.theta_max          = Utilities::MPI::max(maxima[1], comm);
    return stats;
  }


  void
  StatisticsFile::open(const std::string              &directory,
                       const bool                      with_mechanics,
                       const bool                      with_electrode,
                       const bool                      with_protocol,
                       const bool                      with_mass,
                       const bool                      with_axial_strain,
                       const std::vector<std::string> &module_columns,
                       const CsvFile::Resume          *resume)
  {
    n_module_columns = module_columns.size();
    std::string extra;
    for (const std::string &column : module_columns)
      extra += "," + column;
    mass_column       = with_electrode && with_mass;
    axial_column      = with_mechanics && with_axial_strain;
    mechanics_columns = with_mechanics;
    electrode_columns = with_electrode;
    protocol_columns  = with_protocol;
    file.open(directory + "/statistics.csv",
              std::string(
                "step,time,dt,li_inventory,li_inflow_total,c_mean,c_min,c_max,"
                "theta_mean,theta_min,theta_max,theta_surface_mean,")
                + (with_mechanics ? "sigma_h_min,sigma_h_max,sigma_vm_max,"
                                    "sigma_1_max,strain_energy,volume_change,"
                                  : "")
                + (axial_column ? "axial_strain," : "")
                + (with_electrode ? "current,voltage,capacity,soc," : "")
                + (mass_column ? "specific_capacity," : "")
                + (with_protocol ? "protocol_step,cycle," : "")
                + "newton_iterations,linear_iterations" + extra,
              resume);
  }


  void
  StatisticsFile::write(const unsigned int     step,
                        const double           time,
                        const double           dt,
                        const FieldStatistics &s,
                        const double           li_inflow_total,
                        const unsigned int     newton_iterations,
                        const unsigned int     linear_iterations,
                        const postprocessors::MechanicalStatistics *mechanics,
                        const ElectrodeStatistics                  *electrode)
  {
    if (!file.is_open())
      return;
    std::string row = std::to_string(step);
    for (const double value : {time,
                               dt,
                               s.li_inventory,
                               li_inflow_total,
                               s.c_mean,
                               s.c_min,
                               s.c_max,
                               s.theta_mean,
                               s.theta_min,
                               s.theta_max,
                               s.theta_surface_mean})
      row += "," + csv_number(value);
    if (mechanics_columns)
      {
        Assert(mechanics != nullptr, dealii::ExcInternalError());
        for (const double value : {mechanics->sigma_h_min,
                                   mechanics->sigma_h_max,
                                   mechanics->sigma_vm_max,
                                   mechanics->sigma_1_max,
                                   mechanics->strain_energy,
                                   mechanics->volume_change})
          row += "," + csv_number(value);
        if (axial_column)
          row += "," + csv_number(mechanics->axial_strain);
      }
    if (electrode_columns)
      {
        Assert(electrode != nullptr, dealii::ExcInternalError());
        for (const double value : {electrode->current,
                                   electrode->voltage,
                                   electrode->capacity,
                                   electrode->soc})
          row += "," + csv_number(value);
        if (mass_column)
          row += "," + csv_number(electrode->specific_capacity);
        if (protocol_columns)
          row += "," + std::to_string(electrode->protocol_step) + ","
                 + std::to_string(electrode->cycle);
      }
    row += "," + std::to_string(newton_iterations) + ","
           + std::to_string(linear_iterations);
    AssertDimension(s.module_values.size(), n_module_columns);
    for (const double value : s.module_values)
      row += "," + csv_number(value);
    file.append(row);
  }

  template FieldStatistics
  compute_field_statistics(const SimulatorContext<2> &);
  template FieldStatistics
  compute_field_statistics(const SimulatorContext<3> &);
} // namespace heterion::output

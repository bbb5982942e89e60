#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>

#include <solver/context.h>
#include <solver/output/atomic_file.h>

#include <vector>

namespace heterion::output
{
  /**
   * Probe points: the fields at fixed points, written to probes.csv at
   * every output time (columns time, probe, x, y, [z,] c, theta, and with
   * mechanics u_x, u_y, [u_z,] the recovered stress components, sigma_h
   * and sigma_vm; see doc/output.md). Each point
   * is located once per mesh change; the lowest rank that owns a cell
   * containing it evaluates it.
   */
  template <int dim>
  class Probes
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /** Locates the points; throws ExcInput for a point outside the mesh. */
    void
    reinit(const SimulatorContext<dim> &context);

    /** Opens probes.csv (see CsvFile::open() for @p resume); the
     * mechanical columns only @p with_mechanics. */
    void
    open(const std::string     &directory,
         const bool             with_mechanics,
         const CsvFile::Resume *resume = nullptr);

    void
    write(const SimulatorContext<dim> &context);

  private:
    struct Location
    {
      bool                                                   owned = false;
      typename dealii::DoFHandler<dim>::active_cell_iterator cell;
      dealii::Point<dim>                                     unit_point;
    };
    std::vector<dealii::Point<dim>> points;
    std::vector<Location>           locations;
    CsvFile                         file;
  };
} // namespace heterion::output

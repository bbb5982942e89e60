#pragma once

#include <deal.II/base/parameter_handler.h>

#include <solver/context.h>

#include <string>
#include <utility>
#include <vector>

namespace heterion::output
{
  /**
   * Writes the fields for ParaView: one `solution_NNNNN.pvtu` per output
   * time with one `solution_NNNNN.RRRR.vtu` piece per MPI rank, and
   * `solution.pvd` listing them with their times. Fields: concentration c,
   * theta, the lithium flux -D grad c, material_id and subdomain, and the
   * other solution fields (displacement, hydrostatic_stress,
   * solid_potential) and recovered stresses when they exist. Every file
   * is written atomically.
   *
   * With kinetics, `surface_NNNNN.pvtu` (pieces `surface_NNNNN.RRRR.vtu`)
   * and `surface.pvd` hold the reaction faces at the same times, with
   * theta, the open-circuit potential, the solid potential phi_s, the
   * overpotential eta and the interface current density (doc/output.md).
   *
   * Coordinates and displacements are written in `Output/Length unit` (a
   * nanometre particle in metres renders flat in ParaView: VTK's lighting
   * has absolute tolerances); every other field stays in SI units. Each
   * piece carries the unit and the units of its arrays as field data
   * (`length_unit_in_metres`, `units`), each .pvtu and .pvd the same in a
   * comment.
   */
  template <int dim>
  class VtuWriter
  {
  public:
    /** `Output/Length unit`. */
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /**
     * Starts the records in @p directory. @p body_size [m] (the diagonal of
     * the body's bounding box) chooses the length unit of `auto`.
     */
    void
    open(const std::string &directory, const double body_size);

    /**
     * Writes the record of the state of @p context, with the arrays of the
     * @p postprocessors (the physics modules') added; @p units gives the
     * unit of a field or array that the writer's own table does not know.
     */
    void
    write(
      const SimulatorContext<dim>                               &context,
      const std::vector<const dealii::DataPostprocessor<dim> *> &postprocessors
      = {},
      const std::map<std::string, std::string> &units = {});

    /** The length unit of the VTU coordinates and displacements: its name
     * ("um") and its length in metres. */
    std::pair<std::string, double>
    length_unit() const;

    /** The records of solution.pvd and surface.pvd (checkpoints). */
    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int /*version*/)
    {
      archive &records &surface_records;
    }

  private:
    std::string                                 directory;
    std::vector<std::pair<double, std::string>> records, surface_records;
    /** `Output/Length unit` as given, and as resolved by open(). */
    std::string unit_text = "auto", unit_name = "m";
    double      unit = 1;
  };
} // namespace heterion::output

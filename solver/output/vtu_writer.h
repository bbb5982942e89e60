#pragma once

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
   */
  template <int dim>
  class VtuWriter
  {
  public:
    void
    open(const std::string &directory);

    void
    write(const SimulatorContext<dim> &context);

  private:
    std::string                                 directory;
    std::vector<std::pair<double, std::string>> records, surface_records;
  };
} // namespace heterion::output

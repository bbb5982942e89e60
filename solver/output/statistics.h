#pragma once

#include <solver/context.h>
#include <solver/output/atomic_file.h>

#include <string>
#include <vector>

namespace heterion::output
{
  /** Integrals and extrema of the fields at one time (see doc/output.md). */
  struct FieldStatistics
  {
    double volume             = 0; ///< [m^3]
    double li_inventory       = 0; ///< \int c dV [mol]
    double c_mean             = 0; ///< [mol/m^3]
    double c_min              = 0; ///< [mol/m^3], over quadrature points
    double c_max              = 0; ///< [mol/m^3], over quadrature points
    double theta_mean         = 0; ///< volume average of c/c_max [-]
    double theta_min          = 0;
    double theta_max          = 0;
    double theta_surface_mean = 0; ///< area average over the active surface
    double inflow_rate        = 0; ///< \int_{flux bdry} j dA [mol/s]
    /** The columns of the physics modules (PhysicsModule::statistics()),
     * in the order of their names. */
    std::vector<double> module_values;
  };

  /** The electrode's state at one time (with kinetics only). */
  struct ElectrodeStatistics
  {
    double current  = 0; ///< insertion current I [A] (positive: lithiation)
    double voltage  = 0; ///< electrode potential V [V vs Li/Li+]
    double capacity = 0; ///< \int I dt / 3600 [A h] since t = 0
    double soc      = 0; ///< \int c dV / \int c_max dV [-]
    /** capacity per host mass [mAh/g] (written with a density only). */
    double specific_capacity = 0;
    /** The protocol step (1-based) and cycle of the row (protocol only). */
    unsigned int protocol_step = 0, cycle = 0;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int /*version*/)
    {
      archive &current &voltage &capacity &soc &specific_capacity;
      archive &protocol_step                   &cycle;
    }
  };

  /**
   * Computes the statistics by quadrature over the locally owned cells and
   * an MPI reduction. The active surface is the union of the flux and
   * concentration boundaries (or `surface` when neither is given).
   */
  template <int dim>
  FieldStatistics
  compute_field_statistics(const SimulatorContext<dim> &context);

  /** The columns of statistics.csv, one row per accepted step. */
  class StatisticsFile
  {
  public:
    /** Opens the file; the mechanical columns only @p with_mechanics,
     * the electrode's only @p with_electrode, `specific_capacity` only
     * @p with_mass, `axial_strain` only @p with_axial_strain (generalized
     * plane strain); the columns of the physics modules, @p
     * module_columns, come last. */
    void
    open(const std::string              &directory,
         const bool                      with_mechanics,
         const bool                      with_electrode    = false,
         const bool                      with_protocol     = false,
         const bool                      with_mass         = false,
         const bool                      with_axial_strain = false,
         const std::vector<std::string> &module_columns    = {},
         const CsvFile::Resume          *resume            = nullptr);

    /** Appends one row (rank 0 writes; other ranks do nothing). */
    void
    write(const unsigned int                          step,
          const double                                time,
          const double                                dt,
          const FieldStatistics                      &stats,
          const double                                li_inflow_total,
          const unsigned int                          newton_iterations,
          const unsigned int                          linear_iterations,
          const postprocessors::MechanicalStatistics *mechanics,
          const ElectrodeStatistics                  *electrode = nullptr);

  private:
    CsvFile file;
    bool    mechanics_columns = false;
    bool    electrode_columns = false;
    bool    protocol_columns  = false;
    bool    mass_column       = false;
    bool    axial_column      = false;
    /** The number of columns of the physics modules. */
    std::size_t n_module_columns = 0;
  };
} // namespace heterion::output

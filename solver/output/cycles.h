#pragma once

#include <solver/output/atomic_file.h>

#include <string>

namespace heterion::postprocessors
{
  struct MechanicalStatistics;
}

namespace heterion::output
{
  /**
   * cycles.csv: one row per protocol cycle, written when the cycle ends
   * (and for the cycle in progress when the run ends). Discharge means
   * lithiation of the electrode (I > 0), charge delithiation, as in the
   * protocol language. Per cycle:
   * - discharge_capacity, charge_capacity [A h]: \int max(+-I, 0) dt;
   * - coulombic_efficiency: the capacity of the direction the run does
   *   not start with over the one it starts with (what comes out over what
   *   went in: charge over discharge for a run that begins with a
   *   discharge, as a cathode half cell in the lab; 0 if nothing went in);
   * - average_discharge_voltage, average_charge_voltage [V]: \int V |I| dt
   *   / \int |I| dt over the steps of that direction (0 if none);
   * - with a density: both capacities per mass [mAh/g];
   * - with mechanics: the peaks of sigma_vm, sigma_h, sigma_1 [Pa] over
   *   the accepted states of the cycle.
   * The integrals use the right-endpoint rule of statistics.csv (the
   * current and voltage at the end of each step), so the capacities add
   * up to its `capacity` column.
   */
  class CyclesFile
  {
  public:
    /**
     * Opens the file in @p directory (on the rank that calls it); @p mass
     * [kg] > 0 adds the per-mass columns, @p with_mechanics the stress
     * peaks.
     */
    void
    open(const std::string     &directory,
         const double           mass,
         const bool             with_mechanics,
         const CsvFile::Resume *resume = nullptr);

    /**
     * Adds the accepted step (t - dt, t] of @p cycle ending with current
     * @p current [A] and voltage @p voltage [V]; a new cycle number writes
     * the row of the cycle before. Called on every rank.
     */
    void
    add_step(const unsigned int                          cycle,
             const double                                time,
             const double                                dt,
             const double                                current,
             const double                                voltage,
             const postprocessors::MechanicalStatistics *mechanics);

    /** Writes the row of the cycle in progress, if it has steps. */
    void
    finish();

    /** The sums of the cycle in progress (checkpoints). */
    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int /*version*/)
    {
      archive &first_direction &current_cycle.number &current_cycle
        .start_time                                  &current_cycle.end_time;
      archive &current_cycle.lithiation &current_cycle
        .delithiation &current_cycle.lithiation_energy &current_cycle
        .delithiation_energy;
      archive &current_cycle.peak_sigma_vm &current_cycle
        .peak_sigma_h &current_cycle.peak_sigma_1 &current_cycle.has_steps;
    }

  private:
    /** The sums of the cycle in progress. */
    struct Cycle
    {
      unsigned int number     = 0;
      double       start_time = 0, end_time = 0;
      /** \int I dt and \int V I dt over lithiation / delithiation [C],
       * [V C]. */
      double lithiation = 0, delithiation = 0;
      double lithiation_energy = 0, delithiation_energy = 0;
      double peak_sigma_vm = 0, peak_sigma_h = 0, peak_sigma_1 = 0;
      bool   has_steps = false;
    };

    CsvFile file;
    double  mass              = 0;
    bool    mechanics_columns = false;
    /** The run's first current: +1 lithiation, -1 delithiation, 0 none. */
    int   first_direction = 0;
    Cycle current_cycle;
  };
} // namespace heterion::output

#include <physics/constants.h>
#include <physics/postprocessors/stress_recovery.h>
#include <solver/output/cycles.h>

#include <algorithm>

namespace heterion::output
{
  void
  CyclesFile::open(const std::string     &directory,
                   const double           mass_kg,
                   const bool             with_mechanics,
                   const CsvFile::Resume *resume)
  {
    mass              = mass_kg;
    mechanics_columns = with_mechanics;
    file.open(directory + "/cycles.csv",
              std::string("cycle,start_time,end_time,discharge_capacity,"
                          "charge_capacity,coulombic_efficiency,"
                          "average_discharge_voltage,average_charge_voltage")
                + (mass > 0 ? ",discharge_capacity_per_mass,"
                              "charge_capacity_per_mass"
                            : "")
                + (with_mechanics ? ",peak_sigma_vm,peak_sigma_h,peak_sigma_1"
                                  : ""),
              resume);
  }


  void
  CyclesFile::add_step(const unsigned int                          cycle,
                       const double                                time,
                       const double                                dt,
                       const double                                current,
                       const double                                voltage,
                       const postprocessors::MechanicalStatistics *mechanics)
  {
    if (current_cycle.has_steps && cycle != current_cycle.number)
      finish();
    Cycle &c = current_cycle;
    if (!c.has_steps)
      {
        c            = Cycle();
        c.number     = cycle;
        c.start_time = time - dt;
        c.has_steps  = true;
      }
    c.end_time      = time;
    const double dq = dt * current;
    if (dq > 0)
      {
        c.lithiation += dq;
        c.lithiation_energy += voltage * dq;
      }
    else if (dq < 0)
      {
        c.delithiation -= dq;
        c.delithiation_energy -= voltage * dq;
      }
    if (first_direction == 0 && dq != 0)
      first_direction = dq > 0 ? 1 : -1;
    if (mechanics)
      {
        c.peak_sigma_vm = std::max(c.peak_sigma_vm, mechanics->sigma_vm_max);
        c.peak_sigma_h  = std::max(c.peak_sigma_h, mechanics->sigma_h_max);
        c.peak_sigma_1  = std::max(c.peak_sigma_1, mechanics->sigma_1_max);
      }
  }


  void
  CyclesFile::finish()
  {
    Cycle &c = current_cycle;
    if (!c.has_steps)
      return;
    c.has_steps = false;
    if (!file.is_open())
      return;
    const double in  = first_direction >= 0 ? c.lithiation : c.delithiation;
    const double out = first_direction >= 0 ? c.delithiation : c.lithiation;
    const double ah  = 1. / constants::seconds_per_hour;
    std::string  row = std::to_string(c.number);
    for (const double v :
         {c.start_time,
          c.end_time,
          c.lithiation * ah,
          c.delithiation * ah,
          in > 0 ? out / in : 0.,
          c.lithiation > 0 ? c.lithiation_energy / c.lithiation : 0.,
          c.delithiation > 0 ? c.delithiation_energy / c.delithiation : 0.})
      row += "," + csv_number(v);
    if (mass > 0)
      {
        // A h / kg = mAh / g.
        row += "," + csv_number(c.lithiation * ah / mass) + ","
               + csv_number(c.delithiation * ah / mass);
      }
    if (mechanics_columns)
      for (const double v : {c.peak_sigma_vm, c.peak_sigma_h, c.peak_sigma_1})
        row += "," + csv_number(v);
    file.append(row);
  }
} // namespace heterion::output

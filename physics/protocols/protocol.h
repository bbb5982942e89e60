#pragma once

#include <string>
#include <vector>

namespace heterion::protocols
{
  /**
   * An operating protocol: a list of steps read from one line of text, as
   * a person writes it, e.g.
   *   Discharge at 1C until 3.0 V; Rest for 10 min;
   *   Charge at 0.5C until 4.2 V; Hold at 4.2 V until C/50
   * Steps are separated by `;`. Keywords are case-insensitive.
   *
   * Step kinds:
   * - `Discharge at <current>` / `Charge at <current>`: galvanostatic,
   *   lithiation (discharge) or delithiation (charge) of the electrode;
   * - `Rest`: zero current;
   * - `Hold at <voltage>`: potentiostatic;
   * - `Sweep to <voltage> at <sweep rate>` (optionally `from <voltage>`):
   *   potentiostatic with the voltage changing linearly in time, from the
   *   voltage at the start of the step (or the `from` voltage) to the
   *   target, where the step ends. Two sweeps and `Protocol repeats` make
   *   cyclic voltammetry.
   * Each step ends at the first of its conditions: `until <voltage>`
   * (galvanostatic steps: the voltage falls to it on discharge or rises to
   * it on charge), `until <current>` (hold: |I| falls below it),
   * `for <duration>`; a step without a condition is an error.
   *
   * Quantities: currents `1C`, `0.5C`, `C/50`, `2 mA`, `1.5 A`, `3 A/m2`;
   * voltages `3.0 V`, `4200 mV`; durations `30 s`, `10 min`, `2 h`;
   * sweep rates `1 mV/s`, `0.1 V/s`, `50 uV/s`.
   */
  struct Quantity
  {
    enum class Unit
    {
      c_rate,          ///< [1/h]
      ampere,          ///< [A]
      current_density, ///< [A/m^2]
      volt,            ///< [V]
      second,          ///< [s]
      volt_per_second  ///< [V/s]
    };
    double value = 0;
    Unit   unit  = Unit::second;
  };

  struct Step
  {
    enum class Kind
    {
      discharge,
      charge,
      rest,
      hold,
      sweep
    };
    Kind kind = Kind::rest;
    /**
     * The current magnitude (discharge, charge), the voltage (hold) or the
     * sweep rate magnitude (sweep).
     */
    Quantity setpoint;
    /** Sweep: the target voltage, and the start voltage if given. */
    Quantity sweep_target, sweep_start;
    bool     has_sweep_start = false;
    /** Cut-offs; has_* say which are given. */
    bool has_voltage_limit = false, has_current_limit = false,
         has_duration = false;
    Quantity voltage_limit, current_limit, duration;
    /** The step as written, for messages and output. */
    std::string text;
  };

  /**
   * A current quantity in A: a C-rate times @p one_c [A], a current
   * density times @p area [m^2], or amperes as they are.
   */
  double
  to_ampere(const Quantity &q, const double one_c, const double area);

  /**
   * Parses @p text (see the description of Step) for the parameter
   * @p entry. Throws ExcInput naming the entry, the step (number and text)
   * and the word that does not fit.
   */
  std::vector<Step>
  parse_protocol(const std::string &entry, const std::string &text);
} // namespace heterion::protocols

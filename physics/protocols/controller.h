#pragma once

#include <physics/protocols/protocol.h>

#include <string>
#include <vector>

namespace heterion::protocols
{
  /**
   * Runs a protocol (parse_protocol) over time: which step is active, its
   * set-point, when it ends, and the cycle count (the whole list is run
   * `repeats` times). The simulator asks for the set-point before each
   * time step, limits the step so that a duration ends exactly on a step
   * boundary (max_step), and after each converged step asks whether a
   * cut-off was crossed; a crossed cut-off is located by re-solving the
   * step with a shorter dt (regula falsi on the monitored quantity between
   * a point short of the limit and one beyond it, each a check() of that
   * pair) until it is
   * met to the tolerance, then the next step begins.
   */
  class Controller
  {
  public:
    /** What the electrode must do during the active step. */
    struct Setpoint
    {
      /** true: V is prescribed; false: the current is. */
      bool potentiostatic = false;
      /**
       * V [V] at @p start_time or the insertion current I [A] (positive:
       * lithiation).
       */
      double value = 0;
      /** Potentiostatic: dV/dt [V/s]; V(t) = value + rate (t - start). */
      double rate = 0, start_time = 0;
    };

    /** The outcome of a trial step that ends at time t with V and I. */
    enum class Check
    {
      continues, ///< no condition met
      ends,      ///< a condition is met within the tolerance: step ends
      overshoot  ///< a cut-off was crossed: shorten the step
    };

    Controller() = default;

    /**
     * @p steps from parse_protocol, run @p repeats times; @p one_c [A] and
     * @p area [m^2] convert C-rates and current densities.
     */
    Controller(const std::vector<Step> &steps,
               const unsigned int       repeats,
               const double             one_c,
               const double             area);

    bool
    active() const;

    /**
     * Begins the first step at @p time with the electrode at its
     * open-circuit @p voltage [V]. Throws ExcInput for a cut-off that can
     * never be reached (see check_reachable()).
     */
    void
    start(const double time, const double voltage);

    /** All steps of all cycles are done. */
    bool
    finished() const;

    Setpoint
    setpoint() const;

    /** The largest step from @p time that does not pass a duration end. */
    double
    max_step(const double time) const;

    /**
     * Judges a converged trial step from (t0, V0, I0) to (t1, V1, I1).
     * For Check::overshoot, @p dt_event is the estimated length from t0
     * that meets the cut-off exactly (linear interpolation). (t0, V0, I0)
     * may also be a trial end short of the limit, to interpolate within a
     * bracket.
     */
    Check
    check(const double t0,
          const double v0,
          const double i0,
          const double t1,
          const double v1,
          const double i1,
          double      &dt_event) const;

    /**
     * Starts the next step (and cycle) at @p time; @p voltage [V] is the
     * electrode voltage there (the start of a sweep without `from`).
     */
    void
    next_step(const double time, const double voltage);

    /** The active step's number in the list (1-based) and its cycle. */
    unsigned int
    step_number() const;
    unsigned int
    cycle() const;

    /** The text of the active step. */
    const std::string &
    step_text() const;

    /** Voltage tolerance of the event location [V]. */
    static constexpr double voltage_tolerance = 1e-8;
    /** Relative tolerance of current cut-offs. */
    static constexpr double current_tolerance = 1e-8;
    /** Durations end within this fraction of the step (of the duration). */
    static constexpr double time_tolerance = 1e-10;

    /** The state that changes during a run (checkpoints): the active
     * step, its cycle, start time and sweep start. */
    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int /*version*/)
    {
      archive &index &cycle_no &step_start &sweep_start;
    }

  private:
    /** A quantity of the unit family of currents in A. */
    double
    current_of(const Quantity &q) const;

    /** Sets the start of the active step: its time and voltage. */
    void
    begin_step(const double time, const double voltage);

    /**
     * The length [s] of the active step if it is fixed (a duration, or the
     * time a sweep takes), else infinity.
     */
    double
    fixed_length() const;

    /**
     * Reports, before the run, a voltage cut-off the step cannot reach
     * from the voltage it starts at: a discharge whose limit is not below
     * its start voltage, a charge whose limit is not above it, a sweep of
     * zero length. The start voltage is known for the first step (the
     * open-circuit @p initial_voltage) and after a step that ends at a
     * known voltage (a voltage cut-off, a hold, a sweep); after a rest or a
     * step that may end by its duration, it is not, and the step is not
     * judged.
     */
    void
    check_reachable(const double initial_voltage) const;

    std::vector<Step> steps;
    unsigned int      n_repeats = 1;
    double            one_c = 0, area = 0;
    std::size_t       index      = 0;
    unsigned int      cycle_no   = 1;
    double            step_start = 0;
    /** The voltage at which the active sweep starts [V]. */
    double sweep_start = 0;
  };
} // namespace heterion::protocols

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
   * step with a shorter dt (secant on the monitored quantity) until it is
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
      /** V [V] or the insertion current I [A] (positive: lithiation). */
      double value = 0;
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
     * For Check::overshoot, @p dt_event is the estimated step length
     * that meets the cut-off exactly (linear interpolation).
     */
    Check
    check(const double t0,
          const double v0,
          const double i0,
          const double t1,
          const double v1,
          const double i1,
          double      &dt_event) const;

    /** Starts the next step (and cycle) at @p time. */
    void
    next_step(const double time);

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

  private:
    /** A quantity of the unit family of currents in A. */
    double
    current_of(const Quantity &q) const;

    std::vector<Step> steps;
    unsigned int      n_repeats = 1;
    double            one_c = 0, area = 0;
    std::size_t       index      = 0;
    unsigned int      cycle_no   = 1;
    double            step_start = 0;
  };
} // namespace heterion::protocols

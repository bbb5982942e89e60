#pragma once

#include <array>
#include <string>

namespace heterion::output
{
  /**
   * The lithium balance of a run, checked after every accepted step. The
   * storage term of the residual, tested with v = 1, gives the discrete
   * balance of each step,
   *   (a_0 N^{n+1} + a_1 N^n + a_2 N^{n-1}) / dt = Q^{n+1},
   * with N = \int c dV the inventory and Q the lithium entering per second
   * at the end of the step (prescribed flux, reaction current / F, volumetric
   * source). The defect of this identity, computed from the inventories and
   * inflows of the statistics (not from the residual), is what the solver
   * left unsolved plus any lithium the statistics do not see; as an amount
   * it is defect dt / a_0, and these amounts are summed over the run. With
   * backward Euler and a constant inflow the sum is exactly N - N_0 minus
   * the inflow total. The balance cannot be checked when lithium also
   * enters through concentration (Dirichlet) boundaries, whose flux is not
   * computed.
   */
  class LithiumBalance
  {
  public:
    /**
     * Starts at the initial inventory @p inventory [mol]. The balance
     * counts as violated when the summed defect exceeds @p tolerance times
     * the larger of the capacity @p capacity = \int c_max dV [mol] and the
     * lithium moved so far (\sum |inflow| dt). @p checked is false when it
     * cannot be checked (concentration boundaries).
     */
    void
    start(const double inventory,
          const double capacity,
          const double tolerance,
          const bool   checked);

    /**
     * One accepted step of length @p dt [s] with the time-derivative
     * coefficients @p a (a_0, a_1, a_2), the inventory @p inventory at its
     * end [mol] and the inflow rate @p inflow [mol/s] at its end.
     */
    void
    add_step(const std::array<double, 3> &a,
             const double                 dt,
             const double                 inventory,
             const double                 inflow);

    /** The inventory at the start of the run [mol]. */
    double
    initial_inventory() const;

    /** The summed defect [mol] (0 when not checked). */
    double
    error() const;

    /** The allowed |error()| [mol]. */
    double
    allowed_error() const;

    /** Whether the balance is checked at all. */
    bool
    checked() const;

    /** Whether |error()| exceeds allowed_error() (false when unchecked). */
    bool
    violated() const;

    /** A one-sentence description of a violation (for warnings). */
    std::string
    describe(const double time) const;

    /**
     * The mesh changed: the inventories of the last two states on the new
     * mesh are @p latest_inventory and @p previous_inventory [mol]. Their
     * change is booked as transfer_change(), not as a defect.
     */
    void
    remesh(const double latest_inventory, const double previous_inventory);

    /** The summed change of the inventory by mesh changes [mol]. */
    double
    transfer_change() const;

    /** The whole state (checkpoints). */
    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int /*version*/)
    {
      archive &initial &latest &previous &capacity &tolerance &sum;
      archive &throughput &is_checked                         &transferred;
    }

  private:
    double initial = 0, latest = 0, previous = 0;
    double capacity = 0, tolerance = 0, sum = 0;
    /** \sum |inflow| dt [mol]: the lithium moved so far. */
    double throughput = 0;
    /** The change of the inventory by mesh changes [mol]. */
    double transferred = 0;
    bool   is_checked  = false;
  };
} // namespace heterion::output

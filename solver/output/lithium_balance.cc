#include <solver/output/lithium_balance.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>

namespace heterion::output
{
  void
  LithiumBalance::start(const double inventory,
                        const double body_capacity,
                        const double relative_tolerance,
                        const bool   checked)
  {
    initial = latest = previous = inventory;
    capacity                    = body_capacity;
    tolerance                   = relative_tolerance;
    is_checked                  = checked;
    sum                         = 0;
    throughput                  = 0;
    transferred                 = 0;
  }


  void
  LithiumBalance::add_step(const std::array<double, 3> &a,
                           const double                 dt,
                           const double                 inventory,
                           const double                 inflow)
  {
    // The amounts are measured from the initial inventory, so that the
    // round-off of a_0 N^{n+1} + a_1 N^n + a_2 N^{n-1} (a_0 + a_1 + a_2 = 0)
    // is that of the changes, not of the inventories.
    if (is_checked)
      sum += ((a[0] * (inventory - initial) + a[1] * (latest - initial)
               + a[2] * (previous - initial))
                / dt
              - inflow)
             * dt / a[0];
    throughput += std::abs(inflow) * dt;
    previous = latest;
    latest   = inventory;
  }


  void
  LithiumBalance::remesh(const double latest_inventory,
                         const double previous_inventory)
  {
    transferred += latest_inventory - latest;
    latest   = latest_inventory;
    previous = previous_inventory;
  }


  double
  LithiumBalance::transfer_change() const
  {
    return transferred;
  }


  double
  LithiumBalance::initial_inventory() const
  {
    return initial;
  }


  double
  LithiumBalance::error() const
  {
    return sum;
  }


  double
  LithiumBalance::allowed_error() const
  {
    return tolerance * std::max(capacity, throughput);
  }


  bool
  LithiumBalance::checked() const
  {
    return is_checked;
  }


  bool
  LithiumBalance::violated() const
  {
    return is_checked && !(std::abs(sum) <= allowed_error());
  }


  std::string
  LithiumBalance::describe(const double time) const
  {
    return "the lithium balance is off by " + to_text(sum)
           + " mol at t = " + to_text(time)
           + " s (allowed: `Output/Balance tolerance` = " + to_text(tolerance)
           + " times the larger of the capacity, the integral of c_max, "
           + to_text(capacity) + " mol, and the lithium moved so far, "
           + to_text(throughput)
           + " mol): the inventory changed by another amount than the "
             "lithium that entered. The results cannot be trusted; tighten "
             "`Nonlinear solver/Relative tolerance` and `Linear "
             "solver/Relative tolerance`.";
  }
} // namespace heterion::output

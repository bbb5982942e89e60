#pragma once

#include <deal.II/base/mpi.h>

#include <solver/input_error.h>

#include <string>

namespace heterion
{
  /**
   * The run was stopped by a signal (SIGTERM from a batch scheduler, SIGINT
   * from Ctrl-C) after the step in progress: the output up to that step is
   * complete. main() prints the message and exits with 128 + the signal
   * number, as a shell reports a process ended by that signal.
   */
  class ExcInterrupted : public ExcRunFailure
  {
  public:
    ExcInterrupted(const int signal, const std::string &message)
        : ExcRunFailure(message)
        , signal(signal)
    {
    }

    const int signal;
  };

  namespace interrupt
  {
    /**
     * Installs handlers for SIGTERM and SIGINT that only record the signal;
     * the time loop stops after the step in progress. A second signal of
     * the same kind ends the process at once (the default action).
     */
    void
    install();

    /** The signal received by any rank of @p comm (0: none). Collective. */
    int
    received(const MPI_Comm comm);

    /** "SIGTERM", "SIGINT", ... */
    std::string
    signal_name(const int signal);
  } // namespace interrupt
} // namespace heterion

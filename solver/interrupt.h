#pragma once

#include <deal.II/base/mpi.h>

#include <solver/input_error.h>

#include <string>

namespace heterion
{
  /**
   * The run was stopped by a signal (SIGTERM or SIGUSR1 from a batch
   * scheduler, SIGINT from Ctrl-C) after the step in progress, or at
   * `Checkpoint/Stop after step` (@p signal = 0): the output up to that
   * step is complete (and a checkpoint written, unless switched off).
   * main() prints the message and exits with exit_code: 128 + the signal
   * number, as a shell reports a process ended by that signal, or
   * stopped_exit_code for the planned stop.
   */
  class ExcInterrupted : public ExcRunFailure
  {
  public:
    /** The exit code of a planned stop with a checkpoint (EX_TEMPFAIL of
     * sysexits.h: "try again", here with --resume). */
    static constexpr int stopped_exit_code = 75;

    ExcInterrupted(const int signal, const std::string &message)
        : ExcRunFailure(message)
        , signal(signal)
        , exit_code(signal > 0 ? 128 + signal : stopped_exit_code)
    {
    }

    const int signal;
    const int exit_code;
  };

  namespace interrupt
  {
    /**
     * Installs handlers for SIGTERM, SIGINT and SIGUSR1 that only record
     * the signal;
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

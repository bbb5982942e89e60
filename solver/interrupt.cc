#include <solver/interrupt.h>

#include <csignal>

namespace heterion::interrupt
{
  namespace
  {
    volatile std::sig_atomic_t received_signal = 0;

    extern "C" void
    record(const int signal)
    {
      received_signal = signal;
      // The next one of this kind is not caught.
      std::signal(signal, SIG_DFL);
    }
  } // namespace


  void
  install()
  {
    for (const int signal : {SIGTERM, SIGINT, SIGUSR1})
      std::signal(signal, record);
  }


  int
  received(const MPI_Comm comm)
  {
    return dealii::Utilities::MPI::max(static_cast<int>(received_signal), comm);
  }


  std::string
  signal_name(const int signal)
  {
    switch (signal)
      {
        case SIGTERM:
          return "SIGTERM";
        case SIGINT:
          return "SIGINT";
        case SIGUSR1:
          return "SIGUSR1";
        default:
          return "signal " + std::to_string(signal);
      }
  }
} // namespace heterion::interrupt

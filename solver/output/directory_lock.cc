#include <solver/input_error.h>
#include <solver/output/directory_lock.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace heterion::output
{
  namespace
  {
    std::string
    host_name()
    {
      char name[256] = {};
      if (::gethostname(name, sizeof(name) - 1) != 0)
        return "unknown";
      return name;
    }


    /** Creates @p path exclusively with this process's record; false if it
     * exists. Throws for any other failure. */
    bool
    create(const std::string &path)
    {
      const int file = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
      if (file < 0)
        {
          AssertThrow(errno == EEXIST,
                      ExcInput("Cannot create the lock file '" + path
                               + "' of the output directory."));
          return false;
        }
      std::ostringstream record;
      record << ::getpid() << ' ' << host_name() << ' '
             << static_cast<long long>(std::time(nullptr)) << '\n';
      const std::string text = record.str();
      const bool        ok   = ::write(file, text.data(), text.size())
                      == static_cast<ssize_t>(text.size());
      ::close(file);
      AssertThrow(ok,
                  ExcInput("Cannot write the lock file '" + path
                           + "' of the output directory."));
      return true;
    }
  } // namespace


  DirectoryLock::DirectoryLock(const std::string &directory,
                               const MPI_Comm     comm)
  {
    std::string error, note;
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      try
        {
          const std::string lock = directory + "/" + file_name;
          for (unsigned int attempt = 0; attempt < 2 && path.empty(); ++attempt)
            {
              if (create(lock))
                {
                  path = lock;
                  break;
                }
              long long   pid = 0, started = 0;
              std::string host;
              std::ifstream(lock) >> pid >> host >> started;
              const bool stale = pid > 0 && host == host_name()
                                 && ::kill(static_cast<pid_t>(pid), 0) != 0
                                 && errno == ESRCH;
              if (stale && attempt == 0)
                {
                  std::remove(lock.c_str());
                  note = "heterion: note: took over the lock of output "
                         "directory '"
                         + directory + "' left by process "
                         + std::to_string(pid) + ", which no longer runs.";
                  continue;
                }
              char when[64] = "an unknown time";
              if (started > 0)
                {
                  const std::time_t t = static_cast<std::time_t>(started);
                  std::strftime(when,
                                sizeof(when),
                                "%Y-%m-%d %H:%M:%S",
                                std::localtime(&t));
                }
              error = "Output directory '" + directory
                      + "' is in use by another Heterion run (process "
                      + (pid > 0 ? std::to_string(pid) : "unknown")
                      + " on host " + (host.empty() ? "unknown" : host)
                      + ", started " + when
                      + "). Two runs in one directory would mix their files. "
                        "Choose another `Output directory`, or wait for that "
                        "run to end; if it no longer runs, delete '"
                      + lock + "'.";
              break;
            }
        }
      catch (const std::exception &exc)
        {
          error = user_message(exc);
        }
    if (!note.empty())
      std::cerr << note << std::endl;
    error = dealii::Utilities::MPI::broadcast(comm, error, 0);
    AssertThrow(error.empty(), ExcInput(error));
  }


  DirectoryLock::~DirectoryLock()
  {
    if (!path.empty())
      std::remove(path.c_str());
  }
} // namespace heterion::output

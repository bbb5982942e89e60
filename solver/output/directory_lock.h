#pragma once

#include <deal.II/base/mpi.h>

#include <string>

namespace heterion::output
{
  /**
   * An advisory lock on an output directory for the length of a run: the
   * file `.heterion.lock` in the directory, created exclusively by rank 0
   * with the process id, the host and the start time. A second run into the
   * same directory is refused with a message that names the first; a lock
   * left by a process that no longer runs on this host (a run killed with
   * SIGKILL) is taken over with a note. The destructor removes the file.
   */
  class DirectoryLock
  {
  public:
    /** Locks @p directory (which must exist) on rank 0 of @p comm; throws
     * ExcInput on every rank if another run holds it. */
    DirectoryLock(const std::string &directory, const MPI_Comm comm);

    ~DirectoryLock();

    DirectoryLock(const DirectoryLock &) = delete;
    DirectoryLock &
    operator=(const DirectoryLock &)
      = delete;

    /** The lock file's name inside the directory. */
    static constexpr const char *file_name = ".heterion.lock";

  private:
    /** The lock file (empty on ranks other than 0). */
    std::string path;
  };
} // namespace heterion::output

#pragma once

#include <deal.II/base/mpi.h>

#include <string>

namespace heterion
{
  /**
   * The memory this process may use [bytes]: `MemAvailable` of
   * /proc/meminfo, shared among the MPI ranks of @p comm on this node; 0
   * when it cannot be read (then nothing is checked). Collective.
   */
  double
  available_memory_per_rank(const MPI_Comm comm);

  /**
   * Refuses (ExcInput on every rank) a problem whose estimated memory per
   * rank @p bytes exceeds what is available, before it is allocated, with
   * @p what (e.g. "the mesh of about 1.2e9 cells and 3.4e10 degrees of
   * freedom") and @p advice. Collective.
   */
  void
  check_memory(const std::string &what,
               const double       bytes,
               const std::string &advice,
               const MPI_Comm     comm);
} // namespace heterion

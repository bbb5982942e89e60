#include <solver/input_error.h>
#include <solver/memory_estimate.h>
#include <solver/parsed_function.h>

#include <fstream>
#include <sstream>
#include <string>

namespace heterion
{
  double
  available_memory_per_rank(const MPI_Comm comm)
  {
    // The ranks that share this node.
    MPI_Comm node;
    MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
    const unsigned int ranks_on_node
      = dealii::Utilities::MPI::n_mpi_processes(node);
    MPI_Comm_free(&node);
    double        kilobytes = 0;
    std::ifstream meminfo("/proc/meminfo");
    for (std::string line; std::getline(meminfo, line);)
      if (line.rfind("MemAvailable:", 0) == 0)
        std::istringstream(line.substr(13)) >> kilobytes;
    // The smallest over the ranks, so that every rank decides alike.
    return dealii::Utilities::MPI::min(1024 * kilobytes / ranks_on_node, comm);
  }


  void
  check_memory(const std::string &what,
               const double       bytes,
               const std::string &advice,
               const MPI_Comm     comm)
  {
    const double available = available_memory_per_rank(comm);
    const double needed    = dealii::Utilities::MPI::max(bytes, comm);
    AssertThrow(available == 0 || needed <= available,
                ExcInput(what + " needs about " + to_text(needed / 1e9)
                         + " GB per MPI rank, more than the "
                         + to_text(available / 1e9)
                         + " GB available to each rank on this machine "
                           "(MemAvailable of /proc/meminfo shared by its "
                           "ranks). "
                         + advice));
  }
} // namespace heterion

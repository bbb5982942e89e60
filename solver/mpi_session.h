#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace heterion
{
  /**
   * A private Open MPI session directory for a process started without
   * mpirun (a singleton). Open MPI 4.1 creates its session tree under one
   * shared directory, /tmp/ompi.<host>.<uid>, and removes it when the last
   * process leaves; two processes that start at the same moment can race
   * on creating it, and the loser aborts in MPI_Init ("mkdir ... File
   * exists", orte_init failed). That happens to parameter sweeps that start
   * many runs at once, and to ctest -j. Constructed before MPI_Init, this
   * object points the session tree (MCA parameter orte_tmpdir_base) at a
   * fresh directory of its own and removes it when destroyed, after
   * MPI_Finalize. It does nothing under mpirun (the launcher owns the
   * session) or when the user set OMPI_MCA_orte_tmpdir_base.
   */
  class PrivateMpiSessionDirectory
  {
  public:
    PrivateMpiSessionDirectory()
    {
      if (std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr
          || std::getenv("PMIX_RANK") != nullptr
          || std::getenv("OMPI_MCA_orte_tmpdir_base") != nullptr)
        return;
      const char       *tmp = std::getenv("TMPDIR");
      const std::string base
        = (tmp != nullptr && *tmp != '\0') ? tmp : std::string("/tmp");
      std::string       text = base + "/heterion-mpi-XXXXXX";
      std::vector<char> name(text.begin(), text.end());
      name.push_back('\0');
      // Without a private directory, Open MPI's default applies.
      if (mkdtemp(name.data()) == nullptr)
        return;
      directory = name.data();
      setenv("OMPI_MCA_orte_tmpdir_base", directory.c_str(), 1);
    }

    ~PrivateMpiSessionDirectory()
    {
      if (directory.empty())
        return;
      std::error_code ignored;
      std::filesystem::remove_all(directory, ignored);
    }

    PrivateMpiSessionDirectory(const PrivateMpiSessionDirectory &) = delete;
    PrivateMpiSessionDirectory &
    operator=(const PrivateMpiSessionDirectory &)
      = delete;

  private:
    std::string directory;
  };
} // namespace heterion

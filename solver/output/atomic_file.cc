#include <deal.II/base/mpi.h>

#include <solver/input_error.h>
#include <solver/output/atomic_file.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace heterion::output
{
  void
  prepare_directory(const std::string &directory, const MPI_Comm comm)
  {
    int ok = 1;
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        std::error_code error;
        std::filesystem::create_directories(directory, error);
        const std::string probe = directory + "/.heterion_write_test";
        FILE *file = error ? nullptr : std::fopen(probe.c_str(), "w");
        ok         = file != nullptr;
        if (file)
          {
            std::fclose(file);
            std::remove(probe.c_str());
          }
      }
    ok = dealii::Utilities::MPI::broadcast(comm, ok, 0);
    AssertThrow(ok,
                ExcInput(
                  "Output directory: cannot create or write to '" + directory
                  + "'. Choose a writable directory with `set Output "
                    "directory = ...` or `--set 'Output directory=...'`."));
  }


  void
  on_all_ranks(const MPI_Comm comm, const std::function<void()> &action)
  {
    std::string message;
    try
      {
        action();
      }
    catch (const std::exception &exc)
      {
        message = user_message(exc);
        if (message.empty())
          message = "an unknown error";
      }
    const unsigned int n_ranks = dealii::Utilities::MPI::n_mpi_processes(comm);
    const unsigned int rank    = dealii::Utilities::MPI::this_mpi_process(comm);
    const unsigned int first
      = dealii::Utilities::MPI::min(message.empty() ? n_ranks : rank, comm);
    if (first == n_ranks)
      return;
    message = dealii::Utilities::MPI::broadcast(comm, message, first);
    AssertThrow(false,
                ExcInput(n_ranks > 1 ? message + " (on MPI rank "
                                         + std::to_string(first) + ")"
                                     : message));
  }


  std::string
  write_error(const std::string &path, const int error)
  {
    if (error == ENOSPC || error == EDQUOT)
      return "Cannot write the file '" + path
             + "': the disk is full (or the quota is used up). Free space or "
               "choose another `Output directory`; the output written before "
               "is complete.";
    return "Cannot write the file '" + path + "': " + std::strerror(error)
           + ". Check that the output directory exists and is writable.";
  }


  void
  write_atomically(const std::string                         &path,
                   const std::function<void(std::ostream &)> &write)
  {
    // Unique per process, so that two writers never share a temporary.
    const std::string temporary = path + ".tmp." + std::to_string(::getpid());
    // Removed on every way out but the rename.
    struct Temporary
    {
      const std::string &name;
      bool               keep = false;
      ~Temporary()
      {
        if (!keep)
          std::remove(name.c_str());
      }
    } guard{temporary};
    {
      errno = 0;
      std::ofstream stream(temporary);
      AssertThrow(stream.good(), ExcInput(write_error(path, errno)));
      write(stream);
      stream.flush();
      AssertThrow(stream.good(), ExcInput(write_error(path, errno)));
      stream.close();
      AssertThrow(!stream.fail(), ExcInput(write_error(path, errno)));
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    AssertThrow(!error,
                ExcInput("Cannot rename '" + temporary + "' to '" + path
                         + "': " + error.message() + "."));
    guard.keep = true;
  }


  void
  CsvFile::open(const std::string &path,
                const std::string &header,
                const Resume      *resume)
  {
    filename = path;
    if (resume == nullptr)
      {
        write_atomically(path,
                         [&](std::ostream &out) { out << header << '\n'; });
        return;
      }
    const std::string name = std::filesystem::path(path).filename().string();
    const auto        it   = resume->find(name);
    AssertThrow(it != resume->end(),
                ExcInput("--resume: the checkpoint does not know " + path
                         + " (the run wrote no such file)."));
    std::string first_line;
    {
      std::ifstream in(path);
      std::getline(in, first_line);
    }
    struct stat status;
    const bool  exists = ::stat(path.c_str(), &status) == 0;
    AssertThrow(exists && first_line == header
                  && static_cast<std::uint64_t>(status.st_size) >= it->second,
                ExcInput("--resume: " + path
                         + (exists
                              ? " was changed after the checkpoint (it "
                                "has another header or fewer bytes "
                                "than the "
                                  + std::to_string(it->second) + " it had then)"
                              : " is missing")
                         + "; the run cannot continue its output. Start it "
                           "again, or restore the file."));
    AssertThrow(::truncate(path.c_str(), it->second) == 0,
                ExcInput(write_error(path, errno)));
  }


  void
  CsvFile::set_path(const std::string &path)
  {
    filename = path;
  }


  void
  CsvFile::append(const std::string &row)
  {
    // One write(2) with O_APPEND; a short write is cut off again, so that
    // the file keeps only complete rows.
    const int file = ::open(filename.c_str(), O_WRONLY | O_APPEND);
    AssertThrow(file >= 0, ExcInput(write_error(filename, errno)));
    struct stat       status;
    const off_t       size = ::fstat(file, &status) == 0 ? status.st_size : -1;
    const std::string line = row + '\n';
    const ssize_t     written      = ::write(file, line.data(), line.size());
    const int         error        = errno;
    bool              written_back = true;
    if (written != static_cast<ssize_t>(line.size()))
      {
        // (If even that fails, the message below still names the file.)
        if (written > 0 && size >= 0 && ::ftruncate(file, size) != 0)
          written_back = false;
        ::close(file);
        AssertThrow(false,
                    ExcInput(
                      write_error(filename, written < 0 ? error : ENOSPC)
                      + (written_back ? "" : " Its last row is cut short.")));
      }
    AssertThrow(::close(file) == 0, ExcInput(write_error(filename, errno)));
  }


  bool
  CsvFile::is_open() const
  {
    return !filename.empty();
  }


  std::string
  csv_number(const double value)
  {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.12g", value);
    return buffer;
  }
} // namespace heterion::output

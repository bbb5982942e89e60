#include <deal.II/base/mpi.h>

#include <solver/input_error.h>
#include <solver/output/atomic_file.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
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
  write_atomically(const std::string                         &path,
                   const std::function<void(std::ostream &)> &write)
  {
    // Unique per process, so that two writers never share a temporary.
    const std::string temporary = path + ".tmp." + std::to_string(::getpid());
    {
      std::ofstream stream(temporary);
      AssertThrow(stream.good(),
                  ExcInput("Cannot write the file '" + path
                           + "': check that the output directory exists and "
                             "is writable."));
      write(stream);
      stream.flush();
      AssertThrow(stream.good(),
                  ExcInput("Writing the file '" + path
                           + "' failed (disk full?)."));
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    AssertThrow(!error,
                ExcInput("Cannot rename '" + temporary + "' to '" + path
                         + "': " + error.message() + "."));
  }


  void
  CsvFile::open(const std::string &path, const std::string &header)
  {
    write_atomically(path, [&](std::ostream &out) { out << header << '\n'; });
    filename = path;
  }


  void
  CsvFile::append(const std::string &row)
  {
    std::ofstream     stream(filename, std::ios::app);
    const std::string line = row + '\n';
    stream.write(line.data(), static_cast<std::streamsize>(line.size()));
    stream.flush();
    AssertThrow(stream.good(),
                ExcInput("Cannot append to the file '" + filename + "'."));
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

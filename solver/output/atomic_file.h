#pragma once

#include <deal.II/base/mpi.h>

#include <functional>
#include <ostream>
#include <string>

namespace heterion::output
{
  /**
   * Writes a file atomically: @p write fills a temporary file next to
   * @p path, which is then renamed over @p path, so that readers never see
   * a half-written file. Throws ExcInput naming the path on failure.
   */
  void
  write_atomically(const std::string                         &path,
                   const std::function<void(std::ostream &)> &write);

  /**
   * Creates the output directory @p directory (on rank 0 of @p comm) and
   * checks that it is writable; throws ExcInput on every rank otherwise.
   */
  void
  prepare_directory(const std::string &directory, const MPI_Comm comm);

  /**
   * An append-only CSV file: the header is written when the file is opened
   * (replacing an old file), every row is written and flushed in one piece.
   */
  class CsvFile
  {
  public:
    /** Opens (truncates) @p path and writes the header line. */
    void
    open(const std::string &path, const std::string &header);

    /** Appends one complete line (without the newline). */
    void
    append(const std::string &row);

    bool
    is_open() const;

  private:
    std::string filename;
  };

  /** Formats a double for the CSV files (%.12g). */
  std::string
  csv_number(const double value);
} // namespace heterion::output

#pragma once

#include <deal.II/base/mpi.h>

#include <cstdint>
#include <functional>
#include <map>
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
   * Runs @p action on every rank of @p comm and makes its failure
   * collective: if it throws on some rank (a file that one rank cannot
   * write), every rank throws ExcInput with the message of the lowest
   * failing rank. So no rank is left waiting in a later collective call for
   * one that stopped, and the user sees the failing rank's message once.
   * @p action must not itself call collective operations after a point
   * where it can fail on one rank only.
   */
  void
  on_all_ranks(const MPI_Comm comm, const std::function<void()> &action);

  /** The message for a failed write of @p path with the C errno @p error
   * ("the disk is full" for ENOSPC). */
  std::string
  write_error(const std::string &path, const int error);

  /**
   * An append-only CSV file: the header is written when the file is opened
   * (replacing an old file), every row is written and flushed in one piece.
   * A row that cannot be written whole (disk full) is cut off again, so the
   * file never ends in a partial row.
   */
  class CsvFile
  {
  public:
    /** The byte sizes of the CSV files (by file name) at a checkpoint. */
    using Resume = std::map<std::string, std::uint64_t>;

    /**
     * Opens (truncates) @p path and writes the header line; or, with
     * @p resume (a run continued from a checkpoint), keeps the rows the
     * file had at the checkpoint and cuts off any written after it. A file
     * that is missing, has another header or is shorter than at the
     * checkpoint is refused (ExcInput).
     */
    void
    open(const std::string &path,
         const std::string &header,
         const Resume      *resume = nullptr);

    /** Appends to @p path without writing a header: a file that another
     * process opened. */
    void
    set_path(const std::string &path);

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

#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>

#include <solver/linear_algebra.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace heterion::checkpoint
{
  /**
   * The version of the checkpoint layout. A checkpoint of another version
   * is refused (the state it holds would be read wrongly).
   */
  constexpr unsigned int format_version = 3;

  /**
   * When checkpoints are written (subsection `Checkpoint`): every N steps,
   * every T minutes of wall time, on SIGTERM/SIGUSR1/SIGINT, and once at a
   * chosen step followed by a stop.
   */
  struct Settings
  {
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /** Whether a checkpoint is due after step @p step, @p minutes of wall
     * time after the last checkpoint (or the start). */
    bool
    due(const unsigned int step, const double minutes) const;

    unsigned int every_steps   = 0;
    double       every_minutes = 0;
    bool         on_signal     = true;
    unsigned int stop_after    = 0;
  };

  /**
   * What a checkpoint holds besides the mesh and the vectors: the
   * serialized run state (Simulator::save_state()), written by rank 0 and
   * read by every rank.
   */
  struct Content
  {
    /** The step and time of the state [s]. */
    unsigned int step = 0;
    double       time = 0;
    /** The binary archive of the run state. */
    std::string state;
  };

  /**
   * The checkpoints of a run in `<Output directory>/checkpoint/`. Each is a
   * directory `step_NNNNNNN/` with the mesh and the vectors (p4est save
   * with the vectors attached to the cells, so that a run can continue on
   * another number of ranks), `state.bin`, `parameters.prm` (the parameters
   * as ShortPRM) and `checkpoint.info` (versions, step, time, ranks). The
   * file `latest` names the newest complete one. Writing is atomic: the new
   * directory is written and synced, then `latest` is replaced by a rename
   * (synced), then the older directory is removed; a run killed at any
   * point leaves `latest` naming a complete checkpoint.
   */
  template <int dim>
  class Store
  {
  public:
    Store(const std::string &output_directory, const MPI_Comm comm);

    /** The directory `<Output directory>/checkpoint`. */
    const std::string &
    directory() const;

    /**
     * Writes a checkpoint of @p vectors (fully distributed; their ghosted
     * copies are made here) on @p dof_handler, the mesh, @p content and
     * @p parameters (ShortPRM text). Collective.
     */
    void
    write(const dealii::DoFHandler<dim>              &dof_handler,
          const std::vector<const LA::MPI::Vector *> &vectors,
          const dealii::IndexSet                     &locally_relevant_dofs,
          const Content                              &content,
          const std::string                          &parameters) const;

    /**
     * Reads the newest checkpoint's info and state, and checks it against
     * @p parameters (ShortPRM text of this run: every entry but those of
     * `Checkpoint` must be equal) and the format version. Throws ExcInput
     * with what differs. Collective.
     */
    Content
    read(const std::string &parameters);

    /** Loads the mesh of the checkpoint read() found into
     * @p triangulation, which holds the coarse mesh only. */
    void
    load_mesh(
      dealii::parallel::distributed::Triangulation<dim> &triangulation) const;

    /** Fills @p vectors (fully distributed, sized) from the checkpoint,
     * after the DoFs of the loaded mesh are distributed. */
    void
    load_vectors(const dealii::DoFHandler<dim>        &dof_handler,
                 const std::vector<LA::MPI::Vector *> &vectors) const;

  private:
    std::string base;
    MPI_Comm    comm;
    /** The directory read() found (its full path). */
    std::string found;
  };

  /**
   * The entries (`Section/Entry`) whose values differ between two
   * parameter sets printed as ShortPRM, with both values, outside the
   * subsection `Checkpoint`.
   */
  std::vector<std::string>
  differing_entries(const std::string &saved, const std::string &current);

  /** The byte size of @p path (0 if it does not exist). */
  std::uint64_t
  file_size(const std::string &path);
} // namespace heterion::checkpoint

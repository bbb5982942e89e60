#include <deal.II/base/utilities.h>
#include <deal.II/distributed/solution_transfer.h>

#include <solver/checkpoint.h>
#include <solver/input_error.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace heterion::checkpoint
{
  void
  Settings::declare_parameters(dealii::ParameterHandler &prm)
  {
    using dealii::Patterns::Bool;
    using dealii::Patterns::Double;
    using dealii::Patterns::Integer;
    prm.enter_subsection("Checkpoint");
    prm.declare_entry(
      "Every steps",
      "0",
      Integer(0),
      "Write a checkpoint after every N accepted steps (0: never) into "
      "`<Output directory>/checkpoint/`, from which `heterion --resume "
      "FILE.prm` continues the run. Only the newest checkpoint is kept.");
    prm.declare_entry(
      "Every minutes",
      "0",
      Double(0),
      "Write a checkpoint after the first step that ends at least this "
      "much wall time [min] after the last checkpoint or the start of the "
      "run (0: never).");
    prm.declare_entry(
      "On signal",
      "true",
      Bool(),
      "Write a checkpoint when SIGTERM, SIGUSR1 or SIGINT stops the run "
      "after the step in progress (batch schedulers send SIGTERM or SIGUSR1 "
      "before the time limit). The exit code is 128 + the signal number.");
    prm.declare_entry(
      "Stop after step",
      "0",
      Integer(0),
      "Write a checkpoint after this step and stop with exit code 75 (0: "
      "never): a run in chunks of a job's length; `--resume` continues it.");
    prm.leave_subsection();
  }


  void
  Settings::parse_parameters(dealii::ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoint");
    every_steps   = prm.get_integer("Every steps");
    every_minutes = prm.get_double("Every minutes");
    on_signal     = prm.get_bool("On signal");
    stop_after    = prm.get_integer("Stop after step");
    prm.leave_subsection();
  }


  bool
  Settings::due(const unsigned int step, const double minutes) const
  {
    return (every_steps > 0 && step % every_steps == 0)
           || (every_minutes > 0 && minutes >= every_minutes);
  }


  namespace
  {
    /** fsync of a file or a directory (data on disk before a rename). */
    void
    sync_path(const std::string &path)
    {
      const int file = ::open(path.c_str(), O_RDONLY);
      AssertThrow(file >= 0,
                  ExcInput("Checkpoint: cannot open '" + path
                           + "' to sync it: " + std::strerror(errno) + "."));
      const bool ok    = ::fsync(file) == 0;
      const int  error = errno;
      ::close(file);
      AssertThrow(ok,
                  ExcInput("Checkpoint: cannot sync '" + path
                           + "': " + std::strerror(error) + "."));
    }


    /** Writes @p text to @p path and syncs it (rank 0 only). */
    void
    write_synced(const std::string &path, const std::string &text)
    {
      {
        std::ofstream out(path, std::ios::binary);
        out << text;
        out.flush();
        AssertThrow(out.good(),
                    ExcInput("Checkpoint: cannot write '" + path
                             + "': " + std::strerror(errno) + "."));
      }
      sync_path(path);
    }


    std::string
    read_text(const std::string &path)
    {
      std::ifstream in(path, std::ios::binary);
      AssertThrow(in.good(),
                  ExcInput("Checkpoint: cannot read '" + path + "'."));
      std::ostringstream text;
      text << in.rdbuf();
      return text.str();
    }


    /** The test hook: HETERION_TEST_KILL_IN_CHECKPOINT=N ends the process
     * with SIGKILL while the N-th checkpoint of this process is written
     * (its data complete, `latest` not yet switched). */
    void
    maybe_kill(const unsigned int n_written)
    {
      if (const char *value = std::getenv("HETERION_TEST_KILL_IN_CHECKPOINT"))
        if (std::atoi(value) == static_cast<int>(n_written))
          std::raise(SIGKILL);
    }


    std::string
    step_name(const unsigned int step)
    {
      return "step_" + dealii::Utilities::int_to_string(step, 7);
    }


    /** Key-value lines `key = value` of checkpoint.info. */
    std::map<std::string, std::string>
    parse_info(const std::string &text)
    {
      std::map<std::string, std::string> result;
      std::istringstream                 in(text);
      std::string                        line;
      while (std::getline(in, line))
        if (const auto eq = line.find(" = "); eq != std::string::npos)
          result[line.substr(0, eq)] = line.substr(eq + 3);
      return result;
    }


    /** `Section/Entry` -> value of a ShortPRM text. */
    std::map<std::string, std::string>
    parse_short_prm(const std::string &text)
    {
      std::map<std::string, std::string> result;
      std::vector<std::string>           sections;
      std::istringstream                 in(text);
      std::string                        line;
      while (std::getline(in, line))
        {
          line = dealii::Utilities::trim(line);
          if (line.rfind("subsection ", 0) == 0)
            sections.push_back(dealii::Utilities::trim(line.substr(11)));
          else if (line == "end" && !sections.empty())
            sections.pop_back();
          else if (line.rfind("set ", 0) == 0)
            {
              const auto  eq = line.find('=');
              std::string key;
              for (const std::string &s : sections)
                key += s + "/";
              key += dealii::Utilities::trim(line.substr(4, eq - 4));
              result[key] = eq == std::string::npos
                              ? std::string()
                              : dealii::Utilities::trim(line.substr(eq + 1));
            }
        }
      return result;
    }
  } // namespace


  std::vector<std::string>
  differing_entries(const std::string &saved, const std::string &current)
  {
    const auto a = parse_short_prm(saved), b = parse_short_prm(current);
    std::vector<std::string> result;
    const auto               ignored
      = [](const std::string &key) { return key.rfind("Checkpoint/", 0) == 0; };
    for (const auto &[key, value] : a)
      if (!ignored(key))
        {
          const auto it = b.find(key);
          if (it == b.end())
            result.push_back(key + " (in the checkpoint '" + value
                             + "', not declared now)");
          else if (it->second != value)
            result.push_back(key + " (checkpoint '" + value + "', now '"
                             + it->second + "')");
        }
    for (const auto &[key, value] : b)
      if (!ignored(key) && a.find(key) == a.end())
        result.push_back(key + " (now '" + value + "', not in the checkpoint)");
    return result;
  }


  std::uint64_t
  file_size(const std::string &path)
  {
    struct stat status;
    return ::stat(path.c_str(), &status) == 0 ? status.st_size : 0;
  }


  template <int dim>
  Store<dim>::Store(const std::string &output_directory, const MPI_Comm comm)
      : base(output_directory + "/checkpoint")
      , comm(comm)
  {
  }


  template <int dim>
  const std::string &
  Store<dim>::directory() const
  {
    return base;
  }


  template <int dim>
  void
  Store<dim>::write(const dealii::DoFHandler<dim>              &dof_handler,
                    const std::vector<const LA::MPI::Vector *> &vectors,
                    const dealii::IndexSet &locally_relevant_dofs,
                    const Content          &content,
                    const std::string      &parameters) const
  {
    static unsigned int n_written = 0;
    ++n_written;
    const bool is_root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    const std::string name   = step_name(content.step);
    const std::string target = base + "/" + name;
    int               ok     = 1;
    if (is_root)
      {
        std::error_code error;
        std::filesystem::create_directories(base, error);
        // A directory of the same name is left over from a write that was
        // stopped (the newest complete checkpoint has another name).
        std::filesystem::remove_all(target, error);
        std::filesystem::create_directories(target, error);
        ok = !error;
      }
    AssertThrow(dealii::Utilities::MPI::broadcast(comm, ok, 0),
                ExcInput("Checkpoint: cannot create the directory '" + target
                         + "'."));

    // The vectors travel with their cells (p4est), so that a run can
    // continue on another number of ranks.
    std::vector<LA::MPI::Vector>         ghosted(vectors.size());
    std::vector<const LA::MPI::Vector *> pointers;
    for (unsigned int i = 0; i < vectors.size(); ++i)
      {
        ghosted[i].reinit(dof_handler.locally_owned_dofs(),
                          locally_relevant_dofs,
                          comm);
        ghosted[i] = *vectors[i];
        pointers.push_back(&ghosted[i]);
      }
    dealii::parallel::distributed::SolutionTransfer<dim, LA::MPI::Vector>
      transfer(dof_handler);
    transfer.prepare_for_serialization(pointers);
    const auto &triangulation
      = dynamic_cast<const dealii::parallel::distributed::Triangulation<dim> &>(
        dof_handler.get_triangulation());
    triangulation.save(target + "/mesh");

    std::string message;
    if (is_root)
      try
        {
          write_synced(target + "/state.bin", content.state);
          write_synced(target + "/parameters.prm", parameters);
          std::ostringstream info;
          info << "format = " << format_version << '\n'
               << "step = " << content.step << '\n'
               << "time = " << std::setprecision(17) << content.time << '\n'
               << "ranks = " << dealii::Utilities::MPI::n_mpi_processes(comm)
               << '\n';
          write_synced(target + "/checkpoint.info", info.str());
          for (const auto &entry : std::filesystem::directory_iterator(target))
            sync_path(entry.path().string());
          sync_path(target);
          maybe_kill(n_written);
          // The switch: `latest` names the new checkpoint once it is
          // complete on disk.
          write_synced(base + "/latest.tmp", name + '\n');
          std::filesystem::rename(base + "/latest.tmp", base + "/latest");
          sync_path(base);
          for (const auto &entry : std::filesystem::directory_iterator(base))
            if (entry.is_directory() && entry.path().filename() != name)
              std::filesystem::remove_all(entry.path());
        }
      catch (const std::exception &exc)
        {
          message = user_message(exc);
        }
    message = dealii::Utilities::MPI::broadcast(comm, message, 0);
    AssertThrow(message.empty(), ExcInput(message));
  }


  template <int dim>
  Content
  Store<dim>::read(const std::string &parameters)
  {
    const std::string latest = base + "/latest";
    AssertThrow(std::filesystem::is_regular_file(latest),
                ExcInput("--resume: there is no checkpoint in '" + base
                         + "' (the file `latest` is missing). A run writes "
                           "checkpoints with `Checkpoint/Every steps`, "
                           "`Every minutes` or `Stop after step`, and when "
                           "SIGTERM, SIGUSR1 or SIGINT stops it."));
    const std::string name = dealii::Utilities::trim(read_text(latest));
    found                  = base + "/" + name;
    const auto        info = parse_info(read_text(found + "/checkpoint.info"));
    const std::string format
      = info.count("format") ? info.at("format") : std::string("?");
    AssertThrow(format == std::to_string(format_version),
                ExcInput("--resume: the checkpoint '" + found
                         + "' has format version " + format
                         + "; this heterion reads version "
                         + std::to_string(format_version)
                         + " only. Continue it with the heterion that wrote "
                           "it, or start the run again."));
    const auto differences
      = differing_entries(read_text(found + "/parameters.prm"), parameters);
    if (!differences.empty())
      {
        std::string list;
        for (std::size_t i = 0; i < differences.size() && i < 10; ++i)
          list += (i > 0 ? "; " : "") + differences[i];
        if (differences.size() > 10)
          list += "; and " + std::to_string(differences.size() - 10) + " more";
        AssertThrow(false,
                    ExcInput("--resume: the checkpoint '" + found
                             + "' was written with other parameters: " + list
                             + ". A run continues only with the parameters "
                               "it started with (entries of `Checkpoint` "
                               "may change)."));
      }
    Content content;
    content.step  = std::stoul(info.at("step"));
    content.time  = std::stod(info.at("time"));
    content.state = read_text(found + "/state.bin");
    return content;
  }


  template <int dim>
  void
  Store<dim>::load_mesh(
    dealii::parallel::distributed::Triangulation<dim> &triangulation) const
  {
    try
      {
        triangulation.load(found + "/mesh");
      }
    catch (const std::exception &exc)
      {
        AssertThrow(false,
                    ExcInput("--resume: the mesh of the checkpoint '" + found
                             + "' cannot be loaded: " + user_message(exc)));
      }
  }


  template <int dim>
  void
  Store<dim>::load_vectors(const dealii::DoFHandler<dim>        &dof_handler,
                           const std::vector<LA::MPI::Vector *> &vectors) const
  {
    dealii::parallel::distributed::SolutionTransfer<dim, LA::MPI::Vector>
                                   transfer(dof_handler);
    std::vector<LA::MPI::Vector *> targets(vectors);
    transfer.deserialize(targets);
  }


  template class Store<2>;
  template class Store<3>;
} // namespace heterion::checkpoint

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <solver/ensemble.h>
#include <solver/geometry/gmsh_regions.h>
#include <solver/input_error.h>
#include <solver/input_paths.h>
#include <solver/interrupt.h>
#include <solver/mpi_session.h>
#include <solver/parameter_check.h>
#include <solver/parameter_file.h>
#include <solver/parameter_reference.h>
#include <solver/simulator.h>
#include <solver/unselected_models.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace
{
  using namespace dealii;

  const char *usage_text
    = "Usage: heterion [options] FILE.prm\n"
      "\n"
      "Heterion solves lithium transport and chemo-mechanics in battery\n"
      "particles with spatially varying (disordered) material properties.\n"
      "\n"
      "Options:\n"
      "  --validate FILE.prm         check the parameter file, build the mesh\n"
      "                              and exit without solving\n"
      "  --resume FILE.prm           continue the run of FILE.prm from the\n"
      "                              newest checkpoint in its output\n"
      "                              directory (any number of ranks)\n"
      "  --set 'Sec/Sub/Entry=value' override an entry (repeatable)\n"
      "  --seed S                    the same as --set 'Disorder/Seed=S'\n"
      "  --realisations N            run N realisations of the disorder\n"
      "                              fields (seeds S, S+1, ...): the same as\n"
      "                              --set 'Ensemble/Number of "
      "realisations=N'\n"
      "  --print-parameters [prm|json|markdown]\n"
      "                              print every parameter with its "
      "documentation\n"
      "  --help                      this text\n"
      "  --version                   the version\n"
      "\n"
      "Run in parallel with: mpirun -np N heterion FILE.prm\n";

  /**
   * Sets the override @p setting of `--set` in @p prm, after checking its
   * subsections, entry and value against @p declared.
   */
  void
  apply_override(ParameterHandler                   &prm,
                 const heterion::Setting            &setting,
                 const heterion::DeclaredParameters &declared)
  {
    heterion::check_setting(setting, declared);
    for (const std::string &name : setting.section)
      prm.enter_subsection(name);
    try
      {
        prm.set(setting.entry, setting.value);
      }
    catch (const std::exception &exc)
      {
        for (std::size_t i = 0; i < setting.section.size(); ++i)
          prm.leave_subsection();
        AssertThrow(false,
                    heterion::ExcInput(setting.where + ": "
                                       + heterion::user_message(exc)
                                       + " (heterion --print-parameters "
                                         "lists every entry.)"));
      }
    for (std::size_t i = 0; i < setting.section.size(); ++i)
      prm.leave_subsection();
  }


  /**
   * The names of the disorder fields, which decide which subsections exist:
   * the value of the last setting of `Disorder/Fields` (the file's, or a
   * `--set` one), checked by disorder::Manager::read_field_names(). Taken
   * from the settings, not by parsing the file, so that the file's names
   * can be checked (with the nesting of its subsections) before deal.II
   * reads it.
   */
  std::vector<std::string>
  disorder_field_names(const std::vector<heterion::Setting> &settings)
  {
    std::string fields;
    for (const heterion::Setting &setting : settings)
      if (setting.section == std::vector<std::string>{"Disorder"}
          && setting.entry == "Fields")
        fields = setting.value;
    std::istringstream input("subsection Disorder\nset Fields = " + fields
                             + "\nend\n");
    return heterion::disorder::Manager<3>::read_field_names(input);
  }


  int
  main_program(int argc, char **argv, const MPI_Comm comm)
  {
    const bool is_root = Utilities::MPI::this_mpi_process(comm) == 0;
    std::vector<std::string> overrides;
    std::string              filename, print_format;
    bool                     validate = false, print = false, resume = false;
    for (int i = 1; i < argc; ++i)
      {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h")
          {
            if (is_root)
              std::cout << usage_text;
            return 0;
          }
        else if (arg == "--version")
          {
            if (is_root)
              std::cout << "heterion " << HETERION_VERSION << " (deal.II "
                        << DEAL_II_PACKAGE_VERSION << ")\n";
            return 0;
          }
        else if (arg == "--validate")
          validate = true;
        else if (arg == "--resume")
          resume = true;
        else if (arg == "--set")
          {
            AssertThrow(i + 1 < argc,
                        heterion::ExcInput("--set needs an argument "
                                           "'Section/Entry=value'."));
            overrides.emplace_back(argv[++i]);
          }
        else if (arg == "--seed" || arg == "--realisations")
          {
            AssertThrow(i + 1 < argc,
                        heterion::ExcInput(arg + " needs a number."));
            overrides.emplace_back((arg == "--seed"
                                      ? "Disorder/Seed="
                                      : "Ensemble/Number of realisations=")
                                   + std::string(argv[++i]));
          }
        else if (arg.rfind("--set=", 0) == 0)
          overrides.push_back(arg.substr(6));
        else if (arg == "--print-parameters")
          {
            print        = true;
            print_format = "prm";
            if (i + 1 < argc && argv[i + 1][0] != '-')
              print_format = argv[++i];
            AssertThrow(print_format == "prm" || print_format == "json"
                          || print_format == "markdown",
                        heterion::ExcInput("--print-parameters: unknown "
                                           "format '"
                                           + print_format
                                           + "'. Allowed: prm, json, "
                                             "markdown."));
          }
        else if (!arg.empty() && arg[0] == '-')
          {
            AssertThrow(false,
                        heterion::ExcInput("Unknown option '" + arg
                                           + "'. See heterion --help."));
          }
        else
          {
            AssertThrow(filename.empty(),
                        heterion::ExcInput("More than one parameter file "
                                           "given ('"
                                           + filename + "' and '" + arg
                                           + "')."));
            filename = arg;
          }
      }

    ParameterHandler prm;
    if (print)
      {
        // The subsection of one disorder field, named `example`, shows
        // every field model's parameters.
        heterion::declare_parameters(prm, {"example"});
        if (is_root)
          {
            if (print_format == "markdown")
              heterion::print_parameters_markdown(prm, std::cout);
            else
              prm.print_parameters(std::cout,
                                   print_format == "json"
                                     ? ParameterHandler::JSON
                                     : ParameterHandler::PRM);
          }
        return 0;
      }

    AssertThrow(!filename.empty(),
                heterion::ExcInput("No parameter file given. "
                                   + std::string(usage_text)));
    AssertThrow(std::filesystem::is_regular_file(filename)
                  && std::ifstream(filename).good(),
                heterion::ExcInput("Cannot read the parameter file '" + filename
                                   + "'."));
    // `include` lines expanded (parameter_files/materials/ and others).
    const heterion::ParameterFile  file(filename);
    std::vector<heterion::Setting> settings = heterion::settings_of(file);
    for (const std::string &text : overrides)
      settings.push_back(heterion::setting_of_override(text));
    AssertThrow(!settings.empty(),
                heterion::ExcInput(
                  filename
                  + " sets no parameter: nothing to run. To run the default "
                    "problem, say so in the file, e.g. with the line `set "
                    "Dimension = 3` (heterion --print-parameters lists every "
                    "parameter with its default)."));
    try
      {
        // The region names of a mesh file first: each material of the
        // mesh gets its `Materials/<name>` subsection.
        heterion::geometry::register_gmsh_regions(settings);
        heterion::declare_parameters(prm, disorder_field_names(settings));
      }
    catch (const std::exception &exc)
      {
        AssertThrow(false,
                    heterion::ExcInput("In parameter file '" + filename
                                       + "': " + heterion::user_message(exc)));
      }
    const heterion::DeclaredParameters declared(prm);
    heterion::check_statements(file, declared);
    file.check_nesting();
    try
      {
        prm.parse_input_from_string(file.text(), "", false);
      }
    catch (const std::exception &exc)
      {
        AssertThrow(false,
                    heterion::ExcInput(
                      "In parameter file '" + filename
                      + "': " + file.translate(heterion::user_message(exc))));
      }
    for (std::size_t i = file.n_settings(); i < settings.size(); ++i)
      apply_override(prm, settings[i], declared);
    heterion::resolve_input_paths(prm, settings);
    if (is_root)
      for (const std::string &warning :
           heterion::unselected_model_warnings(prm, settings))
        std::cerr << "heterion: warning: " << warning << std::endl;

    try
      {
        AssertThrow(!(resume && validate),
                    heterion::ExcInput("--resume and --validate exclude "
                                       "each other."));
        if (!validate && heterion::ensemble::n_realisations(prm) > 1)
          {
            AssertThrow(!resume,
                        heterion::ExcInput(
                          "--resume: an ensemble (Ensemble/Number of "
                          "realisations > 1) cannot be continued; its "
                          "realisations are short runs of their own."));
            heterion::ensemble::run(prm, comm);
            return 0;
          }
        const auto summary
          = heterion::run_simulation(prm, comm, validate, resume);
        if (validate && is_root)
          std::cout << filename << ": valid (" << summary.n_dofs
                    << " degrees of freedom)." << std::endl;
      }
    catch (const heterion::ExcRunFailure &)
      {
        // Not about the file's content (and an interruption keeps its type).
        throw;
      }
    catch (const heterion::ExcInput &exc)
      {
        AssertThrow(false,
                    heterion::ExcInput("In parameter file '" + filename
                                       + "': " + heterion::user_message(exc)));
      }
    return 0;
  }
} // namespace


namespace
{
  /**
   * Reports an error that reached main() on this rank. When every rank
   * failed (an error that all ranks detect together, as every input error
   * does), rank 0 prints the message once. When some rank does not come
   * within the time limit, it waits in a collective call for this one (an
   * error only this rank met, such as a file it alone could not write): this
   * rank then prints its own message and ends the whole job, so that nothing
   * hangs. @p errors is a communicator of its own, used only here.
   */
  void
  report_error(const MPI_Comm     errors,
               const std::string &message,
               const int          code)
  {
    constexpr double time_limit = 10; // [s]
    MPI_Request      request;
    MPI_Ibarrier(errors, &request);
    int        everyone = 0;
    const auto start    = std::chrono::steady_clock::now();
    for (;;)
      {
        MPI_Test(&request, &everyone, MPI_STATUS_IGNORE);
        if (everyone
            || std::chrono::duration<double>(std::chrono::steady_clock::now()
                                             - start)
                   .count()
                 > time_limit)
          break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    const unsigned int rank = Utilities::MPI::this_mpi_process(errors);
    if (everyone)
      {
        if (rank == 0)
          std::cerr << message << std::endl;
        return;
      }
    std::cerr << message << " (MPI rank " << rank
              << "; the other ranks are stopped)" << std::endl;
    MPI_Abort(MPI_COMM_WORLD, code);
  }
} // namespace


int
main(int argc, char **argv)
{
  // Before MPI_Init; removed after MPI_Finalize.
  const heterion::PrivateMpiSessionDirectory session_directory;
  Utilities::MPI::MPI_InitFinalize           mpi(argc, argv, 1);
  deal_II_exceptions::disable_abort_on_exception();
  heterion::interrupt::install();
  MPI_Comm errors;
  MPI_Comm_dup(MPI_COMM_WORLD, &errors);
  int         code = 0;
  std::string message;
  try
    {
      code = main_program(argc, argv, MPI_COMM_WORLD);
    }
  catch (const heterion::ExcInterrupted &exc)
    {
      message = "heterion: " + heterion::user_message(exc);
      code    = exc.exit_code;
    }
  catch (const std::exception &exc)
    {
      message = "heterion: error: " + heterion::user_message(exc);
      code    = 1;
    }
  catch (...)
    {
      message = "heterion: error: unknown exception";
      code    = 1;
    }
  if (!message.empty())
    report_error(errors, message, code);
  MPI_Comm_free(&errors);
  return code;
}

#pragma once

#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <solver/simulator.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace heterion::test_support
{
  /** A parameter handler with every Heterion parameter declared and @p text
   * parsed. */
  inline void
  parse(dealii::ParameterHandler &prm, const std::string &text)
  {
    parse_parameters_from_string(prm, text);
  }

  /**
   * The text of parameter_files/verification/@p name, followed by
   * @p overrides (later entries win).
   */
  inline std::string
  verification_case(const std::string &name, const std::string &overrides)
  {
    std::ifstream     in(std::string(HETERION_SOURCE_DIR)
                     + "/parameter_files/verification/" + name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str() + "\n" + overrides;
  }

  /** The columns of a CSV file written by Heterion, by header name. */
  inline std::map<std::string, std::vector<double>>
  read_csv(const std::string &path)
  {
    std::ifstream                              in(path);
    std::string                                line;
    std::vector<std::string>                   names;
    std::map<std::string, std::vector<double>> columns;
    std::getline(in, line);
    {
      std::stringstream header(line);
      for (std::string name; std::getline(header, name, ',');)
        names.push_back(name);
    }
    while (std::getline(in, line))
      {
        std::stringstream row(line);
        std::string       cell;
        for (unsigned int i = 0;
             i < names.size() && std::getline(row, cell, ',');
             ++i)
          columns[names[i]].push_back(std::stod(cell));
      }
    return columns;
  }
} // namespace heterion::test_support

namespace heterion::test_support
{
  /** A simulator run in-process, kept alive so its fields can be inspected. */
  template <int dim>
  struct Run
  {
    explicit Run(const std::string &text, MPI_Comm comm = MPI_COMM_WORLD)
    {
      parse(prm, text + "\nsubsection Output\nset Quiet = true\nend\n");
      simulator = std::make_unique<Simulator<dim>>(prm, comm);
      summary   = simulator->run();
      // Every run in a test keeps its lithium balance (the simulator only
      // warns).
      if (summary.li_balance_violated)
        ADD_FAILURE() << "the lithium balance is off by "
                      << summary.li_balance_error << " mol";
    }

    dealii::ParameterHandler        prm;
    std::unique_ptr<Simulator<dim>> simulator;
    RunSummary                      summary;
  };
} // namespace heterion::test_support

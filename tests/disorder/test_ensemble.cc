#include <deal.II/base/mpi.h>

#include <solver/ensemble.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace
{
  using namespace heterion;

  /** A small 2D disc with a log-normal random diffusivity, charged at 3C:
   * the final state of charge near the surface depends on the field. */
  std::string
  ensemble_case(const std::string &directory, const unsigned int n)
  {
    return "set Dimension = 2\nset Finite element degree = 1\n"
           "set Output directory = "
           + directory
           + "\n"
             "subsection Geometry\n set Model = sphere\n"
             " set Global refinement = 3\n"
             " subsection Sphere\n  set Radius = 1e-6\n end\nend\n"
             "subsection Materials\n subsection particle\n"
             "  set Diffusivity = 1e-15\n end\nend\n"
             "subsection Boundary conditions\n set Flux boundaries = surface\n"
             " set Flux type = C-rate\n"
             " set Flux = 3\nend\n"
             "subsection Time stepping\n set End time = 400\n"
             " set Time step = 100\nend\n"
             "subsection Linear solver\n set Method = direct\nend\n"
             "subsection Output\n set Quiet = true\nend\n"
             "subsection Ensemble\n set Number of realisations = "
           + std::to_string(n)
           + "\n set Cut-off state of charge = 0.3\nend\n"
             "subsection Disorder\n set Fields = noise\n set Seed = 5\n"
             " subsection noise\n  set Model = gaussian random field\n"
             "  subsection Gaussian random field\n"
             "   set Correlation length = 3e-7\n   set Mapping = lognormal\n"
             "   set Log standard deviation = 1\n  end\n end\n"
             " subsection Properties\n  set Diffusivity = multiply noise\n"
             " end\nend\n";
  }


  /**
   * Realisation i of an ensemble is the single run with seed s + i, in
   * its own directory; different seeds give different results; the
   * summary's statistics are those of the realisations. Run at 1 and 2
   * ranks by ctest (the name contains Mpi): with two ranks the
   * realisations run on two groups of one rank each.
   */
  TEST(EnsembleMpi, RealisationsAreSeededRunsAndSummaryMatches)
  {
    const unsigned int n_ranks
      = dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
    const std::string directory = "ensemble_test_np" + std::to_string(n_ranks);
    dealii::ParameterHandler prm;
    test_support::parse(prm,
                        ensemble_case(directory, 4)
                          + "subsection Ensemble\n set Ranks per realisation "
                            "= 1\nend\n");
    const auto realisations = ensemble::run(prm, MPI_COMM_WORLD);
    ASSERT_EQ(realisations.size(), 4u);

    // Realisation 2 = the single run with seed 7 (on all ranks).
    test_support::Run<2> single(ensemble_case(directory + "_single", 1)
                                + "subsection Disorder\n set Seed = 7\nend\n");
    EXPECT_EQ(realisations[2].seed, 7u);
    EXPECT_NEAR(realisations[2].final_theta_surface_mean,
                single.summary.final_statistics.theta_surface_mean,
                1e-10 * single.summary.final_statistics.theta_surface_mean);
    EXPECT_NEAR(realisations[2].cutoff_time,
                single.summary.cutoff_time,
                1e-8 * single.summary.cutoff_time);
    // The same lithium went in (C-rate of the same capacity) ...
    EXPECT_NEAR(realisations[0].li_inventory / realisations[3].li_inventory,
                1,
                1e-10);
    // ... but the surface fills differently with another diffusivity field.
    std::vector<double> surface;
    for (const auto &r : realisations)
      surface.push_back(r.final_theta_surface_mean);
    EXPECT_GT(*std::max_element(surface.begin(), surface.end())
                - *std::min_element(surface.begin(), surface.end()),
              1e-3);

    if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      {
        EXPECT_TRUE(std::filesystem::exists(directory
                                            + "/realisation_0003/"
                                              "statistics.csv"));
        const auto table = test_support::read_csv(directory + "/ensemble.csv");
        ASSERT_EQ(table.at("seed").size(), 4u);
        EXPECT_EQ(table.at("seed")[3], 8);
        EXPECT_NEAR(table.at("final_theta_surface_mean")[1],
                    realisations[1].final_theta_surface_mean,
                    1e-11);
        // The row of final_theta_surface_mean in ensemble_summary.csv:
        // quantity,n,mean,standard_deviation,q05,q50,q95,min,max.
        std::map<std::string, double> summary;
        {
          std::ifstream in(directory + "/ensemble_summary.csv");
          std::string   header, line;
          std::getline(in, header);
          while (std::getline(in, line))
            if (line.rfind("final_theta_surface_mean,", 0) == 0)
              {
                std::stringstream        row(line);
                std::vector<std::string> cells;
                for (std::string cell; std::getline(row, cell, ',');)
                  cells.push_back(cell);
                const char *names[] = {"quantity",
                                       "n",
                                       "mean",
                                       "standard_deviation",
                                       "q05",
                                       "q50",
                                       "q95",
                                       "min",
                                       "max"};
                ASSERT_EQ(cells.size(), 9u);
                for (unsigned int k = 1; k < 9; ++k)
                  summary[names[k]] = std::stod(cells[k]);
              }
        }
        ASSERT_EQ(summary.size(), 8u);
        double mean = 0, variance = 0;
        for (const double v : surface)
          mean += v / 4;
        for (const double v : surface)
          variance += (v - mean) * (v - mean) / 3;
        EXPECT_NEAR(summary.at("mean"), mean, 1e-11);
        EXPECT_NEAR(summary.at("standard_deviation"),
                    std::sqrt(variance),
                    1e-11);
        std::sort(surface.begin(), surface.end());
        EXPECT_NEAR(summary.at("q50"), 0.5 * (surface[1] + surface[2]), 1e-11);
        EXPECT_NEAR(summary.at("min"), surface[0], 1e-11);
      }
  }


  /** Quantiles interpolate between order statistics (type 7). */
  TEST(Ensemble, SummaryStatistics)
  {
    const auto s = ensemble::summarize({3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5});
    EXPECT_NEAR(s.mean, 44. / 11, 1e-14);
    EXPECT_NEAR(s.q50, 4, 1e-14);
    EXPECT_NEAR(s.q05, 1, 1e-14);
    EXPECT_NEAR(s.q95, 7.5, 1e-14); // h = 9.5 -> 6 + 0.5 (9 - 6)
    EXPECT_EQ(s.min, 1);
    EXPECT_EQ(s.max, 9);
    double variance = 0;
    for (const double v : {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5})
      variance += (v - 44. / 11) * (v - 44. / 11) / 10;
    EXPECT_NEAR(s.standard_deviation, std::sqrt(variance), 1e-14);
  }
} // namespace

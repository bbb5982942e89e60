#include <deal.II/base/utilities.h>

#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <solver/ensemble.h>
#include <solver/homogenisation.h>
#include <solver/input_error.h>
#include <solver/interrupt.h>
#include <solver/output/atomic_file.h>
#include <solver/output/directory_lock.h>
#include <solver/simulator.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace heterion::ensemble
{
  using namespace dealii;

  std::vector<std::string>
  quantity_names(const Columns &columns)
  {
    if (columns.homogenisation)
      {
        std::vector<std::string> names;
        if (!columns.transport_name.empty())
          names.push_back("effective_" + columns.transport_name);
        if (columns.elasticity)
          for (const char *name : {"effective_bulk_modulus",
                                   "effective_shear_modulus",
                                   "effective_swelling_strain"})
            names.emplace_back(name);
        return names;
      }
    static const std::vector<std::string> names = {"peak_sigma_vm",
                                                   "peak_sigma_h",
                                                   "peak_sigma_1",
                                                   "final_theta_mean",
                                                   "final_theta_surface_mean",
                                                   "cutoff_time",
                                                   "li_inventory",
                                                   "end_time"};
    return names;
  }


  std::vector<double>
  quantities(const Realisation &r, const Columns &columns)
  {
    if (columns.homogenisation)
      {
        std::vector<double> values;
        if (!columns.transport_name.empty())
          values.push_back(r.effective_transport);
        if (columns.elasticity)
          for (const double v : {r.effective_bulk_modulus,
                                 r.effective_shear_modulus,
                                 r.effective_swelling_strain})
            values.push_back(v);
        return values;
      }
    return {r.peak_sigma_vm,
            r.peak_sigma_h,
            r.peak_sigma_1,
            r.final_theta_mean,
            r.final_theta_surface_mean,
            r.cutoff_time,
            r.li_inventory,
            r.end_time};
  }


  Summary
  summarize(std::vector<double> values)
  {
    Summary           s;
    const std::size_t n = values.size();
    if (n == 0)
      return s;
    std::sort(values.begin(), values.end());
    for (const double v : values)
      s.mean += v / n;
    for (const double v : values)
      s.standard_deviation += (v - s.mean) * (v - s.mean);
    s.standard_deviation
      = n > 1 ? std::sqrt(s.standard_deviation / (n - 1)) : 0.;
    const auto quantile = [&](const double p) {
      const double      h  = (n - 1) * p;
      const std::size_t lo = static_cast<std::size_t>(std::floor(h));
      const std::size_t hi = std::min(lo + 1, n - 1);
      return values[lo] + (h - lo) * (values[hi] - values[lo]);
    };
    s.q05 = quantile(0.05);
    s.q50 = quantile(0.5);
    s.q95 = quantile(0.95);
    s.min = values.front();
    s.max = values.back();
    return s;
  }


  void
  declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Ensemble");
    prm.declare_entry(
      "Number of realisations",
      "1",
      Patterns::Integer(1),
      "Run this many realisations of the disorder fields, with the seeds "
      "s, s+1, ... (s = Disorder/Seed), each in its own output subdirectory "
      "`realisation_NNNN`, and write ensemble.csv and ensemble_summary.csv "
      "to the output directory. 1: a single run (no subdirectory). Also "
      "`heterion --realisations N`.");
    prm.declare_entry(
      "Ranks per realisation",
      "0",
      Patterns::Integer(0),
      "MPI ranks that run one realisation; the ranks are split into groups "
      "of this size that run different realisations at the same time. 0: "
      "all ranks run each realisation in turn. Must divide the number of "
      "ranks.");
    prm.declare_entry(
      "Cut-off state of charge",
      "1",
      Patterns::Double(0, 1),
      "The state of charge whose first arrival anywhere (theta_max, linear "
      "in time between steps) is reported as `cutoff_time` [s] in "
      "ensemble.csv (-1 if it is never reached), e.g. the time at which "
      "the surface saturates.");
    prm.leave_subsection();
  }


  unsigned int
  n_realisations(ParameterHandler &prm)
  {
    prm.enter_subsection("Ensemble");
    const unsigned int n = prm.get_integer("Number of realisations");
    prm.leave_subsection();
    return n;
  }


  namespace
  {
    std::string
    csv_number(const double value)
    {
      char text[64];
      std::snprintf(text, sizeof(text), "%.12g", value);
      return text;
    }
  } // namespace


  namespace
  {
    /** A CSV field holding free text: quoted, with inner quotes doubled. */
    std::string
    csv_text(const std::string &text)
    {
      std::string result = "\"";
      for (const char ch : text)
        result += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      return result + "\"";
    }


    /** The row of ensemble.csv of @p r. */
    std::string
    row(const Realisation &r, const Columns &columns)
    {
      std::string text = std::to_string(r.index) + "," + std::to_string(r.seed);
      for (const double q : quantities(r, columns))
        text += "," + csv_number(q);
      return text;
    }
  } // namespace


  std::vector<Realisation>
  run(ParameterHandler &prm, const MPI_Comm world)
  {
    const unsigned int n = n_realisations(prm);
    prm.enter_subsection("Ensemble");
    const unsigned int group_size = prm.get_integer("Ranks per realisation");
    prm.leave_subsection();
    const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(world);
    const unsigned int rank    = Utilities::MPI::this_mpi_process(world);
    const unsigned int size    = group_size == 0 ? n_ranks : group_size;
    AssertThrow(n_ranks % size == 0,
                ExcInput("Ensemble/Ranks per realisation = "
                         + std::to_string(group_size)
                         + " does not divide the number of MPI ranks ("
                         + std::to_string(n_ranks) + ")."));
    const unsigned int n_groups = n_ranks / size;
    const unsigned int group    = rank / size;

    const std::string base_directory = prm.get("Output directory");
    prm.enter_subsection("Disorder");
    const unsigned int base_seed = prm.get_integer("Seed");
    prm.leave_subsection();
    prm.enter_subsection("Output");
    const bool quiet = prm.get_bool("Quiet");
    prm.leave_subsection();

    Columns columns;
    columns.homogenisation = homogenisation::enabled(prm);
    if (columns.homogenisation)
      {
        prm.enter_subsection("Homogenisation");
        columns.transport_name = prm.get("Transport property");
        columns.elasticity     = prm.get_bool("Elasticity");
        prm.leave_subsection();
        if (columns.transport_name == "none")
          columns.transport_name.clear();
        for (char &ch : columns.transport_name)
          ch = ch == ' ' ? '_' : std::tolower(ch);
      }
    const auto         names    = quantity_names(columns);
    const unsigned int n_values = names.size();

    // The ensemble's own files: a row is appended as each realisation
    // ends (by the root of its group), so finished work is on disk even if
    // the ensemble is stopped; they are rewritten in order at the end.
    output::prepare_directory(base_directory, world);
    const output::DirectoryLock lock(base_directory, world);
    std::string                 header = "realisation,seed";
    for (const auto &name : names)
      header += "," + name;
    output::CsvFile results, failures;
    output::on_all_ranks(world, [&]() {
      if (rank == 0)
        {
          results.open(base_directory + "/ensemble.csv", header);
          failures.open(base_directory + "/ensemble_failures.csv",
                        "realisation,seed,message");
        }
    });
    results.set_path(base_directory + "/ensemble.csv");
    failures.set_path(base_directory + "/ensemble_failures.csv");

    MPI_Comm group_comm;
    MPI_Comm_split(world, group, rank, &group_comm);
    const bool group_root = Utilities::MPI::this_mpi_process(group_comm) == 0;
    prm.enter_subsection("Output");
    prm.set("Quiet", true);
    prm.leave_subsection();

    // Per realisation: the quantities, then 1 if it finished.
    std::vector<double> values((n_values + 1) * n, 0.);
    // The failed realisations of this group: index and message.
    std::vector<std::pair<unsigned int, std::string>> failed;
    std::string                                       interrupted;
    for (unsigned int i = group; i < n; i += n_groups)
      {
        const unsigned int seed = base_seed + i;
        prm.set("Output directory",
                base_directory + "/realisation_"
                  + Utilities::int_to_string(i, 4));
        prm.enter_subsection("Disorder");
        prm.set("Seed", std::to_string(seed));
        prm.leave_subsection();
        try
          {
            const RunSummary summary = run_simulation(prm, group_comm, false);
            if (group_root)
              {
                Realisation r;
                r.index            = i;
                r.seed             = seed;
                r.peak_sigma_vm    = summary.peak_sigma_vm;
                r.peak_sigma_h     = summary.peak_sigma_h;
                r.peak_sigma_1     = summary.peak_sigma_1;
                r.final_theta_mean = summary.final_statistics.theta_mean;
                r.final_theta_surface_mean
                  = summary.final_statistics.theta_surface_mean;
                r.cutoff_time  = summary.cutoff_time;
                r.li_inventory = summary.final_statistics.li_inventory;
                r.end_time     = summary.end_time;
                if (const auto &h = summary.homogenisation)
                  {
                    r.effective_transport       = h->transport_mean();
                    r.effective_bulk_modulus    = h->bulk_modulus;
                    r.effective_shear_modulus   = h->shear_modulus;
                    r.effective_swelling_strain = h->swelling_strain_mean();
                  }
                const auto q = quantities(r, columns);
                std::copy(q.begin(), q.end(), &values[(n_values + 1) * i]);
                values[(n_values + 1) * i + n_values] = 1;
                results.append(row(r, columns));
                if (!quiet)
                  {
                    std::cout << "Realisation " << i << " (seed " << seed
                              << "):";
                    for (unsigned int k = 0; k < n_values; ++k)
                      std::cout << (k ? ", " : " ") << names[k] << " " << q[k];
                    std::cout << std::endl;
                  }
              }
          }
        catch (const ExcInterrupted &exc)
          {
            // Stop: the other groups see the signal too.
            interrupted = user_message(exc);
            break;
          }
        catch (const std::exception &exc)
          {
            // Every rank of the group has the same error; the ensemble
            // goes on with the next seed.
            failed.emplace_back(i, user_message(exc));
            if (group_root)
              {
                failures.append(std::to_string(i) + "," + std::to_string(seed)
                                + "," + csv_text(failed.back().second));
                if (!quiet)
                  std::cout << "Realisation " << i << " (seed " << seed
                            << ") failed: " << failed.back().second
                            << std::endl;
              }
          }
      }
    MPI_Comm_free(&group_comm);
    // Restore the input's entries.
    prm.set("Output directory", base_directory);
    prm.enter_subsection("Disorder");
    prm.set("Seed", std::to_string(base_seed));
    prm.leave_subsection();
    prm.enter_subsection("Output");
    prm.set("Quiet", quiet);
    prm.leave_subsection();

    const int signal_rank
      = Utilities::MPI::min(interrupted.empty() ? static_cast<int>(n_ranks)
                                                : static_cast<int>(rank),
                            world);
    if (signal_rank < static_cast<int>(n_ranks))
      throw ExcInterrupted(
        interrupt::received(world),
        "Ensemble: "
          + Utilities::MPI::broadcast(world, interrupted, signal_rank)
          + " The rows of the finished realisations are in ensemble.csv.");
    Utilities::MPI::sum(values, world, values);
    // The failures of every group, in the order of the realisations (one
    // message per group root).
    std::vector<std::pair<unsigned int, std::string>> all_failed;
    for (const auto &list :
         Utilities::MPI::all_gather(world,
                                    group_root ? failed : decltype(failed)()))
      all_failed.insert(all_failed.end(), list.begin(), list.end());
    std::sort(all_failed.begin(), all_failed.end());

    std::vector<Realisation> realisations;
    for (unsigned int i = 0; i < n; ++i)
      {
        const double *v = &values[(n_values + 1) * i];
        if (v[n_values] != 1)
          continue;
        Realisation r;
        r.index = i;
        r.seed  = base_seed + i;
        if (columns.homogenisation)
          {
            unsigned int k = 0;
            if (!columns.transport_name.empty())
              r.effective_transport = v[k++];
            if (columns.elasticity)
              {
                r.effective_bulk_modulus    = v[k++];
                r.effective_shear_modulus   = v[k++];
                r.effective_swelling_strain = v[k++];
              }
          }
        else
          {
            r.peak_sigma_vm            = v[0];
            r.peak_sigma_h             = v[1];
            r.peak_sigma_1             = v[2];
            r.final_theta_mean         = v[3];
            r.final_theta_surface_mean = v[4];
            r.cutoff_time              = v[5];
            r.li_inventory             = v[6];
            r.end_time                 = v[7];
          }
        realisations.push_back(r);
      }

    output::on_all_ranks(world, [&]() {
      if (rank != 0)
        return;
      // In the order of the realisations.
      output::write_atomically(base_directory + "/ensemble.csv",
                               [&](std::ostream &out) {
                                 out << header << "\n";
                                 for (const Realisation &r : realisations)
                                   out << row(r, columns) << "\n";
                               });
      output::write_atomically(base_directory + "/ensemble_failures.csv",
                               [&](std::ostream &out) {
                                 out << "realisation,seed,message\n";
                                 for (const auto &[i, message] : all_failed)
                                   out << i << "," << base_seed + i << ","
                                       << csv_text(message) << "\n";
                               });
      output::write_atomically(
        base_directory + "/ensemble_summary.csv", [&](std::ostream &out) {
          out << "quantity,n,mean,standard_deviation,q05,q50,q95,min,max\n";
          for (unsigned int k = 0; k < n_values; ++k)
            {
              std::vector<double> column;
              for (const Realisation &r : realisations)
                column.push_back(quantities(r, columns)[k]);
              const Summary s = summarize(column);
              out << names[k] << "," << column.size();
              for (const double v : {s.mean,
                                     s.standard_deviation,
                                     s.q05,
                                     s.q50,
                                     s.q95,
                                     s.min,
                                     s.max})
                out << "," << csv_number(v);
              out << "\n";
            }
        });
    });
    if (rank == 0 && !quiet)
      std::cout << "Ensemble: " << realisations.size() << " of " << n
                << " realisations (seeds " << base_seed << " to "
                << base_seed + n - 1 << ") on " << n_groups << " group(s) of "
                << size << " rank(s). Output in " << base_directory
                << "/ensemble.csv and ensemble_summary.csv" << std::endl;
    if (!all_failed.empty())
      {
        // The first three in full; the file has them all.
        std::string list;
        for (unsigned int k = 0;
             k < std::min<std::size_t>(3, all_failed.size());
             ++k)
          list += (list.empty() ? "" : "; ") + std::string("realisation ")
                  + std::to_string(all_failed[k].first) + " (seed "
                  + std::to_string(base_seed + all_failed[k].first)
                  + "): " + all_failed[k].second;
        if (all_failed.size() > 3)
          list += "; and " + std::to_string(all_failed.size() - 3) + " more";
        throw ExcRunFailure(
          "Ensemble: " + std::to_string(all_failed.size()) + " of "
          + std::to_string(n)
          + " realisations failed; ensemble.csv and ensemble_summary.csv "
            "hold the "
          + std::to_string(realisations.size())
          + " that finished, ensemble_failures.csv the failed seeds with "
            "their messages. "
          + list);
      }
    return realisations;
  }
} // namespace heterion::ensemble

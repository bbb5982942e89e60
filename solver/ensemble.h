#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace heterion::ensemble
{
  /** The per-realisation scalars of an ensemble (one row of ensemble.csv). */
  struct Realisation
  {
    unsigned int index         = 0;
    unsigned int seed          = 0;
    double       peak_sigma_vm = 0, peak_sigma_h = 0, peak_sigma_1 = 0;
    double       final_theta_mean = 0, final_theta_surface_mean = 0;
    double       cutoff_time = -1, li_inventory = 0, end_time = 0;
    /** Of a homogenisation run: tr(K_eff)/dim, the isotropic bulk and
     * shear moduli of C_eff and the mean effective swelling strain. */
    double effective_transport = 0, effective_bulk_modulus = 0,
           effective_shear_modulus = 0, effective_swelling_strain = 0;
  };

  /** Which quantities an ensemble reports: those of a time-dependent run,
   * or those the homogenisation mode computed. */
  struct Columns
  {
    bool homogenisation = false;
    /** The transport property's output name (e.g. `diffusivity`); empty
     * for none. */
    std::string transport_name;
    bool        elasticity = false;
  };

  /**
   * The column names of ensemble.csv after `realisation,seed`: of a
   * time-dependent run, or of the homogenisation mode
   * (`effective_<transport_name>`, then the elastic ones).
   */
  std::vector<std::string>
  quantity_names(const Columns &columns = {});

  /** The quantities of @p r in the order of quantity_names(). */
  std::vector<double>
  quantities(const Realisation &r, const Columns &columns = {});

  /**
   * Mean, (sample) standard deviation and the 5, 50, 95 % quantiles
   * (linear interpolation between order statistics, Hyndman & Fan type 7)
   * of @p values; min and max.
   */
  struct Summary
  {
    double mean = 0, standard_deviation = 0, q05 = 0, q50 = 0, q95 = 0, min = 0,
           max = 0;
  };
  Summary
  summarize(std::vector<double> values);

  /** Declares the subsection `Ensemble`. */
  void
  declare_parameters(dealii::ParameterHandler &prm);

  /** `Ensemble/Number of realisations`. */
  unsigned int
  n_realisations(dealii::ParameterHandler &prm);

  /**
   * Runs `Ensemble/Number of realisations` realisations of the run in
   * @p prm with the seeds s, s+1, ... (s = `Disorder/Seed`), realisation i
   * in `<Output directory>/realisation_<i>`, split over sub-communicators
   * of `Ensemble/Ranks per realisation` ranks each, and writes
   * `<Output directory>/ensemble.csv` (one row per realisation) and
   * `ensemble_summary.csv` (mean, standard deviation, 5/50/95 % quantiles,
   * min, max of each quantity). Returns the realisations (on every rank).
   */
  std::vector<Realisation>
  run(dealii::ParameterHandler &prm, const MPI_Comm mpi_communicator);
} // namespace heterion::ensemble

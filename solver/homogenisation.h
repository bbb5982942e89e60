#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/lac/full_matrix.h>

#include <string>
#include <vector>

/**
 * The homogenisation (effective-property) mode: steady cell problems on a
 * box of disordered material (Geometry/Model = box) under a macroscopic
 * gradient, with periodic fluctuations or linear boundary data, that give
 * the effective transport tensor (diffusivity or conductivity), the
 * effective elastic stiffness and the effective swelling strain. The
 * weak forms are in doc/theory.md, "Homogenisation".
 */
namespace heterion::homogenisation
{
  /** The effective properties of the box, with how they were computed. */
  struct Result
  {
    unsigned int dim = 0;
    /** `periodic` or `linear`. */
    std::string        boundary_conditions;
    unsigned long long n_cells = 0;
    unsigned long long n_dofs  = 0;
    double             volume  = 0;
    /** The output name of the homogenised transport property ("" none). */
    std::string transport_name, transport_unit;
    /** The effective tensor K_eff (dim x dim): <flux> = -K_eff G. */
    dealii::FullMatrix<double> transport;
    /** Volume averages of k and of 1/k: the Wiener (Voigt/Reuss) bounds
     * <k> and 1/<1/k>. */
    double       transport_arithmetic_mean = 0, transport_harmonic_mean = 0;
    unsigned int transport_iterations = 0;

    bool elasticity = false;
    /** The stiffness in Voigt order (xx, yy, xy in 2D; xx, yy, zz, yz, xz,
     * xy in 3D) with engineering shear strains: <sigma>_a = C_ab E_b. */
    dealii::FullMatrix<double> stiffness;
    /** The isotropic part of the stiffness (Lame lambda, shear modulus mu,
     * bulk modulus a/d^2 with a = C_iijj -- in 2D the plane-strain area
     * modulus lambda + mu -- and E, nu of the same lambda, mu) [Pa]. */
    double lambda = 0, shear_modulus = 0, bulk_modulus = 0, young_modulus = 0,
           poisson_ratio = 0;
    /** The volume average of the Voigt bound of the bulk modulus and the
     * Reuss bound (harmonic mean of the local bulk modulus), in the same
     * sense as bulk_modulus (lambda + 2 mu / d) [Pa]. */
    double bulk_modulus_arithmetic_mean = 0, bulk_modulus_harmonic_mean = 0;
    /** <sigma> [Pa] at zero macroscopic strain with the swelling of the
     * state of charge `State of charge` (dim x dim). */
    dealii::FullMatrix<double> eigenstress;
    /** The macroscopic stress-free strain -C_eff^{-1} <sigma> (dim x dim;
     * in plane strain the in-plane strain at eps_zz = 0). */
    dealii::FullMatrix<double> swelling_strain;
    unsigned int               elasticity_iterations = 0;
    double                     wall_time             = 0;

    /** tr(K_eff) / dim: the scalar of a statistically isotropic medium. */
    double
    transport_mean() const;

    /** tr(swelling_strain) / dim. */
    double
    swelling_strain_mean() const;

    /** The rows of effective_properties.csv (without the header). */
    std::vector<std::string>
    csv_rows() const;

    /** The summary line printed at the end of the run. */
    std::string
    summary() const;
  };

  /** Declares the subsection `Homogenisation`. */
  void
  declare_parameters(dealii::ParameterHandler &prm);

  /** `Homogenisation/Enable`. */
  bool
  enabled(dealii::ParameterHandler &prm);

  /**
   * Solves the cell problems of the run in @p prm (of dimension dim),
   * writes `<Output directory>/effective_properties.csv` and
   * `parameters.prm`, prints the summary line, and returns the result.
   * With @p validate_only it builds the mesh, the fields and the DoFs and
   * returns before solving (n_dofs set).
   */
  template <int dim>
  Result
  run(dealii::ParameterHandler &prm,
      const MPI_Comm            mpi_communicator,
      const bool                validate_only);
} // namespace heterion::homogenisation

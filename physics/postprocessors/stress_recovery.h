#pragma once

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>

#include <physics/materials/property_cache.h>
#include <solver/introspection.h>
#include <solver/linear_algebra.h>

#include <string>
#include <vector>

namespace heterion::postprocessors
{
  /** Extrema and integrals of the mechanical state (see doc/output.md). */
  struct MechanicalStatistics
  {
    double sigma_h_min   = 0; ///< [Pa], over the nodes
    double sigma_h_max   = 0; ///< [Pa]
    double sigma_vm_max  = 0; ///< [Pa]
    double sigma_1_max   = 0; ///< [Pa]
    double strain_energy = 0; ///< \int (eps - eps*) : sigma / 2 dV [J]
    /** Relative volume change \int tr(eps) dV / V [-] (2D: area). */
    double volume_change = 0;
  };

  /**
   * The recovered nodal stress: each stress component sigma_ij (the 3x3
   * tensor; in 2D plane strain with sigma_zz) is L2-projected onto the
   * continuous FE_Q(k) space, M s_ij = \int phi sigma_ij(u, c) dV, with the
   * consistent mass matrix M assembled once per mesh and solved by CG.
   * The von Mises stress and the largest principal stress are then
   * evaluated from the recovered tensor at each node. The result is what
   * the VTU files, the probes and the statistics report.
   */
  template <int dim>
  class StressRecovery
  {
  public:
    /** Number of tensor components: 6 in 3D, 4 in 2D (xx, yy, zz, xy). */
    static constexpr unsigned int n_tensor_components = dim == 3 ? 6 : 4;

    StressRecovery(
      const dealii::parallel::distributed::Triangulation<dim> &tria,
      const dealii::Mapping<dim>                              &mapping,
      const unsigned int                                       degree,
      const materials::MaterialModel                          &material_model,
      const disorder::Manager<dim>                            &disorder);

    ~StressRecovery();

    /** Distributes DoFs, assembles the mass matrix and evaluates the
     * elastic properties at the quadrature points (per mesh change). */
    void
    reinit();

    /** Recovers the stress of the ghosted @p solution. */
    void
    compute(const dealii::DoFHandler<dim> &dof_handler,
            const Introspection<dim>      &introspection,
            const LA::MPI::Vector         &solution);

    /** The statistics of the last compute(). */
    const MechanicalStatistics &
    statistics() const;

    /** Names of the recovered fields: sigma_xx, ..., sigma_vm, sigma_1. */
    const std::vector<std::string> &
    names() const;

    /** The scalar DoF handler of the recovered fields. */
    const dealii::DoFHandler<dim> &
    dof_handler() const;

    /** The recovered fields (ghosted), in the order of names(). */
    const std::vector<LA::MPI::Vector> &
    fields() const;

    /**
     * Index of a tensor component (i, j) of the 3x3 stress in fields(), or
     * invalid_unsigned_int when it is not stored (xz, yz in 2D).
     */
    static unsigned int
    component_index(const unsigned int i, const unsigned int j);

  private:
    const dealii::parallel::distributed::Triangulation<dim> &triangulation;
    const dealii::Mapping<dim>                              &mapping;
    const dealii::FE_Q<dim>                                  fe;
    const dealii::QGauss<dim>                                quadrature;
    /** E, nu, Omega, c_ref at this class's quadrature points. */
    materials::PropertyCache<dim>     properties;
    dealii::DoFHandler<dim>           handler;
    dealii::IndexSet                  owned, relevant;
    dealii::AffineConstraints<double> constraints;
    LA::MPI::SparseMatrix             mass_matrix;
    std::vector<std::string>          field_names;
    std::vector<LA::MPI::Vector>      recovered;
    MechanicalStatistics              stats;
  };
} // namespace heterion::postprocessors

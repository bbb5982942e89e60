#pragma once

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/numerics/data_postprocessor.h>

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
    double sigma_h_min   = 0; ///< [Pa], over the nodes of the cells
    double sigma_h_max   = 0; ///< [Pa]
    double sigma_vm_max  = 0; ///< [Pa]
    double sigma_1_max   = 0; ///< [Pa]
    double strain_energy = 0; ///< \int (eps - eps*) : sigma / 2 dV [J]
    /** Relative volume change \int tr(eps) dV / V [-] (2D: area). */
    double volume_change = 0;
    /** 2D: the out-of-plane strain eps_zz [-] (0 in plane strain). */
    double axial_strain = 0;
  };

  /**
   * The recovered stress: each component sigma_ij of the 3x3 stress tensor
   * (in 2D plane strain with sigma_zz) is L2-projected, M s_ij = \int phi
   * sigma_ij(u, c) dV, onto Q_p on every material (p the degree of the
   * displacement), continuous within each material and free to jump where
   * two materials meet (discontinuous Q_p with the constraints of
   * make_material_continuity_constraints, matched through the
   * displacement's nodes). A stress that jumps at a bonded interface is
   * thus recovered on each side with its own value (a projection continuous
   * across the interface smears the jump and rings on both sides). The
   * sigma_h field of the coupled problem is the projection of tr(sigma)/3
   * onto the same kind of space of degree k <= p, so the two agree to the
   * discretization error. The mass matrix (one block per component) is
   * assembled once per mesh; each compute() is one CG solve. The von Mises
   * stress and the largest principal stress are evaluated from the
   * recovered tensor at each point where they are needed (output points,
   * probes, the nodes of each cell for the statistics), so they never
   * undershoot.
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

    /** Distributes DoFs, makes the constraints (matched through the
     * displacement nodes of @p dof_handler, whose fields are
     * @p introspection) and the mass matrix, and evaluates the elastic
     * properties at the quadrature points (per mesh change). */
    void
    reinit(const dealii::DoFHandler<dim> &dof_handler,
           const Introspection<dim>      &introspection);

    /** Recovers the stress of the ghosted @p solution, with the
     * out-of-plane strain @p axial_strain in 2D (0: plane strain). */
    void
    compute(const dealii::DoFHandler<dim> &dof_handler,
            const Introspection<dim>      &introspection,
            const LA::MPI::Vector         &solution,
            const double                   axial_strain = 0);

    /** The statistics of the last compute(). */
    const MechanicalStatistics &
    statistics() const;

    /** The DoF handler of the recovered tensor (n_tensor_components
     * discontinuous components, in the order of component_names()). */
    const dealii::DoFHandler<dim> &
    dof_handler() const;

    /** The recovered tensor (ghosted). */
    const LA::MPI::Vector &
    field() const;

    /** sigma_xx, sigma_yy, sigma_zz, sigma_xy (, sigma_xz, sigma_yz). */
    static const std::vector<std::string> &
    component_names();

    /** The 3x3 tensor from the n_tensor_components stored values. */
    static dealii::SymmetricTensor<2, 3>
    tensor(const dealii::Vector<double> &components);

    /**
     * Index of a tensor component (i, j) of the 3x3 stress in the stored
     * components, or invalid_unsigned_int when it is not stored (xz, yz in
     * 2D).
     */
    static unsigned int
    component_index(const unsigned int i, const unsigned int j);

  private:
    const dealii::parallel::distributed::Triangulation<dim> &triangulation;
    const dealii::Mapping<dim>                              &mapping;
    const dealii::FESystem<dim>                              fe;
    const dealii::QGauss<dim>                                quadrature;
    /** E, nu, Omega, c_ref at this class's quadrature points. */
    materials::PropertyCache<dim>     properties;
    dealii::DoFHandler<dim>           handler;
    dealii::IndexSet                  owned, relevant;
    dealii::AffineConstraints<double> constraints;
    LA::MPI::SparseMatrix             mass_matrix;
    LA::MPI::Vector                   recovered;
    MechanicalStatistics              stats;
  };


  /**
   * The VTU fields of the recovered stress, evaluated at each output point
   * from the tensor there: `stress` (the tensor; in 2D its in-plane part,
   * with sigma_zz apart), sigma_xx ... (the components), sigma_vm and
   * sigma_1 (largest principal stress) [Pa].
   */
  template <int dim>
  class StressPostprocessor : public dealii::DataPostprocessor<dim>
  {
  public:
    void
    evaluate_vector_field(
      const dealii::DataPostprocessorInputs::Vector<dim> &inputs,
      std::vector<dealii::Vector<double>> &computed) const override;

    std::vector<std::string>
    get_names() const override;

    std::vector<
      dealii::DataComponentInterpretation::DataComponentInterpretation>
    get_data_component_interpretation() const override;

    dealii::UpdateFlags
    get_needed_update_flags() const override;
  };
} // namespace heterion::postprocessors

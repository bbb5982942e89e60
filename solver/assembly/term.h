#pragma once

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <physics/materials/material_model.h>
#include <solver/introspection.h>

#include <string>
#include <utility>
#include <vector>

namespace heterion::assembly
{
  /**
   * The (row field, column field) pairs of Introspection fields whose
   * Jacobian block a term fills: the sparsity pattern is the union over
   * the active terms, so blocks that are always zero take no memory.
   */
  using FieldCouplings = std::vector<std::pair<unsigned int, unsigned int>>;

  /**
   * The part of the mesh a cell term acts on: the active (lithium-storing)
   * materials, or the electrolyte materials (`Electrochemistry/Electrolyte
   * materials`: an ionically conducting coating or solid electrolyte, where
   * only the electrolyte potential is solved).
   */
  enum class Domain
  {
    active,
    electrolyte
  };

  /**
   * Everything a cell term needs at the quadrature points of one cell, filled
   * once per cell by the assembler: the current iterate, the time-history
   * combination, and the material properties from the material model.
   * The mechanical entries are filled only when mechanics is active.
   */
  template <int dim>
  struct CellPointData
  {
    /** The fields and the local DoFs of each field. */
    const Introspection<dim> *introspection = nullptr;
    /** Concentration c [mol/m^3] and its gradient at the current iterate. */
    std::vector<double>                 c;
    std::vector<dealii::Tensor<1, dim>> grad_c;
    /** (a_1 c^n + a_2 c^{n-1}) / dt [mol/m^3/s] (see TimeStepper). */
    std::vector<double> c_history;
    /** Site density c_max [mol/m^3] and state of charge theta = c/c_max. */
    std::vector<double> c_max;
    std::vector<double> theta;
    /** Diffusivity D(theta) [m^2/s] and dD/dtheta. */
    std::vector<double> diffusivity;
    std::vector<double> diffusivity_derivative;
    /** a_0 / dt [1/s]: the weight of the new value in the time derivative. */
    double a0_over_dt = 0;
    /** The time t_{n+1} [s] at which the step is solved. */
    double time = 0;

    /** Small strain eps(u) = sym grad u [-] at the current iterate. */
    std::vector<dealii::SymmetricTensor<2, dim>> strain;
    /** The hydrostatic-stress field sigma_h [Pa] and its gradient. */
    std::vector<double>                 sigma_h;
    std::vector<dealii::Tensor<1, dim>> grad_sigma_h;
    /** Elastic constants and swelling at each point. */
    std::vector<const materials::ElasticProperties *> elastic;
    /** 2D: the out-of-plane strain eps_zz [-], uniform (generalized plane
     * strain); 0 in plane strain and in 3D. */
    double axial_strain = 0;

    /** The gradient of the solid potential psi [V/m] and the electronic
     * conductivity sigma_e [S/m] (with a resolved solid potential only). */
    std::vector<dealii::Tensor<1, dim>> grad_solid_potential;
    std::vector<double>                 electronic_conductivity;
    /** The gradient of the electrolyte potential phi_e [V/m] and the ionic
     * conductivity kappa [S/m] (on electrolyte cells only). */
    std::vector<dealii::Tensor<1, dim>> grad_electrolyte_potential;
    std::vector<double>                 ionic_conductivity;

    void
    resize(const unsigned int n_points)
    {
      for (auto *v : {&c,
                      &c_history,
                      &c_max,
                      &theta,
                      &diffusivity,
                      &diffusivity_derivative})
        v->resize(n_points);
      grad_c.resize(n_points);
      strain.resize(n_points);
      sigma_h.resize(n_points);
      grad_sigma_h.resize(n_points);
      elastic.resize(n_points);
      grad_solid_potential.resize(n_points);
      electronic_conductivity.resize(n_points);
      grad_electrolyte_potential.resize(n_points);
      ionic_conductivity.resize(n_points);
    }
  };

  /**
   * A volume term of the residual R(u) and its Jacobian dR/du. Terms add
   * their contributions to the local residual and (when @p matrix is not
   * null) to the local Jacobian; they never loop over cells themselves.
   */
  template <int dim>
  class CellTerm
  {
  public:
    virtual ~CellTerm() = default;

    virtual void
    assemble(const dealii::FEValues<dim> &fe_values,
             const CellPointData<dim>    &data,
             dealii::FullMatrix<double>  *matrix,
             dealii::Vector<double>      &residual) const = 0;

    /** The Jacobian blocks this term fills (row field, column field). */
    virtual FieldCouplings
    couplings() const = 0;

    /** What the term is, with the parameter it comes from, for messages
     * (e.g. "the Fickian flux (Materials/<m>/Diffusivity)"). */
    virtual std::string
    name() const = 0;

    /** The cells the assembler calls this term on. */
    virtual Domain
    domain() const
    {
      return Domain::active;
    }
  };

  /**
   * What a boundary term needs at the quadrature points of one boundary
   * face, filled by the assembler: the face, its boundary id, the time and
   * the concentration at the current iterate.
   */
  template <int dim>
  struct FacePointData
  {
    const Introspection<dim> *introspection = nullptr;
    /** The cell and the number of the face within it. */
    typename dealii::DoFHandler<dim>::active_cell_iterator cell;
    unsigned int                                           face_no     = 0;
    dealii::types::boundary_id                             boundary_id = 0;
    /** The time t_{n+1} [s] at which the step is solved. */
    double time = 0;
    /** Concentration c [mol/m^3] at the face's quadrature points. */
    std::vector<double> c;
    /** Hydrostatic stress sigma_h [Pa] there (with mechanics only). */
    std::vector<double> sigma_h;
    /** Solid potential psi = phi_s - V [V] there (resolved conduction
     * only). */
    std::vector<double> solid_potential;
    /** Electrolyte potential phi_e [V] there (on the interface faces of an
     * active cell with an electrolyte neighbour; 0 elsewhere). */
    std::vector<double> electrolyte_potential;
  };

  /**
   * A boundary term, evaluated on each boundary face of the cells the
   * assembler visits (the term itself selects the boundary ids it acts on),
   * and on each face between an active cell and an electrolyte cell, from
   * the active side (boundary_id numbers::internal_face_boundary_id).
   */
  template <int dim>
  class BoundaryTerm
  {
  public:
    virtual ~BoundaryTerm() = default;

    virtual void
    assemble(const FacePointData<dim>        &data,
             const dealii::FEFaceValues<dim> &fe_face_values,
             dealii::FullMatrix<double>      *matrix,
             dealii::Vector<double>          &residual) const = 0;

    /** The Jacobian blocks this term fills (row field, column field). */
    virtual FieldCouplings
    couplings() const = 0;

    /** What the term is, with the parameter it comes from, for messages. */
    virtual std::string
    name() const = 0;
  };
} // namespace heterion::assembly

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
   * The (row field, column field) pairs, by field name, whose Jacobian
   * block a term fills: the sparsity pattern is the union over the active
   * terms, so blocks that are always zero take no memory. A pair naming a
   * field that is not solved for is ignored.
   */
  using FieldCouplings = std::vector<std::pair<std::string, std::string>>;

  /**
   * The values of one solution field at the quadrature points of a cell,
   * as its FieldDeclaration::point_values asks (the other vectors are
   * empty).
   */
  template <int dim>
  struct FieldPointValues
  {
    /** The value at the current iterate (scalar fields). */
    std::vector<double> values;
    /** The gradient at the current iterate (scalar fields). */
    std::vector<dealii::Tensor<1, dim>> gradients;
    /** (a_1 u^n + a_2 u^{n-1}) / dt (see TimeStepper). */
    std::vector<double> history;
    /** The symmetric gradient (vector fields). */
    std::vector<dealii::SymmetricTensor<2, dim>> symmetric_gradients;
  };

  /**
   * Everything a cell term needs at the quadrature points of one cell, filled
   * once per cell by the assembler: every field at the current iterate
   * (and its time history), indexed by the field's index in the
   * Introspection, and the material properties from the property cache.
   */
  template <int dim>
  struct CellPointData
  {
    /** The fields and the local DoFs of each field. */
    const Introspection<dim> *introspection = nullptr;
    /** The fields at the points, indexed by field. */
    std::vector<FieldPointValues<dim>> fields;
    /** a_0 / dt [1/s]: the weight of the new value in the time derivative. */
    double a0_over_dt = 0;
    /** The time t_{n+1} [s] at which the step is solved. */
    double time = 0;

    /** Site density c_max [mol/m^3] and state of charge theta = c/c_max. */
    std::vector<double> c_max;
    std::vector<double> theta;
    /** Diffusivity D(theta) [m^2/s] and dD/dtheta. */
    std::vector<double> diffusivity;
    std::vector<double> diffusivity_derivative;
    /** Elastic constants and swelling at each point (with mechanics). */
    std::vector<const materials::ElasticProperties *> elastic;
    /** 2D: the out-of-plane strain eps_zz [-], uniform (generalized plane
     * strain); 0 in plane strain and in 3D. */
    double axial_strain = 0;
    /** The electronic conductivity sigma_e [S/m] (with a resolved solid
     * potential only) and the ionic conductivity kappa [S/m] (on
     * electrolyte cells only). */
    std::vector<double> electronic_conductivity;
    std::vector<double> ionic_conductivity;

    /** The values of field @p field at the points. */
    const std::vector<double> &
    values(const unsigned int field) const
    {
      return fields[field].values;
    }

    /** The gradients of field @p field at the points. */
    const std::vector<dealii::Tensor<1, dim>> &
    gradients(const unsigned int field) const
    {
      return fields[field].gradients;
    }

    /** The time history of field @p field at the points. */
    const std::vector<double> &
    history(const unsigned int field) const
    {
      return fields[field].history;
    }

    /** The symmetric gradients of the vector field @p field. */
    const std::vector<dealii::SymmetricTensor<2, dim>> &
    symmetric_gradients(const unsigned int field) const
    {
      return fields[field].symmetric_gradients;
    }

    /** Sizes the buffers for @p n_points points and the fields of
     * @p in. */
    void
    resize(const Introspection<dim> &in, const unsigned int n_points)
    {
      introspection = &in;
      fields.resize(in.n_blocks());
      for (const auto &field : in.fields())
        {
          const PointValues     &needs = field.point_values;
          FieldPointValues<dim> &f     = fields[field.block];
          f.values.resize(needs.values ? n_points : 0);
          f.gradients.resize(needs.gradients ? n_points : 0);
          f.history.resize(needs.history ? n_points : 0);
          f.symmetric_gradients.resize(needs.symmetric_gradients ? n_points
                                                                 : 0);
        }
      for (auto *v : {&c_max,
                      &theta,
                      &diffusivity,
                      &diffusivity_derivative,
                      &electronic_conductivity,
                      &ionic_conductivity})
        v->resize(n_points);
      elastic.resize(n_points);
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

    /** The name of the domain (assembly::Domains) on whose cells the
     * assembler calls this term. Default: the active materials. */
    virtual std::string
    domain() const
    {
      return active_domain;
    }
  };

  /**
   * What a boundary term needs at the quadrature points of one boundary
   * face, filled by the assembler: the face, its boundary id, the time and
   * the value of every field whose declaration asks for values (on the
   * interface faces of an active cell with an electrolyte neighbour, the
   * traces from the active cell).
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
    /** The values of each field at the face's points, indexed by field
     * (empty for fields without point values). */
    std::vector<std::vector<double>> field_values;

    /** The values of field @p field at the points. */
    const std::vector<double> &
    values(const unsigned int field) const
    {
      return field_values[field];
    }

    /** Sizes the buffers for @p n_points points and the fields of
     * @p in. */
    void
    resize(const Introspection<dim> &in, const unsigned int n_points)
    {
      introspection = &in;
      field_values.resize(in.n_blocks());
      for (const auto &field : in.fields())
        field_values[field.block].resize(
          field.point_values.values && field.n_components == 1 ? n_points : 0);
    }
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

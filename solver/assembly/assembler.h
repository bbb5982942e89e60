#pragma once

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>

#include <physics/materials/property_cache.h>
#include <solver/assembly/domains.h>
#include <solver/assembly/term.h>
#include <solver/introspection.h>
#include <solver/linear_algebra.h>

#include <memory>
#include <string>
#include <vector>

namespace heterion::assembly
{
  /**
   * The one assembly driver: a MeshWorker::mesh_loop over the locally owned
   * cells and their boundary faces that evaluates the solution and the
   * material properties at the quadrature points once per cell and calls
   * every active term. Static per-point data (the material properties with
   * their disorder fields, materials::PropertyCache) is computed once per
   * mesh change in reinit(), not per Newton iteration.
   */
  template <int dim>
  class Assembler
  {
  public:
    Assembler(const dealii::Mapping<dim>    &mapping,
              const dealii::DoFHandler<dim> &dof_handler,
              const Introspection<dim>      &introspection,
              materials::PropertyCache<dim> &properties);

    void
    add_cell_term(std::unique_ptr<CellTerm<dim>> term);

    void
    add_boundary_term(std::unique_ptr<BoundaryTerm<dim>> term);

    /** Recomputes the static per-point data (the property cache at the
     * assembly quadrature); call after every mesh change. */
    void
    reinit();

    /** The domains of the materials: cell terms run on the cells of their
     * domain(), boundary terms also on the reaction interfaces (default:
     * all active). @p domains must outlive the assembler and hold every
     * domain before it is set; a cell term added afterwards must name one
     * of them (ExcMessage otherwise). */
    void
    set_domains(const Domains &domains);

    /** The domains of set_domains(). */
    const Domains &
    cell_domains() const;

    /**
     * Assembles the residual at the (ghosted) iterate @p solution and, if
     * @p matrix is not null, the Jacobian. @p history is the ghosted vector
     * (a_1 c^n + a_2 c^{n-1}) / dt. Constrained rows are handled by
     * @p constraints (homogeneous, for Newton updates).
     */
    void
    assemble(const LA::MPI::Vector                   &solution,
             const LA::MPI::Vector                   &history,
             const double                             a0_over_dt,
             const double                             time,
             const dealii::AffineConstraints<double> &constraints,
             LA::MPI::SparseMatrix                   *matrix,
             LA::MPI::Vector                         &residual) const;

    /** The cell quadrature used by assembly and cell statistics. */
    const dealii::Quadrature<dim> &
    quadrature() const;

    /** The face quadrature. */
    const dealii::Quadrature<dim - 1> &
    face_quadrature() const;

    /** c_max at the quadrature points of a locally owned cell. */
    const double *
    maximum_concentration(
      const typename dealii::DoFHandler<dim>::active_cell_iterator &cell) const;

    /**
     * Which field blocks of the Jacobian any active term fills:
     * coupled[i][j] for row field i and column field j.
     */
    std::vector<std::vector<bool>>
    field_couplings() const;

    /** The properties at the assembly quadrature points. */
    const materials::PropertyCache<dim> &
    property_cache() const;

    /** The out-of-plane strain eps_zz of generalized plane strain (2D) for
     * the next assemble() calls (CellPointData::axial_strain). */
    void
    set_axial_strain(const double value);

    /**
     * Where the last assemble() first met a value that is not a finite
     * number (the first find of the lowest rank that had one, in assembly
     * order): the quantity (a field or a material property at a point, or
     * the contribution of a term, named with the parameter it comes from),
     * its position and the material or boundary. Empty when every value
     * was finite. Collective.
     */
    std::string
    non_finite_report() const;

  private:
    /** Names the first non-finite quantity of one cell or face: a field or
     * property in @p data, or else the first term whose contribution is not
     * finite (each term re-run alone). */
    std::string
    diagnose_cell(
      const typename dealii::DoFHandler<dim>::active_cell_iterator &cell,
      const dealii::FEValues<dim>                                  &fe_values,
      const CellPointData<dim>                                     &data,
      const bool with_matrix) const;

    std::string
    diagnose_face(const FacePointData<dim>        &data,
                  const dealii::FEFaceValues<dim> &fe_face_values,
                  const bool                       with_matrix) const;


    const dealii::Mapping<dim>                     &mapping;
    const dealii::DoFHandler<dim>                  &dof_handler;
    const Introspection<dim>                       &introspection;
    materials::PropertyCache<dim>                  &properties;
    const dealii::QGauss<dim>                       cell_quadrature;
    const dealii::QGauss<dim - 1>                   boundary_quadrature;
    std::vector<std::unique_ptr<CellTerm<dim>>>     cell_terms;
    std::vector<std::unique_ptr<BoundaryTerm<dim>>> boundary_terms;
    const Domains *domains = &Domains::all_active();
    /** The domain of each cell term, and whether reaction interfaces may
     * exist (from set_domains() and add_cell_term()). */
    std::vector<unsigned int> term_domains;
    bool                      has_interfaces = false;

    /** The index of the domain @p term names. */
    unsigned int
    domain_of(const CellTerm<dim> &term) const;
    /** This rank's first non-finite find of the last assemble(). */
    mutable std::string non_finite;
    double              axial_strain = 0;
  };
} // namespace heterion::assembly

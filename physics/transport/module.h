#pragma once

#include <deal.II/base/parameter_handler.h>

#include <physics/module.h>
#include <physics/transport/boundary_conditions.h>
#include <physics/transport/volumetric_source.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace heterion::transport
{
  /**
   * The physics module `transport` (always selected): lithium transport in
   * the active materials,
   *   dc/dt + div J = s,  J = -D(c, x) (1 + d ln gamma / d ln theta) grad c,
   * with c = theta c_max. It brings
   * - the field c (FE_Q of `Finite element degree`, with its time history),
   *   the first block;
   * - the cell terms Storage (\int dc/dt v dV), FickianFlux (\int D grad c .
   *   grad v dV, with the thermodynamic factor of the materials) and, if a
   *   source is given, VolumetricSource (-\int s v dV); the boundary term
   *   PrescribedFlux (-\int_{Gamma_N} j v dA); their weak forms are stated
   *   with each term;
   * - the values c = theta_b(x, t) c_max held on the concentration
   *   boundaries (`Boundary conditions`), c_max being that of the material
   *   with the largest base value among those that touch the boundary (its
   *   disorder chain evaluated at each boundary point);
   * - the initial state c_0 = theta_0(x) c_max(x) (`Initial conditions`),
   *   both with their disorder chains; where materials meet, the largest
   *   value wins;
   * - the Newton scale of c: the largest c_max over the materials' base
   *   values and the values at the points.
   *
   * The Simulator asks the module for the body's capacity \int c_max dV
   * (of the first mesh: C-rates refer to it), the boundary conditions and
   * the source rate of the lithium balance.
   */
  template <int dim>
  class Module : public PhysicsModule<dim>
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /** Reads `Boundary conditions`, `Sources` and `Initial conditions`;
     * returns true (every run transports lithium). */
    bool
    parse_parameters(dealii::ParameterHandler &prm) override;

    /** First: c is block 0. */
    unsigned int
    position() const override;

    void
    declare_fields(std::vector<FieldDeclaration> &fields) const override;

    void
    add_terms(const Introspection<dim> &introspection,
              assembly::Assembler<dim> &assembler) override;

    /** The material (and its c_max) of each concentration boundary. */
    void
    reinit(const SimulatorContext<dim> &context) override;

    void
    set_scales(const SimulatorContext<dim> &context,
               std::vector<double>         &scales) const override;

    /** c = theta_b(x, t) c_max on the concentration boundaries; throws
     * ExcInput if theta_b leaves [0, 1] there. */
    void
    prescribe_values(
      const SimulatorContext<dim>       &context,
      const double                       time,
      const bool                         homogeneous,
      dealii::AffineConstraints<double> &constraints) const override;

    /** Whether there are concentration boundaries. */
    bool
    prescribes_values() const override;

    /** Checks the named boundaries exist; fixes the capacity and the area
     * of the flux boundaries (the reference of a flux given as a C-rate). */
    void
    initialize_on_mesh(
      const SimulatorContext<dim>                &context,
      const std::set<dealii::types::boundary_id> &existing) override;

    /** c_0 at the support points of the active cells; throws ExcInput
     * naming the entry if theta_0 leaves [0, 1]. */
    void
    set_initial_values(const SimulatorContext<dim> &context,
                       LA::MPI::Vector             &solution) const override;

    /** The lithium boundary conditions. */
    const BoundaryConditions<dim> &
    boundary_conditions() const;

    /** \int c_max dV over the active materials of the first mesh [mol]. */
    double
    capacity() const;

    /** \int s dV [mol/s] at @p time on the mesh of @p context (0 without a
     * source). Collective. */
    double
    source_rate(const SimulatorContext<dim> &context, const double time) const;

  private:
    BoundaryConditions<dim> conditions;
    /** The source until add_terms() hands it to the assembler; then null,
     * and source_term points to it. */
    std::unique_ptr<VolumetricSource<dim>> source;
    const VolumetricSource<dim>           *source_term = nullptr;
    /** `Initial conditions/Initial state of charge`. */
    std::string  initial_theta_text;
    unsigned int degree = 1;
    /** The material whose c_max is held on each concentration boundary
     * (boundaries that no cell touches have none). */
    std::map<dealii::types::boundary_id, dealii::types::material_id>
           material_on_boundary;
    double body_capacity = 0;
  };
} // namespace heterion::transport

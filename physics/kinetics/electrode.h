#pragma once

#include <deal.II/base/function_parser.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/vector.h>

#include <physics/kinetics/butler_volmer.h>
#include <physics/materials/open_circuit_potential.h>
#include <physics/materials/property_cache.h>
#include <physics/protocols/protocol.h>
#include <solver/assembly/domains.h>
#include <solver/introspection.h>
#include <solver/linear_algebra.h>

#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

namespace heterion::potential
{
  template <int dim>
  class SolidConduction;
}

namespace heterion::kinetics
{
  /**
   * The electrode of a particle in an electrolyte reservoir: Butler-Volmer
   * kinetics on the reaction boundaries (`Electrochemistry/Reaction
   * boundaries`), the electrode potential V = phi_s - phi_e [V vs Li/Li+]
   * of the solid (at its contact, when the electronic conduction is
   * resolved: potential::SolidConduction) and a reservoir of fixed Li+
   * concentration c_e.
   *
   * At a point of a reaction boundary the overpotential is
   * eta = V + psi - phi_e - U(theta), U the open-circuit potential of the
   * material there, psi = phi_s - V the solid potential field (0 with
   * infinite conduction) and phi_e the electrolyte potential (0 at the
   * reservoir; the field of potential::ElectrolyteDomain on the internal
   * interfaces between an active and an electrolyte material, which are
   * reaction faces too),
   * and the inward lithium flux is j = -i/F with i the anodic current
   * density of the ButlerVolmer law. The insertion current of the body is
   *   I(c, V) = -\int_{Gamma_r} i(c, V) dA [A] (positive: lithiation).
   *
   * Control: `potentiostatic` prescribes V(t); `protocol` runs the steps of
   * `Protocol` (protocols::Controller sets each step's set-point through
   * set_setpoint()); `galvanostatic` prescribes
   * I_app(t) and V is the root of I(c, V) = I_app, found for every iterate
   * c by a safeguarded scalar Newton method (I is strictly decreasing in
   * V). The Newton method on c then sees the residual R(c, V(c)), whose
   * Jacobian J + b w^T (b = dR/dV, w = dV/dc = -(dI/dc)/(dI/dV)) is
   * inverted with the Sherman-Morrison formula around J (see
   * coupling_vectors()).
   *
   * The static data of every reaction face point (c_max, k, the material,
   * JxW) are cached once per mesh change by reinit(); the face points are
   * visited in the same order by every loop.
   */
  template <int dim>
  class Electrode
  {
  public:
    enum class Control
    {
      galvanostatic,
      potentiostatic
    };

    /** The insertion current density at one point and its derivatives. */
    struct PointRate
    {
      /** i_ins = -i [A/m^2] (positive: lithium enters). */
      double insertion_current_density = 0;
      /** d i_ins / dc [A m/mol], with eta = V - U(c/c_max). */
      double d_concentration = 0;
      /** d i_ins / dV [A/m^2/V]. */
      double d_potential = 0;
      /** d i_ins / d sigma_h [A/m^2/Pa] (stress in the overpotential). */
      double d_stress = 0;
      /** d i_ins / d psi [A/m^2/V] (= d_potential: eta depends on V + psi -
       * phi_e; d i_ins / d phi_e = -d_solid_potential). */
      double d_solid_potential = 0;
      /** eta [V]. */
      double overpotential = 0;
      /** theta = c / c_max. */
      double theta = 0;
      /** The open-circuit potential U(theta) with its entropic shift [V]. */
      double open_circuit_potential = 0;
      /** The potential difference phi_s - phi_e = V + psi - phi_e [V]
       * across the interface. */
      double solid_potential = 0;
    };

    /**
     * The solution at the cached face points (cache order): c, the
     * hydrostatic stress sigma_h when it enters the overpotential and the
     * potential difference psi - phi_e when the solid or the electrolyte
     * potential is a field (each empty otherwise).
     */
    struct SurfaceState
    {
      std::vector<double> c, sigma_h, psi;
    };

    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /** Whether any reaction boundary is named or an internal interface
     * exists (else the class is idle). */
    bool
    enabled() const;

    /** Makes the faces between active cells and cells of an ion-conducting
     * domain of
     * @p domains reaction faces (call after parse_parameters(); @p domains
     * must outlive the electrode). */
    void
    set_domains(const assembly::Domains &domains);

    Control
    control() const;

    const std::set<dealii::types::boundary_id> &
    reaction_boundaries() const;

    /**
     * Checks the reaction boundaries exist (@p existing) and do not carry
     * a transport condition too (@p transport_boundaries), and sets the
     * C-rate reference @p capacity = \int c_max dV [mol].
     */
    void
    initialize(const std::set<dealii::types::boundary_id> &existing,
               const std::set<dealii::types::boundary_id> &transport_boundaries,
               const double                                capacity);

    /**
     * Caches the static data at the reaction face points (per mesh): the
     * faces of the active cells on the reaction boundaries that are not
     * part of the contact of @p conduction (null: infinite electronic
     * conduction, no contact faces), and the internal interfaces
     * (seen from the active cell), and their area (ExcInput if it is 0).
     */
    void
    reinit(const dealii::Mapping<dim>            &mapping,
           const dealii::DoFHandler<dim>         &dof_handler,
           const Introspection<dim>              &introspection,
           const dealii::Quadrature<dim - 1>     &face_quadrature,
           const materials::PropertyCache<dim>   &properties,
           const potential::SolidConduction<dim> *conduction);

    /** The offset of the face points of (cell, face) in the cache, or -1. */
    long
    face_offset(
      const typename dealii::DoFHandler<dim>::active_cell_iterator &cell,
      const unsigned int face_no) const;

    /**
     * The rate at cached point @p point for concentration @p c, V, the
     * hydrostatic stress @p sigma_h [Pa] (used with `Stress in
     * overpotential` only) and the potential difference @p psi = psi -
     * phi_e [V] of the solid and electrolyte potential fields.
     */
    PointRate
    point_rate(const std::size_t point,
               const double      c,
               const double      potential,
               const double      sigma_h = 0,
               const double      psi     = 0) const;

    /**
     * The rate at an arbitrary point @p x of a reaction face of a cell of
     * material @p id, for output: the properties are evaluated at @p x and
     * c, sigma_h (with the stress term) and psi (when resolved) are taken
     * from @p solution_values (all components of the solution at @p x), at
     * the current potential.
     */
    PointRate
    rate_at(const dealii::Point<dim>        &x,
            const dealii::types::material_id id,
            const dealii::Vector<double>    &solution_values) const;

    /** The reaction faces (cell, face number) of the locally owned cells,
     * in cache order (those of the reaction boundaries off the contact). */
    const std::vector<
      std::pair<typename dealii::DoFHandler<dim>::active_cell_iterator,
                unsigned int>> &
    faces() const;

    /** The state at every cached face point from @p solution. */
    SurfaceState
    surface_state(const LA::MPI::Vector &ghosted_solution) const;

    /** The smallest and largest theta = c/c_max at the face points (all
     * ranks). */
    std::pair<double, double>
    surface_theta_range(const SurfaceState &state) const;

    /** I(c, V) [A] on all ranks, and dI/dV if @p derivative is not null. */
    double
    total_current(const SurfaceState &state,
                  const double        potential,
                  double             *derivative = nullptr) const;

    /**
     * The potential V with I(c, V) = @p current (to 1e-12 relative),
     * starting from @p guess. ExcInput if no finite V carries the current.
     */
    double
    solve_potential(const SurfaceState &state,
                    const double        current,
                    const double        guess) const;

    /**
     * For the galvanostatic elimination of V: b = dR/dV (R the transport
     * residual, R_i += -\int j phi_i dA) and w = dV/dc = -(dI/dc)/(dI/dV),
     * both condensed by @p constraints (zero on constrained rows). With the
     * stress in the overpotential, w also has the components dV/dsigma_h
     * on the hydrostatic-stress DoFs; with a resolved solid potential, b
     * has the rows dR_psi/dV and w the components dV/dpsi; with an
     * electrolyte potential, the rows dR_phi_e/dV and components dV/dphi_e.
     */
    void
    coupling_vectors(const LA::MPI::Vector                   &ghosted_solution,
                     const double                             potential,
                     const dealii::AffineConstraints<double> &constraints,
                     LA::MPI::Vector                         &b,
                     LA::MPI::Vector                         &w) const;

    /**
     * Overrides the control of the parameters (for a protocol step):
     * potentiostatic at V(t) = @p value + @p rate (t - @p start_time) [V]
     * (a hold: rate 0; a sweep: rate in V/s), or galvanostatic at I_app =
     * @p value [A].
     */
    void
    set_setpoint(const bool   potentiostatic,
                 const double value,
                 const double rate       = 0,
                 const double start_time = 0);

    /** `Electrochemistry/Stress in overpotential`. */
    bool
    stress_in_overpotential() const;

    /** The steps of `Electrochemistry/Protocol` (empty: no protocol). */
    const std::vector<protocols::Step> &
    protocol_steps() const;

    /** `Electrochemistry/Protocol repeats`. */
    unsigned int
    protocol_repeats() const;

    /** The prescribed insertion current I_app(t) [A] (galvanostatic). */
    double
    applied_current(const double time) const;

    /** The prescribed electrode potential V(t) [V] (potentiostatic). */
    double
    prescribed_potential(const double time) const;

    /** 1C for this body [A]: F \int c_max dV / 3600 s. */
    double
    one_c_current() const;

    /** The area of the reaction boundaries [m^2]. */
    double
    reaction_area() const;

    /** The electrode potential of the current iterate [V]. */
    double potential = 0;

  private:
    /** Static data at one face point. */
    struct FacePoint
    {
      double c_max = 0, rate_constant = 0, JxW = 0;
      const materials::OpenCircuitPotential *ocp = nullptr;
      /** The entropic shift (T - T_ref) dU/dT of the OCP [V]. */
      double ocp_shift = 0;
      /** Omega / F [m^3/C] (0 without the stress term). */
      double omega_over_faraday = 0;
    };

    const dealii::Mapping<dim>          *mapping_ptr       = nullptr;
    const dealii::DoFHandler<dim>       *dof_handler_ptr   = nullptr;
    const dealii::Quadrature<dim - 1>   *quadrature_ptr    = nullptr;
    const Introspection<dim>            *introspection_ptr = nullptr;
    const materials::PropertyCache<dim> *properties_ptr    = nullptr;
    /** The fields the reaction rate depends on, by index
     * (numbers::invalid_unsigned_int: not solved for). */
    unsigned int concentration_field         = 0;
    unsigned int hydrostatic_stress_field    = 0;
    unsigned int solid_potential_field       = 0;
    unsigned int electrolyte_potential_field = 0;

    /** psi - phi_e from all components of the solution at a point (each
     * 0 where it is not a field). */
    double
    potential_difference(const dealii::Vector<double> &values) const;

    std::set<dealii::types::boundary_id> boundary_ids;
    /** The domains of the materials (all active: the reservoir only). */
    const assembly::Domains *domains      = &assembly::Domains::all_active();
    Control                  control_mode = Control::galvanostatic;
    /** The unit of `Applied current` (C-rate, A/m^2 or A). */
    protocols::Quantity::Unit current_unit = protocols::Quantity::Unit::c_rate;
    std::unique_ptr<dealii::FunctionParser<1>> current_function;
    std::unique_ptr<dealii::FunctionParser<1>> potential_function;
    double                                     electrolyte_concentration = 1000;
    double                                     temperature = 298.15;
    ButlerVolmer                               law;

    std::vector<protocols::Step> steps;
    unsigned int                 repeats         = 1;
    bool                         stress_coupling = false;
    /** The set-point of set_setpoint(), if one was given. */
    bool   has_setpoint = false, setpoint_potentiostatic = false;
    double setpoint_value = 0, setpoint_rate = 0, setpoint_start = 0;

    /** The reaction faces (cell, face number) of the locally owned cells,
     * in cache order. */
    std::vector<
      std::pair<typename dealii::DoFHandler<dim>::active_cell_iterator,
                unsigned int>>
                                                                 reaction_faces;
    std::vector<FacePoint>                                       points;
    std::map<std::pair<unsigned int, unsigned int>, std::size_t> offsets;
    double one_c = 0, area = 0;

    /** Face values (values, JxW, points) on the reaction faces, made once
     * per mesh: constructing them costs more than a small face loop. */
    std::unique_ptr<dealii::FEFaceValues<dim>> fe_face_values;

    /**
     * Calls @p visit(cell, face_no, fe_face_values, offset) for every
     * cached reaction face, in cache order, with
     * fe_face_values reinitialised on it.
     */
    template <typename Visitor>
    void
    for_each_reaction_face(const Visitor &visit) const;

    /** The static data of a reaction face point at @p x in material @p id. */
    FacePoint
    make_point(const dealii::Point<dim>        &x,
               const dealii::types::material_id id) const;

    /** The rate at the point with static data @p p (see point_rate()). */
    PointRate
    rate(const FacePoint &p,
         const double     c,
         const double     potential,
         const double     sigma_h,
         const double     psi) const;
  };
} // namespace heterion::kinetics

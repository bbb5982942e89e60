#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/lac/sparsity_tools.h>

#include <physics/constants.h>
#include <physics/kinetics/butler_volmer_flux.h>
#include <physics/kinetics/electrode.h>
#include <physics/mechanics/elasticity.h>
#include <physics/mechanics/hydrostatic_stress.h>
#include <physics/potential/conduction.h>
#include <physics/potential/electrolyte_domain.h>
#include <physics/potential/solid_conduction.h>
#include <physics/transport/fickian_flux.h>
#include <physics/transport/storage.h>
#include <physics/transport/stress_assisted_flux.h>
#include <solver/assembly/assembler.h>
#include <solver/geometry/ids.h>

#include <physics/disorder/manager.h>
#include <physics/materials/property_cache.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <random>

namespace
{
  using namespace dealii;
  using namespace heterion;

  /** Which terms a check assembles. */
  enum class Terms
  {
    transport,
    /** Transport driven by the chemical potential of a decreasing U. */
    transport_chemical_potential,
    stress_assisted_flux,
    elasticity,
    hydrostatic_stress,
    butler_volmer,
    /** Butler-Volmer with the stress term -Omega sigma_h / F in eta. */
    butler_volmer_stress,
    /** Butler-Volmer with a resolved solid potential psi in eta, and the
     * electronic conduction in the solid. */
    butler_volmer_conduction,
    /** The same with the stress term too. */
    butler_volmer_conduction_stress,
    /** Butler-Volmer on the interface with an electrolyte material (half
     * of the cube), with its electrolyte potential phi_e in eta, and the
     * ionic conduction there. */
    butler_volmer_electrolyte,
    /** The same with a resolved solid potential too. */
    butler_volmer_electrolyte_conduction
  };

  /**
   * The Jacobian assembled by the chosen terms matches central finite
   * differences of their residual:
   * |J d - (R(u + eps d) - R(u - eps d)) / (2 eps)| / |J d| < 1e-6.
   * Transport: storage and Fickian flux with a theta-dependent D. The
   * mechanical terms are checked one by one on the coupled field set
   * (c, u, sigma_h) with O(1) material data (R T = 1).
   */
  /**
   * Disorder fields that make every property of the terms vary in space
   * (D, c_max, E, nu, Omega, c_ref), for the Jacobian checks with
   * heterogeneous material data.
   */
  const std::string disorder_text
    = "subsection Disorder\n set Fields = wave, bump\n"
      " subsection wave\n  set Model = function\n"
      "  subsection Function\n"
      "   set Expression = 1 + 0.5*sin(40*x)*cos(30*y)\n  end\n end\n"
      " subsection bump\n  set Model = function\n"
      "  subsection Function\n   set Expression = 0.05*cos(25*x+20*y)\n"
      "  end\n end\n"
      " subsection Properties\n  set Diffusivity = multiply wave\n"
      "  set Maximum concentration = multiply wave\n"
      "  set Young modulus = multiply wave\n"
      "  set Poisson ratio = add bump\n"
      "  set Partial molar volume = multiply wave\n"
      "  set Reference concentration = multiply wave\n"
      "  set Reaction rate constant = multiply wave\n end\nend\n";

  template <int dim>
  void
  check_jacobian(const unsigned int degree,
                 const Terms        terms         = Terms::transport,
                 const bool         with_disorder = false)
  {
    const bool electrolyte
      = terms == Terms::butler_volmer_electrolyte
        || terms == Terms::butler_volmer_electrolyte_conduction;
    const bool conduction
      = terms == Terms::butler_volmer_conduction
        || terms == Terms::butler_volmer_conduction_stress
        || terms == Terms::butler_volmer_electrolyte_conduction;
    const MPI_Comm   comm = MPI_COMM_WORLD;
    ParameterHandler prm;
    test_support::parse(
      prm,
      "subsection Materials\n subsection particle\n"
      "  set Diffusivity = 2e-3*(1+3*theta^2+sin(4*theta))\n"
      "  set Maximum concentration = 2\n"
      "  set Young modulus = 1.3\n  set Poisson ratio = 0.27\n"
      "  set Partial molar volume = 0.4\n"
      "  set Reference concentration = 0.3\n"
      "  set Reaction rate constant = 1e-6\n"
      "  set Open-circuit potential = 0.1 - 0.05*theta + 0.02*sin(6*theta)\n"
      " end\nend\n"
        + std::string(terms == Terms::butler_volmer_stress
                          || terms == Terms::butler_volmer_conduction_stress
                        // Omega sigma_h / F of order 10 mV for sigma_h ~ 1.
                        ? "subsection Materials\n subsection particle\n"
                          "  set Partial molar volume = 1000\n end\nend\n"
                          "subsection Electrochemistry\n"
                          " set Stress in overpotential = true\nend\n"
                        : "")
        + "subsection Electrochemistry\n set Reaction boundaries = surface\n"
          " set Anodic transfer coefficient = 0.4\n"
          " set Cathodic transfer coefficient = 0.6\nend\n"
        + (terms == Terms::transport_chemical_potential
             ? "subsection Materials\n subsection particle\n"
               "  set Diffusion driving force = chemical potential\n"
               // A built-in curve: U' and U'' exact, so that the
               // differences of the residual are not those of a difference
               // quotient.
               "  set Open-circuit potential = NMC811_Chen2020\n end\nend\n"
             : "")
        + (with_disorder ? disorder_text : std::string())
        + (conduction ? "subsection Electrochemistry\n"
                        " set Electronic conduction = resolved\n"
                        " set Contact boundaries = surface\n"
                        " set Contact patch = x - 0.075\nend\n"
                        "subsection Materials\n subsection particle\n"
                        "  set Electronic conductivity = 1e-5\n end\nend\n"
                      : "")
        + (electrolyte ? "subsection Electrochemistry\n"
                         " set Electrolyte materials = coating\nend\n"
                         "subsection Materials\n subsection coating\n"
                         "  set Ionic conductivity = 3e-5\n end\nend\n"
                       : ""));
    materials::MaterialModel model;
    model.parse_parameters(prm);
    ASSERT_FALSE(model.is_linear());
    disorder::Manager<dim> disorder;
    disorder.parse_parameters(prm);
    Point<dim> corner;
    for (unsigned int d = 0; d < dim; ++d)
      corner[d] = 1e-1;
    disorder.initialize(BoundingBox<dim>(std::make_pair(Point<dim>(), corner)),
                        298.15,
                        comm,
                        ConditionalOStream(std::cout, false));
    ASSERT_EQ(disorder.any_varies(), with_disorder);
    materials::PropertyCache<dim> properties(model, disorder);

    parallel::distributed::Triangulation<dim> tria(comm);
    GridGenerator::hyper_cube(tria, 0, 1e-1);
    tria.refine_global(2);
    // The electrolyte: the half x < 0.05 (away from the contact patch).
    if (electrolyte)
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->center()[0] < 0.05)
          cell->set_material_id(ids::material::coating);
    const bool coupled = terms != Terms::transport
                         && terms != Terms::transport_chemical_potential
                         && terms != Terms::butler_volmer
                         && terms != Terms::butler_volmer_conduction
                         && !electrolyte;
    const bool kinetics = terms == Terms::butler_volmer
                          || terms == Terms::butler_volmer_stress || conduction
                          || electrolyte;
    std::vector<FieldDeclaration> declarations
      = {transport::fields::concentration_declaration(degree)};
    if (coupled)
      declarations.insert(
        declarations.end(),
        {mechanics::fields::displacement_declaration<dim>(degree),
         mechanics::fields::hydrostatic_stress_declaration(degree)});
    if (conduction)
      declarations.push_back(potential::fields::potential_declaration(
        potential::fields::solid_potential, "p", degree));
    if (electrolyte)
      declarations.push_back(potential::fields::potential_declaration(
        potential::fields::electrolyte_potential, "e", degree));
    const Introspection<dim> introspection(declarations);
    DoFHandler<dim>          dof_handler(tria);
    dof_handler.distribute_dofs(introspection.fe());
    const MappingQ<dim> mapping(1);
    const IndexSet      owned = dof_handler.locally_owned_dofs();
    IndexSet            relevant;
    DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
    AffineConstraints<double> constraints(relevant);
    constraints.close();
    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(dof_handler, dsp, constraints, false);
    SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
    LA::MPI::SparseMatrix matrix;
    matrix.reinit(owned, owned, dsp, comm);

    kinetics::Electrode<dim> electrode;
    electrode.parse_parameters(prm);
    potential::SolidConduction<dim> solid_conduction;
    ASSERT_EQ(solid_conduction.parse_parameters(prm), conduction);
    const materials::ThermodynamicFactor &factor = model.thermodynamic_factor();
    ASSERT_EQ(factor.any(), terms == Terms::transport_chemical_potential);
    potential::ElectrolyteDomain<dim> electrolyte_domain;
    ASSERT_EQ(electrolyte_domain.parse_parameters(prm), electrolyte);
    electrode.set_domains(electrolyte_domain.domains());
    assembly::Assembler<dim> assembler(mapping,
                                       dof_handler,
                                       introspection,
                                       properties);
    assembler.set_domains(electrolyte_domain.domains());
    if (electrolyte)
      assembler.add_cell_term(std::make_unique<potential::Conduction<dim>>(
        introspection, potential::Conduction<dim>::Carrier::ions));
    switch (terms)
      {
        case Terms::transport:
        case Terms::transport_chemical_potential:
          assembler.add_cell_term(std::make_unique<transport::Storage<dim>>());
          assembler.add_cell_term(
            std::make_unique<transport::FickianFlux<dim>>(factor));
          break;
        case Terms::stress_assisted_flux:
          assembler.add_cell_term(
            std::make_unique<transport::StressAssistedFlux<dim>>(
              1 / constants::gas_constant));
          break;
        case Terms::elasticity:
          assembler.add_cell_term(
            std::make_unique<mechanics::Elasticity<dim>>());
          break;
        case Terms::hydrostatic_stress:
          assembler.add_cell_term(
            std::make_unique<mechanics::HydrostaticStress<dim>>());
          break;
        case Terms::butler_volmer_conduction:
        case Terms::butler_volmer_conduction_stress:
        case Terms::butler_volmer_electrolyte_conduction:
          assembler.add_cell_term(std::make_unique<potential::Conduction<dim>>(
            introspection, potential::Conduction<dim>::Carrier::electrons));
          [[fallthrough]];
        case Terms::butler_volmer:
        case Terms::butler_volmer_stress:
        case Terms::butler_volmer_electrolyte:
          assembler.add_boundary_term(
            std::make_unique<kinetics::ButlerVolmerFlux<dim>>(electrode,
                                                              introspection));
          break;
      }
    assembler.reinit();
    // The kinetics on every face of the cube (boundary id 0 = `surface`),
    // at an electrode potential that gives |eta| of a few RT/F.
    constexpr double potential = 0.08;
    electrode.initialize({ids::boundary::surface}, {}, 1.);
    electrode.reinit(mapping,
                     dof_handler,
                     introspection,
                     assembler.face_quadrature(),
                     properties,
                     &solid_conduction);
    electrode.potential = potential;

    // A smooth, non-trivial state u and a random direction d.
    std::mt19937                           rng(42);
    std::uniform_real_distribution<double> uniform(-1, 1);
    LA::MPI::Vector u(owned, comm), d(owned, comm), history(owned, comm);
    for (const auto i : owned)
      {
        u(i)       = 1.0 + 0.6 * uniform(rng);
        d(i)       = uniform(rng);
        history(i) = uniform(rng);
      }
    if (conduction)
      // psi of a few RT/F, so that eta = V + psi - U stays moderate.
      for (const auto i : DoFTools::extract_dofs(
             dof_handler,
             introspection.component_mask(
               introspection.field(potential::fields::solid_potential))))
        u(i) = 0.03 * uniform(rng);
    if (electrolyte)
      // phi_e of a few RT/F too.
      for (const auto i : DoFTools::extract_dofs(
             dof_handler,
             introspection.component_mask(
               introspection.field(potential::fields::electrolyte_potential))))
        u(i) = 0.03 * uniform(rng);
    for (auto *v : {&u, &d, &history})
      v->compress(VectorOperation::insert);
    LA::MPI::Vector ghosted(owned, relevant, comm),
      ghosted_history(owned, relevant, comm);
    ghosted_history = history;

    const double    a0_over_dt = 3.7;
    LA::MPI::Vector residual(owned, comm), r_plus(owned, comm),
      r_minus(owned, comm);
    ghosted = u;
    assembler.assemble(
      ghosted, ghosted_history, a0_over_dt, 0., constraints, &matrix, residual);

    LA::MPI::Vector jd(owned, comm);
    matrix.vmult(jd, d);
    // The truncation error of the central difference falls as eps^2: with
    // the stress term of the overpotential on heterogeneous data (3D, Q1)
    // it was 6e-4 at eps = 1e-5 and 6e-6 at 1e-6 (the residual is strongly
    // curved along d through the kinetics' exponentials); at 1e-7 it is far
    // below the bound and round-off is not yet felt.
    const double    eps = 1e-7;
    LA::MPI::Vector w(u);
    w.add(eps, d);
    ghosted = w;
    assembler.assemble(
      ghosted, ghosted_history, a0_over_dt, 0., constraints, nullptr, r_plus);
    w = u;
    w.add(-eps, d);
    ghosted = w;
    assembler.assemble(
      ghosted, ghosted_history, a0_over_dt, 0., constraints, nullptr, r_minus);
    LA::MPI::Vector fd(r_plus);
    fd.add(-1, r_minus);
    fd *= 1 / (2 * eps);
    LA::MPI::Vector difference(fd);
    difference.add(-1, jd);
    const double relative_error = difference.l2_norm() / jd.l2_norm();
    EXPECT_LT(relative_error, 1e-6) << "dim " << dim << ", degree " << degree
                                    << ", terms " << static_cast<int>(terms);

    // The check exercises the derivatives of the coefficients only where
    // the residual is nonlinear along d: there, the secant defect
    // |R(u + h d) - R(u) - h J d| / |h J d| at h = 0.1 is far above the
    // 1e-6 of the check, so a Jacobian without dD/dtheta (or dU/dtheta,
    // or the derivative of the kinetics' exponentials) would fail it.
    // Elasticity and the hydrostatic-stress projection are linear in
    // (c, u, sigma_h): their defect is round-off, which is asserted too.
    {
      const double h = 0.1;
      w              = u;
      w.add(h, d);
      ghosted = w;
      assembler.assemble(
        ghosted, ghosted_history, a0_over_dt, 0., constraints, nullptr, r_plus);
      r_plus.add(-1, residual);
      r_plus.add(-h, jd);
      const double secant_defect = r_plus.l2_norm() / (h * jd.l2_norm());
      const bool   linear_terms
        = terms == Terms::elasticity || terms == Terms::hydrostatic_stress;
      if (linear_terms)
        EXPECT_LT(secant_defect, 1e-9)
          << "dim " << dim << ", terms " << static_cast<int>(terms);
      else
        EXPECT_GT(secant_defect, 1e-3)
          << "dim " << dim << ", terms " << static_cast<int>(terms);
    }

    if (!kinetics)
      return;
    // The galvanostatic elimination of V: b = dR/dV and w = dV/dc
    // (Electrode::coupling_vectors) against central differences of the
    // residual in V and of the potential solve in c.
    ghosted = u;
    const double current
      = electrode.total_current(electrode.surface_state(ghosted), potential);
    LA::MPI::Vector b(owned, comm), dv_dc(owned, comm);
    electrode.coupling_vectors(ghosted, potential, constraints, b, dv_dc);
    const double eps_v = 1e-7;
    for (const double sign : {1., -1.})
      {
        electrode.potential = potential + sign * eps_v;
        assembler.assemble(ghosted,
                           ghosted_history,
                           a0_over_dt,
                           0.,
                           constraints,
                           nullptr,
                           sign > 0 ? r_plus : r_minus);
      }
    LA::MPI::Vector fd_b(r_plus);
    fd_b.add(-1, r_minus);
    fd_b *= 1 / (2 * eps_v);
    fd_b.add(-1, b);
    EXPECT_LT(fd_b.l2_norm() / b.l2_norm(), 1e-6) << "dR/dV, dim " << dim;

    double v_of[2];
    for (const int k : {0, 1})
      {
        w = u;
        w.add(k == 0 ? eps : -eps, d);
        ghosted = w;
        v_of[k] = electrode.solve_potential(electrode.surface_state(ghosted),
                                            current,
                                            potential);
      }
    const double fd_w = (v_of[0] - v_of[1]) / (2 * eps);
    const double w_d  = dv_dc * d;
    EXPECT_NEAR(fd_w, w_d, 1e-6 * std::abs(w_d)) << "dV/dc, dim " << dim;
    ghosted = u;
    EXPECT_NEAR(electrode.solve_potential(electrode.surface_state(ghosted),
                                          current,
                                          0.5),
                potential,
                1e-12);
  }

  TEST(Jacobian, TransportTermsMatchFiniteDifferences2d)
  {
    check_jacobian<2>(1);
    check_jacobian<2>(2);
    check_jacobian<2>(2, Terms::transport_chemical_potential);
  }

  TEST(Jacobian, TransportTermsMatchFiniteDifferences3d)
  {
    check_jacobian<3>(1);
    check_jacobian<3>(2);
    check_jacobian<3>(1, Terms::transport_chemical_potential);
  }

  TEST(Jacobian, MechanicalTermsMatchFiniteDifferences2d)
  {
    for (const Terms terms : {Terms::stress_assisted_flux,
                              Terms::elasticity,
                              Terms::hydrostatic_stress})
      {
        check_jacobian<2>(1, terms);
        check_jacobian<2>(2, terms);
      }
  }

  TEST(Jacobian, MechanicalTermsMatchFiniteDifferences3d)
  {
    for (const Terms terms : {Terms::stress_assisted_flux,
                              Terms::elasticity,
                              Terms::hydrostatic_stress})
      {
        check_jacobian<3>(1, terms);
        check_jacobian<3>(2, terms);
      }
  }

  TEST(Jacobian, ButlerVolmerMatchesFiniteDifferences)
  {
    for (const unsigned int degree : {1u, 2u})
      {
        for (const Terms terms : {Terms::butler_volmer,
                                  Terms::butler_volmer_stress,
                                  Terms::butler_volmer_conduction,
                                  Terms::butler_volmer_conduction_stress,
                                  Terms::butler_volmer_electrolyte,
                                  Terms::butler_volmer_electrolyte_conduction})
          {
            check_jacobian<2>(degree, terms);
            check_jacobian<3>(degree, terms);
          }
      }
  }

  /** Every term with spatially varying D, c_max, E, nu, Omega and c_ref. */
  template <int dim>
  void
  check_heterogeneous()
  {
    for (const Terms terms : {Terms::transport,
                              Terms::stress_assisted_flux,
                              Terms::elasticity,
                              Terms::hydrostatic_stress,
                              Terms::butler_volmer,
                              Terms::butler_volmer_stress})
      for (const unsigned int degree : {1u, 2u})
        check_jacobian<dim>(degree, terms, true);
  }

  TEST(Jacobian, HeterogeneousPropertiesMatchFiniteDifferences2d)
  {
    check_heterogeneous<2>();
  }

  TEST(Jacobian, HeterogeneousPropertiesMatchFiniteDifferences3d)
  {
    check_heterogeneous<3>();
  }
} // namespace

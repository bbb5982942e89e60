// The cost of a new physics: a passive tracer field with its own storage
// and diffusion terms, initial state, parameters, boundary constraints,
// mesh check and statistics columns, added by this one file (it registers
// a PhysicsModule and edits nothing outside the test). The tracer must
// conserve its total, decay as the analytic Neumann mode (and, held at zero
// on two faces, as the Dirichlet mode), and leave the lithium untouched;
// its accumulated state (the time integral of its maximum) must survive a
// checkpoint and restart bit for bit.

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/numerics/data_postprocessor.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/module.h>
#include <solver/geometry/ids.h>
#include <solver/interrupt.h>
#include <solver/parsed_function.h>
#include <solver/simulator.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace heterion
{
  using namespace dealii;

  namespace
  {
    const std::string tracer = "tracer";

    /**
     * The tracer's transport, dt/dt - div(D_t grad t) = 0 with no flux
     * through the boundary:
     *   R_i  += \int (a_0 t + a_1 t^n + a_2 t^{n-1}) / dt v_i
     *           + D_t grad t . grad v_i dV,
     *   J_ij += \int a_0/dt v_j v_i + D_t grad v_j . grad v_i dV.
     */
    template <int dim>
    class TracerTransport : public assembly::CellTerm<dim>
    {
    public:
      TracerTransport(const double diffusivity, const std::string &domain)
          : diffusivity(diffusivity)
          , tracer_domain(domain)
      {
      }

      void
      assemble(const FEValues<dim>                &fe_values,
               const assembly::CellPointData<dim> &data,
               FullMatrix<double>                 *matrix,
               Vector<double>                     &residual) const override
      {
        const unsigned int f    = data.introspection->field(tracer);
        const auto        &dofs = data.introspection->local_dofs(f);
        const auto        &t    = data.values(f);
        const auto        &grad = data.gradients(f);
        const auto        &hist = data.history(f);
        for (const unsigned int q : fe_values.quadrature_point_indices())
          {
            const double JxW  = fe_values.JxW(q);
            const double rate = data.a0_over_dt * t[q] + hist[q];
            for (const unsigned int i : dofs)
              {
                const double v_i = fe_values.shape_value(i, q);
                const auto   g_i = fe_values.shape_grad(i, q);
                residual(i) += (rate * v_i + diffusivity * grad[q] * g_i) * JxW;
                if (matrix)
                  for (const unsigned int j : dofs)
                    (*matrix)(i, j)
                      += (data.a0_over_dt * fe_values.shape_value(j, q) * v_i
                          + diffusivity * (fe_values.shape_grad(j, q) * g_i))
                         * JxW;
              }
          }
      }

      assembly::FieldCouplings
      couplings() const override
      {
        return {{tracer, tracer}};
      }

      std::string
      name() const override
      {
        return "the tracer transport (Tracer/Diffusivity)";
      }

      std::string
      domain() const override
      {
        return tracer_domain;
      }

    private:
      const double      diffusivity;
      const std::string tracer_domain;
    };


    /** The tracer flux -D_t grad t [mol/m^2/s] for the VTU output. */
    template <int dim>
    class TracerFlux : public DataPostprocessorVector<dim>
    {
    public:
      TracerFlux(const unsigned int component, const double diffusivity)
          : DataPostprocessorVector<dim>("tracer_flux", update_gradients)
          , component(component)
          , diffusivity(diffusivity)
      {
      }

      void
      evaluate_vector_field(
        const DataPostprocessorInputs::Vector<dim> &inputs,
        std::vector<Vector<double>> &computed_quantities) const override
      {
        for (unsigned int q = 0; q < computed_quantities.size(); ++q)
          for (unsigned int d = 0; d < dim; ++d)
            computed_quantities[q](d)
              = -diffusivity * inputs.solution_gradients[q][component][d];
      }

    private:
      const unsigned int component;
      const double       diffusivity;
    };


    /** The module: parameters `Tracer/...`, the field, the term, the
     * constraint t = 0 on the `Zero boundaries` (checked against the
     * mesh), the initial state, the columns tracer_total, tracer_max and
     * tracer_max_integral (\int max t dt, right-endpoint rule: a run state
     * that checkpoints hold) and the VTU array tracer_flux. */
    template <int dim>
    class TracerModule : public PhysicsModule<dim>
    {
    public:
      static void
      declare_parameters(ParameterHandler &prm)
      {
        prm.enter_subsection("Tracer");
        prm.declare_entry("Enable",
                          "false",
                          Patterns::Bool(),
                          "Solve for a passive tracer (a test module).");
        prm.declare_entry("Diffusivity",
                          "1e-14",
                          Patterns::Double(0),
                          "Tracer diffusivity D_t [m^2/s].");
        prm.declare_entry("Initial value",
                          "0",
                          Patterns::Anything(),
                          "The initial tracer t_0(x, y, z) [mol/m^3].");
        prm.declare_entry("Zero boundaries",
                          "",
                          Patterns::Anything(),
                          "Boundaries where t = 0 (else no flux).");
        prm.declare_entry("Domain materials",
                          "",
                          Patterns::Anything(),
                          "Materials of the tracer's own domain `tracer`, "
                          "where alone it lives (empty: the active "
                          "materials).");
        prm.leave_subsection();
      }

      bool
      parse_parameters(ParameterHandler &prm) override
      {
        degree = prm.get_integer("Finite element degree");
        prm.enter_subsection("Tracer");
        const bool enabled   = prm.get_bool("Enable");
        diffusivity          = prm.get_double("Diffusivity");
        initial              = prm.get("Initial value");
        zero_ids             = ids::boundary_ids("Tracer/Zero boundaries",
                                     prm.get("Zero boundaries"));
        const auto materials = ids::material_ids("Tracer/Domain materials",
                                                 prm.get("Domain materials"));
        domain_materials.assign(materials.begin(), materials.end());
        prm.leave_subsection();
        return enabled;
      }

      void
      declare_fields(std::vector<FieldDeclaration> &fields) const override
      {
        FieldDeclaration d(tracer, "t", "mol/m^3", 1, degree);
        d.point_values.gradients = true;
        d.point_values.history   = true;
        d.domains                = {domain()};
        fields.push_back(d);
      }

      void
      define_domains(assembly::Domains &domains) const override
      {
        if (domain_materials.empty())
          return;
        const unsigned int own = domains.add(domain(), false);
        for (const types::material_id id : domain_materials)
          domains.assign(id, own);
      }

      void
      add_terms(const Introspection<dim> &,
                assembly::Assembler<dim> &assembler) override
      {
        assembler.add_cell_term(
          std::make_unique<TracerTransport<dim>>(diffusivity, domain()));
      }

      void
      make_constraints(const Mapping<dim>        &mapping,
                       const DoFHandler<dim>     &dof_handler,
                       const Introspection<dim>  &introspection,
                       AffineConstraints<double> &constraints) const override
      {
        for (const types::boundary_id id : zero_ids)
          VectorTools::interpolate_boundary_values(
            mapping,
            dof_handler,
            id,
            Functions::ZeroFunction<dim>(introspection.fe().n_components()),
            constraints,
            introspection.component_mask(introspection.field(tracer)));
      }

      void
      initialize_on_mesh(const SimulatorContext<dim> &,
                         const std::set<types::boundary_id> &existing) override
      {
        ids::check_boundaries_exist("Tracer/Zero boundaries",
                                    zero_ids,
                                    existing);
      }

      void
      set_initial_values(const SimulatorContext<dim> &context,
                         LA::MPI::Vector             &solution) const override
      {
        const Mapping<dim>       &mapping       = context.mapping;
        const DoFHandler<dim>    &dof_handler   = context.dof_handler;
        const Introspection<dim> &introspection = context.introspection;
        const auto  t0 = make_parsed_function<dim>("Tracer/Initial value",
                                                  initial,
                                                  dim == 2 ? "x,y" : "x,y,z",
                                                  false);
        const auto &fe = introspection.fe();
        const Quadrature<dim> support(fe.get_unit_support_points());
        FEValues<dim> values(mapping, fe, support, update_quadrature_points);
        std::vector<types::global_dof_index> indices(fe.n_dofs_per_cell());
        const auto owned = dof_handler.locally_owned_dofs();
        for (const auto &cell : dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
            {
              values.reinit(cell);
              cell->get_dof_indices(indices);
              for (const unsigned int i :
                   introspection.local_dofs(introspection.field(tracer)))
                if (owned.is_element(indices[i]))
                  solution(indices[i]) = t0->value(values.quadrature_point(i));
            }
      }

      std::vector<std::string>
      statistics_columns() const override
      {
        return {"tracer_total", "tracer_max", "tracer_max_integral"};
      }

      std::unique_ptr<DataPostprocessor<dim>>
      output_postprocessor(const SimulatorContext<dim> &context) const override
      {
        const auto &in = context.introspection;
        return std::make_unique<TracerFlux<dim>>(
          in.first_component(in.field(tracer)), diffusivity);
      }

      std::map<std::string, std::string>
      output_units() const override
      {
        return {{"tracer_flux", "mol/m^2/s"}};
      }

      void
      step_accepted(const SimulatorContext<dim> &context,
                    const double                 dt) override
      {
        max_integral += dt * totals(context)[1];
      }

      std::string
      save_state() const override
      {
        std::ostringstream out;
        out.write(reinterpret_cast<const char *>(&max_integral),
                  sizeof(max_integral));
        return out.str();
      }

      void
      load_state(const std::string &state) override
      {
        ASSERT_EQ(state.size(), sizeof(max_integral));
        std::memcpy(&max_integral, state.data(), sizeof(max_integral));
      }

      std::vector<double>
      statistics(const SimulatorContext<dim> &context) const override
      {
        std::vector<double> values = totals(context);
        values.push_back(max_integral);
        return values;
      }

    private:
      /** The tracer's domain: its own, or the active materials. */
      std::string
      domain() const
      {
        return domain_materials.empty() ? active_domain : tracer;
      }

      /** The total over the cells of the tracer's domain and the largest
       * nodal value of the tracer. */
      std::vector<double>
      totals(const SimulatorContext<dim> &context) const
      {
        const auto              &in        = context.introspection;
        const auto               extractor = in.scalar(in.field(tracer));
        FEValues<dim>            values(context.mapping,
                             in.fe(),
                             QGauss<dim>(degree + 1),
                             update_values | update_JxW_values);
        std::vector<double>      t(values.n_quadrature_points);
        double                   total   = 0;
        const assembly::Domains &domains = context.assembler.cell_domains();
        for (const auto &cell : context.dof_handler.active_cell_iterators())
          if (cell->is_locally_owned()
              && domains.name(domains.of(cell)) == domain())
            {
              values.reinit(cell);
              values[extractor].get_function_values(context.solution, t);
              for (const unsigned int q : values.quadrature_point_indices())
                total += t[q] * values.JxW(q);
            }
        // The largest nodal value.
        double     maximum = -1e300;
        const auto dofs
          = DoFTools::extract_dofs(context.dof_handler,
                                   in.component_mask(in.field(tracer)));
        for (const auto i : dofs)
          maximum = std::max(maximum, context.solution(i));
        return {Utilities::MPI::sum(total, context.mpi_communicator),
                Utilities::MPI::max(maximum, context.mpi_communicator)};
      }

      unsigned int                    degree      = 1;
      double                          diffusivity = 0;
      std::string                     initial;
      std::set<types::boundary_id>    zero_ids;
      std::vector<types::material_id> domain_materials;
      double                          max_integral = 0;
    };
  } // namespace

  HETERION_REGISTER_PHYSICS_MODULE(TracerModule,
                                   "tracer (test)",
                                   "A passive tracer; registered by a test.")

  namespace
  {
    // A square of side L = 1 um, no lithium flux, t_0 = 1 + cos(pi x / L):
    // t = 1 + exp(-D_t (pi / L)^2 t) cos(pi x / L).
    constexpr double side     = 1e-6;
    constexpr double tracer_d = 1e-13;

    /** The decay rate D_t (pi/L)^2 [1/s] of the first mode of the square. */
    constexpr double mode_rate
      = tracer_d * numbers::PI * numbers::PI / (side * side);

    /** The largest relative error of maximum - offset against the mode
     * exp(-r t) over the rows of a statistics.csv. */
    double
    mode_error(const std::vector<double> &time,
               const std::vector<double> &maximum,
               const double               offset)
    {
      double error = 0;
      for (unsigned int k = 0; k < time.size(); ++k)
        {
          const double mode = std::exp(-mode_rate * time[k]);
          error
            = std::max(error, std::abs((maximum[k] - offset) - mode) / mode);
        }
      return error;
    }

    std::string
    parameters(const bool         with_tracer,
               const std::string &zero_boundaries = "",
               const std::string &initial         = "1 + cos(pi * x / 1e-6)")
    {
      return std::string("set Dimension = 2\nset Finite element degree = 2\n"
                         "set Output directory = tracer_module_")
             + (with_tracer ? "on" : "off")
             + (zero_boundaries.empty() ? "" : "_held")
             + "\nsubsection Geometry\n set Model = box\n"
               " subsection Box\n  set Size = 1e-6\n"
               "  set Cells per direction = 8\n end\nend\n"
               "subsection Initial conditions\n"
               " set Initial state of charge = 0.3 + 0.2 * x / 1e-6\nend\n"
               "subsection Materials\n subsection particle\n"
               "  set Diffusivity = 1e-15\n end\nend\n"
               "subsection Time stepping\n set End time = 1\n"
               " set Time step = 0.01\n set Scheme = BDF2\nend\n"
               "subsection Nonlinear solver\n"
               " set Relative tolerance = 1e-12\nend\n"
               "subsection Linear solver\n set Method = direct\nend\n"
               "subsection Output\n set Output interval = 0.5\nend\n"
               "subsection Tracer\n set Enable = "
             + (with_tracer ? "true" : "false")
             + "\n set Diffusivity = 1e-13\n set Initial value = " + initial
             + "\n set Zero boundaries = " + zero_boundaries + "\nend\n";
    }
  } // namespace


  TEST(PhysicsModule, TracerFieldFromOneFile)
  {
    const auto read = [](const bool with_tracer) {
      test_support::Run<2> run(parameters(with_tracer));
      return test_support::read_csv(std::string("tracer_module_")
                                    + (with_tracer ? "on" : "off")
                                    + "/statistics.csv");
    };
    const auto on  = read(true);
    const auto off = read(false);

    // Conserved: no flux through the boundary.
    const auto &total = on.at("tracer_total");
    ASSERT_GT(total.size(), 100u);
    for (const double value : total)
      EXPECT_NEAR(value / total.front(), 1., 1e-12);
    EXPECT_NEAR(total.front(), side * side, 1e-12 * side * side);

    // The amplitude of the mode against exp(-D_t (pi/L)^2 t).
    const auto  &time      = on.at("time");
    const auto  &maximum   = on.at("tracer_max");
    const double max_error = mode_error(time, maximum, 1);
    std::cout << "tracer mode: decay to " << maximum.back() - 1
              << " at t = " << time.back() << " s, largest relative error "
              << max_error << std::endl;
    EXPECT_LT(max_error, 5e-4);

    // The lithium does not see the tracer.
    for (const std::string column : {"li_inventory", "theta_min", "theta_max"})
      {
        ASSERT_EQ(on.at(column).size(), off.at(column).size());
        for (unsigned int k = 0; k < on.at(column).size(); ++k)
          EXPECT_NEAR(on.at(column)[k],
                      off.at(column)[k],
                      1e-10 * std::abs(off.at(column)[k]))
            << column << ", row " << k;
      }
    EXPECT_EQ(off.count("tracer_total"), 0u);

    // The VTU files show the new field (the writer takes every field from
    // the registry) and the module's derived array, with their units (the
    // record's comment): the last record, at t = 1 s.
    std::ifstream     vtu("tracer_module_on/solution_00002.0000.vtu");
    std::stringstream text;
    text << vtu.rdbuf();
    EXPECT_NE(text.str().find("Name=\"tracer\""), std::string::npos);
    EXPECT_NE(text.str().find("Name=\"tracer_flux\""), std::string::npos);
    std::ifstream     pvtu("tracer_module_on/solution_00002.pvtu");
    std::stringstream record;
    record << pvtu.rdbuf();
    EXPECT_NE(record.str().find("tracer=mol/m^3"), std::string::npos);
    EXPECT_NE(record.str().find("tracer_flux=mol/m^2/s"), std::string::npos);
  }


  // The module's own constraint and mesh check: t = 0 on x = 0 and x = L,
  // t_0 = sin(pi x / L): t = exp(-D_t (pi / L)^2 t) sin(pi x / L).
  TEST(PhysicsModule, TracerHeldAtZeroByItsConstraints)
  {
    test_support::Run<2> run(
      parameters(true, "x_min, x_max", "sin(pi * x / 1e-6)"));
    const auto on
      = test_support::read_csv("tracer_module_on_held/statistics.csv");
    const auto &time    = on.at("time");
    const auto &maximum = on.at("tracer_max");
    const auto &total   = on.at("tracer_total");
    ASSERT_GT(time.size(), 100u);
    const double max_error = mode_error(time, maximum, 0);
    for (unsigned int k = 0; k < time.size(); ++k)
      {
        const double mode = std::exp(-mode_rate * time[k]);
        // The integral of the mode, 2 L^2 / pi (not conserved: t flows
        // out through the held faces).
        EXPECT_NEAR(total[k] / (2 * side * side / numbers::PI),
                    mode,
                    1e-3 * mode)
          << "row " << k;
      }
    std::cout << "held tracer mode: decay to " << maximum.back()
              << " at t = " << time.back() << " s, largest relative error "
              << max_error << std::endl;
    EXPECT_LT(max_error, 5e-4);
    // It decayed below what no flux allows (the maximum would fall only to
    // about 0.645 at t = 1 s, towards the mean 2/pi).
    EXPECT_LT(maximum.back(), 0.5);

    // A boundary the mesh lacks is refused by the module's check.
    try
      {
        test_support::Run<2> bad(parameters(true, "surface"));
        ADD_FAILURE() << "a zero boundary the box lacks was accepted";
      }
    catch (const std::exception &exc)
      {
        EXPECT_NE(
          std::string(exc.what())
            .find("Tracer/Zero boundaries: the mesh has no boundary 'surface'"),
          std::string::npos)
          << exc.what();
      }
  }


  // The module's run state through a checkpoint: a run stopped after step
  // 40 and resumed writes the statistics.csv of the uninterrupted run, byte
  // for byte (tracer_max_integral would restart from 0 if the state were
  // lost), and the integral is the right-endpoint sum of its own column.
  TEST(PhysicsModule, TracerStateSurvivesRestart)
  {
    const auto run = [](const std::string &directory,
                        const std::string &extra,
                        const bool         resume) {
      ParameterHandler prm;
      test_support::parse(prm,
                          parameters(true)
                            + "subsection Output\nset Quiet = true\nend\n"
                              "set Output directory = "
                            + directory + "\n" + extra);
      Simulator<2> simulator(prm, MPI_COMM_WORLD);
      if (resume)
        simulator.resume_from_checkpoint();
      simulator.run();
    };
    const auto text = [](const std::string &path) {
      std::ifstream     in(path);
      std::stringstream content;
      content << in.rdbuf();
      return content.str();
    };
    if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      for (const std::string directory :
           {"tracer_restart_reference", "tracer_restart_continued"})
        std::filesystem::remove_all(directory);
    MPI_Barrier(MPI_COMM_WORLD);
    run("tracer_restart_reference", "", false);
    EXPECT_THROW(run("tracer_restart_continued",
                     "subsection Checkpoint\nset Stop after step = 40\nend\n",
                     false),
                 ExcInterrupted);
    run("tracer_restart_continued", "", true);
    const std::string reference
      = text("tracer_restart_reference/statistics.csv");
    ASSERT_GT(reference.size(), 1000u);
    EXPECT_EQ(text("tracer_restart_continued/statistics.csv"), reference);

    const auto csv
      = test_support::read_csv("tracer_restart_reference/statistics.csv");
    const auto &time     = csv.at("time");
    const auto &maximum  = csv.at("tracer_max");
    const auto &integral = csv.at("tracer_max_integral");
    double      sum      = 0;
    for (unsigned int k = 1; k < time.size(); ++k)
      {
        sum += (time[k] - time[k - 1]) * maximum[k];
        // (The CSV holds 12 significant digits.)
        EXPECT_NEAR(integral[k], sum, 1e-9 * sum) << "row " << k;
      }
    // t_max = 1 + exp(-r t): the integral t + (1 - exp(-r t)) / r, to the
    // rule's O(dt) error.
    const double exact
      = time.back() + (1 - std::exp(-mode_rate * time.back())) / mode_rate;
    EXPECT_NEAR(integral.back() / exact, 1., 1e-2);
    EXPECT_GT(time.back(), 0.99);
  }


  // N named domains: a 3 x 1 um strip of three materials in three domains,
  // each with its own field: `glass` (the domain `electrolyte`: phi_e, held
  // at 0 on the inlet), `crystal` (`active`: c, lithiated through its
  // reaction interface with the glass at 1C) and `binder` (the test
  // module's own domain `tracer`). Every field is exactly zero at the
  // centre node of each cell outside its domain and non-zero inside; on
  // an interface both traces are non-zero and the third field is zero; the
  // tracer keeps its total over its domain (no flux leaves it) and decays
  // as the Neumann mode of its 1 um layer. Once on the uniform mesh, once
  // with the crystal's bottom row refined (`floor`): hanging nodes on both
  // of its interfaces.
  namespace
  {
    void
    check_three_named_domains(const bool refined)
    {
      const std::string directory
        = std::string("tracer_three_domains") + (refined ? "_refined" : "");
      const std::string text
        = "set Dimension = 2\nset Finite element degree = 2\n"
          "set Output directory = "
          + directory
          + "\nsubsection Geometry\n set Model = gmsh\n"
            " set Global refinement = 3\n"
            " set Surface refinement = "
          + (refined ? "1" : "0")
          + "\n set Surface refinement boundaries = floor\n"
            " subsection Gmsh\n  set File name = "
          + HETERION_SOURCE_DIR
          + "/tests/regions/three_layers.msh\n  set Length unit = 1e-6\n end\n"
            "end\nsubsection Initial conditions\n"
            " set Initial state of charge = 0.5\nend\n"
            "subsection Materials\n subsection glass\n"
            "  set Ionic conductivity = 1e-4\n end\n subsection crystal\n"
            "  set Diffusivity = 1e-15\n  set Maximum concentration = 2e4\n"
            "  set Reaction rate constant = 2e-11\n end\nend\n"
            "subsection Boundary conditions\n set Flux boundaries =\nend\n"
            "subsection Electrochemistry\n set Reaction boundaries =\n"
            " set Electrolyte materials = glass\n"
            " set Electrolyte boundaries = inlet\n"
            " set Control = galvanostatic\n set Applied current = 1\nend\n"
            "subsection Time stepping\n set End time = 1\n"
            " set Time step = 0.01\n set Scheme = BDF2\nend\n"
            "subsection Nonlinear solver\n set Relative tolerance = "
            "1e-12\nend\n"
            "subsection Linear solver\n set Method = direct\nend\n"
            "subsection Output\n set Output interval = 0.5\nend\n"
            "subsection Tracer\n set Enable = true\n set Diffusivity = 1e-13\n"
            " set Initial value = 1 + cos(pi * (x - 2e-6) / 1e-6)\n"
            " set Domain materials = binder\nend\n";
      // The run ends (and closes its files) before statistics.csv is read.
      auto run = std::make_unique<test_support::Run<2>>(text);
      const SimulatorContext<2> context = run->simulator->context();
      const auto               &in      = context.introspection;
      const auto               &domains = context.assembler.cell_domains();
      ASSERT_EQ(domains.n_domains(), 3u);
      std::vector<std::string> names;
      for (const auto &field : in.fields())
        names.push_back(field.name);
      ASSERT_EQ(names,
                (std::vector<std::string>{"concentration",
                                          "electrolyte_potential",
                                          tracer}));
      const std::vector<std::string> home{active_domain, "electrolyte", tracer};
      const auto lives = [&](const unsigned int f, const unsigned int domain) {
        return domains.name(domain) == home[f];
      };

      // The value at the centre of a cell is that of its centre node (Q2),
      // which no other cell touches; the value at the midpoint of a face
      // that of the face's middle node (or, on the fine side of a hanging
      // face, interpolated from the coarse side).
      FEValues<2>               values(context.mapping,
                         in.fe(),
                         QMidpoint<2>(),
                         update_values);
      FEFaceValues<2>           face_values(context.mapping,
                                  in.fe(),
                                  QMidpoint<1>(),
                                  update_values);
      std::vector<double>       value(1);
      std::vector<unsigned int> n_inside(3, 0), n_outside(3, 0);
      unsigned int              n_interfaces = 0;
      for (const auto &cell : context.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            values.reinit(cell);
            const unsigned int here = domains.of(cell);
            for (unsigned int f = 0; f < 3; ++f)
              {
                values[in.scalar(f)].get_function_values(context.solution,
                                                         value);
                if (lives(f, here))
                  {
                    EXPECT_NE(value[0], 0.)
                      << names[f] << " in " << domains.name(here);
                    ++n_inside[f];
                  }
                else
                  {
                    EXPECT_EQ(value[0], 0.)
                      << names[f] << " in " << domains.name(here);
                    ++n_outside[f];
                  }
              }
            // The crystal's faces with the other domains.
            if (here != assembly::Domains::active)
              continue;
            for (const unsigned int face : cell->face_indices())
              if (!cell->at_boundary(face)
                  && domains.of(cell->neighbor(face)) != here)
                {
                  ++n_interfaces;
                  const unsigned int there = domains.of(cell->neighbor(face));
                  face_values.reinit(cell, face);
                  for (unsigned int f = 0; f < 3; ++f)
                    {
                      face_values[in.scalar(f)].get_function_values(
                        context.solution, value);
                      if (lives(f, here) || lives(f, there))
                        EXPECT_NE(value[0], 0.)
                          << names[f] << " on the interface with "
                          << domains.name(there);
                      else
                        EXPECT_EQ(value[0], 0.)
                          << names[f] << " on the interface with "
                          << domains.name(there);
                    }
                }
          }
      const MPI_Comm comm = MPI_COMM_WORLD;
      EXPECT_GE(Utilities::MPI::sum(n_interfaces, comm), 16u);
      if (!refined)
        for (unsigned int f = 0; f < 3; ++f)
          {
            EXPECT_EQ(Utilities::MPI::sum(n_inside[f], comm), 64u);
            EXPECT_EQ(Utilities::MPI::sum(n_outside[f], comm), 128u);
          }

      run.reset();
      const auto  csv   = test_support::read_csv(directory + "/statistics.csv");
      const auto &time  = csv.at("time");
      const auto &total = csv.at("tracer_total");
      const auto &maximum = csv.at("tracer_max");
      ASSERT_GT(time.size(), 100u);
      for (unsigned int k = 0; k < time.size(); ++k)
        EXPECT_NEAR(total[k], side * side, 1e-12 * side * side) << "row " << k;
      const double max_error = mode_error(time, maximum, 1);
      std::cout << "tracer in its own domain" << (refined ? " (refined)" : "")
                << ": decay to " << maximum.back() - 1
                << " at t = " << time.back() << " s, largest relative error "
                << max_error << std::endl;
      EXPECT_LT(max_error, 5e-4);
      // The lithium is in the crystal alone (its capacity is that of the
      // crystal: the initial state of charge is 0.5), and it entered at 1C:
      // the state of charge rose by t / 3600 s.
      const auto &soc = csv.at("soc");
      EXPECT_NEAR(soc.front(), 0.5, 1e-12);
      EXPECT_NEAR((soc.back() - soc.front()) * 3600 / time.back(), 1., 1e-6);
    }
  } // namespace


  TEST(PhysicsModule, ThreeNamedDomains)
  {
    check_three_named_domains(false);
  }


  TEST(PhysicsModule, ThreeNamedDomainsWithHangingNodes)
  {
    check_three_named_domains(true);
  }


  // The core modules keep the block order of the fields (c, u, sigma_h,
  // psi, phi_e), and a module without a position comes after them: the
  // DoF numbering, and with it every result, is that of the Simulator
  // before the modules.
  TEST(PhysicsModule, CoreModulesKeepTheBlockOrder)
  {
    const auto names = [](const std::string &file, const std::string &extra) {
      std::stringstream text;
      if (!file.empty())
        {
          std::ifstream in(
            std::string(HETERION_SOURCE_DIR "/tests/integration/") + file);
          text << in.rdbuf();
        }
      ParameterHandler prm;
      test_support::parse(prm,
                          text.str()
                            + "\nsubsection Output\nset Quiet = true\n"
                              "end\n"
                            + extra);
      Simulator<2> simulator(prm, MPI_COMM_WORLD);
      simulator.setup();
      std::vector<std::string> result;
      for (const auto &field : simulator.context().introspection.fields())
        result.push_back(field.name);
      return result;
    };
    const std::string with_tracer
      = "subsection Tracer\nset Enable = true\nend\n";
    EXPECT_EQ(names("electrode_conduction_disc.prm", with_tracer),
              (std::vector<std::string>{"concentration",
                                        "displacement",
                                        "hydrostatic_stress",
                                        "solid_potential",
                                        tracer}));
    EXPECT_EQ(names("electrolyte_shell_disc.prm", with_tracer),
              (std::vector<std::string>{"concentration",
                                        "electrolyte_potential",
                                        tracer}));
    // Both potentials: a glass electrolyte layer (x < 1 um) on a crystal
    // with a resolved solid potential, contacted at its far end.
    const std::string both
      = std::string("set Dimension = 2\nsubsection Geometry\n"
                    " set Model = gmsh\n subsection Gmsh\n  set File name = ")
        + HETERION_SOURCE_DIR
        + "/tests/regions/two_layers_own_names.msh\n"
          "  set Length unit = 1e-6\n end\nend\n"
          "subsection Materials\n subsection glass\n"
          "  set Ionic conductivity = 1e-4\n end\n subsection crystal\n"
          "  set Diffusivity = 1e-15\n  set Maximum concentration = 2e4\n"
          "  set Reaction rate constant = 2e-11\n"
          "  set Electronic conductivity = 1\n end\nend\n"
          "subsection Boundary conditions\n set Flux boundaries =\nend\n"
          "subsection Electrochemistry\n set Reaction boundaries =\n"
          " set Electrolyte materials = glass\n"
          " set Electrolyte boundaries = inlet\n"
          " set Electronic conduction = resolved\n"
          " set Contact boundaries = walls\n"
          " set Contact patch = x - 1.5e-6\n"
          " set Control = galvanostatic\n set Applied current = 1\nend\n";
    EXPECT_EQ(names("", both + with_tracer),
              (std::vector<std::string>{"concentration",
                                        "solid_potential",
                                        "electrolyte_potential",
                                        tracer}));
  }
} // namespace heterion

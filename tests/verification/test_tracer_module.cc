// The cost of a new physics: a passive tracer field with its own storage
// and diffusion terms, initial state, parameters and statistics columns,
// added by this one file (it registers a PhysicsModule and edits nothing
// outside the test). The tracer must conserve its total, decay as the
// analytic Neumann mode, and leave the lithium untouched.

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>

#include <physics/module.h>
#include <solver/parsed_function.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>
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
      explicit TracerTransport(const double diffusivity)
          : diffusivity(diffusivity)
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

    private:
      const double diffusivity;
    };


    /** The module: parameters `Tracer/...`, the field, the term, the
     * initial state and the columns tracer_total and tracer_max. */
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
        prm.leave_subsection();
      }

      bool
      parse_parameters(ParameterHandler &prm) override
      {
        degree = prm.get_integer("Finite element degree");
        prm.enter_subsection("Tracer");
        const bool enabled = prm.get_bool("Enable");
        diffusivity        = prm.get_double("Diffusivity");
        initial            = prm.get("Initial value");
        prm.leave_subsection();
        return enabled;
      }

      void
      declare_fields(std::vector<FieldDeclaration> &fields) const override
      {
        FieldDeclaration d(tracer, "t", "mol/m^3", 1, degree);
        d.point_values.gradients = true;
        d.point_values.history   = true;
        fields.push_back(d);
      }

      void
      add_terms(const Introspection<dim> &,
                assembly::Assembler<dim> &assembler) override
      {
        assembler.add_cell_term(
          std::make_unique<TracerTransport<dim>>(diffusivity));
      }

      void
      set_initial_values(const Mapping<dim>       &mapping,
                         const DoFHandler<dim>    &dof_handler,
                         const Introspection<dim> &introspection,
                         LA::MPI::Vector          &solution) const override
      {
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
        return {"tracer_total", "tracer_max"};
      }

      std::vector<double>
      statistics(const SimulatorContext<dim> &context) const override
      {
        const auto         &in        = context.introspection;
        const auto          extractor = in.scalar(in.field(tracer));
        FEValues<dim>       values(context.mapping,
                             in.fe(),
                             QGauss<dim>(degree + 1),
                             update_values | update_JxW_values);
        std::vector<double> t(values.n_quadrature_points);
        double              total = 0;
        for (const auto &cell : context.dof_handler.active_cell_iterators())
          if (cell->is_locally_owned())
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

    private:
      unsigned int degree      = 1;
      double       diffusivity = 0;
      std::string  initial;
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

    std::string
    parameters(const bool with_tracer)
    {
      return std::string("set Dimension = 2\nset Finite element degree = 2\n"
                         "set Output directory = tracer_module_")
             + (with_tracer ? "on" : "off")
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
             + "\n set Diffusivity = 1e-13\n"
               " set Initial value = 1 + cos(pi * x / 1e-6)\nend\n";
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
    const auto  &time    = on.at("time");
    const auto  &maximum = on.at("tracer_max");
    const double rate    = tracer_d * numbers::PI * numbers::PI / (side * side);
    double       max_error = 0;
    for (unsigned int k = 0; k < time.size(); ++k)
      max_error
        = std::max(max_error,
                   std::abs((maximum[k] - 1) - std::exp(-rate * time[k]))
                     / std::exp(-rate * time[k]));
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
    // the registry): the last record, at t = 1 s.
    std::ifstream     vtu("tracer_module_on/solution_00002.0000.vtu");
    std::stringstream text;
    text << vtu.rdbuf();
    EXPECT_NE(text.str().find("Name=\"tracer\""), std::string::npos);
  }
} // namespace heterion

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/disorder/manager.h>
#include <physics/materials/material_model.h>
#include <physics/materials/property_cache.h>
#include <physics/mechanics/settings.h>
#include <physics/mechanics/stress.h>
#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>
#include <solver/geometry/tools.h>
#include <solver/homogenisation.h>
#include <solver/input_error.h>
#include <solver/linear_algebra.h>
#include <solver/nonlinear/linear_solver.h>
#include <solver/output/atomic_file.h>
#include <solver/output/directory_lock.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

namespace heterion::homogenisation
{
  using namespace dealii;

  namespace
  {
    /** The properties that `Homogenisation/Transport property` can name
     * (by their entry in the property table), in the order of the index
     * `transport`. */
    const materials::Property transport_properties[]
      = {materials::Property::diffusivity,
         materials::Property::electronic_conductivity,
         materials::Property::ionic_conductivity};

    /** `Output/Quiet`: no field or summary lines. */
    bool
    quiet(ParameterHandler &prm)
    {
      prm.enter_subsection("Output");
      const bool q = prm.get_bool("Quiet");
      prm.leave_subsection();
      return q;
    }

    std::string
    number(const double value)
    {
      char text[64];
      std::snprintf(text, sizeof(text), "%.12g", value);
      return text;
    }

    /** The index pairs (i, j) of symmetric tensors in Voigt order. */
    template <int dim>
    std::vector<std::pair<unsigned int, unsigned int>>
    voigt_pairs()
    {
      if (dim == 2)
        return {{0, 0}, {1, 1}, {0, 1}};
      return {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
    }

    /** The unit macroscopic strain of Voigt entry (i, j), with the
     * engineering convention: E_ij = E_ji = 1/2 for i != j. */
    template <int dim>
    SymmetricTensor<2, dim>
    unit_strain(const std::pair<unsigned int, unsigned int> &pair)
    {
      SymmetricTensor<2, dim> e;
      e[pair.first][pair.second] = pair.first == pair.second ? 1. : 0.5;
      return e;
    }

    const char *axis_names = "xyz";


    /**
     * The cell problems on the box. For a scalar transport property k the
     * fluctuation phi of the potential G.x + phi solves, for each unit
     * gradient G = e_d,
     *   (k grad phi, grad v) = -(k G, grad v)   for all v,
     * and K_eff G = <k (G + grad phi)>. For elasticity the fluctuation u
     * of the displacement E.x + u solves, for each unit macroscopic strain
     * E (and once for the swelling at zero E),
     *   (C eps(u), eps(v)) = -(sigma_0, eps(v)),
     *   sigma_0 = C E - K Omega (theta c_max - c_ref) I,
     * and <sigma> = <C eps(u) + sigma_0> gives a column of C_eff (or the
     * eigenstress). phi and u are periodic on opposite faces (one DoF
     * per component pinned: the mean does not enter the averages) or zero
     * on the boundary (linear boundary data of the total field).
     */
    template <int dim>
    class CellProblems
    {
    public:
      CellProblems(ParameterHandler &prm, const MPI_Comm comm);

      Result
      run(const bool validate_only);

    private:
      /** DoFs, constraints and matrix of one problem. */
      struct System
      {
        explicit System(const Triangulation<dim> &tria)
            : dof_handler(tria)
        {
        }
        DoFHandler<dim>           dof_handler;
        IndexSet                  owned, relevant;
        AffineConstraints<double> constraints;
        LA::MPI::SparseMatrix     matrix;
      };

      void
      create_mesh();

      void
      setup_system(System &system, const FiniteElement<dim> &fe) const;

      /**
       * Assembles the matrix and the right-hand sides of @p system from
       * @p kernel(cell, fe_values, cell_matrix, cell_rhs).
       */
      template <typename Kernel>
      void
      assemble(System                       &system,
               const UpdateFlags             flags,
               std::vector<LA::MPI::Vector> &rhs,
               const Kernel                 &kernel) const;

      /** Solves for each right-hand side; returns the ghosted solutions
       * and adds the Krylov iterations to @p iterations. */
      std::vector<LA::MPI::Vector>
      solve(System                             &system,
            const std::vector<LA::MPI::Vector> &rhs,
            unsigned int                       &iterations) const;

      /**
       * The integrals over the box of the @p n values that
       * @p integrand(cell, fe_values, q, values) sets at each quadrature
       * point, summed over all ranks.
       */
      template <typename Integrand>
      std::vector<double>
      integrate(const DoFHandler<dim> &dof_handler,
                const UpdateFlags      flags,
                const unsigned int     n,
                const Integrand       &integrand) const;

      void
      solve_transport(Result &result);

      void
      solve_elasticity(Result &result);

      /** The transport property at point @p q of @p cell. */
      double
      transport_value(
        const typename Triangulation<dim>::active_cell_iterator &cell,
        const unsigned int                                       q) const;

      ParameterHandler                         &prm;
      const MPI_Comm                            comm;
      ConditionalOStream                        pcout;
      std::string                               output_directory;
      std::unique_ptr<geometry::Interface<dim>> geometry;
      unsigned int                              n_refinements = 0;
      unsigned int                              degree        = 1;
      bool                                      periodic      = true;
      int                                       transport     = -1;
      bool                                      elasticity    = true;
      double                                    theta         = 0.5;
      mechanics::Settings                       mechanics_settings;
      parallel::distributed::Triangulation<dim> triangulation;
      MappingQ<dim>                             mapping;
      QGauss<dim>                               quadrature;
      materials::MaterialModel                  material_model;
      disorder::Manager<dim>                    disorder_manager;
      materials::PropertyCache<dim>             property_cache;
      double                                    volume = 0;
    };


    template <int dim>
    CellProblems<dim>::CellProblems(ParameterHandler &prm, const MPI_Comm comm)
        : prm(prm)
        , comm(comm)
        , pcout(std::cout,
                Utilities::MPI::this_mpi_process(comm) == 0 && !quiet(prm))
        , triangulation(comm)
        , mapping(1)
        , quadrature(prm.get_integer("Finite element degree") + 1)
        , property_cache(material_model, disorder_manager)
    {
      output_directory = prm.get("Output directory");
      degree           = prm.get_integer("Finite element degree");
      prm.enter_subsection("Geometry");
      const std::string model = prm.get("Model");
      AssertThrow(model == "box",
                  ExcInput("Homogenisation/Enable = true needs Geometry/Model "
                           "= box (the representative volume), got '"
                           + model + "'."));
      n_refinements = prm.get_integer("Global refinement");
      geometry      = geometry::Registry::create<dim>(model);
      geometry->parse_parameters(prm);
      prm.leave_subsection();

      prm.enter_subsection("Homogenisation");
      periodic                   = prm.get("Boundary conditions") == "periodic";
      const std::string property = prm.get("Transport property");
      for (unsigned int i = 0; i < std::size(transport_properties); ++i)
        if (property == materials::info(transport_properties[i]).entry)
          transport = i;
      elasticity = prm.get_bool("Elasticity");
      theta      = prm.get_double("State of charge");
      prm.leave_subsection();
      AssertThrow(transport >= 0 || elasticity,
                  ExcInput("Homogenisation: Transport property = none and "
                           "Elasticity = false leave nothing to compute."));

      material_model.parse_parameters(prm);
      disorder_manager.parse_parameters(prm);
      mechanics_settings.parse_parameters(prm);
    }


    template <int dim>
    void
    CellProblems<dim>::create_mesh()
    {
      disorder_manager.initialize(geometry::domain_bounding_box(*geometry),
                                  mechanics_settings.temperature,
                                  comm,
                                  pcout);
      geometry->create_coarse_mesh(triangulation);
      if (periodic)
        {
          std::vector<GridTools::PeriodicFacePair<
            typename parallel::distributed::Triangulation<dim>::cell_iterator>>
            pairs;
          for (unsigned int d = 0; d < dim; ++d)
            GridTools::collect_periodic_faces(triangulation,
                                              ids::boundary::box_face(d, false),
                                              ids::boundary::box_face(d, true),
                                              d,
                                              pairs);
          triangulation.add_periodicity(pairs);
        }
      triangulation.refine_global(n_refinements);
      property_cache.reinit(mapping, triangulation, quadrature, comm);
      volume = GridTools::volume(triangulation, mapping);
    }


    template <int dim>
    void
    CellProblems<dim>::setup_system(System                   &system,
                                    const FiniteElement<dim> &fe) const
    {
      DoFHandler<dim> &dof_handler = system.dof_handler;
      dof_handler.distribute_dofs(fe);
      system.owned = dof_handler.locally_owned_dofs();
      DoFTools::extract_locally_relevant_dofs(dof_handler, system.relevant);
      AffineConstraints<double> &constraints = system.constraints;
      constraints.reinit(system.relevant);
      DoFTools::make_hanging_node_constraints(dof_handler, constraints);
      if (periodic)
        {
          for (unsigned int d = 0; d < dim; ++d)
            DoFTools::make_periodicity_constraints(
              dof_handler,
              ids::boundary::box_face(d, false),
              ids::boundary::box_face(d, true),
              d,
              constraints);
          // The fluctuation is periodic up to a constant per component:
          // pin the lowest unconstrained DoF of each component.
          for (unsigned int c = 0; c < fe.n_components(); ++c)
            {
              ComponentMask mask(fe.n_components(), false);
              mask.set(c, true);
              const IndexSet component
                = DoFTools::extract_dofs(dof_handler, mask);
              types::global_dof_index lowest = dof_handler.n_dofs();
              for (const auto i : component)
                if (!constraints.is_constrained(i))
                  {
                    lowest = i;
                    break;
                  }
              lowest = Utilities::MPI::min(lowest, comm);
              if (system.relevant.is_element(lowest))
                constraints.add_line(lowest);
            }
        }
      else
        for (const auto id : triangulation.get_boundary_ids())
          VectorTools::interpolate_boundary_values(mapping,
                                                   dof_handler,
                                                   id,
                                                   Functions::ZeroFunction<dim>(
                                                     fe.n_components()),
                                                   constraints);
      constraints.close();

      DynamicSparsityPattern dsp(system.relevant);
      DoFTools::make_sparsity_pattern(dof_handler, dsp, constraints, false);
      SparsityTools::distribute_sparsity_pattern(dsp,
                                                 system.owned,
                                                 comm,
                                                 system.relevant);
      system.matrix.reinit(system.owned, system.owned, dsp, comm);
    }


    template <int dim>
    template <typename Kernel>
    void
    CellProblems<dim>::assemble(System                       &system,
                                const UpdateFlags             flags,
                                std::vector<LA::MPI::Vector> &rhs,
                                const Kernel                 &kernel) const
    {
      const FiniteElement<dim>   &fe = system.dof_handler.get_fe();
      FEValues<dim>               fe_values(mapping,
                              fe,
                              quadrature,
                              flags | update_JxW_values);
      const unsigned int          n = fe.n_dofs_per_cell();
      FullMatrix<double>          cell_matrix(n, n);
      std::vector<Vector<double>> cell_rhs(rhs.size(), Vector<double>(n));
      std::vector<types::global_dof_index> dofs(n);
      system.matrix = 0;
      for (auto &b : rhs)
        b.reinit(system.owned, comm);
      for (const auto &cell : system.dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            fe_values.reinit(cell);
            cell_matrix = 0;
            for (auto &r : cell_rhs)
              r = 0;
            kernel(cell, fe_values, cell_matrix, cell_rhs);
            cell->get_dof_indices(dofs);
            system.constraints.distribute_local_to_global(
              cell_matrix, cell_rhs[0], dofs, system.matrix, rhs[0]);
            for (unsigned int r = 1; r < rhs.size(); ++r)
              system.constraints.distribute_local_to_global(cell_rhs[r],
                                                            dofs,
                                                            rhs[r]);
          }
      system.matrix.compress(VectorOperation::add);
      for (auto &b : rhs)
        b.compress(VectorOperation::add);
    }


    template <int dim>
    std::vector<LA::MPI::Vector>
    CellProblems<dim>::solve(System                             &system,
                             const std::vector<LA::MPI::Vector> &rhs,
                             unsigned int &iterations) const
    {
      LinearSolver solver;
      solver.parse_parameters(prm);
      solver.matrix_changed(true);
      const FiniteElement<dim> &fe = system.dof_handler.get_fe();
      if (fe.n_components() == dim)
        {
          // Elasticity: AMG with the rigid-body modes, from the direction
          // and the support point of each owned DoF.
          std::vector<std::vector<types::global_dof_index>> field_dofs(1);
          for (const auto i : system.owned)
            field_dofs[0].push_back(i);
          std::vector<unsigned int> directions;
          std::vector<double>       points;
          rigid_body_mode_data(mapping,
                               system.dof_handler,
                               0,
                               field_dofs[0],
                               &system.constraints,
                               directions,
                               points);
          solver.set_fields(field_dofs, {"u"}, 0, directions, points, dim);
        }
      std::vector<LA::MPI::Vector> solutions;
      for (const auto &b : rhs)
        {
          LA::MPI::Vector x(system.owned, comm);
          try
            {
              iterations += solver.solve(system.matrix, x, b);
            }
          catch (const std::exception &exc)
            {
              AssertThrow(false,
                          ExcInput("Homogenisation: the linear solver failed "
                                   "on a cell problem ("
                                   + std::string(exc.what())
                                   + "). Try Linear solver/Method = direct "
                                     "or more Maximum iterations."));
            }
          system.constraints.distribute(x);
          solutions.emplace_back(system.owned, system.relevant, comm);
          solutions.back() = x;
        }
      return solutions;
    }


    template <int dim>
    template <typename Integrand>
    std::vector<double>
    CellProblems<dim>::integrate(const DoFHandler<dim> &dof_handler,
                                 const UpdateFlags      flags,
                                 const unsigned int     n,
                                 const Integrand       &integrand) const
    {
      std::vector<double> sums(n, 0.), values(n, 0.);
      FEValues<dim>       fe_values(mapping,
                              dof_handler.get_fe(),
                              quadrature,
                              flags | update_JxW_values);
      for (const auto &cell : dof_handler.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            fe_values.reinit(cell);
            for (const unsigned int q : fe_values.quadrature_point_indices())
              {
                std::fill(values.begin(), values.end(), 0.);
                integrand(cell, fe_values, q, values.data());
                for (unsigned int k = 0; k < n; ++k)
                  sums[k] += values[k] * fe_values.JxW(q);
              }
          }
      Utilities::MPI::sum(sums, comm, sums);
      return sums;
    }


    template <int dim>
    double
    CellProblems<dim>::transport_value(
      const typename Triangulation<dim>::active_cell_iterator &cell,
      const unsigned int                                       q) const
    {
      switch (transport)
        {
          case 0:
            {
              double value, derivative;
              property_cache.diffusivity(cell, q, theta, value, derivative);
              return value;
            }
          case 1:
            return property_cache.value(
              materials::Property::electronic_conductivity, cell, q);
          default:
            return property_cache.value(materials::Property::ionic_conductivity,
                                        cell,
                                        q);
        }
    }


    template <int dim>
    void
    CellProblems<dim>::solve_transport(Result &result)
    {
      const FE_Q<dim> fe(degree);
      System          system(triangulation);
      setup_system(system, fe);
      result.n_dofs += system.dof_handler.n_dofs();
      std::vector<LA::MPI::Vector> rhs(dim);
      assemble(system,
               update_gradients,
               rhs,
               [&](const auto                  &cell,
                   const FEValues<dim>         &fe_values,
                   FullMatrix<double>          &cell_matrix,
                   std::vector<Vector<double>> &cell_rhs) {
                 for (const unsigned int q :
                      fe_values.quadrature_point_indices())
                   {
                     const double k  = transport_value(cell, q);
                     const double dx = fe_values.JxW(q);
                     for (const unsigned int i : fe_values.dof_indices())
                       {
                         const Tensor<1, dim> grad_i
                           = fe_values.shape_grad(i, q);
                         for (const unsigned int j : fe_values.dof_indices())
                           cell_matrix(i, j)
                             += k * (grad_i * fe_values.shape_grad(j, q)) * dx;
                         for (unsigned int d = 0; d < dim; ++d)
                           cell_rhs[d](i) -= k * grad_i[d] * dx;
                       }
                   }
               });
      const auto solutions = solve(system, rhs, result.transport_iterations);

      // <k (e_d + grad phi_d)> for each d, then <k> and <1/k>.
      std::vector<std::vector<Tensor<1, dim>>> gradients(
        dim, std::vector<Tensor<1, dim>>(quadrature.size()));
      const auto sums = integrate(
        system.dof_handler,
        update_gradients,
        dim * dim + 2,
        [&](
          const auto &cell, const FEValues<dim> &fe_values, auto q, double *f) {
          if (q == 0)
            for (unsigned int d = 0; d < dim; ++d)
              fe_values.get_function_gradients(solutions[d], gradients[d]);
          const double k = transport_value(cell, q);
          for (unsigned int d = 0; d < dim; ++d)
            for (unsigned int i = 0; i < dim; ++i)
              f[i * dim + d] = k * ((i == d ? 1. : 0.) + gradients[d][q][i]);
          f[dim * dim]     = k;
          f[dim * dim + 1] = 1 / k;
        });
      result.transport.reinit(dim, dim);
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int d = 0; d < dim; ++d)
          result.transport(i, d) = sums[i * dim + d] / volume;
      result.transport_arithmetic_mean = sums[dim * dim] / volume;
      result.transport_harmonic_mean   = volume / sums[dim * dim + 1];
    }


    template <int dim>
    void
    CellProblems<dim>::solve_elasticity(Result &result)
    {
      const FESystem<dim> fe(FE_Q<dim>(degree), dim);
      System              system(triangulation);
      setup_system(system, fe);
      result.n_dofs += system.dof_handler.n_dofs();
      const auto         pairs   = voigt_pairs<dim>();
      const unsigned int n_voigt = pairs.size();
      // The loads: the unit strains, then the swelling at E = 0.
      const auto load = [&](const unsigned int                  a,
                            const materials::ElasticProperties &e,
                            const double                        c_max) {
        if (a < n_voigt)
          return mechanics::stress<dim>(e,
                                        unit_strain<dim>(pairs[a]),
                                        e.reference_concentration);
        return mechanics::stress<dim>(e,
                                      SymmetricTensor<2, dim>(),
                                      theta * c_max);
      };
      const FEValuesExtractors::Vector displacement(0);
      std::vector<LA::MPI::Vector>     rhs(n_voigt + 1);
      assemble(
        system,
        update_gradients,
        rhs,
        [&](const auto                  &cell,
            const FEValues<dim>         &fe_values,
            FullMatrix<double>          &cell_matrix,
            std::vector<Vector<double>> &cell_rhs) {
          const double *c_max = property_cache.maximum_concentration(cell);
          for (const unsigned int q : fe_values.quadrature_point_indices())
            {
              const materials::ElasticProperties &e
                = *property_cache.elastic(cell, q);
              const double                         dx = fe_values.JxW(q);
              std::vector<SymmetricTensor<2, dim>> loads(n_voigt + 1);
              for (unsigned int a = 0; a <= n_voigt; ++a)
                loads[a] = load(a, e, c_max[q]);
              for (const unsigned int i : fe_values.dof_indices())
                {
                  const SymmetricTensor<2, dim> eps_i
                    = fe_values[displacement].symmetric_gradient(i, q);
                  const SymmetricTensor<2, dim> sigma_i
                    = e.lambda * trace(eps_i) * unit_symmetric_tensor<dim>()
                      + 2 * e.mu * eps_i;
                  for (const unsigned int j : fe_values.dof_indices())
                    cell_matrix(i, j)
                      += sigma_i
                         * fe_values[displacement].symmetric_gradient(j, q)
                         * dx;
                  for (unsigned int a = 0; a <= n_voigt; ++a)
                    cell_rhs[a](i) -= loads[a] * eps_i * dx;
                }
            }
        });
      const auto solutions = solve(system, rhs, result.elasticity_iterations);

      // <sigma> of each load: n_voigt + 1 tensors of n_voigt entries; and
      // the Voigt and Reuss bounds of the bulk modulus lambda + 2 mu / d.
      std::vector<std::vector<SymmetricTensor<2, dim>>> strains(
        n_voigt + 1, std::vector<SymmetricTensor<2, dim>>(quadrature.size()));
      const unsigned int n_values = (n_voigt + 1) * n_voigt + 2;
      const auto         sums     = integrate(
        system.dof_handler,
        update_gradients,
        n_values,
        [&](
          const auto &cell, const FEValues<dim> &fe_values, auto q, double *f) {
          if (q == 0)
            for (unsigned int a = 0; a <= n_voigt; ++a)
              fe_values[displacement].get_function_symmetric_gradients(
                solutions[a], strains[a]);
          const materials::ElasticProperties &e
            = *property_cache.elastic(cell, q);
          const double c_max = property_cache.maximum_concentration(cell)[q];
          for (unsigned int a = 0; a <= n_voigt; ++a)
            {
              const SymmetricTensor<2, dim> sigma
                = load(a, e, c_max)
                  + e.lambda * trace(strains[a][q])
                      * unit_symmetric_tensor<dim>()
                  + 2 * e.mu * strains[a][q];
              for (unsigned int b = 0; b < n_voigt; ++b)
                f[a * n_voigt + b] = sigma[pairs[b].first][pairs[b].second];
            }
          const double bulk = e.lambda + 2 * e.mu / dim;
          f[n_values - 2]   = bulk;
          f[n_values - 1]   = 1 / bulk;
        });
      result.stiffness.reinit(n_voigt, n_voigt);
      for (unsigned int a = 0; a < n_voigt; ++a)
        for (unsigned int b = 0; b < n_voigt; ++b)
          result.stiffness(b, a) = sums[a * n_voigt + b] / volume;
      // Symmetric up to the solver tolerance; keep the symmetric part.
      for (unsigned int a = 0; a < n_voigt; ++a)
        for (unsigned int b = 0; b < a; ++b)
          result.stiffness(a, b) = result.stiffness(b, a)
            = (result.stiffness(a, b) + result.stiffness(b, a)) / 2;
      result.bulk_modulus_arithmetic_mean = sums[n_values - 2] / volume;
      result.bulk_modulus_harmonic_mean   = volume / sums[n_values - 1];

      // Isotropic part: a = C_iijj, b = C_ijij.
      double a = 0, b = 0;
      for (unsigned int i = 0; i < dim; ++i)
        {
          for (unsigned int j = 0; j < dim; ++j)
            a += result.stiffness(i, j);
          b += result.stiffness(i, i);
        }
      for (unsigned int s = dim; s < n_voigt; ++s)
        b += 2 * result.stiffness(s, s);
      result.shear_modulus = (b - a / dim) / ((dim - 1) * (dim + 2));
      result.bulk_modulus  = a / (dim * dim);
      result.lambda  = result.bulk_modulus - 2 * result.shear_modulus / dim;
      const double l = result.lambda, m = result.shear_modulus;
      result.young_modulus = m * (3 * l + 2 * m) / (l + m);
      result.poisson_ratio = l / (2 * (l + m));

      // The eigenstress and the stress-free strain -C^{-1} <sigma>.
      result.eigenstress.reinit(dim, dim);
      Vector<double> sigma_voigt(n_voigt), strain_voigt(n_voigt);
      for (unsigned int s = 0; s < n_voigt; ++s)
        {
          const double v = sums[n_voigt * n_voigt + s] / volume;
          result.eigenstress(pairs[s].first, pairs[s].second) = v;
          result.eigenstress(pairs[s].second, pairs[s].first) = v;
          sigma_voigt(s)                                      = -v;
        }
      FullMatrix<double> compliance(n_voigt, n_voigt);
      compliance.invert(result.stiffness);
      compliance.vmult(strain_voigt, sigma_voigt);
      result.swelling_strain.reinit(dim, dim);
      for (unsigned int s = 0; s < n_voigt; ++s)
        {
          // Engineering shear strains: eps_ij = gamma_ij / 2.
          const double v = strain_voigt(s) * (s < dim ? 1. : 0.5);
          result.swelling_strain(pairs[s].first, pairs[s].second) = v;
          result.swelling_strain(pairs[s].second, pairs[s].first) = v;
        }
    }


    template <int dim>
    Result
    CellProblems<dim>::run(const bool validate_only)
    {
      Timer timer;
      create_mesh();
      Result result;
      result.dim                 = dim;
      result.boundary_conditions = periodic ? "periodic" : "linear";
      result.n_cells             = triangulation.n_global_active_cells();
      result.volume              = volume;
      if (validate_only)
        {
          // The DoFs of the problems, without solving.
          if (transport >= 0)
            {
              System system(triangulation);
              setup_system(system, FE_Q<dim>(degree));
              result.n_dofs += system.dof_handler.n_dofs();
            }
          if (elasticity)
            {
              System system(triangulation);
              setup_system(system, FESystem<dim>(FE_Q<dim>(degree), dim));
              result.n_dofs += system.dof_handler.n_dofs();
            }
          return result;
        }
      output::prepare_directory(output_directory, comm);
      const output::DirectoryLock lock(output_directory, comm);
      if (transport >= 0)
        {
          const materials::PropertyInfo &row
            = materials::info(transport_properties[transport]);
          result.transport_name = row.output_name;
          result.transport_unit = row.unit;
          solve_transport(result);
        }
      result.elasticity = elasticity;
      if (elasticity)
        solve_elasticity(result);
      result.wall_time = Utilities::MPI::max(timer.wall_time(), comm);

      if (Utilities::MPI::this_mpi_process(comm) == 0)
        {
          output::write_atomically(
            output_directory + "/parameters.prm", [&](std::ostream &out) {
              prm.print_parameters(out, ParameterHandler::PRM);
            });
          output::write_atomically(output_directory
                                     + "/effective_properties.csv",
                                   [&](std::ostream &out) {
                                     out << "quantity,component,value,unit\n";
                                     for (const std::string &row :
                                          result.csv_rows())
                                       out << row << "\n";
                                   });
        }
      pcout << result.summary() << std::endl;
      return result;
    }
  } // namespace


  double
  Result::transport_mean() const
  {
    double sum = 0;
    for (unsigned int d = 0; d < transport.m(); ++d)
      sum += transport(d, d);
    return transport.m() ? sum / transport.m() : 0;
  }


  double
  Result::swelling_strain_mean() const
  {
    double sum = 0;
    for (unsigned int d = 0; d < swelling_strain.m(); ++d)
      sum += swelling_strain(d, d);
    return swelling_strain.m() ? sum / swelling_strain.m() : 0;
  }


  std::vector<std::string>
  Result::csv_rows() const
  {
    std::vector<std::string> rows;
    const auto               add = [&](const std::string &quantity,
                         const std::string &component,
                         const double       value,
                         const std::string &unit) {
      rows.push_back(quantity + "," + component + "," + number(value) + ","
                     + unit);
    };
    // Entries below 1e-12 of a tensor's largest are round-off of the
    // solver: written as 0, so that the file does not depend on it.
    const auto cleaned = [](const FullMatrix<double> &t,
                            const unsigned int        i,
                            const unsigned int        j) {
      return std::abs(t(i, j)) < 1e-12 * t.linfty_norm() ? 0. : t(i, j);
    };
    const auto tensor = [&](const std::string        &quantity,
                            const FullMatrix<double> &t,
                            const std::string        &unit) {
      for (unsigned int i = 0; i < t.m(); ++i)
        for (unsigned int j = 0; j < t.n(); ++j)
          add(quantity,
              std::string() + axis_names[i] + axis_names[j],
              cleaned(t, i, j),
              unit);
    };
    if (!transport_name.empty())
      {
        tensor("effective_" + transport_name, transport, transport_unit);
        add("effective_" + transport_name,
            "mean",
            transport_mean(),
            transport_unit);
        add("arithmetic_mean_" + transport_name,
            "",
            transport_arithmetic_mean,
            transport_unit);
        add("harmonic_mean_" + transport_name,
            "",
            transport_harmonic_mean,
            transport_unit);
      }
    if (elasticity)
      {
        const auto pairs = dim == 2 ? voigt_pairs<2>() : voigt_pairs<3>();
        for (unsigned int a = 0; a < pairs.size(); ++a)
          for (unsigned int b = 0; b < pairs.size(); ++b)
            add("effective_stiffness",
                std::string() + axis_names[pairs[a].first]
                  + axis_names[pairs[a].second] + axis_names[pairs[b].first]
                  + axis_names[pairs[b].second],
                cleaned(stiffness, a, b),
                "Pa");
        add("effective_bulk_modulus", "", bulk_modulus, "Pa");
        add("effective_shear_modulus", "", shear_modulus, "Pa");
        add("effective_young_modulus", "", young_modulus, "Pa");
        add("effective_poisson_ratio", "", poisson_ratio, "1");
        add("arithmetic_mean_bulk_modulus",
            "",
            bulk_modulus_arithmetic_mean,
            "Pa");
        add("harmonic_mean_bulk_modulus", "", bulk_modulus_harmonic_mean, "Pa");
        tensor("effective_eigenstress", eigenstress, "Pa");
        tensor("effective_swelling_strain", swelling_strain, "1");
      }
    return rows;
  }


  std::string
  Result::summary() const
  {
    std::string text = "Homogenisation (" + boundary_conditions + ", "
                       + std::to_string(n_cells) + " cells, "
                       + std::to_string(n_dofs) + " DoFs):";
    if (!transport_name.empty())
      {
        text += " effective " + transport_name + " diag(";
        for (unsigned int d = 0; d < transport.m(); ++d)
          text += (d ? ", " : "") + number(transport(d, d));
        text += ") " + transport_unit + ", mean " + number(transport_mean())
                + " (Wiener bounds " + number(transport_harmonic_mean) + " .. "
                + number(transport_arithmetic_mean) + "; "
                + std::to_string(transport_iterations) + " CG iterations);";
      }
    if (elasticity)
      text += " effective bulk modulus " + number(bulk_modulus)
              + " Pa, shear modulus " + number(shear_modulus) + " Pa, E "
              + number(young_modulus) + " Pa, nu " + number(poisson_ratio)
              + ", swelling strain " + number(swelling_strain_mean()) + " ("
              + std::to_string(elasticity_iterations) + " CG iterations);";
    char time[64];
    std::snprintf(time, sizeof(time), " %.2f s.", wall_time);
    return text + time;
  }


  void
  declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Homogenisation");
    prm.declare_entry(
      "Enable",
      "false",
      Patterns::Bool(),
      "Instead of the time-dependent run, solve the steady cell problems of "
      "homogenisation on the box of Geometry/Model = box (with its disorder "
      "fields) and write the effective properties to "
      "effective_properties.csv.");
    prm.declare_entry(
      "Boundary conditions",
      "periodic",
      Patterns::Selection("periodic|linear"),
      "`periodic`: the fluctuation of the potential (displacement) is "
      "periodic on opposite faces -- the effective property of a periodic "
      "medium, and of a random one when the box is large against the "
      "correlation length; `linear`: the potential (displacement) equals "
      "the macroscopic gradient (strain) times x on the whole boundary -- "
      "an upper estimate of the effective property.");
    prm.declare_entry(
      "Transport property",
      "Diffusivity",
      Patterns::Selection("Diffusivity|Electronic conductivity|Ionic "
                          "conductivity|none"),
      "The scalar transport coefficient k(x) whose effective tensor K_eff "
      "(<flux> = -K_eff <grad>) is computed: the diffusivity D(theta, x) "
      "at `State of charge` [m^2/s], or a conductivity [S/m].");
    prm.declare_entry("Elasticity",
                      "true",
                      Patterns::Bool(),
                      "Also compute the effective stiffness C_eff (and its "
                      "isotropic bulk and shear moduli) and the effective "
                      "swelling strain from E, nu, Omega, c_ref and c_max.");
    prm.declare_entry(
      "State of charge",
      "0.5",
      Patterns::Double(0, 1),
      "theta at which D(theta) is evaluated and whose swelling, Omega/3 "
      "(theta c_max(x) - c_ref(x)), loads the swelling cell problem.");
    prm.leave_subsection();
  }


  bool
  enabled(ParameterHandler &prm)
  {
    prm.enter_subsection("Homogenisation");
    const bool enable = prm.get_bool("Enable");
    prm.leave_subsection();
    return enable;
  }


  template <int dim>
  Result
  run(ParameterHandler &prm, const MPI_Comm comm, const bool validate_only)
  {
    CellProblems<dim> problems(prm, comm);
    return problems.run(validate_only);
  }

  template Result
  run<2>(ParameterHandler &, const MPI_Comm, const bool);
  template Result
  run<3>(ParameterHandler &, const MPI_Comm, const bool);
} // namespace heterion::homogenisation

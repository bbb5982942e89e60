#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/sparsity_tools.h>

#include <physics/mechanics/stress.h>
#include <physics/postprocessors/stress_recovery.h>

#include <limits>

namespace heterion::postprocessors
{
  using namespace dealii;

  namespace
  {
    /** (i, j) of each stored tensor component. */
    template <int dim>
    const std::vector<std::pair<unsigned int, unsigned int>> &
    stored_components()
    {
      static const std::vector<std::pair<unsigned int, unsigned int>> list
        = dim == 3 ? std::vector<std::pair<unsigned int, unsigned int>>{{0, 0},
                                                                        {1, 1},
                                                                        {2, 2},
                                                                        {0, 1},
                                                                        {0, 2},
                                                                        {1, 2}}
                   : std::vector<std::pair<unsigned int, unsigned int>>{{0, 0},
                                                                        {1, 1},
                                                                        {2, 2},
                                                                        {0, 1}};
      return list;
    }
  } // namespace


  template <int dim>
  StressRecovery<dim>::StressRecovery(
    const parallel::distributed::Triangulation<dim> &tria,
    const Mapping<dim>                              &mapping,
    const unsigned int                               degree,
    const materials::MaterialModel                  &material_model,
    const disorder::Manager<dim>                    &disorder)
      : triangulation(tria)
      , mapping(mapping)
      , fe(degree)
      , quadrature(degree + 2)
      , properties(material_model, disorder)
      , handler(tria)
  {
    const char *axes = "xyz";
    for (const auto &[i, j] : stored_components<dim>())
      field_names.push_back(std::string("sigma_") + axes[i] + axes[j]);
    field_names.emplace_back("sigma_vm");
    field_names.emplace_back("sigma_1");
  }


  template <int dim>
  StressRecovery<dim>::~StressRecovery()
  {
    handler.clear();
  }


  template <int dim>
  unsigned int
  StressRecovery<dim>::component_index(const unsigned int i,
                                       const unsigned int j)
  {
    const auto &list = stored_components<dim>();
    for (unsigned int k = 0; k < list.size(); ++k)
      if ((list[k].first == i && list[k].second == j)
          || (list[k].first == j && list[k].second == i))
        return k;
    return numbers::invalid_unsigned_int;
  }


  template <int dim>
  void
  StressRecovery<dim>::reinit()
  {
    const MPI_Comm comm = triangulation.get_communicator();
    handler.distribute_dofs(fe);
    owned = handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(handler, relevant);
    constraints.clear();
    constraints.reinit(relevant);
    DoFTools::make_hanging_node_constraints(handler, constraints);
    constraints.close();

    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(handler, dsp, constraints, false);
    SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
    mass_matrix.reinit(owned, owned, dsp, comm);

    FEValues<dim>                        fe_values(mapping,
                            fe,
                            quadrature,
                            update_values | update_JxW_values);
    const unsigned int                   n = fe.n_dofs_per_cell();
    FullMatrix<double>                   local(n, n);
    std::vector<types::global_dof_index> indices(n);
    for (const auto &cell : handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          local = 0;
          for (const unsigned int q : fe_values.quadrature_point_indices())
            for (unsigned int i = 0; i < n; ++i)
              for (unsigned int j = 0; j < n; ++j)
                local(i, j) += fe_values.shape_value(i, q)
                               * fe_values.shape_value(j, q) * fe_values.JxW(q);
          cell->get_dof_indices(indices);
          constraints.distribute_local_to_global(local, indices, mass_matrix);
        }
    mass_matrix.compress(VectorOperation::add);
    recovered.resize(field_names.size());
    for (auto &v : recovered)
      v.reinit(owned, relevant, comm);
    properties.reinit(mapping, triangulation, quadrature, comm);
  }


  template <int dim>
  void
  StressRecovery<dim>::compute(const DoFHandler<dim>    &dof_handler,
                               const Introspection<dim> &introspection,
                               const LA::MPI::Vector    &solution)
  {
    const MPI_Comm     comm = triangulation.get_communicator();
    const auto        &list = stored_components<dim>();
    const unsigned int n_t  = list.size();

    FEValues<dim>      solution_values(mapping,
                                  introspection.fe(),
                                  quadrature,
                                  update_values | update_gradients
                                    | update_JxW_values);
    FEValues<dim>      fe_values(mapping, fe, quadrature, update_values);
    const unsigned int n_q = quadrature.size();
    std::vector<SymmetricTensor<2, dim>> strain(n_q);
    std::vector<double>                  c(n_q);
    const unsigned int                   n = fe.n_dofs_per_cell();
    std::vector<Vector<double>>          local(n_t, Vector<double>(n));
    std::vector<types::global_dof_index> indices(n);
    std::vector<LA::MPI::Vector>         rhs(n_t, LA::MPI::Vector(owned, comm));
    double sums[3] = {0, 0, 0}; // energy, volume change, volume

    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          solution_values.reinit(cell);
          const typename DoFHandler<dim>::active_cell_iterator scalar_cell(
            &triangulation, cell->level(), cell->index(), &handler);
          fe_values.reinit(scalar_cell);
          solution_values[introspection.displacement]
            .get_function_symmetric_gradients(solution, strain);
          solution_values[introspection.concentration].get_function_values(
            solution, c);

          for (auto &v : local)
            v = 0;
          for (unsigned int q = 0; q < n_q; ++q)
            {
              const materials::ElasticProperties &e
                = *properties.elastic(cell, q);
              const SymmetricTensor<2, 3> sigma
                = mechanics::stress_3d<dim>(e, strain[q], c[q]);
              // Elastic strain eps - eps* (3x3; eps_zz = 0 in plane strain).
              SymmetricTensor<2, 3> elastic_strain;
              for (unsigned int i = 0; i < dim; ++i)
                for (unsigned int j = i; j < dim; ++j)
                  elastic_strain[i][j] = strain[q][i][j];
              const double swelling = e.partial_molar_volume
                                      * (c[q] - e.reference_concentration) / 3;
              for (unsigned int i = 0; i < 3; ++i)
                elastic_strain[i][i] -= swelling;
              const double JxW = solution_values.JxW(q);
              sums[0] += 0.5 * (sigma * elastic_strain) * JxW;
              sums[1] += trace(strain[q]) * JxW;
              sums[2] += JxW;
              for (unsigned int k = 0; k < n_t; ++k)
                {
                  const double value = sigma[list[k].first][list[k].second];
                  for (unsigned int i = 0; i < n; ++i)
                    local[k](i) += value * fe_values.shape_value(i, q) * JxW;
                }
            }
          scalar_cell->get_dof_indices(indices);
          for (unsigned int k = 0; k < n_t; ++k)
            constraints.distribute_local_to_global(local[k], indices, rhs[k]);
        }
    Utilities::MPI::sum(ArrayView<const double>(sums, 3),
                        comm,
                        ArrayView<double>(sums, 3));
    stats.strain_energy = sums[0];
    stats.volume_change = sums[1] / sums[2];

    LA::MPI::PreconditionJacobi preconditioner;
    preconditioner.initialize(mass_matrix);
    std::vector<LA::MPI::Vector> owned_values(field_names.size(),
                                              LA::MPI::Vector(owned, comm));
    for (unsigned int k = 0; k < n_t; ++k)
      {
        rhs[k].compress(VectorOperation::add);
        SolverControl control(1000, 1e-14 * rhs[k].l2_norm(), false, false);
        if (rhs[k].l2_norm() > 0)
          {
            SolverCG<LA::MPI::Vector> cg(control);
            cg.solve(mass_matrix, owned_values[k], rhs[k], preconditioner);
          }
        constraints.distribute(owned_values[k]);
      }

    // Nodal invariants of the recovered tensor.
    constexpr double big       = std::numeric_limits<double>::max();
    double           minimum_h = big, maxima[3] = {-big, -big, -big};
    std::vector<std::vector<double>>     values(n_t);
    std::vector<types::global_dof_index> owned_indices(owned.begin(),
                                                       owned.end());
    for (unsigned int k = 0; k < n_t; ++k)
      {
        values[k].resize(owned_indices.size());
        owned_values[k].extract_subvector_to(owned_indices.begin(),
                                             owned_indices.end(),
                                             values[k].begin());
      }
    std::vector<double> vm(owned_indices.size()), s1(owned_indices.size());
    for (unsigned int p = 0; p < owned_indices.size(); ++p)
      {
        SymmetricTensor<2, 3> sigma;
        for (unsigned int k = 0; k < n_t; ++k)
          sigma[list[k].first][list[k].second] = values[k][p];
        const double h = trace(sigma) / 3;
        vm[p]          = mechanics::von_mises(sigma);
        s1[p]          = mechanics::max_principal(sigma);
        minimum_h      = std::min(minimum_h, h);
        maxima[0]      = std::max(maxima[0], h);
        maxima[1]      = std::max(maxima[1], vm[p]);
        maxima[2]      = std::max(maxima[2], s1[p]);
      }
    owned_values[n_t].set(owned_indices, vm);
    owned_values[n_t + 1].set(owned_indices, s1);
    owned_values[n_t].compress(VectorOperation::insert);
    owned_values[n_t + 1].compress(VectorOperation::insert);
    stats.sigma_h_min  = Utilities::MPI::min(minimum_h, comm);
    stats.sigma_h_max  = Utilities::MPI::max(maxima[0], comm);
    stats.sigma_vm_max = Utilities::MPI::max(maxima[1], comm);
    stats.sigma_1_max  = Utilities::MPI::max(maxima[2], comm);
    for (unsigned int k = 0; k < recovered.size(); ++k)
      recovered[k] = owned_values[k];
  }


  template <int dim>
  const MechanicalStatistics &
  StressRecovery<dim>::statistics() const
  {
    return stats;
  }


  template <int dim>
  const std::vector<std::string> &
  StressRecovery<dim>::names() const
  {
    return field_names;
  }


  template <int dim>
  const DoFHandler<dim> &
  StressRecovery<dim>::dof_handler() const
  {
    return handler;
  }


  template <int dim>
  const std::vector<LA::MPI::Vector> &
  StressRecovery<dim>::fields() const
  {
    return recovered;
  }

  template class StressRecovery<2>;
  template class StressRecovery<3>;
} // namespace heterion::postprocessors

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_dgq.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/lac/vector.h>

#include <physics/mechanics/fields.h>
#include <physics/mechanics/stress.h>
#include <physics/postprocessors/stress_recovery.h>
#include <physics/transport/fields.h>
#include <solver/material_continuity.h>

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
      , fe(FE_DGQArbitraryNodes<dim>(QGaussLobatto<1>(degree + 1)),
           n_tensor_components)
      , quadrature(degree + 2)
      , properties(material_model, disorder)
      , handler(tria)
  {
  }


  template <int dim>
  StressRecovery<dim>::~StressRecovery()
  {
    handler.clear();
  }


  template <int dim>
  const std::vector<std::string> &
  StressRecovery<dim>::component_names()
  {
    static const std::vector<std::string> names = [] {
      std::vector<std::string> list;
      const char              *axes = "xyz";
      for (const auto &[i, j] : stored_components<dim>())
        list.push_back(std::string("sigma_") + axes[i] + axes[j]);
      return list;
    }();
    return names;
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
  SymmetricTensor<2, 3>
  StressRecovery<dim>::tensor(const Vector<double> &components)
  {
    SymmetricTensor<2, 3> sigma;
    const auto           &list = stored_components<dim>();
    for (unsigned int k = 0; k < list.size(); ++k)
      sigma[list[k].first][list[k].second] = components[k];
    return sigma;
  }


  template <int dim>
  void
  StressRecovery<dim>::reinit(const DoFHandler<dim>    &dof_handler,
                              const Introspection<dim> &introspection)
  {
    const MPI_Comm comm = triangulation.get_communicator();
    handler.distribute_dofs(fe);
    owned = handler.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(handler, relevant);

    // Continuous within each material, matched through the displacement's
    // FE_Q nodes (its x component in @p dof_handler) and hanging nodes.
    IndexSet key_relevant;
    DoFTools::extract_locally_relevant_dofs(dof_handler, key_relevant);
    AffineConstraints<double> hanging(key_relevant);
    DoFTools::make_hanging_node_constraints(dof_handler, hanging);
    hanging.close();
    constraints.clear();
    constraints.reinit(relevant);
    for (unsigned int k = 0; k < n_tensor_components; ++k)
      make_material_continuity_constraints(
        handler,
        k,
        dof_handler,
        introspection.first_component(
          introspection.field(mechanics::fields::displacement)),
        hanging,
        constraints);
    constraints.close();

    // The mass matrix, one block per component (no coupling between them).
    Table<2, DoFTools::Coupling> coupling(n_tensor_components,
                                          n_tensor_components);
    for (unsigned int k = 0; k < n_tensor_components; ++k)
      for (unsigned int l = 0; l < n_tensor_components; ++l)
        coupling[k][l] = k == l ? DoFTools::always : DoFTools::none;
    DynamicSparsityPattern dsp(relevant);
    DoFTools::make_sparsity_pattern(handler, coupling, dsp, constraints, false);
    SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
    mass_matrix.reinit(owned, owned, dsp, comm);
    FEValues<dim>                        values(mapping,
                         fe,
                         quadrature,
                         update_values | update_JxW_values);
    const unsigned int                   n = fe.n_dofs_per_cell();
    FullMatrix<double>                   local(n, n);
    std::vector<types::global_dof_index> indices(n);
    for (const auto &cell : handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          values.reinit(cell);
          local = 0;
          for (const unsigned int q : values.quadrature_point_indices())
            for (unsigned int i = 0; i < n; ++i)
              for (unsigned int j = 0; j < n; ++j)
                if (fe.system_to_component_index(i).first
                    == fe.system_to_component_index(j).first)
                  local(i, j) += values.shape_value(i, q)
                                 * values.shape_value(j, q) * values.JxW(q);
          cell->get_dof_indices(indices);
          constraints.distribute_local_to_global(local, indices, mass_matrix);
        }
    mass_matrix.compress(VectorOperation::add);
    recovered.reinit(owned, relevant, comm);
    properties.reinit(mapping, triangulation, quadrature, comm);
  }


  template <int dim>
  void
  StressRecovery<dim>::compute(const DoFHandler<dim>    &dof_handler,
                               const Introspection<dim> &introspection,
                               const LA::MPI::Vector    &solution,
                               const double              axial_strain)
  {
    const MPI_Comm     comm = triangulation.get_communicator();
    const auto        &list = stored_components<dim>();
    const unsigned int n_t  = list.size();

    FEValues<dim>      solution_values(mapping,
                                  introspection.fe(),
                                  quadrature,
                                  update_values | update_gradients
                                    | update_JxW_values);
    FEValues<dim>      values(mapping, fe, quadrature, update_values);
    const unsigned int n_q = quadrature.size();
    std::vector<SymmetricTensor<2, dim>> strain(n_q);
    std::vector<double>                  c(n_q);
    const auto                           displacement = introspection.vector(
      introspection.field(mechanics::fields::displacement));
    const auto concentration = introspection.scalar(
      introspection.field(transport::fields::concentration));
    const unsigned int                   n = fe.n_dofs_per_cell();
    Vector<double>                       local_rhs(n);
    std::vector<types::global_dof_index> indices(n);
    LA::MPI::Vector                      rhs(owned, comm);
    double sums[3] = {0, 0, 0}; // energy, volume change, volume

    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          solution_values.reinit(cell);
          const typename DoFHandler<dim>::active_cell_iterator stress_cell(
            &triangulation, cell->level(), cell->index(), &handler);
          values.reinit(stress_cell);
          solution_values[displacement].get_function_symmetric_gradients(
            solution, strain);
          solution_values[concentration].get_function_values(solution, c);

          local_rhs = 0;
          for (unsigned int q = 0; q < n_q; ++q)
            {
              const materials::ElasticProperties &e
                = *properties.elastic(cell, q);
              const SymmetricTensor<2, 3> sigma
                = mechanics::stress_3d<dim>(e, strain[q], c[q], axial_strain);
              // Elastic strain eps - eps* (3x3; in 2D eps_zz is the
              // out-of-plane strain, 0 in plane strain).
              SymmetricTensor<2, 3> elastic_strain;
              for (unsigned int i = 0; i < dim; ++i)
                for (unsigned int j = i; j < dim; ++j)
                  elastic_strain[i][j] = strain[q][i][j];
              if (dim == 2)
                elastic_strain[2][2] = axial_strain;
              const double swelling = e.partial_molar_volume
                                      * (c[q] - e.reference_concentration) / 3;
              for (unsigned int i = 0; i < 3; ++i)
                elastic_strain[i][i] -= swelling;
              const double JxW = solution_values.JxW(q);
              sums[0] += 0.5 * (sigma * elastic_strain) * JxW;
              sums[1] += trace(strain[q]) * JxW;
              sums[2] += JxW;
              for (unsigned int i = 0; i < n; ++i)
                {
                  const unsigned int k = fe.system_to_component_index(i).first;
                  local_rhs(i) += values.shape_value(i, q) * JxW
                                  * sigma[list[k].first][list[k].second];
                }
            }
          stress_cell->get_dof_indices(indices);
          constraints.distribute_local_to_global(local_rhs, indices, rhs);
        }
    rhs.compress(VectorOperation::add);
    Utilities::MPI::sum(ArrayView<const double>(sums, 3),
                        comm,
                        ArrayView<double>(sums, 3));
    stats.strain_energy = sums[0];
    stats.volume_change = sums[1] / sums[2];
    stats.axial_strain  = axial_strain;

    LA::MPI::Vector projected(owned, comm);
    if (rhs.l2_norm() > 0)
      {
        SolverControl control(1000, 1e-14 * rhs.l2_norm(), false, false);
        LA::MPI::PreconditionJacobi preconditioner;
        preconditioner.initialize(mass_matrix);
        SolverCG<LA::MPI::Vector> cg(control);
        cg.solve(mass_matrix, projected, rhs, preconditioner);
      }
    constraints.distribute(projected);
    recovered = projected;

    // The invariants at the nodes of every cell (a Lagrange basis: the
    // coefficients are the nodal values).
    constexpr double   big       = std::numeric_limits<double>::max();
    double             minimum_h = big, maxima[3] = {-big, -big, -big};
    Vector<double>     at_node(n_t);
    const unsigned int n_nodes = fe.base_element(0).n_dofs_per_cell();
    for (const auto &cell : handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(indices);
          for (unsigned int j = 0; j < n_nodes; ++j)
            {
              for (unsigned int k = 0; k < n_t; ++k)
                at_node[k]
                  = recovered(indices[fe.component_to_system_index(k, j)]);
              const SymmetricTensor<2, 3> sigma = tensor(at_node);
              const double                h     = trace(sigma) / 3;
              minimum_h                         = std::min(minimum_h, h);
              maxima[0]                         = std::max(maxima[0], h);
              maxima[1] = std::max(maxima[1], mechanics::von_mises(sigma));
              maxima[2] = std::max(maxima[2], mechanics::max_principal(sigma));
            }
        }
    stats.sigma_h_min  = Utilities::MPI::min(minimum_h, comm);
    stats.sigma_h_max  = Utilities::MPI::max(maxima[0], comm);
    stats.sigma_vm_max = Utilities::MPI::max(maxima[1], comm);
    stats.sigma_1_max  = Utilities::MPI::max(maxima[2], comm);
  }


  template <int dim>
  const MechanicalStatistics &
  StressRecovery<dim>::statistics() const
  {
    return stats;
  }


  template <int dim>
  const DoFHandler<dim> &
  StressRecovery<dim>::dof_handler() const
  {
    return handler;
  }


  template <int dim>
  const LA::MPI::Vector &
  StressRecovery<dim>::field() const
  {
    return recovered;
  }


  template <int dim>
  void
  StressPostprocessor<dim>::evaluate_vector_field(
    const DataPostprocessorInputs::Vector<dim> &inputs,
    std::vector<Vector<double>>                &computed) const
  {
    for (unsigned int p = 0; p < inputs.solution_values.size(); ++p)
      {
        const Vector<double>       &s     = inputs.solution_values[p];
        const SymmetricTensor<2, 3> sigma = StressRecovery<dim>::tensor(s);
        unsigned int                k     = 0;
        for (unsigned int i = 0; i < dim; ++i)
          for (unsigned int j = 0; j < dim; ++j)
            computed[p](k++) = sigma[i][j];
        for (unsigned int c = 0; c < s.size(); ++c)
          computed[p](k++) = s[c];
        computed[p](k++) = mechanics::von_mises(sigma);
        computed[p](k++) = mechanics::max_principal(sigma);
      }
  }


  template <int dim>
  std::vector<std::string>
  StressPostprocessor<dim>::get_names() const
  {
    std::vector<std::string> names(dim * dim, "stress");
    for (const auto &name : StressRecovery<dim>::component_names())
      names.push_back(name);
    names.emplace_back("sigma_vm");
    names.emplace_back("sigma_1");
    return names;
  }


  template <int dim>
  std::vector<DataComponentInterpretation::DataComponentInterpretation>
  StressPostprocessor<dim>::get_data_component_interpretation() const
  {
    std::vector<DataComponentInterpretation::DataComponentInterpretation> kinds(
      dim * dim, DataComponentInterpretation::component_is_part_of_tensor);
    kinds.resize(kinds.size() + StressRecovery<dim>::n_tensor_components + 2,
                 DataComponentInterpretation::component_is_scalar);
    return kinds;
  }


  template <int dim>
  UpdateFlags
  StressPostprocessor<dim>::get_needed_update_flags() const
  {
    return update_values;
  }

  template class StressRecovery<2>;
  template class StressRecovery<3>;
  template class StressPostprocessor<2>;
  template class StressPostprocessor<3>;
} // namespace heterion::postprocessors

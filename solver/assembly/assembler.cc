#include <deal.II/base/iterator_range.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/grid/filtered_iterator.h>
#include <deal.II/meshworker/copy_data.h>
#include <deal.II/meshworker/mesh_loop.h>

#include <physics/mechanics/fields.h>
#include <physics/potential/fields.h>
#include <physics/transport/fields.h>
#include <solver/assembly/assembler.h>
#include <solver/geometry/ids.h>
#include <solver/parsed_function.h>

#include <cmath>

namespace heterion::assembly
{
  using namespace dealii;

  namespace
  {
    /** Per-thread scratch: FE values and the point data buffers. */
    template <int dim>
    struct ScratchData
    {
      ScratchData(const Mapping<dim>        &mapping,
                  const Introspection<dim>  &introspection,
                  const FiniteElement<dim>  &fe,
                  const Quadrature<dim>     &quadrature,
                  const Quadrature<dim - 1> &face_quadrature)
          : fe_values(mapping,
                      fe,
                      quadrature,
                      update_values | update_gradients | update_JxW_values
                        | update_quadrature_points)
          , fe_face_values(mapping,
                           fe,
                           face_quadrature,
                           update_values | update_JxW_values
                             | update_quadrature_points)
      {
        point_data.resize(introspection, quadrature.size());
        face_data.resize(introspection, face_quadrature.size());
      }

      ScratchData(const ScratchData &other)
          : fe_values(other.fe_values.get_mapping(),
                      other.fe_values.get_fe(),
                      other.fe_values.get_quadrature(),
                      other.fe_values.get_update_flags())
          , fe_face_values(other.fe_face_values.get_mapping(),
                           other.fe_face_values.get_fe(),
                           other.fe_face_values.get_quadrature(),
                           other.fe_face_values.get_update_flags())
          , point_data(other.point_data)
          , face_data(other.face_data)
      {
      }

      FEValues<dim>      fe_values;
      FEFaceValues<dim>  fe_face_values;
      CellPointData<dim> point_data;
      FacePointData<dim> face_data;
    };


    /** Whether every entry of a local residual (and matrix) is finite. */
    bool
    all_finite(const Vector<double> &residual, const FullMatrix<double> *matrix)
    {
      for (const double value : residual)
        if (!std::isfinite(value))
          return false;
      if (matrix)
        for (unsigned int i = 0; i < matrix->m(); ++i)
          for (unsigned int j = 0; j < matrix->n(); ++j)
            if (!std::isfinite((*matrix)(i, j)))
              return false;
      return true;
    }


    template <int dim>
    std::string
    position(const Point<dim> &x)
    {
      std::string text = "x = (";
      for (unsigned int d = 0; d < dim; ++d)
        text += (d ? ", " : "") + to_text(x[d]);
      return text + ") m";
    }


    /** The first point where one of @p values is not finite, as text. */
    template <int dim>
    std::string
    first_non_finite(const std::string         &quantity,
                     const std::vector<double> &values,
                     const FEValuesBase<dim>   &fe_values,
                     const std::string         &where,
                     const std::vector<double> *theta = nullptr)
    {
      for (unsigned int q = 0; q < values.size(); ++q)
        if (!std::isfinite(values[q]))
          return quantity + " is " + to_text(values[q]) + " at "
                 + position(fe_values.quadrature_point(q)) + where
                 + (theta ? " (theta = " + to_text((*theta)[q]) + ")" : "");
      return "";
    }
  } // namespace


  template <int dim>
  std::string
  Assembler<dim>::diagnose_cell(
    const typename DoFHandler<dim>::active_cell_iterator &cell,
    const FEValues<dim>                                  &fe_values,
    const CellPointData<dim>                             &data,
    const bool                                            with_matrix) const
  {
    const std::string material = ids::material_name(cell->material_id());
    const std::string where    = " in material '" + material + "'";
    const std::string entry    = "Materials/" + material + "/";
    const std::vector<std::pair<std::string, const std::vector<double> *>>
      quantities
      = {{"the concentration c (the Newton iterate)",
          &data.values(introspection.field(transport::fields::concentration))},
         {"the site density c_max (" + entry + "Maximum concentration)",
          &data.c_max},
         {"the diffusivity D (" + entry + "Diffusivity)", &data.diffusivity},
         {"the derivative dD/dtheta (" + entry + "Diffusivity)",
          &data.diffusivity_derivative}};
    for (const auto &[quantity, values] : quantities)
      if (const std::string text
          = first_non_finite(quantity, *values, fe_values, where, &data.theta);
          !text.empty())
        return text;
    const std::string &domain = domains->name(domains->of(cell));
    const unsigned int n      = fe_values.get_fe().n_dofs_per_cell();
    for (const auto &term : cell_terms)
      if (term->domain() == domain)
        {
          Vector<double>     residual(n);
          FullMatrix<double> matrix(with_matrix ? n : 0, with_matrix ? n : 0);
          term->assemble(fe_values,
                         data,
                         with_matrix ? &matrix : nullptr,
                         residual);
          if (!all_finite(residual, with_matrix ? &matrix : nullptr))
            return "the contribution of " + term->name() + where
                   + " on the cell at "
                   + position(cell->center(/*respect_manifold=*/true));
        }
    return "a value on the cell at " + position(cell->center(true)) + where;
  }


  template <int dim>
  std::string
  Assembler<dim>::diagnose_face(const FacePointData<dim> &data,
                                const FEFaceValues<dim>  &fe_face_values,
                                const bool                with_matrix) const
  {
    const auto        face = data.cell->face(data.face_no);
    const std::string where
      = face->at_boundary()
          ? " on boundary '" + ids::boundary_name(data.boundary_id) + "'"
          : " on the interface of material '"
              + ids::material_name(data.cell->material_id()) + "'";
    const unsigned int n = fe_face_values.get_fe().n_dofs_per_cell();
    for (const auto &term : boundary_terms)
      {
        Vector<double>     residual(n);
        FullMatrix<double> matrix(with_matrix ? n : 0, with_matrix ? n : 0);
        term->assemble(data,
                       fe_face_values,
                       with_matrix ? &matrix : nullptr,
                       residual);
        if (!all_finite(residual, with_matrix ? &matrix : nullptr))
          return "the contribution of " + term->name() + where + " at "
                 + position(face->center(true)) + ", t = " + to_text(data.time)
                 + " s";
      }
    return "a value" + where + " at " + position(face->center(true));
  }


  template <int dim>
  void
  Assembler<dim>::set_axial_strain(const double value)
  {
    axial_strain = value;
  }


  template <int dim>
  std::string
  Assembler<dim>::non_finite_report() const
  {
    const MPI_Comm     comm    = dof_handler.get_communicator();
    const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(comm);
    const unsigned int first
      = Utilities::MPI::min(non_finite.empty()
                              ? n_ranks
                              : Utilities::MPI::this_mpi_process(comm),
                            comm);
    if (first == n_ranks)
      return "";
    return Utilities::MPI::broadcast(comm, non_finite, first);
  }


  template <int dim>
  Assembler<dim>::Assembler(const Mapping<dim>            &mapping,
                            const DoFHandler<dim>         &dof_handler,
                            const Introspection<dim>      &introspection,
                            materials::PropertyCache<dim> &properties)
      : mapping(mapping)
      , dof_handler(dof_handler)
      , introspection(introspection)
      , properties(properties)
      , cell_quadrature(introspection.fe().degree + 1)
      , boundary_quadrature(introspection.fe().degree + 1)
  {
  }


  template <int dim>
  void
  Assembler<dim>::add_cell_term(std::unique_ptr<CellTerm<dim>> term)
  {
    cell_terms.emplace_back(std::move(term));
    term_domains.push_back(domain_of(*cell_terms.back()));
  }


  template <int dim>
  unsigned int
  Assembler<dim>::domain_of(const CellTerm<dim> &term) const
  {
    const unsigned int domain = domains->find(term.domain());
    AssertThrow(domain != numbers::invalid_unsigned_int,
                ExcMessage("The cell term " + term.name()
                           + " acts on the domain `" + term.domain()
                           + "`, which no physics module defines."));
    return domain;
  }


  template <int dim>
  void
  Assembler<dim>::add_boundary_term(std::unique_ptr<BoundaryTerm<dim>> term)
  {
    boundary_terms.emplace_back(std::move(term));
  }


  template <int dim>
  void
  Assembler<dim>::set_domains(const Domains &material_domains)
  {
    domains = &material_domains;
    term_domains.clear();
    for (const auto &term : cell_terms)
      term_domains.push_back(domain_of(*term));
    has_interfaces = domains->has_interfaces();
  }


  template <int dim>
  const Domains &
  Assembler<dim>::cell_domains() const
  {
    return *domains;
  }


  template <int dim>
  void
  Assembler<dim>::reinit()
  {
    properties.reinit(mapping,
                      dof_handler.get_triangulation(),
                      cell_quadrature,
                      dof_handler.get_communicator());
  }


  template <int dim>
  std::vector<std::vector<bool>>
  Assembler<dim>::field_couplings() const
  {
    const unsigned int             n = introspection.n_blocks();
    std::vector<std::vector<bool>> coupled(n, std::vector<bool>(n, false));
    const auto                     add = [&](const FieldCouplings &pairs) {
      for (const auto &[row_name, column_name] : pairs)
        {
          const unsigned int row = introspection.find_field(row_name);
          const unsigned int column = introspection.find_field(column_name);
          if (row < n && column < n)
            coupled[row][column] = true;
        }
    };
    for (const auto &term : cell_terms)
      add(term->couplings());
    for (const auto &term : boundary_terms)
      add(term->couplings());
    // Every field keeps its diagonal block (constrained rows need it).
    for (unsigned int i = 0; i < n; ++i)
      coupled[i][i] = true;
    return coupled;
  }


  template <int dim>
  const materials::PropertyCache<dim> &
  Assembler<dim>::property_cache() const
  {
    return properties;
  }


  template <int dim>
  const double *
  Assembler<dim>::maximum_concentration(
    const typename DoFHandler<dim>::active_cell_iterator &cell) const
  {
    return properties.maximum_concentration(cell);
  }


  template <int dim>
  const Quadrature<dim> &
  Assembler<dim>::quadrature() const
  {
    return cell_quadrature;
  }


  template <int dim>
  const Quadrature<dim - 1> &
  Assembler<dim>::face_quadrature() const
  {
    return boundary_quadrature;
  }


  template <int dim>
  void
  Assembler<dim>::assemble(const LA::MPI::Vector           &solution,
                           const LA::MPI::Vector           &history,
                           const double                     a0_over_dt,
                           const double                     time,
                           const AffineConstraints<double> &constraints,
                           LA::MPI::SparseMatrix           *matrix,
                           LA::MPI::Vector                 &residual) const
  {
    using Iterator        = typename DoFHandler<dim>::active_cell_iterator;
    using CopyData        = MeshWorker::CopyData<1, 1, 1>;
    const auto        &fe = introspection.fe();
    const unsigned int concentration_field
      = introspection.field(transport::fields::concentration);
    const bool with_elastic
      = introspection.has_field(mechanics::fields::displacement);
    const bool with_solid_potential
      = introspection.has_field(potential::fields::solid_potential);

    if (matrix)
      *matrix = 0;
    residual = 0;
    non_finite.clear();

    const auto face_worker = [&](const Iterator    &cell,
                                 const unsigned int face_no,
                                 ScratchData<dim>  &scratch,
                                 CopyData          &copy) {
      scratch.fe_face_values.reinit(cell, face_no);
      FacePointData<dim> &data = scratch.face_data;
      data.cell                = cell;
      data.face_no             = face_no;
      data.boundary_id         = cell->face(face_no)->boundary_id();
      data.time                = time;
      for (const auto &field : introspection.fields())
        if (!data.field_values[field.block].empty())
          scratch.fe_face_values[introspection.scalar(field.block)]
            .get_function_values(solution, data.field_values[field.block]);
      for (const auto &term : boundary_terms)
        term->assemble(data,
                       scratch.fe_face_values,
                       matrix ? &copy.matrices[0] : nullptr,
                       copy.vectors[0]);
      // The cell's own terms were finite (checked before its faces).
      if (non_finite.empty()
          && !all_finite(copy.vectors[0], matrix ? &copy.matrices[0] : nullptr))
        non_finite
          = diagnose_face(data, scratch.fe_face_values, matrix != nullptr);
    };


    const auto cell_worker = [&](const Iterator   &cell,
                                 ScratchData<dim> &scratch,
                                 CopyData         &copy) {
      scratch.fe_values.reinit(cell);
      const unsigned int n_dofs = fe.n_dofs_per_cell();
      if (matrix)
        copy.matrices[0].reinit(n_dofs, n_dofs);
      copy.vectors[0].reinit(n_dofs);
      copy.local_dof_indices[0].resize(n_dofs);
      cell->get_dof_indices(copy.local_dof_indices[0]);

      CellPointData<dim> &data      = scratch.point_data;
      const auto         &fe_values = scratch.fe_values;
      for (const auto &field : introspection.fields())
        {
          FieldPointValues<dim> &f = data.fields[field.block];
          if (field.n_components == 1)
            {
              const auto extractor = introspection.scalar(field.block);
              if (!f.values.empty())
                fe_values[extractor].get_function_values(solution, f.values);
              if (!f.gradients.empty())
                fe_values[extractor].get_function_gradients(solution,
                                                            f.gradients);
              if (!f.history.empty())
                fe_values[extractor].get_function_values(history, f.history);
            }
          else if (!f.symmetric_gradients.empty())
            fe_values[introspection.vector(field.block)]
              .get_function_symmetric_gradients(solution,
                                                f.symmetric_gradients);
        }
      data.a0_over_dt                       = a0_over_dt;
      data.time                             = time;
      data.axial_strain                     = axial_strain;
      const double              *c_max_cell = maximum_concentration(cell);
      const std::vector<double> &c          = data.values(concentration_field);
      for (unsigned int q = 0; q < c.size(); ++q)
        {
          data.c_max[q] = c_max_cell[q];
          data.theta[q] = c[q] / data.c_max[q];
          properties.diffusivity(cell,
                                 q,
                                 data.theta[q],
                                 data.diffusivity[q],
                                 data.diffusivity_derivative[q]);
        }
      if (with_elastic)
        for (unsigned int q = 0; q < data.elastic.size(); ++q)
          data.elastic[q] = properties.elastic(cell, q);
      // The conductivity of a potential field at the points.
      const auto fill_conductivity =
        [&](const materials::Property conductivity_property,
            std::vector<double>      &conductivity) {
          for (unsigned int q = 0; q < c.size(); ++q)
            conductivity[q] = properties.value(conductivity_property, cell, q);
        };
      if (with_solid_potential)
        fill_conductivity(materials::Property::electronic_conductivity,
                          data.electronic_conductivity);
      const unsigned int domain = domains->of(cell);
      if (domains->conducts_ions(domain))
        fill_conductivity(materials::Property::ionic_conductivity,
                          data.ionic_conductivity);
      for (unsigned int t = 0; t < cell_terms.size(); ++t)
        if (term_domains[t] == domain)
          cell_terms[t]->assemble(scratch.fe_values,
                                  data,
                                  matrix ? &copy.matrices[0] : nullptr,
                                  copy.vectors[0]);
      if (non_finite.empty()
          && !all_finite(copy.vectors[0], matrix ? &copy.matrices[0] : nullptr))
        non_finite
          = diagnose_cell(cell, scratch.fe_values, data, matrix != nullptr);
      // The interfaces with electrolyte cells, from the active side: the
      // local DoFs of this cell hold the traces of c and of phi_e there.
      if (domain == Domains::active && has_interfaces)
        for (const unsigned int f : cell->face_indices())
          if (domains->is_interface(cell, f))
            face_worker(cell, f, scratch, copy);
    };

    const auto copier = [&](const CopyData &copy) {
      if (matrix)
        constraints.distribute_local_to_global(copy.matrices[0],
                                               copy.vectors[0],
                                               copy.local_dof_indices[0],
                                               *matrix,
                                               residual);
      else
        constraints.distribute_local_to_global(copy.vectors[0],
                                               copy.local_dof_indices[0],
                                               residual);
    };

    const auto filtered = filter_iterators(dof_handler.active_cell_iterators(),
                                           IteratorFilters::LocallyOwnedCell());
    ScratchData<dim> scratch(
      mapping, introspection, fe, cell_quadrature, boundary_quadrature);
    MeshWorker::mesh_loop(filtered,
                          cell_worker,
                          copier,
                          scratch,
                          CopyData(fe.n_dofs_per_cell()),
                          MeshWorker::assemble_own_cells
                            | MeshWorker::assemble_boundary_faces,
                          face_worker);
    if (matrix)
      matrix->compress(VectorOperation::add);
    residual.compress(VectorOperation::add);
  }

  template class Assembler<2>;
  template class Assembler<3>;
} // namespace heterion::assembly

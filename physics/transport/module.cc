#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/numerics/vector_tools.h>

#include <physics/materials/properties.h>
#include <physics/transport/fickian_flux.h>
#include <physics/transport/fields.h>
#include <physics/transport/module.h>
#include <physics/transport/prescribed_flux.h>
#include <physics/transport/storage.h>
#include <solver/geometry/ids.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>

namespace heterion::transport
{
  using namespace dealii;

  namespace
  {
    /**
     * The range of a state of charge over this rank's points, checked on all
     * ranks together (so that no rank is left waiting in a collective call
     * while another one throws). A value that is not finite counts as -1.
     */
    struct ThetaRange
    {
      double lowest = 0, highest = 1;

      double
      add(double theta)
      {
        if (!std::isfinite(theta))
          theta = -1;
        lowest  = std::min(lowest, theta);
        highest = std::max(highest, theta);
        return theta;
      }

      void
      check(const MPI_Comm     comm,
            const std::string &entry,
            const std::string &where) const
      {
        const double low  = Utilities::MPI::min(lowest, comm);
        const double high = Utilities::MPI::max(highest, comm);
        const materials::PropertyInfo &row
          = materials::info(materials::Property::initial_state_of_charge);
        AssertThrow(row.bounds.contains(low) && row.bounds.contains(high),
                    ExcInput(entry + " must " + row.bounds.text(row.unit) + "; "
                             + where + " it ranges from " + to_text(low)
                             + " to " + to_text(high)
                             + " (-1 stands for a value that is not a finite "
                               "number)."));
      }
    };
  } // namespace


  template <int dim>
  void
  Module<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Initial conditions");
    prm.declare_entry("Initial state of charge",
                      "0",
                      Patterns::Anything(),
                      "theta_0 = c_0 / c_max in [0, 1]: a number or a "
                      "muParser expression of x, y, z [m].");
    prm.leave_subsection();
    BoundaryConditions<dim>::declare_parameters(prm);
    VolumetricSource<dim>::declare_parameters(prm);
  }


  template <int dim>
  bool
  Module<dim>::parse_parameters(ParameterHandler &prm)
  {
    degree = prm.get_integer("Finite element degree");
    prm.enter_subsection("Initial conditions");
    initial_theta_text = prm.get("Initial state of charge");
    prm.leave_subsection();
    conditions.parse_parameters(prm);
    source = VolumetricSource<dim>::create(prm);
    return true;
  }


  template <int dim>
  unsigned int
  Module<dim>::position() const
  {
    return 0;
  }


  template <int dim>
  void
  Module<dim>::declare_fields(std::vector<FieldDeclaration> &fields) const
  {
    fields.push_back(fields::concentration_declaration(degree));
  }


  template <int dim>
  void
  Module<dim>::add_terms(const Introspection<dim> &,
                         assembly::Assembler<dim> &assembler)
  {
    assembler.add_cell_term(std::make_unique<Storage<dim>>());
    assembler.add_cell_term(std::make_unique<FickianFlux<dim>>(
      assembler.property_cache().material_model().thermodynamic_factor()));
    if (source)
      {
        source_term = source.get();
        assembler.add_cell_term(std::move(source));
      }
    assembler.add_boundary_term(
      std::make_unique<PrescribedFlux<dim>>(conditions));
  }


  template <int dim>
  void
  Module<dim>::reinit(const SimulatorContext<dim> &context)
  {
    // The materials that touch each concentration boundary (all ranks),
    // and among them the one with the largest base c_max (the lowest id of
    // a tie): its c_max, with its disorder chain, is held there.
    std::map<types::boundary_id, std::set<types::material_id>> touching;
    for (const auto id : conditions.concentration_boundaries())
      touching[id];
    for (const auto &cell : context.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary() && touching.count(face->boundary_id()))
            touching[face->boundary_id()].insert(cell->material_id());
    material_on_boundary.clear();
    for (const auto &[id, local] : touching)
      {
        double c_max = 0;
        for (const types::material_id m :
             Utilities::MPI::compute_set_union(local, context.mpi_communicator))
          if (context.material_model.maximum_concentration(m) > c_max)
            {
              c_max = context.material_model.maximum_concentration(m);
              material_on_boundary[id] = m;
            }
      }
  }


  template <int dim>
  void
  Module<dim>::set_scales(const SimulatorContext<dim> &context,
                          std::vector<double>         &scales) const
  {
    scales[context.introspection.field(fields::concentration)]
      = std::max(context.material_model.concentration_scale(),
                 context.assembler.property_cache().concentration_scale());
  }


  template <int dim>
  void
  Module<dim>::prescribe_values(const SimulatorContext<dim> &context,
                                const double                 time,
                                const bool                   homogeneous,
                                AffineConstraints<double>   &constraints) const
  {
    const Introspection<dim> &introspection = context.introspection;
    const unsigned int        c = introspection.field(fields::concentration);
    const materials::PropertyCache<dim> &cache
      = context.assembler.property_cache();
    const bool varying_c_max
      = cache.disorder().varies(materials::Property::maximum_concentration);
    ThetaRange range;
    for (const auto &[id, material] : material_on_boundary)
      {
        const double c_max
          = context.material_model.maximum_concentration(material);
        // With a varying c_max, the value of the material's chain at each
        // boundary point.
        const VectorFunctionFromScalarFunctionObject<dim> value(
          [&, c_max, material = material](const Point<dim> &p) {
            if (homogeneous)
              return 0.;
            const double c_max_p
              = varying_c_max
                  ? cache.evaluate(materials::Property::maximum_concentration,
                                   p,
                                   material)
                  : c_max;
            return c_max_p * range.add(conditions.surface_theta(p, time));
          },
          introspection.first_component(c),
          introspection.fe().n_components());
        VectorTools::interpolate_boundary_values(context.mapping,
                                                 context.dof_handler,
                                                 id,
                                                 value,
                                                 constraints,
                                                 introspection.component_mask(
                                                   c));
      }
    if (!homogeneous)
      range.check(context.mpi_communicator,
                  "Boundary conditions/Surface state of charge",
                  "at t = " + to_text(time) + " s");
  }


  template <int dim>
  bool
  Module<dim>::prescribes_values() const
  {
    return !conditions.concentration_boundaries().empty();
  }


  template <int dim>
  void
  Module<dim>::initialize_on_mesh(const SimulatorContext<dim>        &context,
                                  const std::set<types::boundary_id> &existing)
  {
    // No lithium is solved outside the active domain: no face there carries
    // a flux or concentration condition (pairs of boundary and domain,
    // encoded as id * n_domains + domain).
    const assembly::Domains &domains       = context.assembler.cell_domains();
    const unsigned int       n_domains     = domains.n_domains();
    const std::set<types::boundary_id> own = conditions.transport_boundaries();
    std::set<unsigned int>             outside;
    for (const auto &cell : context.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned()
          && domains.of(cell) != assembly::Domains::active)
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary() && own.count(face->boundary_id()))
            outside.insert(face->boundary_id() * n_domains + domains.of(cell));
    outside
      = Utilities::MPI::compute_set_union(outside, context.mpi_communicator);
    for (const unsigned int pair : outside)
      AssertThrow(false,
                  ExcInput("Boundary conditions: boundary `"
                           + ids::boundary_name(pair / n_domains)
                           + "` carries a flux or concentration condition "
                             "(Flux boundaries, whose default is `surface`, "
                             "or Concentration boundaries) but lies on a "
                             "material of the domain `"
                           + domains.name(pair % n_domains)
                           + "` (e.g. Electrochemistry/Electrolyte "
                             "materials), where no lithium is solved: "
                             "lithium enters through the kinetics at the "
                             "interface. Remove it there, e.g. `set Flux "
                             "boundaries =`."));

    // The capacity \int c_max dV [mol] and the area of the flux boundaries
    // [m^2].
    double            sums[2] = {0, 0};
    const auto       &fe      = context.introspection.fe();
    FEValues<dim>     fe_values(context.mapping,
                            fe,
                            context.assembler.quadrature(),
                            update_JxW_values);
    FEFaceValues<dim> fe_face_values(context.mapping,
                                     fe,
                                     context.assembler.face_quadrature(),
                                     update_JxW_values);
    for (const auto &cell : context.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned()
          && domains.of(cell) == assembly::Domains::active)
        {
          fe_values.reinit(cell);
          const double *c_max = context.assembler.maximum_concentration(cell);
          for (const unsigned int q : fe_values.quadrature_point_indices())
            sums[0] += c_max[q] * fe_values.JxW(q);
          for (const unsigned int face_no : cell->face_indices())
            if (const auto face = cell->face(face_no);
                face->at_boundary()
                && conditions.flux_boundaries().count(face->boundary_id()))
              {
                fe_face_values.reinit(cell, face);
                for (const unsigned int q :
                     fe_face_values.quadrature_point_indices())
                  sums[1] += fe_face_values.JxW(q);
              }
        }
    Utilities::MPI::sum(ArrayView<const double>(sums, 2),
                        context.mpi_communicator,
                        ArrayView<double>(sums, 2));
    body_capacity = sums[0];
    conditions.initialize(existing, sums[0], sums[1]);
  }


  template <int dim>
  void
  Module<dim>::set_initial_values(const SimulatorContext<dim> &context,
                                  LA::MPI::Vector             &solution) const
  {
    const auto theta_0
      = make_parsed_function<dim>("Initial conditions/Initial state of charge",
                                  initial_theta_text,
                                  dim == 2 ? "x,y" : "x,y,z",
                                  false);
    const Introspection<dim>            &introspection = context.introspection;
    const materials::PropertyCache<dim> &cache
      = context.assembler.property_cache();
    const unsigned int c = introspection.field(fields::concentration);

    // c_0 = theta_0 c_max at the support points; where materials meet, the
    // largest value wins, so the result does not depend on the partition.
    const auto                          &fe = introspection.fe();
    const Quadrature<dim>                support(fe.get_unit_support_points());
    FEValues<dim>                        fe_values(context.mapping,
                            fe,
                            support,
                            update_quadrature_points);
    std::vector<types::global_dof_index> dof_indices(fe.n_dofs_per_cell());
    const IndexSet &owned = context.dof_handler.locally_owned_dofs();
    std::map<types::global_dof_index, double> values;
    ThetaRange                                range;
    // c_0 at support point i of a cell, with the properties of material
    // @p material.
    const auto set = [&](const unsigned int       i,
                         const types::material_id material) {
      if (!owned.is_element(dof_indices[i]))
        return;
      // theta_0(x) and c_max(x) with their disorder chains.
      const Point<dim> &x = fe_values.quadrature_point(i);
      const double      c_max
        = cache.evaluate(materials::Property::maximum_concentration,
                         x,
                         material);
      const double theta
        = range.add(cache.evaluate(materials::Property::initial_state_of_charge,
                                   x,
                                   material,
                                   theta_0->value(x)));
      auto it = values.find(dof_indices[i]);
      if (it == values.end())
        values[dof_indices[i]] = theta * c_max;
      else
        it->second = std::max(it->second, theta * c_max);
    };
    // Cells of other domains store no lithium (their c DoFs are held at
    // zero), except on a face with an active cell: with hanging nodes there
    // the DoFs of the coarse face, which only the cell of the other domain
    // has, are the masters of the active side's trace.
    const assembly::Domains &domains = context.assembler.cell_domains();
    for (const auto &cell : context.dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        {
          fe_values.reinit(cell);
          cell->get_dof_indices(dof_indices);
          if (domains.of(cell) == assembly::Domains::active)
            {
              for (const unsigned int i : introspection.local_dofs(c))
                set(i, cell->material_id());
              continue;
            }
          for (const unsigned int f : cell->face_indices())
            if (!cell->at_boundary(f)
                && domains.of(cell->neighbor(f)) == assembly::Domains::active)
              for (const unsigned int i : introspection.local_dofs(c))
                if (fe.has_support_on_face(i, f))
                  set(i, cell->neighbor(f)->material_id());
        }
    const disorder::Manager<dim> &disorder = cache.disorder();
    range.check(context.mpi_communicator,
                "Initial conditions/Initial state of charge",
                "'" + initial_theta_text + "'"
                  + (disorder.varies(
                       materials::Property::initial_state_of_charge)
                       ? " with the chain `"
                           + disorder.chain_text(
                             materials::Property::initial_state_of_charge)
                           + "` (Disorder/Properties)"
                       : std::string())
                  + " on the mesh:");
    for (const auto &[index, value] : values)
      solution(index) = value;
  }


  template <int dim>
  const BoundaryConditions<dim> &
  Module<dim>::boundary_conditions() const
  {
    return conditions;
  }


  template <int dim>
  double
  Module<dim>::capacity() const
  {
    return body_capacity;
  }


  template <int dim>
  double
  Module<dim>::source_rate(const SimulatorContext<dim> &context,
                           const double                 time) const
  {
    if (!source_term)
      return 0;
    FEValues<dim>            fe_values(context.mapping,
                            context.introspection.fe(),
                            context.assembler.quadrature(),
                            update_quadrature_points | update_JxW_values);
    const assembly::Domains &domains = context.assembler.cell_domains();
    double                   sum     = 0;
    for (const auto &cell : context.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned()
          && domains.of(cell) == assembly::Domains::active)
        {
          fe_values.reinit(cell);
          for (const unsigned int q : fe_values.quadrature_point_indices())
            sum += source_term->value(fe_values.quadrature_point(q), time)
                   * fe_values.JxW(q);
        }
    return Utilities::MPI::sum(sum, context.mpi_communicator);
  }

  template class Module<2>;
  template class Module<3>;

  HETERION_REGISTER_PHYSICS_MODULE(
    Module,
    "transport",
    "Lithium transport in the active materials: the concentration c, its "
    "boundary conditions, sources and initial state (always used).")
} // namespace heterion::transport

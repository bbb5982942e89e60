#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/affine_constraints.h>

#include <physics/mechanics/elasticity.h>
#include <physics/mechanics/fields.h>
#include <physics/mechanics/hydrostatic_stress.h>
#include <physics/mechanics/module.h>
#include <physics/transport/fields.h>
#include <physics/transport/stress_assisted_flux.h>
#include <solver/geometry/ids.h>
#include <solver/input_error.h>
#include <solver/material_continuity.h>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace heterion::mechanics
{
  using namespace dealii;

  template <int dim>
  void
  Module<dim>::declare_parameters(ParameterHandler &prm)
  {
    Settings::declare_parameters(prm);
    BoundaryConditions<dim>::declare_parameters(prm);
    BodyForce<dim>::declare_parameters(prm);
  }


  template <int dim>
  bool
  Module<dim>::parse_parameters(ParameterHandler &prm)
  {
    mechanics_settings.parse_parameters(prm);
    boundary_conditions.parse_parameters(prm);
    degree = prm.get_integer("Finite element degree");
    prm.enter_subsection("Mechanics");
    // `auto` is k + 1, so that the strain (and the stress, and grad sigma_h
    // in the stress-assisted flux) converges at the order of c.
    const std::string text = prm.get("Displacement degree");
    prm.leave_subsection();
    displacement_degree
      = text == "auto" ? degree + 1 : Utilities::string_to_int(text);
    prm.enter_subsection("Output");
    quiet = prm.get_bool("Quiet");
    prm.leave_subsection();
    AssertThrow(dim == 2 || !mechanics_settings.generalized_plane_strain,
                ExcInput("Mechanics/Out-of-plane strain = free ends is "
                         "for 2D cross-sections of long bodies; in 3D "
                         "model the ends of the body (e.g. a half wire "
                         "with the mid-plane `lower_end` as a symmetry "
                         "boundary)."));
    if (mechanics_settings.enabled)
      body_force = BodyForce<dim>::create(prm);
    return mechanics_settings.enabled;
  }


  template <int dim>
  unsigned int
  Module<dim>::position() const
  {
    return 5;
  }


  template <int dim>
  void
  Module<dim>::declare_fields(std::vector<FieldDeclaration> &fields) const
  {
    fields.push_back(
      fields::displacement_declaration<dim>(displacement_degree));
    fields.push_back(fields::hydrostatic_stress_declaration(degree));
  }


  template <int dim>
  void
  Module<dim>::add_terms(const Introspection<dim> &,
                         assembly::Assembler<dim> &assembler)
  {
    assembler.add_cell_term(std::make_unique<Elasticity<dim>>());
    assembler.add_cell_term(std::make_unique<HydrostaticStress<dim>>());
    if (body_force)
      assembler.add_cell_term(std::move(body_force));
    if (mechanics_settings.stress_assisted)
      assembler.add_cell_term(
        std::make_unique<transport::StressAssistedFlux<dim>>(
          mechanics_settings.temperature));
  }


  template <int dim>
  void
  Module<dim>::initialize(const std::set<types::boundary_id> &existing)
  {
    boundary_conditions.initialize(existing);
  }


  template <int dim>
  void
  Module<dim>::make_constraints(const Mapping<dim>        &mapping,
                                const DoFHandler<dim>     &dof_handler,
                                const Introspection<dim>  &introspection,
                                AffineConstraints<double> &constraints) const
  {
    // sigma_h: continuous within each material, free to jump between them
    // (matched through the concentration's nodes).
    IndexSet relevant;
    DoFTools::extract_locally_relevant_dofs(dof_handler, relevant);
    AffineConstraints<double> hanging(relevant);
    DoFTools::make_hanging_node_constraints(dof_handler, hanging);
    hanging.close();
    make_material_continuity_constraints(
      dof_handler,
      introspection.first_component(
        introspection.field(fields::hydrostatic_stress)),
      dof_handler,
      introspection.first_component(
        introspection.field(transport::fields::concentration)),
      hanging,
      constraints);
    const std::string fixed = boundary_conditions.make_constraints(
      mapping, dof_handler, introspection, constraints);
    ConditionalOStream pcout(
      std::cout,
      Utilities::MPI::this_mpi_process(dof_handler.get_communicator()) == 0);
    if (!fixed.empty() && !quiet)
      pcout << "Mechanics: the boundary conditions leave free: " << fixed
            << "; fixed by as many point constraints (no stress)." << std::endl;
  }


  template <int dim>
  void
  Module<dim>::set_scales(const SimulatorContext<dim> &context,
                          std::vector<double>         &scales) const
  {
    // The free swelling displacement |Omega| c_max L / 3 over the body size
    // L, and the eigenstress K |Omega| c_max.
    double size = 0;
    for (const auto &cell : context.dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        size = std::max(size, cell->vertex(0).norm());
    size = Utilities::MPI::max(size, context.mpi_communicator);
    const materials::PropertyCache<dim> &cache
      = context.assembler.property_cache();
    const materials::MaterialModel &model      = context.material_model;
    double                          max_strain = cache.strain_scale();
    for (unsigned int id = 0; id < ids::n_materials(); ++id)
      max_strain
        = std::max(max_strain,
                   std::abs(model.elastic_properties(id).partial_molar_volume)
                     * model.maximum_concentration(id) / 3);
    const Introspection<dim> &introspection           = context.introspection;
    scales[introspection.field(fields::displacement)] = max_strain * size;
    scales[introspection.field(fields::hydrostatic_stress)]
      = std::max(model.stress_scale(), cache.stress_scale());
  }

  template <int dim>
  const Settings &
  Module<dim>::settings() const
  {
    return mechanics_settings;
  }

  template class Module<2>;
  template class Module<3>;

  HETERION_REGISTER_PHYSICS_MODULE(
    Module,
    "mechanics",
    "Small-strain chemo-mechanics: the displacement u and the hydrostatic "
    "stress sigma_h (Mechanics/Enable).")
} // namespace heterion::mechanics

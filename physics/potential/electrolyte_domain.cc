#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>
#include <deal.II/dofs/dof_tools.h>

#include <physics/potential/conduction.h>
#include <physics/potential/electrolyte_domain.h>
#include <physics/potential/fields.h>
#include <solver/dof_constraints.h>
#include <solver/input_error.h>

#include <vector>

namespace heterion::potential
{
  using namespace dealii;

  template <int dim>
  void
  ElectrolyteDomain<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Electrochemistry");
    prm.declare_entry(
      "Electrolyte materials",
      "",
      Patterns::Anything(),
      "Comma-separated names of the materials that are electrolyte (an "
      "ionically conducting coating, solid-electrolyte shell or matrix) "
      "rather than active: there the electrolyte potential phi_e [V] is "
      "solved from div(kappa grad phi_e) = 0 with the material's `Ionic "
      "conductivity` kappa [S/m], and no lithium is stored. The faces "
      "between an active and an electrolyte material carry Butler-Volmer "
      "kinetics with eta = V + psi - phi_e - U (in addition to the "
      "`Reaction boundaries`, which may then be empty). Empty: every "
      "material is active and the electrolyte is the reservoir.");
    prm.declare_entry(
      "Electrolyte boundaries",
      "surface",
      Patterns::Anything(),
      "Comma-separated names of the boundaries of the electrolyte "
      "materials that touch the reservoir, where phi_e = 0.");
    prm.leave_subsection();
  }


  template <int dim>
  bool
  ElectrolyteDomain<dim>::parse_parameters(ParameterHandler &prm)
  {
    degree = prm.get_integer("Finite element degree");
    prm.enter_subsection("Mechanics");
    const bool mechanics = prm.get_bool("Enable");
    prm.leave_subsection();
    prm.enter_subsection("Electrochemistry");
    materials.clear();
    for (const types::material_id id :
         ids::material_ids("Electrochemistry/Electrolyte materials",
                           prm.get("Electrolyte materials")))
      materials.insert(id);
    domain_of_material = assembly::Domains();
    define_domains(domain_of_material);
    boundary_ids = ids::boundary_ids("Electrochemistry/Electrolyte boundaries",
                                     prm.get("Electrolyte boundaries"));
    prm.leave_subsection();
    AssertThrow(!enabled() || !boundary_ids.empty(),
                ExcInput("Electrochemistry/Electrolyte boundaries must name "
                         "the boundaries where the electrolyte materials "
                         "touch the reservoir (phi_e = 0)."));
    AssertThrow(!enabled() || !mechanics,
                ExcInput("Electrochemistry/Electrolyte materials cannot be "
                         "combined with Mechanics/Enable = true yet: the "
                         "swelling and stress of a coating around an active "
                         "material are not implemented. Switch one off."));
    return enabled();
  }


  template <int dim>
  unsigned int
  ElectrolyteDomain<dim>::position() const
  {
    return 20;
  }


  template <int dim>
  void
  ElectrolyteDomain<dim>::declare_fields(
    std::vector<FieldDeclaration> &fields) const
  {
    FieldDeclaration phi_e
      = fields::potential_declaration(fields::electrolyte_potential,
                                      "e",
                                      degree);
    phi_e.domains = {fields::electrolyte_domain};
    fields.push_back(phi_e);
  }


  template <int dim>
  void
  ElectrolyteDomain<dim>::define_domains(assembly::Domains &domains) const
  {
    if (materials.empty())
      return;
    const unsigned int domain = domains.add(fields::electrolyte_domain, true);
    for (const types::material_id id : materials)
      domains.assign(id, domain);
  }


  template <int dim>
  void
  ElectrolyteDomain<dim>::add_terms(const Introspection<dim> &introspection,
                                    assembly::Assembler<dim> &assembler)
  {
    assembler.add_cell_term(
      std::make_unique<Conduction<dim>>(introspection,
                                        Conduction<dim>::Carrier::ions));
  }


  template <int dim>
  bool
  ElectrolyteDomain<dim>::enabled() const
  {
    return !materials.empty();
  }


  template <int dim>
  const assembly::Domains &
  ElectrolyteDomain<dim>::domains() const
  {
    return domain_of_material;
  }


  template <int dim>
  void
  ElectrolyteDomain<dim>::initialize_on_mesh(
    const SimulatorContext<dim>        &context,
    const std::set<types::boundary_id> &existing)
  {
    const DoFHandler<dim> &dof_handler = context.dof_handler;
    ids::check_boundaries_exist("Electrochemistry/Electrolyte boundaries",
                                boundary_ids,
                                existing);
    // Cells per material, active cells, interface faces, then per boundary
    // id the faces of the electrolyte on it (a flux or concentration
    // boundary there is the transport module's error).
    const unsigned int        n_materials  = ids::n_materials();
    const unsigned int        n_boundaries = ids::n_boundaries();
    const unsigned int        n_counts     = n_materials + 2;
    std::vector<unsigned int> counts(n_counts + n_boundaries, 0);
    // The domains of the run (with those of the other modules).
    const assembly::Domains &domains = context.assembler.cell_domains();
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          ++counts[cell->material_id()];
          const bool electrolyte = materials.count(cell->material_id()) > 0;
          counts[n_materials] += domains.of(cell) == assembly::Domains::active;
          for (const unsigned int f : cell->face_indices())
            {
              if (electrolyte && cell->at_boundary(f)
                  && cell->face(f)->boundary_id() < n_boundaries)
                ++counts[n_counts + cell->face(f)->boundary_id()];
              if (domains.is_interface(cell, f))
                ++counts[n_materials + 1];
            }
        }
    Utilities::MPI::sum(counts, dof_handler.get_communicator(), counts);
    for (unsigned int id = 0; id < n_materials; ++id)
      AssertThrow(!materials.count(id) || counts[id] > 0,
                  ExcInput("Electrochemistry/Electrolyte materials names `"
                           + ids::material_name(id)
                           + "`, but the mesh has no cell of that material."));
    AssertThrow(counts[n_materials] > 0,
                ExcInput("Electrochemistry/Electrolyte materials: every cell "
                         "of the mesh is electrolyte; there is no active "
                         "material."));
    unsigned int n_reference_faces = 0;
    for (const types::boundary_id id : boundary_ids)
      n_reference_faces += id < n_boundaries ? counts[n_counts + id] : 0;
    AssertThrow(n_reference_faces > 0,
                ExcInput("Electrochemistry/Electrolyte boundaries: no face "
                         "of an electrolyte material lies on them, so phi_e "
                         "has no reference (name the boundary where the "
                         "coating or electrolyte meets the reservoir)."));
    AssertThrow(counts[n_materials + 1] > 0,
                ExcInput("Electrochemistry/Electrolyte materials: no "
                         "electrolyte cell touches an active cell, so there "
                         "is no reaction interface."));
  }


  template <int dim>
  void
  ElectrolyteDomain<dim>::make_constraints(
    const Mapping<dim> &,
    const DoFHandler<dim>     &dof_handler,
    const Introspection<dim>  &introspection,
    AffineConstraints<double> &constraints) const
  {
    // phi_e = 0 on the electrolyte boundaries (the zero constraints of
    // every field outside its domains are the Simulator's), on ghost cells
    // too, so that every rank has the lines of its locally relevant DoFs.
    const unsigned int phi_e_component = introspection.first_component(
      introspection.field(fields::electrolyte_potential));
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial() && materials.count(cell->material_id()))
        for (const unsigned int f : cell->face_indices())
          if (cell->at_boundary(f)
              && boundary_ids.count(cell->face(f)->boundary_id()))
            constrain_face_component<dim>(cell,
                                          f,
                                          phi_e_component,
                                          constraints);
  }

  template class ElectrolyteDomain<2>;
  template class ElectrolyteDomain<3>;

  HETERION_REGISTER_PHYSICS_MODULE(
    ElectrolyteDomain,
    "electrolyte",
    "The electrolyte potential phi_e in electrolyte materials "
    "(Electrochemistry/Electrolyte materials) and their reaction interfaces.")
} // namespace heterion::potential

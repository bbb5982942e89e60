#include <deal.II/base/mpi.h>

#include <physics/potential/conduction.h>
#include <physics/potential/fields.h>
#include <physics/potential/solid_conduction.h>
#include <solver/dof_constraints.h>
#include <solver/geometry/ids.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

namespace heterion::potential
{
  using namespace dealii;

  template <int dim>
  void
  SolidConduction<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Electrochemistry");
    prm.declare_entry(
      "Electronic conduction",
      "infinite",
      Patterns::Selection("infinite|resolved"),
      "`infinite`: the solid is one equipotential body at the electrode "
      "potential V. `resolved`: the solid potential phi_s is solved from "
      "div(sigma_e grad phi_s) = 0 with the materials' `Electronic "
      "conductivity` sigma_e [S/m] (a disorder-capable property), phi_s = V "
      "on the contact (`Contact boundaries`, `Contact patch`) and the "
      "Butler-Volmer current on the reaction boundaries; the output gains "
      "the field solid_potential psi = phi_s - V [V].");
    prm.declare_entry(
      "Contact boundaries",
      "",
      Patterns::Anything(),
      "Comma-separated names of the boundaries that carry the electronic "
      "contact (current collector, carbon-binder contact) with `Electronic "
      "conduction = resolved`, where phi_s = V. A contact face carries no "
      "reaction even on a reaction boundary.");
    prm.declare_entry(
      "Contact patch",
      "1",
      Patterns::Anything(),
      "The part of the `Contact boundaries` that is in contact: the faces "
      "whose centre (x, y, z) [m] gives this muParser expression a value "
      "> 0, e.g. `x - 0.8e-6` for a cap of a sphere of radius 1 um. `1`: "
      "the whole boundaries.");
    prm.leave_subsection();
  }


  template <int dim>
  bool
  SolidConduction<dim>::parse_parameters(ParameterHandler &prm)
  {
    degree = prm.get_integer("Finite element degree");
    prm.enter_subsection("Electrochemistry");
    // The kinetics that give the contact its current: reaction boundaries
    // or interfaces with electrolyte materials.
    const bool has_kinetics
      = !Utilities::split_string_list(prm.get("Reaction boundaries")).empty()
        || !Utilities::split_string_list(prm.get("Electrolyte materials"))
              .empty();
    is_resolved = prm.get("Electronic conduction") == "resolved";
    contact_ids = ids::boundary_ids("Electrochemistry/Contact boundaries",
                                    prm.get("Contact boundaries"));
    patch_text  = prm.get("Contact patch");
    patch       = make_parsed_function<dim>("Electrochemistry/Contact patch",
                                      patch_text,
                                      dim == 2 ? "x,y" : "x,y,z",
                                      false);
    prm.leave_subsection();
    AssertThrow(!is_resolved || !contact_ids.empty(),
                ExcInput("Electrochemistry/Electronic conduction = "
                         "resolved needs a contact where phi_s = V: "
                         "name the `Contact boundaries` (and, for a "
                         "part of them, a `Contact patch`)."));
    AssertThrow(!is_resolved || has_kinetics,
                ExcInput("Electrochemistry/Electronic conduction = "
                         "resolved needs Butler-Volmer kinetics: name "
                         "the `Reaction boundaries`."));
    return is_resolved;
  }


  template <int dim>
  unsigned int
  SolidConduction<dim>::position() const
  {
    return 10;
  }


  template <int dim>
  void
  SolidConduction<dim>::declare_fields(
    std::vector<FieldDeclaration> &fields) const
  {
    fields.push_back(
      fields::potential_declaration(fields::solid_potential, "p", degree));
  }


  template <int dim>
  void
  SolidConduction<dim>::add_terms(const Introspection<dim> &introspection,
                                  assembly::Assembler<dim> &assembler)
  {
    assembler.add_cell_term(
      std::make_unique<Conduction<dim>>(introspection,
                                        Conduction<dim>::Carrier::electrons));
  }


  template <int dim>
  bool
  SolidConduction<dim>::is_contact(
    const typename DoFHandler<dim>::active_cell_iterator &cell,
    const unsigned int                                    face_no) const
  {
    if (!is_resolved)
      return false;
    const auto face = cell->face(face_no);
    return face->at_boundary() && contact_ids.count(face->boundary_id())
           && patch->value(face->center()) > 0;
  }


  template <int dim>
  void
  SolidConduction<dim>::initialize_on_mesh(
    const SimulatorContext<dim>        &context,
    const std::set<types::boundary_id> &existing)
  {
    const DoFHandler<dim> &dof_handler = context.dof_handler;
    ids::check_boundaries_exist("Electrochemistry/Contact boundaries",
                                contact_ids,
                                existing);
    unsigned int n_faces = 0;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int f : cell->face_indices())
          n_faces += is_contact(cell, f) ? 1 : 0;
    AssertThrow(Utilities::MPI::sum(n_faces, dof_handler.get_communicator())
                  > 0,
                ExcInput("Electrochemistry/Contact patch `" + patch_text
                         + "` is not positive at the centre of any face of "
                           "the `Contact boundaries`: the solid has no "
                           "contact."));
  }


  template <int dim>
  void
  SolidConduction<dim>::make_constraints(
    const Mapping<dim> &,
    const DoFHandler<dim>     &dof_handler,
    const Introspection<dim>  &introspection,
    AffineConstraints<double> &constraints) const
  {
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        for (const unsigned int f : cell->face_indices())
          if (is_contact(cell, f))
            constrain_face_component<dim>(cell,
                                          f,
                                          introspection.first_component(
                                            introspection.field(
                                              fields::solid_potential)),
                                          constraints);
  }

  template class SolidConduction<2>;
  template class SolidConduction<3>;

  HETERION_REGISTER_PHYSICS_MODULE(
    SolidConduction,
    "solid conduction",
    "The solid potential psi = phi_s - V of resolved electronic conduction "
    "(Electrochemistry/Electronic conduction = resolved).")
} // namespace heterion::potential

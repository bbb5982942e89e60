#include <physics/mechanics/body_force.h>
#include <solver/parsed_function.h>

namespace heterion::mechanics
{
  using namespace dealii;

  template <int dim>
  void
  BodyForce<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Mechanics");
    prm.declare_entry("Body force",
                      "0",
                      Patterns::Anything(),
                      "Body force f [N/m^3]: `0`, or one muParser expression "
                      "of x, y, z [m] and t [s] per component, separated by "
                      "`;`. Mainly for manufactured-solution verification.");
    prm.leave_subsection();
  }


  template <int dim>
  std::unique_ptr<BodyForce<dim>>
  BodyForce<dim>::create(ParameterHandler &prm)
  {
    prm.enter_subsection("Mechanics");
    const std::string text = prm.get("Body force");
    prm.leave_subsection();
    if (text == "0")
      return nullptr;
    auto term   = std::make_unique<BodyForce<dim>>();
    term->force = make_parsed_function<dim>(
      "Mechanics/Body force", text, dim == 2 ? "x,y,t" : "x,y,z,t", true, dim);
    return term;
  }


  template <int dim>
  void
  BodyForce<dim>::assemble(const FEValues<dim>                &fe_values,
                           const assembly::CellPointData<dim> &data,
                           FullMatrix<double> * /*matrix*/,
                           Vector<double> &residual) const
  {
    force->set_time(data.time);
    const unsigned int u_field
      = data.introspection->field(fields::displacement);
    const auto    &u_dofs       = data.introspection->local_dofs(u_field);
    const auto     displacement = data.introspection->vector(u_field);
    Vector<double> f(dim);
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        force->vector_value(fe_values.quadrature_point(q), f);
        Tensor<1, dim> f_q;
        for (unsigned int d = 0; d < dim; ++d)
          f_q[d] = f[d];
        for (const unsigned int i : u_dofs)
          residual(i)
            -= f_q * fe_values[displacement].value(i, q) * fe_values.JxW(q);
      }
  }

  template class BodyForce<2>;
  template class BodyForce<3>;
} // namespace heterion::mechanics

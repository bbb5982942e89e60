#include <physics/transport/volumetric_source.h>
#include <solver/parsed_function.h>

namespace heterion::transport
{
  using namespace dealii;

  template <int dim>
  void
  VolumetricSource<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Sources");
    prm.declare_entry("Volumetric source",
                      "0",
                      Patterns::Anything(),
                      "Lithium source s [mol/m^3/s] in every material: a "
                      "number or a muParser expression of x, y, z [m] and t "
                      "[s]. Mainly for manufactured-solution verification.");
    prm.leave_subsection();
  }


  template <int dim>
  std::unique_ptr<VolumetricSource<dim>>
  VolumetricSource<dim>::create(ParameterHandler &prm)
  {
    prm.enter_subsection("Sources");
    const std::string text = prm.get("Volumetric source");
    prm.leave_subsection();
    if (text == "0")
      return nullptr;
    auto term    = std::make_unique<VolumetricSource<dim>>();
    term->source = make_parsed_function<dim>("Sources/Volumetric source",
                                             text,
                                             dim == 2 ? "x,y,t" : "x,y,z,t",
                                             true);
    return term;
  }


  template <int dim>
  void
  VolumetricSource<dim>::assemble(const FEValues<dim>                &fe_values,
                                  const assembly::CellPointData<dim> &data,
                                  FullMatrix<double> * /*matrix*/,
                                  Vector<double> &residual) const
  {
    source->set_time(data.time);
    const auto &dofs = data.introspection->local_dofs(
      data.introspection->field(fields::concentration));
    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const double s
          = source->value(fe_values.quadrature_point(q)) * fe_values.JxW(q);
        for (const unsigned int i : dofs)
          residual(i) -= s * fe_values.shape_value(i, q);
      }
  }


  template <int dim>
  double
  VolumetricSource<dim>::value(const Point<dim> &x, const double time) const
  {
    source->set_time(time);
    return source->value(x);
  }

  template class VolumetricSource<2>;
  template class VolumetricSource<3>;
} // namespace heterion::transport

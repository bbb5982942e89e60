#include <physics/transport/prescribed_flux.h>

namespace heterion::transport
{
  using namespace dealii;

  template <int dim>
  PrescribedFlux<dim>::PrescribedFlux(
    const BoundaryConditions<dim> &boundary_conditions)
      : boundary_conditions(boundary_conditions)
  {
  }

  template <int dim>
  void
  PrescribedFlux<dim>::assemble(const assembly::FacePointData<dim> &data,
                                const FEFaceValues<dim> &fe_face_values,
                                FullMatrix<double> * /*matrix*/,
                                Vector<double> &residual) const
  {
    if (boundary_conditions.flux_boundaries().count(data.boundary_id) == 0)
      return;
    const auto &dofs = data.introspection->local_dofs(
      data.introspection->field(fields::concentration));
    for (const unsigned int q : fe_face_values.quadrature_point_indices())
      {
        const double j = boundary_conditions.inward_molar_flux(
          fe_face_values.quadrature_point(q), data.time);
        for (const unsigned int i : dofs)
          residual(i)
            -= j * fe_face_values.shape_value(i, q) * fe_face_values.JxW(q);
      }
  }

  template class PrescribedFlux<2>;
  template class PrescribedFlux<3>;
} // namespace heterion::transport

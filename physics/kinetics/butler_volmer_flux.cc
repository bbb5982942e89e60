#include <physics/constants.h>
#include <physics/kinetics/butler_volmer_flux.h>

namespace heterion::kinetics
{
  using namespace dealii;

  template <int dim>
  ButlerVolmerFlux<dim>::ButlerVolmerFlux(
    const Electrode<dim>     &electrode,
    const Introspection<dim> &introspection)
      : electrode(electrode)
      , solid_potential_field(introspection.solid_potential_field)
  {
  }


  template <int dim>
  void
  ButlerVolmerFlux<dim>::assemble(const assembly::FacePointData<dim> &data,
                                  const FEFaceValues<dim> &fe_face_values,
                                  FullMatrix<double>      *matrix,
                                  Vector<double>          &residual) const
  {
    const long offset = electrode.face_offset(data.cell, data.face_no);
    if (offset < 0)
      return;
    const auto &dofs
      = data.introspection->local_dofs(Introspection<dim>::concentration_field);
    const bool  stress   = electrode.stress_in_overpotential();
    const auto &in       = *data.introspection;
    const bool  resolved = in.has_solid_potential();
    for (const unsigned int q : fe_face_values.quadrature_point_indices())
      {
        const auto rate
          = electrode.point_rate(offset + q,
                                 data.c[q],
                                 electrode.potential,
                                 stress ? data.sigma_h[q] : 0.,
                                 resolved ? data.solid_potential[q] : 0.);
        const double dA = fe_face_values.JxW(q);
        const double j  = rate.insertion_current_density / constants::faraday;
        const double dj = rate.d_concentration / constants::faraday;
        for (const unsigned int i : dofs)
          {
            const double phi_i = fe_face_values.shape_value(i, q);
            residual(i) -= j * phi_i * dA;
            if (matrix)
              for (const unsigned int k : dofs)
                (*matrix)(i, k)
                  -= dj * phi_i * fe_face_values.shape_value(k, q) * dA;
            if (matrix && stress)
              for (const unsigned int k : data.introspection->local_dofs(
                     Introspection<dim>::hydrostatic_stress_field))
                (*matrix)(i, k) -= rate.d_stress / constants::faraday * phi_i
                                   * fe_face_values.shape_value(k, q) * dA;
            if (matrix && resolved)
              for (const unsigned int k :
                   in.local_dofs(in.solid_potential_field))
                (*matrix)(i, k) -= rate.d_solid_potential / constants::faraday
                                   * phi_i * fe_face_values.shape_value(k, q)
                                   * dA;
          }
        if (!resolved)
          continue;
        // The current leaving the solid: R_psi,i -= \int i_ins phi_i dA.
        for (const unsigned int i : in.local_dofs(in.solid_potential_field))
          {
            const double phi_i = fe_face_values.shape_value(i, q);
            residual(i) -= rate.insertion_current_density * phi_i * dA;
            if (!matrix)
              continue;
            for (const unsigned int k : dofs)
              (*matrix)(i, k) -= rate.d_concentration * phi_i
                                 * fe_face_values.shape_value(k, q) * dA;
            for (const unsigned int k : in.local_dofs(in.solid_potential_field))
              (*matrix)(i, k) -= rate.d_solid_potential * phi_i
                                 * fe_face_values.shape_value(k, q) * dA;
            if (stress)
              for (const unsigned int k : data.introspection->local_dofs(
                     Introspection<dim>::hydrostatic_stress_field))
                (*matrix)(i, k) -= rate.d_stress * phi_i
                                   * fe_face_values.shape_value(k, q) * dA;
          }
      }
  }

  template class ButlerVolmerFlux<2>;
  template class ButlerVolmerFlux<3>;
} // namespace heterion::kinetics

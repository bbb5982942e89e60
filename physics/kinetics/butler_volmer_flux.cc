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
      , concentration_field(
          introspection.field(transport::fields::concentration))
      , hydrostatic_stress_field(
          introspection.find_field(mechanics::fields::hydrostatic_stress))
      , solid_potential_field(
          introspection.find_field(potential::fields::solid_potential))
      , electrolyte_potential_field(
          introspection.find_field(potential::fields::electrolyte_potential))
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
    const auto &in     = *data.introspection;
    const auto &dofs   = in.local_dofs(concentration_field);
    const bool  stress = electrode.stress_in_overpotential();
    const bool  resolved
      = solid_potential_field != numbers::invalid_unsigned_int;
    const bool electrolyte
      = electrolyte_potential_field != numbers::invalid_unsigned_int;
    const auto &c = data.values(concentration_field);
    for (const unsigned int q : fe_face_values.quadrature_point_indices())
      {
        const double psi_minus_phi_e
          = (resolved ? data.values(solid_potential_field)[q] : 0.)
            - (electrolyte ? data.values(electrolyte_potential_field)[q] : 0.);
        const auto rate
          = electrode.point_rate(offset + q,
                                 c[q],
                                 electrode.potential,
                                 stress
                                   ? data.values(hydrostatic_stress_field)[q]
                                   : 0.,
                                 psi_minus_phi_e);
        const double dA = fe_face_values.JxW(q);
        // Row i gets -(i_ins / divisor) phi_i dA in the residual and, for
        // each field the rate depends on, -(d i_ins / d field / divisor)
        // phi_i phi_k dA in the Jacobian.
        const auto add_row = [&](const unsigned int i, const double divisor) {
          const double phi_i = fe_face_values.shape_value(i, q);
          residual(i) -= rate.insertion_current_density / divisor * phi_i * dA;
          if (!matrix)
            return;
          const auto add_columns
            = [&](const unsigned int field, const double derivative) {
                for (const unsigned int k : in.local_dofs(field))
                  (*matrix)(i, k) -= derivative / divisor * phi_i
                                     * fe_face_values.shape_value(k, q) * dA;
              };
          add_columns(concentration_field, rate.d_concentration);
          if (stress)
            add_columns(hydrostatic_stress_field, rate.d_stress);
          if (resolved)
            add_columns(solid_potential_field, rate.d_solid_potential);
          if (electrolyte)
            add_columns(electrolyte_potential_field, -rate.d_solid_potential);
        };
        // The lithium flux i_ins / F into the particle ...
        for (const unsigned int i : dofs)
          add_row(i, constants::faraday);
        // ... and the current i_ins leaving the solid.
        if (resolved)
          for (const unsigned int i : in.local_dofs(solid_potential_field))
            add_row(i, 1.);
        // ... and entering the electrolyte (on an outer reaction boundary
        // the phi_e DoFs are constrained, and the rows drop out).
        if (electrolyte)
          for (const unsigned int i :
               in.local_dofs(electrolyte_potential_field))
            add_row(i, -1.);
      }
  }

  template class ButlerVolmerFlux<2>;
  template class ButlerVolmerFlux<3>;
} // namespace heterion::kinetics

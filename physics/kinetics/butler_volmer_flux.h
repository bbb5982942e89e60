#pragma once

#include <physics/kinetics/electrode.h>
#include <solver/assembly/term.h>

namespace heterion::kinetics
{
  /**
   * The Butler-Volmer lithium flux on the reaction boundaries at the
   * electrode potential of the current iterate (Electrode::potential):
   *   R_i -= \int_{Gamma_r} (i_ins(c, V) / F) phi_i dA,
   *   dR_i/dc_j = -\int_{Gamma_r} (d i_ins/dc / F) phi_i phi_j dA,
   * with i_ins = -i the insertion current density of Electrode::point_rate;
   * with the stress in the overpotential (eta -= Omega sigma_h / F) also
   *   dR_i/dsigma_h_j = -\int_{Gamma_r} (d i_ins/dsigma_h / F) phi_i psi_j dA.
   * The dependence of V on c under galvanostatic control is added by the
   * caller (Electrode::coupling_vectors).
   */
  template <int dim>
  class ButlerVolmerFlux : public assembly::BoundaryTerm<dim>
  {
  public:
    explicit ButlerVolmerFlux(const Electrode<dim> &electrode);

    void
    assemble(const assembly::FacePointData<dim> &data,
             const dealii::FEFaceValues<dim>    &fe_face_values,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      if (electrode.stress_in_overpotential())
        return {{Introspection<dim>::concentration_field,
                 Introspection<dim>::concentration_field},
                {Introspection<dim>::concentration_field,
                 Introspection<dim>::hydrostatic_stress_field}};
      return {{Introspection<dim>::concentration_field,
               Introspection<dim>::concentration_field}};
    }

  private:
    const Electrode<dim> &electrode;
  };
} // namespace heterion::kinetics

#pragma once

#include <physics/kinetics/electrode.h>
#include <physics/mechanics/fields.h>
#include <physics/potential/fields.h>
#include <physics/transport/fields.h>
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
   *   dR_i/dsigma_h_j = -\int_{Gamma_r} (d i_ins/dsigma_h / F) phi_i s_j dA.
   * With a resolved solid potential psi (eta += psi) the same current
   * leaves the solid through the potential equation,
   *   R^psi_i -= \int_{Gamma_r} i_ins(c, V + psi, sigma_h) p_i dA,
   * with its derivatives in c, psi and sigma_h, and the flux gains
   * dR_i/dpsi_j = -\int (d i_ins/dpsi / F) phi_i p_j dA.
   * With an electrolyte potential phi_e (eta -= phi_e; on the interfaces
   * with electrolyte materials) the current enters the electrolyte,
   *   R^e_i += \int_{Gamma_r} i_ins e_i dA,
   * with d i_ins/d phi_e = -d i_ins/d psi in every row.
   * The dependence of V on c under galvanostatic control is added by the
   * caller (Electrode::coupling_vectors).
   */
  template <int dim>
  class ButlerVolmerFlux : public assembly::BoundaryTerm<dim>
  {
  public:
    ButlerVolmerFlux(const Electrode<dim>     &electrode,
                     const Introspection<dim> &introspection);

    void
    assemble(const assembly::FacePointData<dim> &data,
             const dealii::FEFaceValues<dim>    &fe_face_values,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      const std::string       &c     = transport::fields::concentration;
      const std::string       &s     = mechanics::fields::hydrostatic_stress;
      const std::string       &p     = potential::fields::solid_potential;
      const std::string       &e     = potential::fields::electrolyte_potential;
      assembly::FieldCouplings pairs = {{c, c}};
      if (electrode.stress_in_overpotential())
        pairs.push_back({c, s});
      if (solid_potential_field != dealii::numbers::invalid_unsigned_int)
        {
          pairs.insert(pairs.end(), {{c, p}, {p, c}, {p, p}});
          if (electrode.stress_in_overpotential())
            pairs.push_back({p, s});
        }
      if (electrolyte_potential_field != dealii::numbers::invalid_unsigned_int)
        {
          pairs.insert(pairs.end(), {{c, e}, {e, c}, {e, e}});
          if (solid_potential_field != dealii::numbers::invalid_unsigned_int)
            pairs.insert(pairs.end(), {{e, p}, {p, e}});
        }
      return pairs;
    }

    std::string
    name() const override
    {
      return "the Butler-Volmer reaction flux (Electrochemistry)";
    }

  private:
    const Electrode<dim> &electrode;
    const unsigned int    concentration_field;
    /** The hydrostatic-stress field (invalid_unsigned_int: none). */
    const unsigned int hydrostatic_stress_field;
    /** The solid-potential field (invalid_unsigned_int: not resolved). */
    const unsigned int solid_potential_field;
    /** The electrolyte-potential field (invalid_unsigned_int: none). */
    const unsigned int electrolyte_potential_field;
  };
} // namespace heterion::kinetics

#pragma once

#include <physics/potential/fields.h>
#include <solver/assembly/term.h>

namespace heterion::potential
{
  /**
   * Steady conduction of a potential field: -div(sigma grad phi) = 0,
   *   R_i  += \int sigma grad phi . grad v_i dV,
   *   J_ij += \int sigma grad v_j . grad v_i dV,
   * v_i the shape functions of the field; the residual is a current [A]
   * (per metre in 2D). Two carriers:
   * - `electrons`: the solid potential psi = phi_s - V [V] (V uniform) in
   *   the active materials, sigma the electronic conductivity sigma_e;
   *   psi = 0 on the contact (a constraint);
   * - `ions`: the electrolyte potential phi_e [V] in the electrolyte
   *   materials, sigma the ionic conductivity kappa; phi_e = 0 on the
   *   electrolyte boundaries (a constraint).
   * Conductivities are taken at the point (disorder field and Arrhenius
   * factor). The Butler-Volmer current at the reaction faces is the
   * boundary term of both (kinetics::ButlerVolmerFlux).
   */
  template <int dim>
  class Conduction : public assembly::CellTerm<dim>
  {
  public:
    enum class Carrier
    {
      electrons,
      ions
    };

    Conduction(const Introspection<dim> &introspection, const Carrier carrier);

    void
    assemble(const dealii::FEValues<dim>        &fe_values,
             const assembly::CellPointData<dim> &data,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      return {{field_name, field_name}};
    }

    std::string
    name() const override
    {
      return carrier == Carrier::ions
               ? "the ionic conduction (Materials/<m>/Ionic conductivity)"
               : "the electronic conduction (Materials/<m>/Electronic "
                 "conductivity)";
    }

    std::string
    domain() const override
    {
      return carrier == Carrier::ions ? fields::electrolyte_domain
                                      : active_domain;
    }

  private:
    const Carrier      carrier;
    const std::string  field_name;
    const unsigned int field;
    /** The extractor of the field. */
    const dealii::FEValuesExtractors::Scalar potential;
  };
} // namespace heterion::potential

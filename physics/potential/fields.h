#pragma once

#include <physics/constants.h>
#include <solver/introspection.h>

#include <string>

namespace heterion::potential::fields
{
  /** The solid potential psi = phi_s - V [V], its deviation from the
   * potential V of the contact (resolved electronic conduction). */
  inline const std::string solid_potential = "solid_potential";
  /** The electrolyte potential phi_e [V] (electrolyte materials). */
  inline const std::string electrolyte_potential = "electrolyte_potential";
  /** The domain (assembly::Domains) of the electrolyte materials, where
   * phi_e lives. */
  inline const std::string electrolyte_domain = "electrolyte";

  /** The declaration of a potential @p name with PETSc key @p key:
   * FE_Q(@p degree), value and gradient at the points; its Newton scale
   * is the thermal voltage RT/F. */
  inline FieldDeclaration
  potential_declaration(const std::string &name,
                        const std::string &key,
                        const unsigned int degree)
  {
    FieldDeclaration d(name, key, "V", 1, degree);
    d.point_values.gradients = true;
    d.scale = constants::gas_constant * constants::reference_temperature
              / constants::faraday;
    return d;
  }
} // namespace heterion::potential::fields

#pragma once

#include <solver/introspection.h>

#include <string>

namespace heterion::transport::fields
{
  /** The lithium concentration c [mol/m^3]. */
  inline const std::string concentration = "concentration";

  /** The declaration of c: FE_Q(@p degree), with its value, gradient and
   * time history at the quadrature points. */
  inline FieldDeclaration
  concentration_declaration(const unsigned int degree)
  {
    FieldDeclaration d(concentration, "c", "mol/m^3", 1, degree);
    d.point_values.gradients = true;
    d.point_values.history   = true;
    return d;
  }
} // namespace heterion::transport::fields

#pragma once

#include <solver/introspection.h>

#include <string>

namespace heterion::mechanics::fields
{
  /** The displacement u [m] (dim components). */
  inline const std::string displacement = "displacement";
  /** The hydrostatic stress sigma_h [Pa], an L2-projected auxiliary field
   * (doc/theory.md). */
  inline const std::string hydrostatic_stress = "hydrostatic_stress";

  /** The declaration of u: FE_Q(@p degree)^dim, with its symmetric
   * gradient (the small strain) at the quadrature points. */
  template <int dim>
  FieldDeclaration
  displacement_declaration(const unsigned int degree)
  {
    FieldDeclaration d(displacement, "u", "m", dim, degree);
    d.point_values.values              = false;
    d.point_values.symmetric_gradients = true;
    return d;
  }

  /** The declaration of sigma_h: the discontinuous FE_DGQ(@p degree) on
   * the nodes of FE_Q(@p degree), made continuous within each material by
   * constraints (make_material_continuity_constraints), so that it keeps
   * its jump where two materials meet; value and gradient at the points. */
  inline FieldDeclaration
  hydrostatic_stress_declaration(const unsigned int degree)
  {
    FieldDeclaration d(hydrostatic_stress, "s", "Pa", 1, degree);
    d.continuity             = Continuity::discontinuous;
    d.point_values.gradients = true;
    return d;
  }
} // namespace heterion::mechanics::fields

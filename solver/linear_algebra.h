#pragma once

/**
 * @file The one switch between the linear-algebra back ends (deal.II step-40
 * style). Everything else uses the namespace heterion::LA. The back end is
 * chosen at configure time with -DHETERION_LINEAR_ALGEBRA=PETSc|Trilinos.
 */

#include <deal.II/lac/generic_linear_algebra.h>

namespace heterion
{
#if defined(HETERION_USE_TRILINOS)
  namespace LA               = dealii::LinearAlgebraTrilinos;
  constexpr bool la_is_petsc = false;
#else
  namespace LA               = dealii::LinearAlgebraPETSc;
  constexpr bool la_is_petsc = true;
#endif
} // namespace heterion

#pragma once

#include <deal.II/base/quadrature.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>

#include <physics/materials/property_cache.h>
#include <solver/introspection.h>
#include <solver/linear_algebra.h>

namespace heterion::mechanics
{
  /**
   * Generalized plane strain of a 2D cross-section (`Mechanics/Out-of-plane
   * strain = free ends`): the out-of-plane strain eps_zz is one uniform
   * unknown, fixed by zero axial force,
   *   \int sigma_zz dA = \int (lambda (tr eps + eps_zz) + 2 mu eps_zz
   *                            - K Omega (c - c_ref)) dA = 0,
   * which is linear in eps_zz and so gives it explicitly:
   *   eps_zz(u, c) = \int (K Omega (c - c_ref) - lambda div u) dA / A,
   *   A = \int (lambda + 2 mu) dA.
   * The simulator evaluates it at every iterate (like the electrode
   * potential of galvanostatic control), and Newton's Jacobian of the
   * reduced residual R(x, eps_zz(x)) is J + b w^T with
   *   b = dR/d eps_zz (displacement rows \int lambda div v; sigma_h rows
   *       -\int K psi),
   *   w = d eps_zz/dx (displacement columns -\int lambda div phi / A;
   *       concentration columns \int K Omega phi / A),
   * which the simulator solves with the Sherman-Morrison formula.
   */
  template <int dim>
  class AxialStrain
  {
  public:
    /** The properties at the assembly quadrature; @p quadrature must be the
     * one of @p properties. Computes A (per mesh change). */
    void
    reinit(const dealii::Mapping<dim>          &mapping,
           const dealii::DoFHandler<dim>       &dof_handler,
           const Introspection<dim>            &introspection,
           const dealii::Quadrature<dim>       &quadrature,
           const materials::PropertyCache<dim> &properties);

    /** eps_zz of the ghosted @p solution. Collective. */
    double
    value(const LA::MPI::Vector &solution) const;

    /** b and w (above), with the rows and columns of @p constraints
     * removed. */
    void
    coupling_vectors(const dealii::AffineConstraints<double> &constraints,
                     LA::MPI::Vector                         &b,
                     LA::MPI::Vector                         &w) const;

  private:
    const dealii::Mapping<dim>          *mapping       = nullptr;
    const dealii::DoFHandler<dim>       *dof_handler   = nullptr;
    const Introspection<dim>            *introspection = nullptr;
    const dealii::Quadrature<dim>       *quadrature    = nullptr;
    const materials::PropertyCache<dim> *properties    = nullptr;
    /** \int (lambda + 2 mu) dA [Pa m^2 (per m in 2D)]. */
    double stiffness = 0;
  };
} // namespace heterion::mechanics

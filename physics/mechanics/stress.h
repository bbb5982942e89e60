#pragma once

#include <deal.II/base/symmetric_tensor.h>

#include <physics/materials/material_model.h>

namespace heterion::mechanics
{
  /**
   * The stress of the small-strain chemo-elastic law
   *   sigma = lambda tr(eps) I + 2 mu eps - K Omega (c - c_ref) I,
   * i.e. sigma = C : (eps - (Omega/3)(c - c_ref) I) for isotropic C, with
   * K = lambda + 2 mu / 3. In 2D the in-plane part; the out-of-plane strain
   * eps_zz is @p axial_strain (0: plane strain; a uniform value:
   * generalized plane strain), so tr(eps) includes it. In 3D
   * @p axial_strain must be 0.
   */
  template <int dim>
  inline dealii::SymmetricTensor<2, dim>
  stress(const materials::ElasticProperties    &e,
         const dealii::SymmetricTensor<2, dim> &strain,
         const double                           c,
         const double                           axial_strain = 0)
  {
    const double swelling = e.bulk_modulus * e.partial_molar_volume
                            * (c - e.reference_concentration);
    return (e.lambda * (dealii::trace(strain) + axial_strain) - swelling)
             * dealii::unit_symmetric_tensor<dim>()
           + 2 * e.mu * strain;
  }

  /**
   * The full 3x3 stress: in 3D the stress itself, in 2D the in-plane stress
   * with sigma_zz = lambda (tr eps + eps_zz) + 2 mu eps_zz
   * - K Omega (c - c_ref), eps_zz = @p axial_strain (0 in plane strain).
   */
  template <int dim>
  inline dealii::SymmetricTensor<2, 3>
  stress_3d(const materials::ElasticProperties    &e,
            const dealii::SymmetricTensor<2, dim> &strain,
            const double                           c,
            const double                           axial_strain = 0)
  {
    const dealii::SymmetricTensor<2, dim> s
      = stress<dim>(e, strain, c, axial_strain);
    dealii::SymmetricTensor<2, 3> full;
    for (unsigned int i = 0; i < dim; ++i)
      for (unsigned int j = i; j < dim; ++j)
        full[i][j] = s[i][j];
    if (dim == 2)
      full[2][2] = e.lambda * (dealii::trace(strain) + axial_strain)
                   + 2 * e.mu * axial_strain
                   - e.bulk_modulus * e.partial_molar_volume
                       * (c - e.reference_concentration);
    return full;
  }

  /** The hydrostatic stress sigma_h = tr(sigma)/3 = K (tr eps - Omega (c -
   * c_ref)), with tr eps including the out-of-plane strain @p axial_strain
   * in 2D (0 in plane strain). */
  template <int dim>
  inline double
  hydrostatic_stress(const materials::ElasticProperties    &e,
                     const dealii::SymmetricTensor<2, dim> &strain,
                     const double                           c,
                     const double                           axial_strain = 0)
  {
    return e.bulk_modulus
           * (dealii::trace(strain) + axial_strain
              - e.partial_molar_volume * (c - e.reference_concentration));
  }

  /** Von Mises stress sqrt(3/2 dev(sigma) : dev(sigma)). */
  inline double
  von_mises(const dealii::SymmetricTensor<2, 3> &sigma)
  {
    const auto d = dealii::deviator(sigma);
    return std::sqrt(1.5 * (d * d));
  }

  /**
   * Largest principal stress, by Jacobi rotations (accurate to round-off;
   * the closed-form eigenvalues lose digits when two principal stresses
   * nearly coincide, which made results depend on the partition).
   */
  inline double
  max_principal(const dealii::SymmetricTensor<2, 3> &sigma)
  {
    const auto pairs
      = dealii::eigenvectors(sigma,
                             dealii::SymmetricTensorEigenvectorMethod::jacobi);
    return pairs[0].first;
  }
} // namespace heterion::mechanics

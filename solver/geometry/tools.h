#pragma once

#include <deal.II/base/bounding_box.h>
#include <deal.II/base/point.h>
#include <deal.II/base/quadrature.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/grid/tria.h>

#include <solver/geometry/interface.h>

#include <string>
#include <vector>

namespace heterion::geometry
{
  /**
   * One layer of a body built from concentric spheres (discs in 2D):
   * inner radius 0 makes a solid ball.
   */
  struct SphericalLayer
  {
    double                     inner_radius;
    double                     outer_radius;
    dealii::types::material_id material;
  };

  /**
   * Creates a body of concentric spherical layers centred at the origin
   * (touching layers share their interface; separate layers form separate
   * bodies, as in a yolk–shell particle), full or one octant (quadrant in
   * 2D) with symmetry planes. Assigns material ids per layer, boundary ids
   * (outermost radius: surface; the outer radius of an inner body:
   * core_surface; an inner radius without material inside: inner_surface;
   * coordinate planes: symmetry_x/y/z) and the spherical manifolds (the
   * central cube of a ball gets a transfinite interpolation). The radii are
   * scaled by @p semi_axes / semi_axes[0] afterwards when they differ
   * (ellipsoids), with a matching ellipsoidal manifold.
   */
  template <int dim>
  void
  create_spherical_body(dealii::Triangulation<dim>        &tria,
                        const std::vector<SphericalLayer> &layers,
                        const bool                         octant,
                        const dealii::Tensor<1, dim>      &semi_axes);

  /** Semi-axes of a sphere of radius @p radius: (r, r, r). */
  template <int dim>
  inline dealii::Tensor<1, dim>
  isotropic_axes(const double radius)
  {
    dealii::Tensor<1, dim> axes;
    for (unsigned int d = 0; d < dim; ++d)
      axes[d] = radius;
    return axes;
  }

  /**
   * Assigns the symmetry_x/y/z boundary ids to boundary faces whose
   * vertices all lie on a coordinate plane (to within @p tolerance).
   */
  template <int dim>
  void
  assign_symmetry_boundary_ids(dealii::Triangulation<dim> &tria,
                               const double                tolerance);

  /**
   * The bounding box of the body that @p geometry describes: of its
   * coarse mesh, refined twice where it has curved manifolds (so that,
   * e.g., the poles of a sphere are vertices). It depends only on the
   * geometry's parameters, not on the run's mesh or partition.
   */
  template <int dim>
  dealii::BoundingBox<dim>
  domain_bounding_box(const Interface<dim> &geometry);

  /**
   * The bounding box of the vertices of the locally owned cells of @p tria
   * on all ranks together (a distributed mesh). Collective.
   */
  template <int dim>
  dealii::BoundingBox<dim>
  global_bounding_box(const dealii::Triangulation<dim> &tria);

  /**
   * Checks every locally owned cell of @p tria: the Jacobian determinant of
   * @p mapping must be finite and positive at the points of @p quadrature,
   * and the cell's volume at least 1e-10 of the mean cell volume (a
   * collapsed element of an imported mesh has neither). Throws ExcInput on
   * every rank otherwise, naming the cell's centre, its material and
   * @p source (where the mesh comes from). Collective.
   */
  template <int dim>
  void
  check_cells(const dealii::Mapping<dim>       &mapping,
              const dealii::Triangulation<dim> &tria,
              const dealii::Quadrature<dim>    &quadrature,
              const std::string                &source);
} // namespace heterion::geometry

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/manifold_lib.h>

#include <solver/geometry/ids.h>
#include <solver/geometry/tools.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <cmath>
#include <limits>
#include <tuple>

namespace heterion::geometry
{
  using namespace dealii;

  namespace
  {
    constexpr types::manifold_id spherical_manifold_id   = 0;
    constexpr types::manifold_id transfinite_manifold_id = 1;
    /** Marks boundary faces before they are classified. */
    constexpr types::boundary_id unassigned_boundary_id = 200;

    /**
     * A spherical manifold seen through an affine stretch: points are mapped
     * to the unit-sphere space x_i / a_i, averaged there by the spherical
     * manifold, and mapped back. Describes ellipsoids (ellipses in 2D).
     */
    template <int dim>
    class StretchedSphericalManifold : public Manifold<dim>
    {
    public:
      explicit StretchedSphericalManifold(const Tensor<1, dim> &semi_axes)
          : semi_axes(semi_axes)
          , sphere(Point<dim>())
      {
      }

      std::unique_ptr<Manifold<dim>>
      clone() const override
      {
        return std::make_unique<StretchedSphericalManifold<dim>>(semi_axes);
      }

      Point<dim>
      get_new_point(const ArrayView<const Point<dim>> &points,
                    const ArrayView<const double>     &weights) const override
      {
        std::vector<Point<dim>> unit_points(points.size());
        for (unsigned int i = 0; i < points.size(); ++i)
          for (unsigned int d = 0; d < dim; ++d)
            unit_points[i][d] = points[i][d] / semi_axes[d];
        Point<dim> p
          = sphere.get_new_point(make_array_view(unit_points), weights);
        for (unsigned int d = 0; d < dim; ++d)
          p[d] *= semi_axes[d];
        return p;
      }

    private:
      const Tensor<1, dim>         semi_axes;
      const SphericalManifold<dim> sphere;
    };

    /**
     * Builds every layer from one unit ball (or its octant): a solid layer
     * is the ball scaled to its radius; a shell layer extrudes the ball's
     * spherical boundary faces radially from its inner to its outer radius.
     * Layers that touch therefore share their interface vertices exactly.
     */
    template <int dim>
    void
    create_layers(Triangulation<dim>                &tria,
                  const std::vector<SphericalLayer> &layers,
                  const bool                         octant)
    {
      Triangulation<dim> unit_ball;
      if (octant)
        GridGenerator::quarter_hyper_ball(unit_ball);
      else
        GridGenerator::hyper_ball(unit_ball);
      const std::vector<Point<dim>> &unit_vertices = unit_ball.get_vertices();

      // The faces of the unit ball on the unit sphere, as vertex lists.
      std::vector<std::vector<unsigned int>> sphere_faces;
      for (const auto &cell : unit_ball.active_cell_iterators())
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary())
            {
              std::vector<unsigned int> face_vertices;
              for (const unsigned int v : face->vertex_indices())
                if (std::abs(face->vertex(v).norm() - 1) < 1e-12)
                  face_vertices.push_back(face->vertex_index(v));
              if (face_vertices.size() == face->n_vertices())
                sphere_faces.push_back(face_vertices);
            }

      std::vector<Point<dim>>    vertices;
      std::vector<CellData<dim>> cells;
      const auto                 add_vertex = [&](const Point<dim> &p) {
        vertices.push_back(p);
        return static_cast<unsigned int>(vertices.size() - 1);
      };
      for (const SphericalLayer &layer : layers)
        if (layer.inner_radius == 0)
          for (const auto &cell : unit_ball.active_cell_iterators())
            {
              CellData<dim> data(cell->n_vertices());
              for (const unsigned int v : cell->vertex_indices())
                data.vertices[v]
                  = add_vertex(layer.outer_radius * cell->vertex(v));
              data.material_id = layer.material;
              cells.push_back(data);
            }
        else
          for (const auto &face : sphere_faces)
            {
              CellData<dim> data(2 * face.size());
              for (unsigned int v = 0; v < face.size(); ++v)
                {
                  const Point<dim> &p = unit_vertices[face[v]];
                  data.vertices[v]    = add_vertex(layer.inner_radius * p);
                  data.vertices[face.size() + v]
                    = add_vertex(layer.outer_radius * p);
                }
              data.material_id = layer.material;
              cells.push_back(data);
            }

      SubCellData               no_subcell_data;
      std::vector<unsigned int> considered;
      GridTools::delete_duplicated_vertices(vertices,
                                            cells,
                                            no_subcell_data,
                                            considered,
                                            1e-12 * layers.back().outer_radius);
      GridTools::invert_cells_with_negative_measure(vertices, cells);
      GridTools::consistently_order_cells(cells);
      tria.create_triangulation(vertices, cells, no_subcell_data);
    }

  } // namespace


  template <int dim>
  void
  assign_symmetry_boundary_ids(Triangulation<dim> &tria, const double tolerance)
  {
    const types::boundary_id plane_ids[3] = {ids::boundary::symmetry_x,
                                             ids::boundary::symmetry_y,
                                             ids::boundary::symmetry_z};
    for (const auto &face : tria.active_face_iterators())
      if (face->at_boundary())
        for (unsigned int d = 0; d < dim; ++d)
          {
            bool on_plane = true;
            for (const unsigned int v : face->vertex_indices())
              on_plane = on_plane && std::abs(face->vertex(v)[d]) < tolerance;
            if (on_plane)
              face->set_boundary_id(plane_ids[d]);
          }
  }


  template <int dim>
  void
  create_spherical_body(Triangulation<dim>                &tria,
                        const std::vector<SphericalLayer> &layers,
                        const bool                         octant,
                        const Tensor<1, dim>              &semi_axes)
  {
    Assert(!layers.empty(), ExcInternalError());
    for (unsigned int i = 0; i < layers.size(); ++i)
      {
        const SphericalLayer &layer = layers[i];
        AssertThrow(layer.inner_radius >= 0
                      && layer.outer_radius > layer.inner_radius,
                    ExcInput("Radii must be ordered: 0 <= inner radius < "
                             "outer radius, got "
                             + to_text(layer.inner_radius) + " and "
                             + to_text(layer.outer_radius) + " m."));
        if (i > 0)
          AssertThrow(layer.inner_radius >= layers[i - 1].outer_radius,
                      ExcInput("Layers must not overlap: a layer starts at "
                               + to_text(layer.inner_radius)
                               + " m inside the previous one, which ends at "
                               + to_text(layers[i - 1].outer_radius) + " m."));
      }

    const double outer_radius = layers.back().outer_radius;
    const double tolerance    = 1e-10 * outer_radius;
    create_layers(tria, layers, octant);

    // Boundary ids from the radii of the faces' vertices.
    for (const auto &face : tria.active_face_iterators())
      if (face->at_boundary())
        {
          double r_min = outer_radius, r_max = 0;
          for (const unsigned int v : face->vertex_indices())
            {
              r_min = std::min(r_min, face->vertex(v).norm());
              r_max = std::max(r_max, face->vertex(v).norm());
            }
          face->set_boundary_id(unassigned_boundary_id);
          if (r_max - r_min > tolerance)
            continue;
          for (unsigned int i = 0; i < layers.size(); ++i)
            {
              if (std::abs(r_min - layers[i].outer_radius) < tolerance)
                face->set_boundary_id(i + 1 == layers.size()
                                        ? ids::boundary::surface
                                        : ids::boundary::core_surface);
              if (std::abs(r_min - layers[i].inner_radius) < tolerance)
                face->set_boundary_id(ids::boundary::inner_surface);
            }
        }
    if (octant)
      assign_symmetry_boundary_ids(tria, tolerance);
    for (const auto &face : tria.active_face_iterators())
      if (face->at_boundary())
        {
          AssertThrow(face->boundary_id() != unassigned_boundary_id,
                      ExcInternalError());
          // Touching layers share their interface: no boundary face there.
          for (unsigned int i = 1; i < layers.size(); ++i)
            {
              bool on_interface
                = layers[i].inner_radius == layers[i - 1].outer_radius;
              for (const unsigned int v : face->vertex_indices())
                on_interface
                  = on_interface
                    && std::abs(face->vertex(v).norm() - layers[i].inner_radius)
                         < tolerance;
              AssertThrow(!on_interface, ExcInternalError());
            }
        }

    // Manifolds: spherical everywhere except the central cube of each ball.
    tria.set_all_manifold_ids(spherical_manifold_id);
    for (const auto &cell : tria.active_cell_iterators())
      {
        const double r_cell = cell->center().norm();
        for (const auto &layer : layers)
          if (layer.inner_radius == 0 && r_cell < layer.outer_radius)
            {
              bool touches_sphere = false;
              for (const unsigned int v : cell->vertex_indices())
                touches_sphere
                  = touches_sphere
                    || std::abs(cell->vertex(v).norm() - layer.outer_radius)
                         < tolerance;
              if (!touches_sphere)
                cell->set_all_manifold_ids(transfinite_manifold_id);
            }
      }
    bool stretched = false;
    for (unsigned int d = 1; d < dim; ++d)
      stretched = stretched || semi_axes[d] != semi_axes[0];
    if (stretched)
      {
        GridTools::transform(
          [&](const Point<dim> &p) {
            Point<dim> q;
            for (unsigned int d = 0; d < dim; ++d)
              q[d] = p[d] * semi_axes[d] / semi_axes[0];
            return q;
          },
          tria);
        tria.set_manifold(spherical_manifold_id,
                          StretchedSphericalManifold<dim>(semi_axes));
      }
    else
      tria.set_manifold(spherical_manifold_id, SphericalManifold<dim>());

    TransfiniteInterpolationManifold<dim> transfinite;
    transfinite.initialize(tria);
    tria.set_manifold(transfinite_manifold_id, transfinite);
  }

  template void
  create_spherical_body(Triangulation<2> &,
                        const std::vector<SphericalLayer> &,
                        const bool,
                        const Tensor<1, 2> &);
  template void
  create_spherical_body(Triangulation<3> &,
                        const std::vector<SphericalLayer> &,
                        const bool,
                        const Tensor<1, 3> &);
  template void
  assign_symmetry_boundary_ids(Triangulation<2> &, const double);
  template void
  assign_symmetry_boundary_ids(Triangulation<3> &, const double);

  template <int dim>
  BoundingBox<dim>
  domain_bounding_box(const Interface<dim> &geometry)
  {
    Triangulation<dim> tria;
    geometry.create_coarse_mesh(tria);
    const auto manifolds = tria.get_manifold_ids();
    if (manifolds.size() > 1
        || (manifolds.size() == 1
            && *manifolds.begin() != numbers::flat_manifold_id))
      tria.refine_global(2);
    std::vector<Point<dim>> used;
    for (unsigned int v = 0; v < tria.n_vertices(); ++v)
      if (tria.vertex_used(v))
        used.push_back(tria.get_vertices()[v]);
    return BoundingBox<dim>(used);
  }

  template BoundingBox<2>
  domain_bounding_box(const Interface<2> &);
  template BoundingBox<3>
  domain_bounding_box(const Interface<3> &);

  template <int dim>
  BoundingBox<dim>
  global_bounding_box(const Triangulation<dim> &tria)
  {
    const MPI_Comm comm = tria.get_communicator();
    Point<dim>     lower, upper;
    for (unsigned int d = 0; d < dim; ++d)
      {
        lower[d] = std::numeric_limits<double>::max();
        upper[d] = -lower[d];
      }
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          for (unsigned int d = 0; d < dim; ++d)
            {
              lower[d] = std::min(lower[d], cell->vertex(v)[d]);
              upper[d] = std::max(upper[d], cell->vertex(v)[d]);
            }
    for (unsigned int d = 0; d < dim; ++d)
      {
        lower[d] = Utilities::MPI::min(lower[d], comm);
        upper[d] = Utilities::MPI::max(upper[d], comm);
      }
    return BoundingBox<dim>(std::make_pair(lower, upper));
  }

  template BoundingBox<2>
  global_bounding_box(const Triangulation<2> &);
  template BoundingBox<3>
  global_bounding_box(const Triangulation<3> &);


  template <int dim>
  void
  check_cells(const Mapping<dim>       &mapping,
              const Triangulation<dim> &tria,
              const Quadrature<dim>    &quadrature,
              const std::string        &source)
  {
    const MPI_Comm  comm = tria.get_communicator();
    const FE_Q<dim> fe(1);
    FEValues<dim>   fe_values(mapping, fe, quadrature, update_JxW_values);
    double          total = 0, n = 0;
    // The first cell with a bad Jacobian, and the smallest cell.
    typename Triangulation<dim>::active_cell_iterator inverted, smallest;
    double smallest_volume = std::numeric_limits<double>::max();
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          double volume = 0;
          bool   good   = true;
          for (const unsigned int q : fe_values.quadrature_point_indices())
            {
              good = good && std::isfinite(fe_values.JxW(q))
                     && fe_values.JxW(q) > 0;
              volume += fe_values.JxW(q);
            }
          if (!good
              && inverted ==
                   typename Triangulation<dim>::active_cell_iterator())
            inverted = cell;
          if (good && volume < smallest_volume)
            std::tie(smallest_volume, smallest) = std::make_pair(volume, cell);
          total += volume;
          n += 1;
        }
    const double mean = Utilities::MPI::sum(total, comm)
                        / std::max(1., Utilities::MPI::sum(n, comm));
    std::string message;
    const auto  describe = [&](const auto &cell, const std::string &problem) {
      const Point<dim> x = cell->center();
      std::string      where;
      for (unsigned int d = 0; d < dim; ++d)
        where += (d ? ", " : "") + to_text(x[d]);
      return source + " has " + problem + " at x = (" + where
             + ") m, material '" + ids::material_name(cell->material_id())
             + "'. Repair the mesh (in Gmsh: Mesh > Optimize, or remove the "
                "degenerate elements).";
    };
    if (inverted != typename Triangulation<dim>::active_cell_iterator())
      message = describe(inverted,
                         "a cell whose Jacobian determinant is not positive "
                         "(an inverted or collapsed element)");
    else if (smallest_volume < 1e-10 * mean)
      message = describe(smallest,
                         "a cell of volume " + to_text(smallest_volume)
                           + ", below 1e-10 of the mean cell volume "
                           + to_text(mean) + " (a collapsed element)");
    const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(comm);
    const unsigned int first   = Utilities::MPI::min(
      message.empty() ? n_ranks : Utilities::MPI::this_mpi_process(comm), comm);
    if (first < n_ranks)
      AssertThrow(false,
                  ExcInput(Utilities::MPI::broadcast(comm, message, first)));
  }

  template void
  check_cells(const Mapping<2> &,
              const Triangulation<2> &,
              const Quadrature<2> &,
              const std::string &);
  template void
  check_cells(const Mapping<3> &,
              const Triangulation<3> &,
              const Quadrature<3> &,
              const std::string &);
} // namespace heterion::geometry

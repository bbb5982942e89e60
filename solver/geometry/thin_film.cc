#include <deal.II/grid/grid_generator.h>

#include <solver/geometry/ids.h>
#include <solver/geometry/interface.h>

#include <cmath>

namespace heterion::geometry
{
  using namespace dealii;

  /**
   * A film of thickness H on a substrate: the box [0, Lx] x [0, Ly] x [0, H]
   * (the rectangle [0, Lx] x [0, H] in 2D). The top face is `surface` (in
   * contact with the electrolyte), the bottom face `bottom` (bonded to the
   * substrate), the lateral faces `sides`. Material `particle`. With a
   * `Coating thickness` H_c > 0 a layer [H, H + H_c] of material `coating`
   * lies on the film, and its top face is `surface`.
   */
  template <int dim>
  class ThinFilm : public Interface<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Thin film");
      prm.declare_entry("Thickness",
                        "100e-9",
                        Patterns::Double(0),
                        "Film thickness H [m] (along z in 3D, y in 2D).");
      prm.declare_entry("Width",
                        "200e-9",
                        Patterns::Double(0),
                        "Lateral extent of the modelled patch along x (and "
                        "y in 3D) [m].");
      prm.declare_entry("Cells across thickness",
                        "2",
                        Patterns::Integer(1, 1000),
                        "Coarse cells across the thickness; the lateral "
                        "count follows from the aspect ratio.");
      prm.declare_entry("Coating thickness",
                        "0",
                        Patterns::Double(0),
                        "Thickness H_c [m] of a layer of material `coating` "
                        "on top of the film (e.g. a solid-electrolyte or "
                        "oxide coating, see Electrochemistry/Electrolyte "
                        "materials); 0: no coating.");
      prm.declare_entry("Cells across coating",
                        "1",
                        Patterns::Integer(1, 1000),
                        "Coarse cells across the coating thickness.");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm) override
    {
      prm.enter_subsection("Thin film");
      thickness     = prm.get_double("Thickness");
      width         = prm.get_double("Width");
      n_cells_thick = prm.get_integer("Cells across thickness");
      coating       = prm.get_double("Coating thickness");
      n_cells_coat  = prm.get_integer("Cells across coating");
      prm.leave_subsection();
      AssertThrow(thickness > 0 && width > 0,
                  ExcInput("Geometry/Thin film: Thickness and Width must be "
                           "> 0 m."));
    }

    double
    n_coarse_cells() const override
    {
      const double lateral
        = std::max(1., std::round(width / (thickness / n_cells_thick)));
      return std::pow(lateral, dim - 1)
             * (n_cells_thick + (coating > 0 ? n_cells_coat : 0));
    }

    void
    create_coarse_mesh(Triangulation<dim> &tria) const override
    {
      const double h = thickness / n_cells_thick;
      const auto   n_lateral
        = std::max(1u, static_cast<unsigned int>(std::round(width / h)));
      // Cell sizes per direction: uniform laterally, the film's and the
      // coating's cells across.
      std::vector<std::vector<double>> steps(
        dim, std::vector<double>(n_lateral, width / n_lateral));
      steps[dim - 1].assign(n_cells_thick, h);
      if (coating > 0)
        steps[dim - 1].insert(steps[dim - 1].end(),
                              n_cells_coat,
                              coating / n_cells_coat);
      Point<dim> upper;
      for (unsigned int d = 0; d < dim; ++d)
        upper[d] = width;
      const double top = thickness + coating;
      upper[dim - 1]   = top;
      GridGenerator::subdivided_hyper_rectangle(tria,
                                                steps,
                                                Point<dim>(),
                                                upper);
      const double tolerance = 1e-10 * thickness;
      for (const auto &face : tria.active_face_iterators())
        if (face->at_boundary())
          {
            const double z = face->center()[dim - 1];
            face->set_boundary_id(
              std::abs(z) < tolerance         ? ids::boundary::bottom
              : std::abs(z - top) < tolerance ? ids::boundary::surface
                                              : ids::boundary::sides);
          }
      for (const auto &cell : tria.active_cell_iterators())
        cell->set_material_id(cell->center()[dim - 1] > thickness
                                ? ids::material::coating
                                : ids::material::particle);
    }

    double
    length_scale() const override
    {
      return thickness;
    }

  private:
    double       thickness = 0, width = 0, coating = 0;
    unsigned int n_cells_thick = 1, n_cells_coat = 1;
  };
  HETERION_REGISTER_GEOMETRY_MODEL(
    ThinFilm,
    "thin film",
    "A film on a substrate (box in 3D, rectangle "
    "in 2D), optionally with a coating layer; "
    "boundaries `surface` (top), `bottom` and `sides`.")
} // namespace heterion::geometry

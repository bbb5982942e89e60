#pragma once

#include <physics/disorder/interface.h>
#include <physics/disorder/random.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace heterion::disorder
{
  /**
   * Random non-overlapping spheres (discs in 2D) in a matrix, e.g.
   * nanocrystals in a glass:
   * @f[
   *   f(x) = v_\mathrm{in} \text{ if } |x - c_i| < r_i \text{ for some } i,
   *   \qquad f(x) = v_\mathrm{out} \text{ otherwise.}
   * @f]
   *
   * With `Source = random` the inclusions are placed by random sequential
   * addition in a periodic box B (`Box`, or the domain): radii are drawn
   * from the radius distribution until the sum of inclusion volumes
   * \f$\sum_i V(r_i)\f$ is closest to \f$\phi |B|\f$, sorted largest first,
   * and each is placed at the first of up to 10^4 uniformly random centres
   * at which it keeps a surface-to-surface distance of at least `Minimum
   * gap` to every inclusion placed before (periodic images included). The
   * box is periodic, so the volume fraction is exactly
   * \f$\sum_i V(r_i)/|B|\f$, and points outside B are mapped into it
   * periodically. With `Source = file` the inclusions are read from a file
   * (`x y [z] r` per line) and used as they are (no wrapping).
   *
   * Inclusions are kept in a uniform bucket grid whose bucket size is at
   * least the largest diameter plus the gap, so placement is O(N) and each
   * value() is O(1) (it looks at 2^dim buckets).
   *
   * Parameters (`Disorder/<name>/Inclusions`): `Source`, `Volume fraction`,
   * `Radius distribution`, `Radius`, `Minimum radius`, `Maximum radius`,
   * `Log standard deviation`, `Minimum gap`, `Seed offset`, `Box`, `File
   * name`, `Inside value`, `Outside value`.
   */
  template <int dim>
  class Inclusions : public Field<dim>
  {
  public:
    /** Declares the subsection `Inclusions`. */
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &section) override;

    void
    initialize(const FieldContext<dim> &context) override;

    /** `Inside value` in an inclusion, `Outside value` elsewhere. */
    double
    value(const dealii::Point<dim>        &point,
          const dealii::types::material_id id) const override;

    /** "N inclusions, volume fraction X (target Y)". */
    std::string
    summary() const override;

    /** The number of inclusions. */
    unsigned int
    n_inclusions() const
    {
      return radii.size();
    }

    /** Sum of the inclusion volumes over the box volume. */
    double
    achieved_volume_fraction() const;

    /** The radius of inclusion @p i [m]. */
    double
    radius(const unsigned int i) const
    {
      return radii[i];
    }

    /** The centre of inclusion @p i [m] (inside the box for `random`). */
    const dealii::Point<dim> &
    center(const unsigned int i) const
    {
      return centers[i];
    }

    /** The box the inclusions were placed in (periodic for `random`). */
    const dealii::BoundingBox<dim> &
    box() const
    {
      return placement_box;
    }

    /** Whether the box is periodic (true for `Source = random`). */
    bool
    is_periodic() const
    {
      return periodic;
    }

    /** The largest volume fraction random sequential addition is allowed
     * to aim for (the jamming limit): 0.38 in 3D, 0.547 in 2D. */
    static constexpr double jamming_limit = dim == 3 ? 0.38 : 0.547;

    /** Random centres tried per inclusion before giving up. */
    static constexpr unsigned int max_attempts = 10000;

  private:
    /** Volume (area in 2D) of a ball of radius @p r. */
    static double
    ball_volume(const double r);

    void
    draw_radii(Random &random);
    void
    place_randomly(Random &random);
    void
    read_file(const FieldContext<dim> &context);
    void
    build_grid();

    /** The bucket index of @p p along @p d (clamped to the grid). */
    unsigned int
    bucket_coordinate(const dealii::Point<dim> &p, const unsigned int d) const;

    /** Displacement @p p - @p c, using the nearest periodic image. */
    dealii::Tensor<1, dim>
    displacement(const dealii::Point<dim> &p,
                 const dealii::Point<dim> &c) const;

    // Parameters.
    std::string section_path;
    bool        from_file = false;
    std::string file_name;
    double      target_fraction = 0.1;
    enum class Distribution
    {
      fixed,
      uniform,
      lognormal
    } distribution
      = Distribution::fixed;
    double              radius_value = 1e-8;
    double              min_radius   = 0;
    double              max_radius   = 0;
    double              log_sigma    = 0.25;
    double              gap          = 0;
    std::int64_t        seed_offset  = 0;
    std::vector<double> box_bounds; // empty: the domain
    double              inside_value  = 1;
    double              outside_value = 0;

    // The inclusions.
    dealii::BoundingBox<dim>        placement_box;
    bool                            periodic = true;
    std::vector<double>             radii;
    std::vector<dealii::Point<dim>> centers;
    double                          placed_volume = 0;

    // The bucket grid (compressed rows: bucket b holds the balls
    // bucket_start[b] ... bucket_start[b+1]-1 of bucket_centers/radii).
    dealii::Point<dim>              grid_origin;
    std::array<double, dim>         bucket_width{};
    std::array<unsigned int, dim>   n_buckets{};
    std::vector<unsigned int>       bucket_start;
    std::vector<dealii::Point<dim>> bucket_centers;
    std::vector<double>             bucket_radii;
  };
} // namespace heterion::disorder

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <physics/disorder/inclusions.h>
#include <solver/input_error.h>
#include <solver/input_paths.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace heterion::disorder
{
  using namespace dealii;

  namespace
  {
    /** More inclusions than this is surely a unit mistake (and memory). */
    constexpr std::size_t max_n_inclusions = 10000000;

    /** Parses a number in full (no trailing characters), or returns false. */
    bool
    parse_number(const std::string &text, double &number)
    {
      const char *begin = text.c_str();
      char       *end   = nullptr;
      number            = std::strtod(begin, &end);
      return end != begin && *end == '\0' && std::isfinite(number);
    }
  } // namespace

  template <int dim>
  void
  Inclusions<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Inclusions");
    prm.declare_entry("Source",
                      "random",
                      Patterns::Selection("random|file"),
                      "Where the inclusions come from: `random` (random "
                      "sequential addition in a periodic box) or `file` "
                      "(`File name`).");
    prm.declare_entry(
      "Volume fraction",
      "0.1",
      Patterns::Double(),
      "For `random`: the target volume (area) fraction phi of the inclusions "
      "in the box [1], in (0, 0.38) in 3D and (0, 0.547) in 2D (the jamming "
      "limits of random sequential addition of spheres and discs).");
    prm.declare_entry("Radius distribution",
                      "fixed",
                      Patterns::Selection("fixed|uniform|lognormal"),
                      "For `random`: `fixed` (all radii = `Radius`), "
                      "`uniform` on [`Minimum radius`, `Maximum radius`], or "
                      "`lognormal` with median `Radius` and log standard "
                      "deviation `Log standard deviation`.");
    prm.declare_entry("Radius",
                      "1e-8",
                      Patterns::Double(),
                      "The radius of every inclusion (`fixed`) or the median "
                      "radius (`lognormal`) [m].");
    prm.declare_entry("Minimum radius",
                      "0",
                      Patterns::Double(),
                      "The lower bound of the radii [m]: for `uniform` "
                      "(required, > 0), for `lognormal` the lower truncation "
                      "if > 0.");
    prm.declare_entry("Maximum radius",
                      "0",
                      Patterns::Double(),
                      "The upper bound of the radii [m]: for `uniform` "
                      "(required, > `Minimum radius`), for `lognormal` the "
                      "upper truncation if > 0.");
    prm.declare_entry("Log standard deviation",
                      "0.25",
                      Patterns::Double(),
                      "For `lognormal`: the standard deviation sigma of "
                      "ln(r) [1], >= 0.");
    prm.declare_entry("Minimum gap",
                      "0",
                      Patterns::Double(),
                      "For `random`: the smallest surface-to-surface "
                      "distance between two inclusions [m], >= 0.");
    prm.declare_entry("Seed offset",
                      "0",
                      Patterns::Integer(),
                      "Added to the field's seed: another offset gives "
                      "another, independent arrangement [1].");
    prm.declare_entry("Box",
                      "",
                      Patterns::Anything(),
                      "The periodic box the inclusions are placed in, as "
                      "`xmin,ymin[,zmin],xmax,ymax[,zmax]` [m]; empty: the "
                      "bounding box of the domain. Points outside it see "
                      "its periodic continuation. For `file`, only the "
                      "denominator of the reported volume fraction.");
    prm.declare_entry("File name",
                      "",
                      Patterns::Anything(),
                      "For `file`: a text file with one inclusion per line, "
                      "`x y r` in 2D or `x y z r` in 3D [m]; `#` starts a "
                      "comment. "
                        + relative_path_rule);
    prm.declare_entry("Inside value",
                      "1",
                      Patterns::Double(),
                      "The field's value inside an inclusion [unit of the "
                      "property it modifies, or 1 for a factor].");
    prm.declare_entry("Outside value",
                      "0",
                      Patterns::Double(),
                      "The field's value outside every inclusion [unit of "
                      "the property it modifies, or 1 for a factor].");
    prm.leave_subsection();
  }


  template <int dim>
  void
  Inclusions<dim>::parse_parameters(ParameterHandler  &prm,
                                    const std::string &section)
  {
    section_path       = section + "/Inclusions/";
    const auto &path   = section_path;
    const auto  quoted = [](const std::string &s) { return "'" + s + "'"; };

    prm.enter_subsection("Inclusions");
    from_file                  = prm.get("Source") == "file";
    file_name                  = prm.get("File name");
    target_fraction            = prm.get_double("Volume fraction");
    const std::string dist     = prm.get("Radius distribution");
    radius_value               = prm.get_double("Radius");
    min_radius                 = prm.get_double("Minimum radius");
    max_radius                 = prm.get_double("Maximum radius");
    log_sigma                  = prm.get_double("Log standard deviation");
    gap                        = prm.get_double("Minimum gap");
    seed_offset                = prm.get_integer("Seed offset");
    const std::string box_text = prm.get("Box");
    inside_value               = prm.get_double("Inside value");
    outside_value              = prm.get_double("Outside value");
    prm.leave_subsection();

    distribution = dist == "uniform"     ? Distribution::uniform
                   : dist == "lognormal" ? Distribution::lognormal
                                         : Distribution::fixed;

    box_bounds.clear();
    if (!Utilities::trim(box_text).empty())
      {
        const auto parts = Utilities::split_string_list(box_text, ',');
        AssertThrow(parts.size() == 2 * dim,
                    ExcInput(path + "Box = " + quoted(box_text) + " has "
                             + std::to_string(parts.size())
                             + " numbers; it needs " + std::to_string(2 * dim)
                             + ": xmin,ymin" + (dim == 3 ? ",zmin" : "")
                             + ",xmax,ymax" + (dim == 3 ? ",zmax" : "")
                             + " [m]."));
        for (const auto &part : parts)
          {
            double x = 0;
            AssertThrow(parse_number(part, x),
                        ExcInput(path + "Box = " + quoted(box_text) + ": '"
                                 + part + "' is not a number."));
            box_bounds.push_back(x);
          }
        for (unsigned int d = 0; d < dim; ++d)
          AssertThrow(box_bounds[d] < box_bounds[dim + d],
                      ExcInput(path + "Box = " + quoted(box_text)
                               + ": the upper bound of coordinate "
                               + std::to_string(d) + " ("
                               + to_text(box_bounds[dim + d])
                               + ") must be larger than the lower ("
                               + to_text(box_bounds[d]) + ")."));
      }

    if (from_file)
      {
        AssertThrow(!Utilities::trim(file_name).empty(),
                    ExcInput(path
                             + "File name is empty; `Source = file` "
                               "needs a file of inclusions."));
        return;
      }

    AssertThrow(
      target_fraction > 0 && target_fraction < jamming_limit,
      ExcInput(path + "Volume fraction = " + to_text(target_fraction)
               + " is not allowed: it must be in (0, " + to_text(jamming_limit)
               + ") in " + std::to_string(dim)
               + "D, since random sequential addition of "
               + (dim == 3 ? "spheres" : "discs")
               + " jams at a volume fraction of about " + to_text(jamming_limit)
               + " (0.38 for spheres, 0.547 for discs)."));
    AssertThrow(gap >= 0,
                ExcInput(path + "Minimum gap = " + to_text(gap)
                         + " must be >= 0 [m]."));
    switch (distribution)
      {
        case Distribution::fixed:
          AssertThrow(radius_value > 0,
                      ExcInput(path + "Radius = " + to_text(radius_value)
                               + " must be > 0 [m]."));
          break;
        case Distribution::uniform:
          AssertThrow(min_radius > 0,
                      ExcInput(path + "Minimum radius = " + to_text(min_radius)
                               + " must be > 0 [m] for a uniform radius "
                                 "distribution."));
          AssertThrow(max_radius >= min_radius,
                      ExcInput(path + "Maximum radius = " + to_text(max_radius)
                               + " must be >= Minimum radius = "
                               + to_text(min_radius) + " [m]."));
          break;
        case Distribution::lognormal:
          AssertThrow(radius_value > 0,
                      ExcInput(path + "Radius = " + to_text(radius_value)
                               + " (the median) must be > 0 [m]."));
          AssertThrow(log_sigma >= 0,
                      ExcInput(path + "Log standard deviation = "
                               + to_text(log_sigma) + " must be >= 0."));
          AssertThrow(min_radius >= 0 && max_radius >= 0,
                      ExcInput(path + "Minimum radius = " + to_text(min_radius)
                               + " and Maximum radius = " + to_text(max_radius)
                               + " must be >= 0 [m] (0: no truncation)."));
          AssertThrow(min_radius == 0 || max_radius == 0
                        || max_radius > min_radius,
                      ExcInput(path + "Maximum radius = " + to_text(max_radius)
                               + " must be > Minimum radius = "
                               + to_text(min_radius)
                               + " [m] for a truncated lognormal."));
          break;
      }
  }


  template <int dim>
  double
  Inclusions<dim>::ball_volume(const double r)
  {
    return dim == 3 ? 4. / 3. * M_PI * r * r * r : M_PI * r * r;
  }


  template <int dim>
  void
  Inclusions<dim>::initialize(const FieldContext<dim> &context)
  {
    radii.clear();
    centers.clear();
    placed_volume = 0;

    if (box_bounds.empty())
      placement_box = context.domain;
    else
      {
        Point<dim> low, high;
        for (unsigned int d = 0; d < dim; ++d)
          {
            low[d]  = box_bounds[d];
            high[d] = box_bounds[dim + d];
          }
        placement_box = BoundingBox<dim>(std::make_pair(low, high));
      }

    if (from_file)
      {
        periodic = false;
        read_file(context);
      }
    else
      {
        periodic = true;
        for (unsigned int d = 0; d < dim; ++d)
          AssertThrow(placement_box.side_length(d) > 0,
                      ExcInput(section_path
                               + "Box: the box of the inclusions (the "
                               + (box_bounds.empty() ? "domain" : "Box")
                               + ") has zero extent along coordinate "
                               + std::to_string(d) + "."));
        Random random(context.seed + static_cast<std::uint64_t>(seed_offset));
        draw_radii(random);
        place_randomly(random);
      }
  }


  template <int dim>
  void
  Inclusions<dim>::draw_radii(Random &random)
  {
    const double lower = min_radius > 0 ? min_radius : 0.;
    const double upper
      = max_radius > 0 ? max_radius : std::numeric_limits<double>::infinity();
    const auto draw = [&]() -> double {
      switch (distribution)
        {
          case Distribution::uniform:
            return random.uniform(min_radius, max_radius);
          case Distribution::lognormal:
            for (unsigned int k = 0; k < 1000; ++k)
              {
                const double r
                  = radius_value * std::exp(log_sigma * random.normal());
                if (r >= lower && r <= upper)
                  return r;
              }
            AssertThrow(false,
                        ExcInput(section_path + "Minimum radius = "
                                 + to_text(min_radius) + ", " + section_path
                                 + "Maximum radius = " + to_text(max_radius)
                                 + ": the truncation interval holds almost "
                                   "none of the lognormal distribution of "
                                   "median "
                                 + to_text(radius_value) + " m and sigma "
                                 + to_text(log_sigma) + "."));
            return 0;
          default:
            return radius_value;
        }
    };

    // Draw until the total volume is closest to the target.
    const double target_volume = target_fraction * placement_box.volume();
    double       sum           = 0;
    while (true)
      {
        const double r = draw();
        const double v = ball_volume(r);
        if (sum + v >= target_volume)
          {
            if (radii.empty() || sum + v - target_volume < target_volume - sum)
              {
                radii.push_back(r);
                sum += v;
              }
            break;
          }
        radii.push_back(r);
        sum += v;
        AssertThrow(radii.size() <= max_n_inclusions,
                    ExcInput(section_path + "Radius: more than "
                             + std::to_string(max_n_inclusions)
                             + " inclusions would be needed for " + section_path
                             + "Volume fraction = " + to_text(target_fraction)
                             + " in a box of volume "
                             + to_text(placement_box.volume())
                             + "; are the radii in metres?"));
      }
    // Large ones first: they are the hardest to place.
    std::sort(radii.begin(), radii.end(), std::greater<double>());
  }


  template <int dim>
  Tensor<1, dim>
  Inclusions<dim>::displacement(const Point<dim> &p, const Point<dim> &c) const
  {
    Tensor<1, dim> dx = p - c;
    if (periodic)
      for (unsigned int d = 0; d < dim; ++d)
        {
          const double length = placement_box.side_length(d);
          dx[d] -= length * std::round(dx[d] / length);
        }
    return dx;
  }


  template <int dim>
  unsigned int
  Inclusions<dim>::bucket_coordinate(const Point<dim>  &p,
                                     const unsigned int d) const
  {
    const double s = std::floor((p[d] - grid_origin[d]) / bucket_width[d]);
    if (s <= 0)
      return 0;
    return std::min(static_cast<unsigned int>(s), n_buckets[d] - 1);
  }


  template <int dim>
  void
  Inclusions<dim>::place_randomly(Random &random)
  {
    const double r_max   = radii.front();
    const double reach   = 2 * r_max + gap;
    const auto  &corners = placement_box.get_boundary_points();
    for (unsigned int d = 0; d < dim; ++d)
      AssertThrow(placement_box.side_length(d) >= reach,
                  ExcInput(section_path + "Box: the box of the inclusions ("
                           + (box_bounds.empty() ? "the domain" : "Box")
                           + ") is " + to_text(placement_box.side_length(d))
                           + " m long along coordinate " + std::to_string(d)
                           + ", less than the largest diameter plus the gap ("
                           + to_text(reach) + " m): an inclusion would "
                           + "overlap its own periodic image."));

    // The grid: buckets at least `reach` wide, at most ~4 N + 16 of them.
    grid_origin = corners.first;
    const double h
      = std::max(reach,
                 std::pow(placement_box.volume() / (4. * radii.size() + 16.),
                          1. / dim));
    std::size_t n_total = 1;
    for (unsigned int d = 0; d < dim; ++d)
      {
        const double length = placement_box.side_length(d);
        n_buckets[d]
          = std::max(1u, static_cast<unsigned int>(std::floor(length / h)));
        bucket_width[d] = length / n_buckets[d];
        n_total *= n_buckets[d];
      }

    // While placing: a linked list per bucket.
    constexpr unsigned int    none = std::numeric_limits<unsigned int>::max();
    std::vector<unsigned int> head(n_total, none);
    std::vector<unsigned int> next;
    next.reserve(radii.size());
    centers.reserve(radii.size());

    const auto neighbours = [&](const unsigned int b, const unsigned int d) {
      std::array<unsigned int, 3> list{};
      unsigned int                n = 0;
      const unsigned int          m = n_buckets[d];
      if (m >= 3)
        {
          list = {{(b + m - 1) % m, b, (b + 1) % m}};
          n    = 3;
        }
      else
        for (unsigned int k = 0; k < m; ++k)
          list[n++] = k;
      return std::make_pair(list, n);
    };

    for (unsigned int i = 0; i < radii.size(); ++i)
      {
        const double r      = radii[i];
        bool         placed = false;
        for (unsigned int attempt = 0; attempt < max_attempts && !placed;
             ++attempt)
          {
            Point<dim> c;
            for (unsigned int d = 0; d < dim; ++d)
              c[d] = corners.first[d]
                     + placement_box.side_length(d) * random.uniform();

            std::array<std::pair<std::array<unsigned int, 3>, unsigned int>,
                       dim>
              lists;
            for (unsigned int d = 0; d < dim; ++d)
              lists[d] = neighbours(bucket_coordinate(c, d), d);

            bool         overlap = false;
            unsigned int k[3]    = {0, 0, 0};
            while (!overlap)
              {
                std::size_t bucket = 0;
                for (int d = dim - 1; d >= 0; --d)
                  bucket = bucket * n_buckets[d] + lists[d].first[k[d]];
                for (unsigned int j = head[bucket]; j != none; j = next[j])
                  {
                    const double limit = r + radii[j] + gap;
                    if (displacement(c, centers[j]).norm_square()
                        < limit * limit)
                      {
                        overlap = true;
                        break;
                      }
                  }
                // Next combination of neighbour buckets.
                unsigned int d = 0;
                for (; d < dim; ++d)
                  if (++k[d] < lists[d].second)
                    break;
                  else
                    k[d] = 0;
                if (d == dim)
                  break;
              }
            if (overlap)
              continue;

            std::size_t bucket = 0;
            for (int d = dim - 1; d >= 0; --d)
              bucket = bucket * n_buckets[d] + bucket_coordinate(c, d);
            centers.push_back(c);
            next.push_back(head[bucket]);
            head[bucket] = i;
            placed_volume += ball_volume(r);
            placed = true;
          }

        AssertThrow(
          placed,
          ExcInput(
            section_path + "Volume fraction = " + to_text(target_fraction)
            + " could not be reached: random sequential addition "
              "placed "
            + std::to_string(i) + " of " + std::to_string(radii.size())
            + " inclusions (volume fraction "
            + to_text(achieved_volume_fraction())
            + "), then found no free place for one of radius " + to_text(r)
            + " m in " + std::to_string(max_attempts)
            + " random attempts. The arrangement is too dense for "
              "random sequential addition (jamming limit about 0.38 "
              "for spheres, 0.547 for discs, less with a Minimum gap "
              "of "
            + to_text(gap) + " m); lower the volume fraction or the gap."));
      }

    build_grid();
  }


  template <int dim>
  void
  Inclusions<dim>::read_file(const FieldContext<dim> &context)
  {
    const std::string where = section_path + "File name = '" + file_name + "'";

    // Rank 0 reads the file; every rank gets its text (or the failure).
    std::string text;
    int         ok = 1;
    if (Utilities::MPI::this_mpi_process(context.mpi_communicator) == 0)
      {
        std::ifstream in(file_name);
        if (!in)
          ok = 0;
        else
          {
            std::stringstream buffer;
            buffer << in.rdbuf();
            text = buffer.str();
          }
      }
    unsigned long long size = text.size();
    MPI_Bcast(&ok, 1, MPI_INT, 0, context.mpi_communicator);
    AssertThrow(ok == 1,
                ExcInput(where + ": the file cannot be opened ("
                         + relative_path_hint + ")."));
    MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, 0, context.mpi_communicator);
    text.resize(size);
    if (size > 0)
      MPI_Bcast(text.data(),
                static_cast<int>(size),
                MPI_CHAR,
                0,
                context.mpi_communicator);

    // Parse: `x y [z] r` per line, `#` comments.
    std::istringstream in(text);
    std::string        line;
    unsigned int       line_number = 0;
    while (std::getline(in, line))
      {
        ++line_number;
        const auto hash = line.find('#');
        if (hash != std::string::npos)
          line.erase(hash);
        std::istringstream       words(line);
        std::vector<std::string> tokens;
        for (std::string word; words >> word;)
          tokens.push_back(word);
        if (tokens.empty())
          continue;
        const std::string at = where + ", line " + std::to_string(line_number);
        AssertThrow(tokens.size() == dim + 1,
                    ExcInput(at + ": expected " + std::to_string(dim + 1)
                             + " numbers (" + (dim == 3 ? "x y z r" : "x y r")
                             + " [m]), found " + std::to_string(tokens.size())
                             + "."));
        double values[dim + 1];
        for (unsigned int k = 0; k <= dim; ++k)
          AssertThrow(parse_number(tokens[k], values[k]),
                      ExcInput(at + ": '" + tokens[k] + "' is not a number."));
        AssertThrow(values[dim] > 0,
                    ExcInput(at + ": the radius " + to_text(values[dim])
                             + " must be > 0 [m]."));
        Point<dim> c;
        for (unsigned int d = 0; d < dim; ++d)
          c[d] = values[d];
        centers.push_back(c);
        radii.push_back(values[dim]);
        placed_volume += ball_volume(values[dim]);
        AssertThrow(radii.size() <= max_n_inclusions,
                    ExcInput(where + ": more than "
                             + std::to_string(max_n_inclusions)
                             + " inclusions."));
      }
    AssertThrow(!radii.empty(),
                ExcInput(where + ": the file contains no inclusions."));

    // The grid covers the inclusions' bounding box; nothing outside it
    // is inside an inclusion.
    Point<dim> low = centers[0], high = centers[0];
    double     r_max = 0;
    for (unsigned int i = 0; i < radii.size(); ++i)
      {
        r_max = std::max(r_max, radii[i]);
        for (unsigned int d = 0; d < dim; ++d)
          {
            low[d]  = std::min(low[d], centers[i][d] - radii[i]);
            high[d] = std::max(high[d], centers[i][d] + radii[i]);
          }
      }
    grid_origin   = low;
    double volume = 1;
    for (unsigned int d = 0; d < dim; ++d)
      volume *= high[d] - low[d];
    const double h
      = std::max(2 * r_max,
                 std::pow(volume / (4. * radii.size() + 16.), 1. / dim));
    for (unsigned int d = 0; d < dim; ++d)
      {
        const double length = high[d] - low[d];
        n_buckets[d]
          = std::max(1u, static_cast<unsigned int>(std::floor(length / h)));
        bucket_width[d] = length / n_buckets[d];
      }
    build_grid();
  }


  template <int dim>
  void
  Inclusions<dim>::build_grid()
  {
    // Counting sort of the inclusions by bucket (grid geometry is set).
    std::size_t n_total = 1;
    for (unsigned int d = 0; d < dim; ++d)
      n_total *= n_buckets[d];
    std::vector<std::size_t> bucket_of(radii.size());
    bucket_start.assign(n_total + 1, 0);
    for (unsigned int i = 0; i < radii.size(); ++i)
      {
        std::size_t bucket = 0;
        for (int d = dim - 1; d >= 0; --d)
          bucket = bucket * n_buckets[d] + bucket_coordinate(centers[i], d);
        bucket_of[i] = bucket;
        ++bucket_start[bucket + 1];
      }
    for (std::size_t b = 0; b < n_total; ++b)
      bucket_start[b + 1] += bucket_start[b];
    std::vector<unsigned int> fill(bucket_start.begin(),
                                   bucket_start.end() - 1);
    bucket_centers.resize(radii.size());
    bucket_radii.resize(radii.size());
    for (unsigned int i = 0; i < radii.size(); ++i)
      {
        const unsigned int slot = fill[bucket_of[i]]++;
        bucket_centers[slot]    = centers[i];
        bucket_radii[slot]      = radii[i];
      }
  }


  template <int dim>
  double
  Inclusions<dim>::value(const Point<dim> &point,
                         const types::material_id) const
  {
    Point<dim> p = point;
    if (periodic)
      {
        // Map into the box.
        for (unsigned int d = 0; d < dim; ++d)
          {
            const double length = placement_box.side_length(d);
            double       s      = (p[d] - grid_origin[d]) / length;
            s -= std::floor(s);
            p[d] = grid_origin[d] + s * length;
          }
      }
    else
      for (unsigned int d = 0; d < dim; ++d)
        if (p[d] < grid_origin[d]
            || p[d] > grid_origin[d] + n_buckets[d] * bucket_width[d])
          return outside_value;

    // Buckets are at least a diameter wide, so a centre within r_max of p
    // lies in p's bucket or in the neighbour on the side of p's nearer
    // half: 2^dim buckets.
    std::array<std::array<unsigned int, 2>, dim> list;
    std::array<unsigned int, dim>                n_list;
    for (unsigned int d = 0; d < dim; ++d)
      {
        const unsigned int b = bucket_coordinate(p, d);
        const double       t
          = (p[d] - grid_origin[d]) / bucket_width[d] - static_cast<double>(b);
        const unsigned int m = n_buckets[d];
        list[d][0]           = b;
        n_list[d]            = 1;
        if (m == 1)
          continue;
        if (t >= 0.5)
          {
            if (b + 1 < m)
              list[d][n_list[d]++] = b + 1;
            else if (periodic)
              list[d][n_list[d]++] = 0;
          }
        else
          {
            if (b > 0)
              list[d][n_list[d]++] = b - 1;
            else if (periodic)
              list[d][n_list[d]++] = m - 1;
          }
      }

    unsigned int k[3] = {0, 0, 0};
    while (true)
      {
        std::size_t bucket = 0;
        for (int d = dim - 1; d >= 0; --d)
          bucket = bucket * n_buckets[d] + list[d][k[d]];
        for (unsigned int j = bucket_start[bucket];
             j < bucket_start[bucket + 1];
             ++j)
          if (displacement(p, bucket_centers[j]).norm_square()
              < bucket_radii[j] * bucket_radii[j])
            return inside_value;
        unsigned int d = 0;
        for (; d < dim; ++d)
          if (++k[d] < n_list[d])
            break;
          else
            k[d] = 0;
        if (d == dim)
          break;
      }
    return outside_value;
  }


  template <int dim>
  double
  Inclusions<dim>::achieved_volume_fraction() const
  {
    const double volume = placement_box.volume();
    return volume > 0 ? placed_volume / volume : 0.;
  }


  template <int dim>
  std::string
  Inclusions<dim>::summary() const
  {
    return std::to_string(n_inclusions()) + " inclusions, volume fraction "
           + to_text(achieved_volume_fraction())
           + (from_file ? " (from file '" + file_name + "')"
                        : " (target " + to_text(target_fraction) + ")");
  }


  template class Inclusions<2>;
  template class Inclusions<3>;

  HETERION_REGISTER_DISORDER_FIELD(
    Inclusions,
    "inclusions",
    "Random non-overlapping spheres (discs in 2D) by random sequential "
    "addition in a periodic box, or read from a file: `Inside value` in an "
    "inclusion, `Outside value` elsewhere (`Inclusions/...`).")
} // namespace heterion::disorder

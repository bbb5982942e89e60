// Tests of the disorder fields "from file" (grid files in the text and raw
// formats, multilinear interpolation, coverage of the domain, malformed
// files, reading on rank 0 with a broadcast) and "mixing" (linear,
// geometric and Arrhenius rules against their formulas, missing entries,
// degrees outside [0, 1]).

#include <deal.II/base/bounding_box.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include "../common/disorder_fields.h"
#include <physics/disorder/interface.h>
#include <physics/disorder/random.h>
#include <solver/input_error.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace
{
  using namespace heterion;
  using namespace heterion::disorder;
  using dealii::Point;

  using test_support::make_field;

  template <int dim>
  FieldContext<dim>
  make_context(const Point<dim> &lo,
               const Point<dim> &hi,
               const MPI_Comm    comm = MPI_COMM_SELF)
  {
    FieldContext<dim> context;
    context.name             = "test";
    context.section          = "Disorder/test";
    context.domain           = dealii::BoundingBox<dim>({lo, hi});
    context.mpi_communicator = comm;
    return context;
  }

  /** The message of the ExcInput thrown by @p f ("" if none). */
  std::string
  input_error(const std::function<void()> &f)
  {
    try
      {
        f();
      }
    catch (const ExcInput &exc)
      {
        return user_message(exc);
      }
    return "";
  }

  /** A fresh directory for this process (and rank) under the temp dir. */
  std::string
  temp_dir(const MPI_Comm comm = MPI_COMM_SELF)
  {
    // Under a communicator, rank 0's process id names one shared directory.
    long id = getpid();
    MPI_Bcast(&id, 1, MPI_LONG, 0, comm);
    const int rank = dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
    const std::filesystem::path dir
      = std::filesystem::temp_directory_path()
        / ("heterion_from_file_" + std::to_string(id)
           + (comm == MPI_COMM_SELF ? "_" + std::to_string(rank) : ""));
    std::filesystem::create_directories(dir);
    // Removed at exit (a shared directory by rank 0 only).
    struct Cleanup
    {
      std::vector<std::filesystem::path> dirs;
      ~Cleanup()
      {
        for (const auto &d : dirs)
          std::filesystem::remove_all(d);
      }
    };
    static Cleanup cleanup;
    if ((comm == MPI_COMM_SELF
         || dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        && std::find(cleanup.dirs.begin(), cleanup.dirs.end(), dir)
             == cleanup.dirs.end())
      cleanup.dirs.push_back(dir);
    return dir.string();
  }

  std::string
  write_file(const std::string &path, const std::string &text)
  {
    std::ofstream(path) << text;
    return path;
  }

  /** A point-centred test grid. */
  template <int dim>
  struct TestGrid
  {
    std::array<unsigned int, dim> n;
    Point<dim>                    origin;
    std::array<double, dim>       spacing;

    unsigned int
    n_total() const
    {
      unsigned int n_points = 1;
      for (const unsigned int m : n)
        n_points *= m;
      return n_points;
    }

    /** The grid point of flat index @p i (x fastest). */
    Point<dim>
    point(unsigned int i) const
    {
      Point<dim> p;
      for (unsigned int d = 0; d < dim; ++d)
        {
          p[d] = origin[d] + (i % n[d]) * spacing[d];
          i /= n[d];
        }
      return p;
    }

    Point<dim>
    upper() const
    {
      Point<dim> p;
      for (unsigned int d = 0; d < dim; ++d)
        p[d] = origin[d] + (n[d] - 1) * spacing[d];
      return p;
    }

    /** The header keyword lines (without `data`). */
    std::string
    header() const
    {
      std::string points = "points", origin_line = "origin",
                  spacing_line = "spacing";
      char buffer[64];
      for (unsigned int d = 0; d < dim; ++d)
        {
          points += " " + std::to_string(n[d]);
          std::snprintf(buffer, sizeof(buffer), " %.17g", origin[d]);
          origin_line += buffer;
          std::snprintf(buffer, sizeof(buffer), " %.17g", spacing[d]);
          spacing_line += buffer;
        }
      return "# a test grid\ndimension " + std::to_string(dim) + "\n" + points
             + "\n" + origin_line + "\n" + spacing_line + "\n";
    }

    /** A text grid file with @p values (printed with @p format). */
    std::string
    text(const std::vector<double> &values, const char *format = "%.17g") const
    {
      std::string text = header() + "data\n";
      char        buffer[64];
      for (unsigned int i = 0; i < values.size(); ++i)
        {
          std::snprintf(buffer, sizeof(buffer), format, values[i]);
          text += buffer;
          text += (i + 1) % n[0] == 0 ? "\n" : " ";
        }
      return text;
    }

    std::vector<double>
    sample(const std::function<double(const Point<dim> &)> &f) const
    {
      std::vector<double> values(n_total());
      for (unsigned int i = 0; i < values.size(); ++i)
        values[i] = f(point(i));
      return values;
    }
  };

  /** A "from file" field of the file @p path, initialized on @p grid's box. */
  template <int dim>
  std::unique_ptr<Field<dim>>
  grid_field(const std::string   &path,
             const TestGrid<dim> &grid,
             const std::string   &extra = "")
  {
    auto field = make_field<dim>("from file",
                                 "From file",
                                 "set File name = " + path + "\n" + extra);
    field->initialize(make_context<dim>(grid.origin, grid.upper()));
    return field;
  }

  /** A random point in the box [lo, hi]. */
  template <int dim>
  Point<dim>
  random_point(Random &random, const Point<dim> &lo, const Point<dim> &hi)
  {
    Point<dim> p;
    for (unsigned int d = 0; d < dim; ++d)
      p[d] = random.uniform(lo[d], hi[d]);
    return p;
  }

  /**
   * The largest relative difference |field - f| / |f| at 1000 random points
   * of @p grid's box.
   */
  template <int dim, typename Function>
  double
  max_relative_error(const Field<dim>    &field,
                     const TestGrid<dim> &grid,
                     const Function      &f)
  {
    Random random(12345);
    double error = 0;
    for (unsigned int i = 0; i < 1000; ++i)
      {
        const Point<dim> p = random_point(random, grid.origin, grid.upper());
        error              = std::max(error,
                         std::abs(field.value(p, 0) - f(p)) / std::abs(f(p)));
      }
    return error;
  }

  const TestGrid<2> grid_2d{{{7, 5}}, Point<2>(-1e-7, 2e-8), {{3e-8, 2.5e-8}}};
  const TestGrid<3> grid_3d{{{4, 5, 3}},
                            Point<3>(1e-8, -5e-8, 0),
                            {{4e-8, 2e-8, 5e-8}}};

  TEST(FromFile, LinearFunctionIsInterpolatedExactly)
  {
    const std::string dir = temp_dir();
    {
      const auto f
        = [](const Point<2> &p) { return 5 + 3e7 * p[0] - 1.5e7 * p[1]; };
      const auto field = grid_field(write_file(dir + "/linear_2d.txt",
                                               grid_2d.text(grid_2d.sample(f))),
                                    grid_2d);
      EXPECT_LE(max_relative_error(*field, grid_2d, f), 1e-12);
    }
    {
      const auto f = [](const Point<3> &p) {
        return 4 - 2e7 * p[0] + 1e7 * p[1] + 3e7 * p[2];
      };
      const auto field = grid_field(write_file(dir + "/linear_3d.txt",
                                               grid_3d.text(grid_3d.sample(f))),
                                    grid_3d);
      EXPECT_LE(max_relative_error(*field, grid_3d, f), 1e-12);
    }
  }

  TEST(FromFile, MultilinearFunctionIsInterpolatedExactly)
  {
    const std::string dir = temp_dir();
    {
      const auto f = [](const Point<2> &p) {
        const double x = p[0] / 1e-7, y = p[1] / 1e-7;
        return (3 + x) * (2 - y) + 0.5 * x * y;
      };
      const auto field = grid_field(write_file(dir + "/bilinear.txt",
                                               grid_2d.text(grid_2d.sample(f))),
                                    grid_2d);
      EXPECT_LE(max_relative_error(*field, grid_2d, f), 1e-12);
    }
    {
      const auto f = [](const Point<3> &p) {
        const double x = p[0] / 1e-7, y = p[1] / 1e-7, z = p[2] / 1e-7;
        return (3 + x) * (4 - y) * (2 + z) + x * y - 2 * y * z;
      };
      const auto field = grid_field(write_file(dir + "/trilinear.txt",
                                               grid_3d.text(grid_3d.sample(f))),
                                    grid_3d);
      EXPECT_LE(max_relative_error(*field, grid_3d, f), 1e-12);
    }
  }

  TEST(FromFile, GridValuesAreReproducedAndMidpointsAveraged)
  {
    // Random values: the field equals them at the grid points and their
    // mean halfway between two neighbours in x (linear, not higher order).
    Random              random(7);
    std::vector<double> values(grid_3d.n_total());
    for (double &v : values)
      v = random.uniform(1, 2);
    const auto field = grid_field(write_file(temp_dir() + "/random_3d.txt",
                                             grid_3d.text(values)),
                                  grid_3d);
    for (unsigned int i = 0; i < values.size(); ++i)
      EXPECT_NEAR(field->value(grid_3d.point(i), 0), values[i], 2e-15) << i;
    for (unsigned int i = 0; i + 1 < values.size(); ++i)
      if ((i + 1) % grid_3d.n[0] != 0)
        {
          const Point<3> mid = 0.5 * (grid_3d.point(i) + grid_3d.point(i + 1));
          EXPECT_NEAR(field->value(mid, 0),
                      0.5 * (values[i] + values[i + 1]),
                      2e-15);
        }
  }

  TEST(FromFile, ExampleFileIsRead)
  {
    // parameter_files/data/example_grid_2d.txt: 5 x 4 points, spacing
    // 25 nm; rows are y = 0, 25, 50, 75 nm.
    const TestGrid<2> grid{{{5, 4}}, Point<2>(0, 0), {{2.5e-8, 2.5e-8}}};
    const auto        field
      = grid_field(std::string(HETERION_SOURCE_DIR)
                     + "/parameter_files/data/example_grid_2d.txt",
                   grid);
    EXPECT_NEAR(field->value(Point<2>(2.5e-8, 2.5e-8), 0), 0.25, 1e-15);
    EXPECT_NEAR(field->value(Point<2>(1e-7, 0), 0), 0.40, 1e-15);
    EXPECT_NEAR(field->value(Point<2>(0, 7.5e-8), 0), 0.30, 1e-15);
    EXPECT_NEAR(field->value(Point<2>(1e-7, 7.5e-8), 0), 1.00, 1e-15);
    EXPECT_NEAR(field->value(Point<2>(1.25e-8, 1.25e-8), 0),
                (0 + 0.1 + 0.1 + 0.25) / 4,
                1e-15);
    EXPECT_NE(field->summary().find("values in [0, 1]"), std::string::npos)
      << field->summary();
  }

  /** Appends the @p n_bytes bytes of @p u in the given byte order. */
  void
  append_bytes(std::string        &bytes,
               const std::uint64_t u,
               const unsigned int  n_bytes,
               const bool          big_endian)
  {
    for (unsigned int i = 0; i < n_bytes; ++i)
      bytes += static_cast<char>((u >> (8 * (big_endian ? n_bytes - 1 - i : i)))
                                 & 0xff);
  }

  TEST(FromFile, RawFilesGiveTheValuesOfTheTextFile)
  {
    const std::string dir     = temp_dir();
    const std::string scaling = "set Scale = 0.01\nset Offset = -0.5\n";
    Random            random(99);
    for (const std::string type : {"uint8", "uint16", "float32", "float64"})
      for (const bool big_endian : {false, true})
        {
          // Voxel values exactly representable in the type, and their text.
          std::vector<double> voxels(grid_3d.n_total());
          std::string         bytes;
          for (unsigned int i = 0; i < voxels.size(); ++i)
            if (type == "uint8" || type == "uint16")
              {
                voxels[i] = (i * 37 + 11) % (type == "uint8" ? 256 : 65536);
                if (type == "uint16")
                  voxels[i] += 256 * (i % 200);
                append_bytes(bytes,
                             static_cast<std::uint64_t>(voxels[i]),
                             type == "uint8" ? 1 : 2,
                             big_endian);
              }
            else if (type == "float32")
              {
                const float   f = random.uniform(-100, 100);
                std::uint32_t u = 0;
                std::memcpy(&u, &f, 4);
                voxels[i] = f;
                append_bytes(bytes, u, 4, big_endian);
              }
            else
              {
                const double  v = random.uniform(-100, 100);
                std::uint64_t u = 0;
                std::memcpy(&u, &v, 8);
                voxels[i] = v;
                append_bytes(bytes, u, 8, big_endian);
              }
          const std::string stem
            = dir + "/" + type + (big_endian ? "_big" : "_little");
          write_file(stem + ".raw", bytes);
          // The header names the binary file relative to its own directory.
          const std::string header = write_file(
            stem + ".hdr",
            grid_3d.header() + "raw "
              + std::filesystem::path(stem + ".raw").filename().string()
              + "\ntype " + type + "\n" + (big_endian ? "endian big\n" : ""));
          const auto raw
            = grid_field(header, grid_3d, scaling + "set Format = raw");
          const auto text
            = grid_field(write_file(stem + ".txt", grid_3d.text(voxels)),
                         grid_3d,
                         scaling);

          for (unsigned int i = 0; i < voxels.size(); ++i)
            EXPECT_NEAR(raw->value(grid_3d.point(i), 0),
                        -0.5 + 0.01 * voxels[i],
                        1e-12 * (1 + std::abs(voxels[i])))
              << type << " voxel " << i;
          for (unsigned int i = 0; i < 200; ++i)
            {
              const Point<3> p
                = random_point(random, grid_3d.origin, grid_3d.upper());
              EXPECT_EQ(raw->value(p, 0), text->value(p, 0)) << type;
            }
        }
  }

  TEST(FromFile, NearestClampsToTheGrid)
  {
    const TestGrid<2> grid{{{3, 3}}, Point<2>(0, 0), {{5e-8, 5e-8}}};
    const auto        f
      = [](const Point<2> &p) { return 1 + 1e7 * p[0] + 2e7 * p[1]; };
    const std::string path
      = write_file(temp_dir() + "/clamp.txt", grid.text(grid.sample(f)));
    const Point<2> lo(-5e-8, -5e-8), hi(1.5e-7, 1.5e-7);

    auto field
      = make_field<2>("from file",
                      "From file",
                      "set File name = " + path + "\nset Outside = nearest");
    field->initialize(make_context<2>(lo, hi));
    EXPECT_NEAR(field->value(Point<2>(-3e-8, 4e-8), 0),
                f(Point<2>(0, 4e-8)),
                1e-14);
    EXPECT_NEAR(field->value(Point<2>(6e-8, -1e-8), 0),
                f(Point<2>(6e-8, 0)),
                1e-14);
    EXPECT_NEAR(field->value(hi, 0), f(Point<2>(1e-7, 1e-7)), 1e-14);
    EXPECT_NEAR(field->value(lo, 0), f(Point<2>(0, 0)), 1e-14);
    EXPECT_NEAR(field->value(Point<2>(3e-8, 7e-8), 0),
                f(Point<2>(3e-8, 7e-8)),
                1e-14);

    // With `Outside = error` the same domain is refused.
    auto strict
      = make_field<2>("from file", "From file", "set File name = " + path);
    EXPECT_NE(input_error([&] {
                strict->initialize(make_context<2>(lo, hi));
              }).find("does not cover the domain"),
              std::string::npos);
  }

  TEST(FromFile, GridMustCoverTheDomain)
  {
    const TestGrid<2> grid{{{3, 3}}, Point<2>(0, 0), {{5e-8, 5e-8}}};
    const std::string path    = write_file(temp_dir() + "/cover.txt",
                                        grid.text(std::vector<double>(9, 1.)));
    const auto        message = input_error([&] {
      make_field<2>("from file", "From file", "set File name = " + path)
        ->initialize(make_context<2>(Point<2>(0, 0), Point<2>(1.2e-7, 1e-7)));
    });
    for (const std::string &part :
         {"'" + path + "'",
          std::string("spans [0, 1e-07] x [0, 1e-07] m"),
          std::string("domain [0, 1.2e-07] x [0, 1e-07] m"),
          std::string(
            "in x the grid ends at 1e-07 m but the domain at 1.2e-07 m"),
          std::string("Disorder/test/From file/Outside = nearest")})
      EXPECT_NE(message.find(part), std::string::npos) << part << "\n"
                                                       << message;

    // Within the tolerance (1e-6 of the domain's size) the grid covers it,
    // and a point outside the grid is refused at evaluation.
    auto field
      = make_field<2>("from file", "From file", "set File name = " + path);
    field->initialize(
      make_context<2>(Point<2>(-1e-14, 0), Point<2>(1e-7 + 1e-14, 1e-7)));
    EXPECT_DOUBLE_EQ(field->value(Point<2>(1e-7 + 1e-14, 0), 0), 1.);
    EXPECT_NE(input_error([&] {
                field->value(Point<2>(2e-7, 0), 0);
              }).find("lies outside the grid of file '" + path + "'"),
              std::string::npos);
  }

  TEST(FromFile, MalformedFilesAreReported)
  {
    const std::string dir = temp_dir();
    const std::string header
      = "dimension 2\npoints 3 2\norigin 0 0\nspacing 1 1\n";
    const std::string data = "data\n1 2 3\n4 5 6\n";
    struct Case
    {
      std::string              name;
      std::string              text;
      std::vector<std::string> expected;
    };
    const std::vector<Case> cases = {
      {"no_points",
       "dimension 2\norigin 0 0\nspacing 1 1\n" + data,
       {"missing the keyword 'points'"}},
      {"no_data", header + "1 2 3\n4 5 6\n", {"line 5", "unknown keyword '1'"}},
      {"no_data_at_all", header, {"missing the keyword 'data'"}},
      {"too_few", header + "data\n1 2 3\n4 5\n", {"found 5, expected 6"}},
      {"too_many", header + "data 1\n1 2 3\n4 5 6\n", {"found 7, expected 6"}},
      {"not_a_number",
       "# comment\n" + header + "data\n1 2 3\n4 x5 6\n",
       {"line 8", "'x5' is not a finite number"}},
      {"one_point",
       "dimension 2\npoints 3 1\norigin 0 0\nspacing 1 1\n" + data,
       {"line 2", "points in y is 1, must be at least 2"}},
      {"zero_spacing",
       "dimension 2\npoints 3 2\norigin 0 0\nspacing 0 1\n" + data,
       {"line 4", "spacing in x is 0, must be > 0"}},
      {"negative_spacing",
       "dimension 2\npoints 3 2\norigin 0 0\nspacing 1 -1\n" + data,
       {"spacing in y is -1, must be > 0"}},
      {"wrong_dimension",
       "dimension 3\npoints 3 2\norigin 0 0\nspacing 1 1\n" + data,
       {"line 1", "the grid dimension must equal the simulation dimension"}},
      {"three_points",
       "dimension 2\npoints 3 2 2\norigin 0 0\nspacing 1 1\n" + data,
       {"line 2", "'points' needs 2 values", "found 3"}},
      {"bad_origin",
       "dimension 2\npoints 3 2\norigin 0 a\nspacing 1 1\n" + data,
       {"line 3", "'a' is not a number"}},
      {"unknown_keyword",
       header + "colour red\n" + data,
       {"line 5", "unknown keyword 'colour'"}},
      {"twice", header + "points 3 2\n" + data, {"line 5", "appears twice"}},
    };
    const Point<2> lo(0, 0), hi(2, 1);
    for (const Case &c : cases)
      {
        const std::string path
          = write_file(dir + "/" + c.name + ".txt", c.text);
        const std::string message = input_error([&] {
          make_field<2>("from file", "From file", "set File name = " + path)
            ->initialize(make_context<2>(lo, hi));
        });
        EXPECT_NE(message.find("'" + path + "'"), std::string::npos)
          << c.name << ": " << message;
        for (const std::string &part : c.expected)
          EXPECT_NE(message.find(part), std::string::npos)
            << c.name << ": " << message;
      }

    // Raw headers.
    write_file(dir + "/five.raw", "12345");
    write_file(dir + "/six.raw", "123456");
    const std::vector<Case> raw_cases = {
      {"short",
       header + "raw five.raw\ntype uint8\n",
       {"five.raw", "is too short: 5 bytes, expected 6", "uint8"}},
      {"short16",
       header + "raw six.raw\ntype uint16\n",
       {"is too short: 6 bytes, expected 12"}},
      {"long",
       "dimension 2\npoints 2 2\norigin 0 0\nspacing 1 1\nraw six.raw\ntype "
       "uint8\n",
       {"is too long: 6 bytes, expected 4"}},
      {"type",
       header + "raw six.raw\ntype int32\n",
       {"line 6",
        "unknown voxel type 'int32'",
        "uint8, uint16, float32 or float64"}},
      {"no_type", header + "raw six.raw\n", {"missing the keyword 'type'"}},
      {"no_raw", header + "type uint8\n", {"missing the keyword 'raw'"}},
      {"no_binary",
       header + "raw nothing.raw\ntype uint8\n",
       {"Cannot open the binary file", "nothing.raw"}},
      {"endian",
       header + "raw six.raw\ntype uint8\nendian middle\n",
       {"line 7", "unknown byte order 'middle'"}},
      {"data_in_header",
       header + "raw six.raw\ntype uint8\ndata\n",
       {"line 7", "unknown keyword 'data'"}},
    };
    for (const Case &c : raw_cases)
      {
        const std::string path
          = write_file(dir + "/" + c.name + ".hdr", c.text);
        const std::string message = input_error([&] {
          make_field<2>("from file",
                        "From file",
                        "set File name = " + path + "\nset Format = raw")
            ->initialize(make_context<2>(lo, hi));
        });
        EXPECT_NE(message.find(path), std::string::npos)
          << c.name << ": " << message;
        for (const std::string &part : c.expected)
          EXPECT_NE(message.find(part), std::string::npos)
            << c.name << ": " << message;
      }
    // The same header with the right binary file is fine.
    write_file(dir + "/good.hdr", header + "raw six.raw\ntype uint8\n");
    auto good
      = make_field<2>("from file",
                      "From file",
                      "set File name = " + dir + "/good.hdr\nset Format = raw");
    good->initialize(make_context<2>(lo, hi));
    EXPECT_DOUBLE_EQ(good->value(Point<2>(2, 1), 0), '6');

    // A missing file and an empty file name.
    EXPECT_NE(input_error([&] {
                make_field<2>("from file",
                              "From file",
                              "set File name = " + dir + "/none.txt")
                  ->initialize(make_context<2>(lo, hi));
              }).find("Cannot open the grid file '" + dir + "/none.txt'"),
              std::string::npos);
    EXPECT_NE(input_error([&] {
                make_field<2>("from file", "From file", "");
              }).find("Disorder/test/From file/File name is empty"),
              std::string::npos);
  }

  TEST(FromFileMpi, AllRanksGetTheValuesOfRankZero)
  {
    const MPI_Comm     comm = MPI_COMM_WORLD;
    const unsigned int rank = dealii::Utilities::MPI::this_mpi_process(comm);
    const std::string  dir  = temp_dir(comm);
    const auto         f    = [](const Point<3> &p) {
      return 4 - 2e7 * p[0] + 1e7 * p[1] + 3e7 * p[2];
    };
    const std::string path = dir + "/mpi_linear.txt";
    if (rank == 0)
      write_file(path, grid_3d.text(grid_3d.sample(f)));
    MPI_Barrier(comm);
    // Only rank 0 reads the file: the other ranks are given a file name that
    // does not exist, and still get the values.
    auto field
      = make_field<3>("from file",
                      "From file",
                      "set File name = "
                        + (rank == 0 ? path : dir + "/not_on_rank_0.txt"));
    field->initialize(make_context<3>(grid_3d.origin, grid_3d.upper(), comm));
    Random              random(5);
    std::vector<double> values(100), min(100), max(100);
    for (double &v : values)
      v = field->value(random_point(random, grid_3d.origin, grid_3d.upper()),
                       0);
    MPI_Allreduce(values.data(), min.data(), 100, MPI_DOUBLE, MPI_MIN, comm);
    MPI_Allreduce(values.data(), max.data(), 100, MPI_DOUBLE, MPI_MAX, comm);
    Random check(5);
    for (unsigned int i = 0; i < 100; ++i)
      {
        EXPECT_EQ(min[i], max[i]) << i;
        const Point<3> p = random_point(check, grid_3d.origin, grid_3d.upper());
        EXPECT_NEAR(values[i], f(p), 1e-12 * std::abs(f(p)));
      }
    MPI_Barrier(comm);
  }

  TEST(FromFileMpi, BadFileThrowsOnEveryRank)
  {
    const MPI_Comm     comm = MPI_COMM_WORLD;
    const unsigned int rank = dealii::Utilities::MPI::this_mpi_process(comm);
    const std::string  dir  = temp_dir(comm);
    const std::string  bad  = dir + "/mpi_bad.txt";
    const std::string  good = dir + "/mpi_small.txt";
    const TestGrid<2>  grid{{{3, 2}}, Point<2>(0, 0), {{1, 1}}};
    if (rank == 0)
      {
        write_file(bad, grid.header() + "data\n1 2 3\n4 5\n");
        write_file(good, grid.text({1, 2, 3, 4, 5, 6}));
      }
    MPI_Barrier(comm);
    // A malformed file (read on rank 0 only), and a good file whose grid
    // does not cover the domain: every rank throws the same ExcInput.
    const std::vector<std::pair<std::string, std::string>> cases
      = {{bad, "found 5, expected 6"}, {good, "does not cover the domain"}};
    for (const auto &[path, expected] : cases)
      {
        const std::string message = input_error([&] {
          make_field<2>("from file", "From file", "set File name = " + path)
            ->initialize(
              make_context<2>(Point<2>(0, 0), Point<2>(2, 1.5), comm));
        });
        const int         caught  = message.find(path) != std::string::npos
                           && message.find(expected) != std::string::npos;
        int n_caught = 0;
        MPI_Allreduce(&caught, &n_caught, 1, MPI_INT, MPI_SUM, comm);
        EXPECT_EQ(n_caught,
                  static_cast<int>(
                    dealii::Utilities::MPI::n_mpi_processes(comm)))
          << message;
      }
    MPI_Barrier(comm);
  }

  // ---------------------------------------------------------------- Mixing

  /**
   * A mixing field with @p settings whose degree field "degree" is the
   * function @p degree of x, y, z, initialized at temperature @p T.
   */
  struct MixingCase
  {
    MixingCase(const std::string &settings,
               const std::string &degree_expression = "x",
               const double       temperature       = 298.15)
        : degree(make_field<3>("function",
                               "Function",
                               "set Expression = " + degree_expression,
                               "degree"))
        , field(make_field<3>("mixing",
                              "Mixing",
                              "set Degree field = degree\n" + settings))
    {
      degree->initialize(make_context<3>(Point<3>(), Point<3>(1, 1, 1)));
      context             = make_context<3>(Point<3>(), Point<3>(1, 1, 1));
      context.temperature = temperature;
      context.field = [this](const std::string &name) -> const Field<3> & {
        requested.push_back(name);
        return *degree;
      };
    }

    /** The value at degree d (the degree field is x). */
    double
    at(const double d) const
    {
      return field->value(Point<3>(d, 0.5, 0.5), 0);
    }

    std::unique_ptr<Field<3>> degree;
    std::unique_ptr<Field<3>> field;
    FieldContext<3>           context;
    std::vector<std::string>  requested;
  };

  constexpr double k_b = 8.617333262e-5; // eV/K

  TEST(Mixing, LinearRule)
  {
    MixingCase c(
      "set Rule = linear\nset Ordered value = 2.5\nset Disordered value = 0.5");
    EXPECT_EQ(c.field->dependencies(), std::vector<std::string>{"degree"});
    c.field->initialize(c.context);
    EXPECT_EQ(c.requested, std::vector<std::string>{"degree"});
    EXPECT_NEAR(c.at(0), 2.5, 1e-12 * 2.5);
    EXPECT_NEAR(c.at(0.3), 0.7 * 2.5 + 0.3 * 0.5, 1e-12 * 1.9);
    EXPECT_NEAR(c.at(0.3), 1.9, 1e-12 * 1.9);
    EXPECT_NEAR(c.at(1), 0.5, 1e-12 * 0.5);
  }

  TEST(Mixing, GeometricRule)
  {
    MixingCase c("set Rule = geometric\nset Ordered value = 1e-14\n"
                 "set Disordered value = 1e-10");
    c.field->initialize(c.context);
    EXPECT_NEAR(c.at(0), 1e-14, 1e-12 * 1e-14);
    // 1e-14^0.7 1e-10^0.3 = 10^(-9.8 - 3)
    const double expected = std::pow(10., -12.8);
    EXPECT_NEAR(c.at(0.3), expected, 1e-12 * expected);
    EXPECT_NEAR(c.at(1), 1e-10, 1e-12 * 1e-10);
  }

  TEST(Mixing, ArrheniusRule)
  {
    const std::string settings = "set Rule = arrhenius\n"
                                 "set Ordered activation energy = 1.0\n"
                                 "set Disordered activation energy = 0.6\n"
                                 "set Ordered prefactor = 1e-6\n"
                                 "set Disordered prefactor = 1e-5";
    for (const double T : {298.15, 350.})
      {
        MixingCase c(settings, "x", T);
        c.field->initialize(c.context);
        const double kt = k_b * T;
        const double p0 = 1e-6 * std::exp(-1.0 / kt);
        const double p3
          = std::pow(10., -5.7) * std::exp(-(0.7 * 1.0 + 0.3 * 0.6) / kt);
        const double p1 = 1e-5 * std::exp(-0.6 / kt);
        EXPECT_NEAR(c.at(0), p0, 1e-12 * p0);
        EXPECT_NEAR(c.at(0.3), p3, 1e-12 * p3);
        EXPECT_NEAR(c.at(1), p1, 1e-12 * p1);
        // p(1) / p(0) = exp(0.4 eV / k_B T) A_d / A_o
        const double ratio = 10 * std::exp(0.4 / kt);
        EXPECT_NEAR(c.at(1) / c.at(0), ratio, 1e-12 * ratio);
      }
  }

  TEST(Mixing, MissingOrBadEntriesAreReported)
  {
    const auto message = [](const std::string &settings) {
      return input_error([&] { make_field<3>("mixing", "Mixing", settings); });
    };
    const std::string linear
      = message("set Degree field = degree\nset Ordered value = 2");
    EXPECT_NE(linear.find("a mixing rule needs both end values"),
              std::string::npos)
      << linear;
    EXPECT_NE(linear.find("Disorder/test/Mixing/Disordered value is not set"),
              std::string::npos)
      << linear;

    const std::string arrhenius
      = message("set Degree field = degree\nset Rule = arrhenius\n"
                "set Ordered activation energy = 1\n"
                "set Disordered activation energy = 0.6");
    EXPECT_NE(arrhenius.find("a mixing rule needs both end values"),
              std::string::npos)
      << arrhenius;
    EXPECT_NE(arrhenius.find(
                "Disorder/test/Mixing/Ordered prefactor and "
                "Disorder/test/Mixing/Disordered prefactor are not set"),
              std::string::npos)
      << arrhenius;
    const std::string energy
      = message("set Degree field = degree\nset Rule = arrhenius\n"
                "set Ordered prefactor = 1\nset Disordered prefactor = 1\n"
                "set Disordered activation energy = 0.6");
    EXPECT_NE(energy.find(
                "Disorder/test/Mixing/Ordered activation energy is not set"),
              std::string::npos)
      << energy;

    const std::string geometric
      = message("set Degree field = degree\nset Rule = geometric\n"
                "set Ordered value = -1\nset Disordered value = 1");
    EXPECT_NE(geometric.find("Disorder/test/Mixing/Ordered value = -1"),
              std::string::npos)
      << geometric;
    EXPECT_NE(geometric.find("> 0"), std::string::npos) << geometric;

    const std::string not_a_number
      = message("set Degree field = degree\nset Ordered value = abc\nset "
                "Disordered value = 1");
    EXPECT_NE(not_a_number.find(
                "Disorder/test/Mixing/Ordered value = 'abc' is not a number"),
              std::string::npos)
      << not_a_number;

    const std::string no_degree
      = message("set Ordered value = 1\nset Disordered value = 2");
    EXPECT_NE(no_degree.find("Disorder/test/Mixing/Degree field is empty"),
              std::string::npos)
      << no_degree;
  }

  TEST(Mixing, DegreeOutsideTheUnitIntervalIsAnError)
  {
    const std::string settings
      = "set Ordered value = 2\nset Disordered value = 4";
    {
      MixingCase c(settings, "1.5");
      c.field->initialize(c.context);
      const std::string message = input_error([&] { c.at(0.2); });
      for (const std::string part : {"field 'degree'",
                                     "Disorder/test/Mixing/Degree field",
                                     "is 1.5 at the point (0.2, 0.5, 0.5) m",
                                     "outside the allowed range [0, 1]"})
        EXPECT_NE(message.find(part), std::string::npos) << part << "\n"
                                                         << message;
    }
    {
      MixingCase c(settings, "-0.01");
      c.field->initialize(c.context);
      EXPECT_NE(input_error([&] { c.at(0.2); }).find("is -0.01"),
                std::string::npos);
    }
    {
      // Within 1e-12 of [0, 1] the degree is clipped.
      MixingCase c(settings, "1 + 1e-13");
      c.field->initialize(c.context);
      EXPECT_EQ(c.at(0.2), 4.);
    }
  }

  TEST(Mixing, ArrheniusNeedsAPositiveTemperature)
  {
    MixingCase c(
      "set Rule = arrhenius\nset Ordered activation energy = 1\n"
      "set Disordered activation energy = 0.6\nset Ordered prefactor = 1\n"
      "set Disordered prefactor = 1",
      "x",
      0);
    const std::string message
      = input_error([&] { c.field->initialize(c.context); });
    EXPECT_NE(message.find(
                "needs a temperature > 0 K, but the temperature is 0 K"),
              std::string::npos)
      << message;
  }
} // namespace

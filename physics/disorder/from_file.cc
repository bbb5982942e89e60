/*
 * The disorder field "from file": values on a structured 2D or 3D grid,
 * read once on rank 0 and broadcast to all ranks, interpolated
 * multilinearly at any point.
 *
 * Values are at the grid points (point-centred): a grid of n_x x n_y (x n_z)
 * points spans origin .. origin + (n - 1) spacing in each direction, and
 * n >= 2 in every direction.
 *
 * Text format (`Format = text`, e.g. parameter_files/data/example_grid_2d.txt):
 *
 *     # Comment lines start with '#' (a '#' also starts a comment at the end
 *     # of a line). Keywords, one per line, in any order, before `data`:
 *     dimension 3               # must equal the simulation dimension
 *     points 64 64 32           # n_x n_y n_z, each >= 2
 *     origin 0 0 0              # position of the first grid point [m]
 *     spacing 1e-8 1e-8 2e-8    # distance between grid points [m], > 0
 *     data
 *     v_000 v_100 v_200 ...     # n_x n_y n_z numbers, x fastest, then y,
 *                               # then z; separated by blanks or newlines
 *
 * From numpy, for an array `a` indexed a[k, j, i] (z, y, x) of shape
 * (nz, ny, nx):
 *
 *     with open("grid.txt", "w") as f:
 *         f.write(f"dimension 3\npoints {nx} {ny} {nz}\norigin 0 0 0\n"
 *                 f"spacing {h} {h} {h}\ndata\n")
 *         np.savetxt(f, a.reshape(-1, nx))
 *
 * Raw format (`Format = raw`, an image stack from tomography): `File name`
 * is a small text header with the keywords above (without `data`) and
 *
 *     raw volume.raw            # the binary file, relative to the header's
 *                               # directory (no blanks in the name)
 *     type uint16               # uint8, uint16, float32 or float64
 *     endian little             # little (default) or big
 *
 * The binary file holds exactly n_x n_y n_z voxels, x fastest, without any
 * header of its own (numpy: `a.astype("<u2").tofile("volume.raw")`).
 *
 * In both formats the field value is `Offset + Scale * v` for each value v
 * of the file.
 */

#include <deal.II/base/mpi.h>

#include <physics/disorder/interface.h>
#include <solver/input_error.h>
#include <solver/input_paths.h>
#include <solver/parsed_function.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace heterion::disorder
{
  using namespace dealii;

  namespace from_file
  {
    /** The values of a point-centred structured grid (x fastest). */
    struct Grid
    {
      /** Points per direction (1 in the unused third direction in 2D). */
      std::array<std::uint64_t, 3> n_points{{1, 1, 1}};
      /** Position of the first grid point [m]. */
      std::array<double, 3> origin{{0, 0, 0}};
      /** Distance between neighbouring grid points [m]. */
      std::array<double, 3> spacing{{1, 1, 1}};
      /** The values (after scale and offset), x fastest, then y, then z. */
      std::vector<double> values;
    };

    /** The tokens of a line without its comment (after a '#'). */
    inline std::vector<std::string>
    tokens_of(const std::string &line)
    {
      std::istringstream       stream(line.substr(0, line.find('#')));
      std::vector<std::string> tokens;
      for (std::string token; stream >> token;)
        tokens.push_back(token);
      return tokens;
    }

    /** Parses a whole token as a finite number; false if it is not one. */
    inline bool
    parse_number(const std::string &token, double &value)
    {
      const char *begin = token.c_str();
      char       *end   = nullptr;
      value             = std::strtod(begin, &end);
      return end != begin && *end == '\0' && std::isfinite(value);
    }

    /** Parses a whole token as a non-negative integer (at most 18 digits). */
    inline bool
    parse_count(const std::string &token, std::uint64_t &value)
    {
      if (token.empty() || token.size() > 18
          || token.find_first_not_of("0123456789") != std::string::npos)
        return false;
      value = std::stoull(token);
      return true;
    }

    /**
     * Reads the keyword lines of a grid header, checks them and fills the
     * geometry of @p grid. The text format's header ends at the keyword
     * `data` (the returned stream position is after it); the raw format's
     * header is the whole file.
     */
    class HeaderReader
    {
    public:
      HeaderReader(const std::string &file_name,
                   const unsigned int dim,
                   const bool         raw)
          : file_name(file_name)
          , dim(dim)
          , raw(raw)
      {
      }

      /** Throws ExcInput("File '<file>', line <n>: <what>"). */
      [[noreturn]] void
      fail(const unsigned int line, const std::string &what) const
      {
        AssertThrow(false,
                    ExcInput("File '" + file_name + "', line "
                             + std::to_string(line) + ": " + what));
        std::abort();
      }

      /** Throws ExcInput("File '<file>': <what>"). */
      [[noreturn]] void
      fail(const std::string &what) const
      {
        AssertThrow(false, ExcInput("File '" + file_name + "': " + what));
        std::abort();
      }

      /**
       * Takes one header line. Returns true at the keyword `data` (text
       * format); @p rest then holds the tokens after it on that line.
       */
      bool
      add_line(const unsigned int              line,
               const std::vector<std::string> &tokens,
               std::vector<std::string>       &rest)
      {
        if (tokens.empty())
          return false;
        const std::string &keyword = tokens[0];
        const std::string  allowed
          = raw ? "dimension, points, origin, spacing, raw, type or endian"
                : "dimension, points, origin, spacing or data";
        const bool known = keyword == "dimension" || keyword == "points"
                           || keyword == "origin" || keyword == "spacing"
                           || (raw ? (keyword == "raw" || keyword == "type"
                                      || keyword == "endian")
                                   : keyword == "data");
        if (!known)
          fail(line,
               "unknown keyword '" + keyword + "' (expected " + allowed
                 + (raw ? ""
                        : "; a line of numbers must follow the keyword "
                          "'data'")
                 + ").");
        if (entries.count(keyword) != 0)
          fail(line,
               "the keyword '" + keyword + "' appears twice (first on line "
                 + std::to_string(entries.at(keyword).first) + ").");
        if (keyword == "data")
          {
            rest.assign(tokens.begin() + 1, tokens.end());
            return true;
          }
        entries[keyword]
          = {line, std::vector<std::string>(tokens.begin() + 1, tokens.end())};
        return false;
      }

      /** Checks the keywords and fills the grid geometry. */
      void
      finish(Grid &grid)
      {
        const std::string where = raw ? "in the header" : "before 'data'";
        const std::string axes  = dim == 2 ? "n_x n_y" : "n_x n_y n_z";
        const std::string xyz   = dim == 2 ? "x y" : "x y z";
        const std::vector<std::pair<std::string, std::string>> required
          = {{"dimension", "dimension " + std::to_string(dim)},
             {"points", "points " + axes},
             {"origin", "origin " + xyz + " [m]"},
             {"spacing",
              std::string(dim == 2 ? "spacing dx dy" : "spacing dx dy dz")
                + " [m]"}};
        for (const auto &[keyword, example] : required)
          if (entries.count(keyword) == 0)
            fail("missing the keyword '" + keyword + "' " + where + " (a line '"
                 + example + "').");
        if (raw)
          {
            if (entries.count("raw") == 0)
              fail("missing the keyword 'raw' in the header (a line 'raw "
                   "FILE' naming the binary voxel file, relative to the "
                   "header's directory).");
            if (entries.count("type") == 0)
              fail("missing the keyword 'type' in the header (a line "
                   "'type uint8|uint16|float32|float64').");
          }

        {
          const auto &[line, values] = entries.at("dimension");
          std::uint64_t file_dim     = 0;
          if (values.size() != 1 || !parse_count(values[0], file_dim))
            fail(line, "'dimension' needs one integer, 2 or 3.");
          if (file_dim != dim)
            fail(line,
                 "the grid has dimension " + values[0]
                   + ", but the simulation is " + std::to_string(dim)
                   + "-dimensional: the grid dimension must equal the "
                     "simulation dimension.");
        }
        const char *names[3] = {"x", "y", "z"};
        {
          const auto &[line, values] = entries.at("points");
          check_count(line, "points", values, axes + ", integers");
          for (unsigned int d = 0; d < dim; ++d)
            {
              std::uint64_t n = 0;
              if (!parse_count(values[d], n))
                fail(line,
                     "'points' needs integers, but '" + values[d]
                       + "' is not a non-negative integer.");
              if (n < 2)
                fail(line,
                     "points in " + std::string(names[d]) + " is " + values[d]
                       + ", must be at least 2 (values are at the grid "
                         "points; interpolation needs two per direction).");
              if (n > 100000000)
                fail(line,
                     "points in " + std::string(names[d]) + " is " + values[d]
                       + ", more than 1e8.");
              grid.n_points[d] = n;
            }
          AssertThrow(double(grid.n_points[0]) * grid.n_points[1]
                          * grid.n_points[2]
                        <= 1e11,
                      ExcInput("File '" + file_name + "', line "
                               + std::to_string(line)
                               + ": more than 1e11 grid points."));
        }
        {
          const auto &[line, values] = entries.at("origin");
          check_count(line, "origin", values, xyz + " [m]");
          for (unsigned int d = 0; d < dim; ++d)
            if (!parse_number(values[d], grid.origin[d]))
              fail(line,
                   "'origin' needs numbers, but '" + values[d]
                     + "' is not a number.");
        }
        {
          const auto &[line, values] = entries.at("spacing");
          check_count(line, "spacing", values, "one spacing per direction [m]");
          for (unsigned int d = 0; d < dim; ++d)
            {
              if (!parse_number(values[d], grid.spacing[d]))
                fail(line,
                     "'spacing' needs numbers, but '" + values[d]
                       + "' is not a number.");
              if (!(grid.spacing[d] > 0))
                fail(line,
                     "spacing in " + std::string(names[d]) + " is " + values[d]
                       + ", must be > 0.");
            }
        }
        if (raw)
          {
            {
              const auto &[line, values] = entries.at("raw");
              if (values.size() != 1)
                fail(line,
                     "'raw' needs one file name (without blanks), found "
                       + std::to_string(values.size()) + " words.");
              raw_file = values[0];
            }
            {
              const auto &[line, values] = entries.at("type");
              const std::map<std::string, unsigned int> sizes
                = {{"uint8", 1}, {"uint16", 2}, {"float32", 4}, {"float64", 8}};
              if (values.size() != 1 || sizes.count(values[0]) == 0)
                fail(line,
                     "unknown voxel type '"
                       + (values.empty() ? std::string() : values[0])
                       + "' (expected uint8, uint16, float32 or float64).");
              type       = values[0];
              type_bytes = sizes.at(type);
            }
            if (entries.count("endian") != 0)
              {
                const auto &[line, values] = entries.at("endian");
                if (values.size() != 1
                    || (values[0] != "little" && values[0] != "big"))
                  fail(line,
                       "unknown byte order '"
                         + (values.empty() ? std::string() : values[0])
                         + "' for 'endian' (expected little or big).");
                big_endian = values[0] == "big";
              }
          }
      }

      /** The number of grid points (after finish()). */
      static std::uint64_t
      n_total(const Grid &grid)
      {
        return grid.n_points[0] * grid.n_points[1] * grid.n_points[2];
      }

      /** A text like "5 x 4" (after finish()). */
      std::string
      shape(const Grid &grid) const
      {
        std::string text;
        for (unsigned int d = 0; d < dim; ++d)
          text += (d == 0 ? "" : " x ") + std::to_string(grid.n_points[d]);
        return text;
      }

      const std::string  file_name;
      const unsigned int dim;
      const bool         raw;
      /** Raw format: the binary file, its voxel type and byte order. */
      std::string  raw_file;
      std::string  type;
      unsigned int type_bytes = 0;
      bool         big_endian = false;

    private:
      void
      check_count(const unsigned int              line,
                  const std::string              &keyword,
                  const std::vector<std::string> &values,
                  const std::string              &what) const
      {
        if (values.size() != dim)
          fail(line,
               "'" + keyword + "' needs " + std::to_string(dim) + " values ("
                 + what + "), found " + std::to_string(values.size()) + ".");
      }

      /** Keyword -> (line, values). */
      std::map<std::string, std::pair<unsigned int, std::vector<std::string>>>
        entries;
    };

    /** Reads a grid in the text format (see the top of this file). */
    inline Grid
    read_text(const std::string &file_name,
              const unsigned int dim,
              const double       scale,
              const double       offset)
    {
      std::ifstream in(file_name);
      AssertThrow(in,
                  ExcInput("Cannot open the grid file '" + file_name + "' ("
                           + relative_path_hint + ")."));
      HeaderReader             header(file_name, dim, false);
      Grid                     grid;
      std::string              line;
      unsigned int             line_number = 0;
      std::vector<std::string> tokens;
      bool                     found_data = false;
      while (!found_data && std::getline(in, line))
        found_data = header.add_line(++line_number, tokens_of(line), tokens);
      if (!found_data)
        header.fail("missing the keyword 'data' (a line 'data' after the "
                    "header, followed by the values).");
      header.finish(grid);

      const std::uint64_t n_expected = HeaderReader::n_total(grid);
      grid.values.reserve(n_expected);
      std::uint64_t n_found = 0;
      while (true)
        {
          for (const std::string &token : tokens)
            {
              double v = 0;
              if (!parse_number(token, v))
                header.fail(line_number,
                            "'" + token
                              + "' is not a finite number (data "
                                "value "
                              + std::to_string(n_found + 1) + ").");
              if (n_found < n_expected)
                grid.values.push_back(offset + scale * v);
              ++n_found;
            }
          if (!std::getline(in, line))
            break;
          tokens = tokens_of(line);
          ++line_number;
        }
      if (n_found != n_expected)
        header.fail("wrong number of data values: found "
                    + std::to_string(n_found) + ", expected "
                    + std::to_string(n_expected) + " (" + header.shape(grid)
                    + " points).");
      return grid;
    }

    /** Assembles an unsigned integer from @p n_bytes bytes. */
    inline std::uint64_t
    assemble(const unsigned char *bytes,
             const unsigned int   n_bytes,
             const bool           big_endian)
    {
      std::uint64_t u = 0;
      for (unsigned int i = 0; i < n_bytes; ++i)
        u |= std::uint64_t(bytes[big_endian ? n_bytes - 1 - i : i]) << (8 * i);
      return u;
    }

    /** Reads a grid in the raw format (see the top of this file). */
    inline Grid
    read_raw(const std::string &file_name,
             const unsigned int dim,
             const double       scale,
             const double       offset)
    {
      std::ifstream in(file_name);
      AssertThrow(in,
                  ExcInput("Cannot open the grid header file '" + file_name
                           + "' (" + relative_path_hint + ")."));
      HeaderReader             header(file_name, dim, true);
      Grid                     grid;
      std::string              line;
      std::vector<std::string> unused;
      for (unsigned int line_number = 1; std::getline(in, line); ++line_number)
        header.add_line(line_number, tokens_of(line), unused);
      header.finish(grid);

      const std::filesystem::path data_path
        = std::filesystem::path(file_name).parent_path() / header.raw_file;
      const std::string data_name = data_path.string();
      std::ifstream     data(data_path, std::ios::binary);
      AssertThrow(data,
                  ExcInput("Cannot open the binary file '" + data_name
                           + "' named by 'raw' in the grid header file '"
                           + file_name + "'."));
      const std::uint64_t n_expected = HeaderReader::n_total(grid);
      const std::uint64_t n_bytes    = n_expected * header.type_bytes;
      const std::uint64_t file_bytes = std::filesystem::file_size(data_path);
      AssertThrow(file_bytes == n_bytes,
                  ExcInput("The binary file '" + data_name
                           + "' (from 'raw' in '" + file_name + "') is too "
                           + (file_bytes < n_bytes ? "short" : "long") + ": "
                           + std::to_string(file_bytes) + " bytes, expected "
                           + std::to_string(n_bytes) + " (" + header.shape(grid)
                           + " voxels of type " + header.type + ", "
                           + std::to_string(header.type_bytes)
                           + (header.type_bytes == 1 ? " byte" : " bytes")
                           + " each)."));

      grid.values.resize(n_expected);
      const std::uint64_t        chunk = std::uint64_t(1) << 20;
      std::vector<unsigned char> buffer(chunk * header.type_bytes);
      for (std::uint64_t first = 0; first < n_expected; first += chunk)
        {
          const std::uint64_t n = std::min(chunk, n_expected - first);
          data.read(reinterpret_cast<char *>(buffer.data()),
                    n * header.type_bytes);
          AssertThrow(data,
                      ExcInput("Reading the binary file '" + data_name
                               + "' failed."));
          for (std::uint64_t i = 0; i < n; ++i)
            {
              const unsigned char *bytes = &buffer[i * header.type_bytes];
              const std::uint64_t  u
                = assemble(bytes, header.type_bytes, header.big_endian);
              double v = 0;
              if (header.type == "float32")
                {
                  const std::uint32_t u32 = u;
                  float               f   = 0;
                  std::memcpy(&f, &u32, sizeof(f));
                  v = f;
                }
              else if (header.type == "float64")
                std::memcpy(&v, &u, sizeof(v));
              else
                v = static_cast<double>(u);
              AssertThrow(std::isfinite(v),
                          ExcInput("The binary file '" + data_name
                                   + "' holds a value that is not finite ("
                                   + to_text(v) + ") at voxel "
                                   + std::to_string(first + i)
                                   + " (counting from 0, x fastest)."));
              grid.values[first + i] = offset + scale * v;
            }
        }
      return grid;
    }

    /** Broadcasts @p data (of any size) from rank 0. */
    template <typename T>
    void
    broadcast_array(T *data, const std::uint64_t n, const MPI_Comm comm)
    {
      const std::uint64_t chunk = std::uint64_t(1) << 26;
      for (std::uint64_t first = 0; first < n; first += chunk)
        {
          const int ierr = MPI_Bcast(data + first,
                                     std::min(chunk, n - first) * sizeof(T),
                                     MPI_BYTE,
                                     0,
                                     comm);
          AssertThrowMPI(ierr);
        }
    }
  } // namespace from_file

  /**
   * The field given by a file of values on a structured grid of
   * n_x x n_y (x n_z) points x_ijk = origin + (i dx, j dy, k dz), interpolated
   * multilinearly: in the grid cell with lower corner index (i, j, k) and
   * local coordinates t_d = (x_d - x_d,i) / h_d in [0, 1],
   * f(x) = sum over the 2^dim corners c of v_c prod_d (c_d ? t_d : 1 - t_d).
   * The file values v are `Offset + Scale * (number in the file)`. The grid
   * must cover the domain (or, with `Outside = nearest`, points outside are
   * moved to the nearest point of the grid). The file is read once on rank
   * 0 and broadcast, so every rank has the same values; O(1) per point.
   *
   * Parameters (`Disorder/<name>/From file`): `File name`, `Format`,
   * `Scale`, `Offset`, `Outside`. The formats are described at the top of
   * physics/disorder/from_file.cc and in the entry `Format`.
   */
  template <int dim>
  class FromFile : public Field<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("From file");
      prm.declare_entry(
        "File name",
        "",
        Patterns::Anything(),
        "The grid file: for `Format = text` the file with the values, for "
        "`Format = raw` the text header that names the binary file. Read "
        "once on rank 0 and broadcast. "
          + relative_path_rule);
      prm.declare_entry(
        "Format",
        "text",
        Patterns::Selection("text|raw"),
        "`text`: comment lines start with `#`; keyword lines `dimension D` "
        "(must equal the simulation dimension), `points nx ny [nz]` (each "
        ">= 2), `origin x0 y0 [z0]` [m], `spacing dx dy [dz]` [m] (> 0); "
        "then the keyword `data` and nx*ny*nz numbers, x fastest, then y, "
        "then z, separated by blanks or newlines. Values are at the grid "
        "points, which span origin .. origin + (n-1) spacing. Example: "
        "parameter_files/data/example_grid_2d.txt. `raw`: an image stack "
        "(e.g. tomography): the file is a text header with the same "
        "keywords (without `data`) and `raw FILE` (the binary file, "
        "relative to the header's directory), `type uint8|uint16|float32|"
        "float64`, `endian little|big` (default little); the binary file "
        "holds exactly nx*ny*nz voxels, x fastest, and nothing else.");
      prm.declare_entry("Scale",
                        "1",
                        Patterns::Double(),
                        "The field value is Offset + Scale * v for each "
                        "value v of the file [unit of the field per unit of "
                        "the file value].");
      prm.declare_entry("Offset",
                        "0",
                        Patterns::Double(),
                        "The field value is Offset + Scale * v for each "
                        "value v of the file [unit of the field].");
      prm.declare_entry(
        "Outside",
        "error",
        Patterns::Selection("error|nearest"),
        "`error`: the grid must cover the domain (the bounding box of the "
        "mesh, to 1e-6 of its size), otherwise the run stops before the "
        "first solve. `nearest`: a point outside the grid takes the value "
        "at the nearest point of the grid (each coordinate clamped to the "
        "grid's extent).");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm, const std::string &section) override
    {
      prm.enter_subsection("From file");
      file_name = prm.get("File name");
      raw       = prm.get("Format") == "raw";
      scale     = prm.get_double("Scale");
      offset    = prm.get_double("Offset");
      nearest   = prm.get("Outside") == "nearest";
      prm.leave_subsection();
      outside_entry = section + "/From file/Outside";
      AssertThrow(!file_name.empty(),
                  ExcInput(section
                           + "/From file/File name is empty; give the grid "
                             "file."));
      AssertThrow(std::isfinite(scale) && std::isfinite(offset),
                  ExcInput(section
                           + "/From file/Scale and Offset must be "
                             "finite numbers; got "
                           + to_text(scale) + " and " + to_text(offset) + "."));
    }

    void
    initialize(const FieldContext<dim> &context) override
    {
      // Rank 0 reads; the status, the error text and the grid are
      // broadcast, so that every rank throws the same exception.
      const MPI_Comm comm   = context.mpi_communicator;
      int            status = 0;
      std::string    error;
      if (Utilities::MPI::this_mpi_process(comm) == 0)
        try
          {
            grid = raw ? from_file::read_raw(file_name, dim, scale, offset)
                       : from_file::read_text(file_name, dim, scale, offset);
          }
        catch (const std::exception &exc)
          {
            status = 1;
            error  = user_message(exc);
            if (error.find(file_name) == std::string::npos)
              error
                = "Reading the grid file '" + file_name + "' failed: " + error;
            grid = from_file::Grid();
          }
      AssertThrowMPI(MPI_Bcast(&status, 1, MPI_INT, 0, comm));
      if (status != 0)
        {
          std::uint64_t length = error.size();
          from_file::broadcast_array(&length, 1, comm);
          error.resize(length);
          from_file::broadcast_array(error.data(), length, comm);
          AssertThrow(false, ExcInput(error));
        }
      from_file::broadcast_array(grid.n_points.data(), 3, comm);
      from_file::broadcast_array(grid.origin.data(), 3, comm);
      from_file::broadcast_array(grid.spacing.data(), 3, comm);
      grid.values.resize(grid.n_points[0] * grid.n_points[1]
                         * grid.n_points[2]);
      from_file::broadcast_array(grid.values.data(), grid.values.size(), comm);

      // The grid must cover the domain, to 1e-6 of the domain's size.
      const auto &corners = context.domain.get_boundary_points();
      tolerance           = 1e-6 * corners.first.distance(corners.second);
      std::string grid_extent, domain_extent, failure;
      for (unsigned int d = 0; d < dim; ++d)
        {
          const double lo = grid.origin[d];
          const double hi = lo + (grid.n_points[d] - 1) * grid.spacing[d];
          grid_extent += std::string(d == 0 ? "" : " x ") + "[" + to_text(lo)
                         + ", " + to_text(hi) + "]";
          domain_extent += std::string(d == 0 ? "" : " x ") + "["
                           + to_text(corners.first[d]) + ", "
                           + to_text(corners.second[d]) + "]";
          const std::string axis = std::string(1, "xyz"[d]);
          if (failure.empty() && lo > corners.first[d] + tolerance)
            failure = "in " + axis + " the grid starts at " + to_text(lo)
                      + " m but the domain at " + to_text(corners.first[d])
                      + " m";
          if (failure.empty() && hi < corners.second[d] - tolerance)
            failure = "in " + axis + " the grid ends at " + to_text(hi)
                      + " m but the domain at " + to_text(corners.second[d])
                      + " m";
        }
      AssertThrow(nearest || failure.empty(),
                  ExcInput(
                    "The grid of file '" + file_name + "' spans " + grid_extent
                    + " m, which does not cover the domain " + domain_extent
                    + " m (the bounding box of the mesh): " + failure
                    + ". Give a grid that covers the domain, or set "
                    + outside_entry
                    + " = nearest to use the nearest grid value "
                      "outside the grid."));

      const auto [min, max]
        = std::minmax_element(grid.values.begin(), grid.values.end());
      summary_text = "grid of ";
      for (unsigned int d = 0; d < dim; ++d)
        summary_text
          += (d == 0 ? "" : " x ") + std::to_string(grid.n_points[d]);
      summary_text += " points from '" + file_name + "', values in ["
                      + to_text(*min) + ", " + to_text(*max) + "]";
    }

    double
    value(const Point<dim> &point, const types::material_id) const override
    {
      std::array<std::uint64_t, dim> index;
      std::array<double, dim>        t;
      for (unsigned int d = 0; d < dim; ++d)
        {
          const double last = grid.n_points[d] - 1;
          double       s    = (point[d] - grid.origin[d]) / grid.spacing[d];
          if (!nearest)
            AssertThrow(s * grid.spacing[d] >= -tolerance
                          && (s - last) * grid.spacing[d] <= tolerance,
                        ExcInput("The point " + point_text(point)
                                 + " lies outside the grid of file '"
                                 + file_name + "' (set " + outside_entry
                                 + " = nearest to clamp it to the grid)."));
          s        = std::clamp(s, 0., last);
          index[d] = std::min<std::uint64_t>(static_cast<std::uint64_t>(s),
                                             grid.n_points[d] - 2);
          t[d]     = s - index[d];
        }
      const std::uint64_t stride[3]
        = {1, grid.n_points[0], grid.n_points[0] * grid.n_points[1]};
      double result = 0;
      for (unsigned int corner = 0; corner < (1u << dim); ++corner)
        {
          double        weight = 1;
          std::uint64_t i      = 0;
          for (unsigned int d = 0; d < dim; ++d)
            {
              const bool upper = (corner >> d) & 1u;
              weight *= upper ? t[d] : 1 - t[d];
              i += (index[d] + upper) * stride[d];
            }
          result += weight * grid.values[i];
        }
      return result;
    }

    std::string
    summary() const override
    {
      return summary_text;
    }

  private:
    static std::string
    point_text(const Point<dim> &point)
    {
      std::string text = "(";
      for (unsigned int d = 0; d < dim; ++d)
        text += (d == 0 ? "" : ", ") + to_text(point[d]);
      return text + ") m";
    }

    std::string     file_name;
    std::string     outside_entry;
    bool            raw       = false;
    bool            nearest   = false;
    double          scale     = 1;
    double          offset    = 0;
    double          tolerance = 0;
    from_file::Grid grid;
    std::string     summary_text;
  };

  HETERION_REGISTER_DISORDER_FIELD(
    FromFile,
    "from file",
    "Values on a structured 2D/3D grid read from a text file or a raw "
    "image stack, interpolated multilinearly (`From file/...`).")
} // namespace heterion::disorder

#include <solver/input_error.h>
#include <solver/parameter_file.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

/**
 * `include` lines: expansion next to the including file and from the
 * library directory, the map back to file and line, and the errors for a
 * missing file and a cycle.
 */
namespace
{
  using namespace heterion;
  namespace fs = std::filesystem;

  void
  write(const fs::path &path, const std::string &text)
  {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }

  std::string
  message_of(const std::string &filename)
  {
    try
      {
        ParameterFile file(filename);
      }
    catch (const std::exception &exc)
      {
        return user_message(exc);
      }
    return "";
  }

  TEST(ParameterFile, IncludesAreExpandedInPlace)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_include_test";
    fs::remove_all(dir);
    write(dir / "sets" / "a.prm", "set A = 1\n  INCLUDE b.prm  # comment\n");
    write(dir / "sets" / "b.prm", "set B = 2\n");
    write(dir / "main.prm",
          "subsection S\n  include sets/a.prm\nend\nset C = 3\n");
    const ParameterFile file((dir / "main.prm").string());
    EXPECT_TRUE(file.has_includes());
    EXPECT_EQ(file.text(),
              "subsection S\nset A = 1\nset B = 2\nend\nset C = 3\n");
    // Line 3 of the expanded text is line 1 of b.prm, line 5 line 4 of
    // main.prm.
    EXPECT_EQ(file.origin(3), (dir / "sets" / "b.prm").string() + ", line 1");
    EXPECT_EQ(file.origin(5), (dir / "main.prm").string() + ", line 4");
    EXPECT_EQ(file.translate("Line <3> of file <input string>: bad"),
              (dir / "sets" / "b.prm").string() + ", line 1: bad");
    fs::remove_all(dir);
  }

  TEST(ParameterFile, LibraryMaterialsAreFoundFromAnywhere)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_include_lib";
    fs::remove_all(dir);
    write(dir / "run.prm", "include materials/amorphous_si.prm\n");
    const ParameterFile file((dir / "run.prm").string());
    EXPECT_NE(file.text().find("set Maximum concentration"), std::string::npos);
    fs::remove_all(dir);
  }

  TEST(ParameterFile, MissingFilesAndCyclesAreReported)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_include_bad";
    fs::remove_all(dir);
    write(dir / "missing.prm", "set A = 1\ninclude nowhere.prm\n");
    const std::string missing = message_of((dir / "missing.prm").string());
    EXPECT_NE(missing.find("missing.prm, line 2: the included file "
                           "'nowhere.prm' does not exist"),
              std::string::npos)
      << missing;
    write(dir / "x.prm", "include y.prm\n");
    write(dir / "y.prm", "include x.prm\n");
    EXPECT_NE(message_of((dir / "x.prm").string()).find("include cycle"),
              std::string::npos);
    fs::remove_all(dir);
  }
} // namespace

#include <solver/input_error.h>
#include <solver/parameter_file.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

/**
 * `include` lines: expansion next to the including file and from the
 * library directory, the map back to file and line, and the errors for a
 * missing file and a cycle. The text checks: a byte order mark is skipped,
 * binary data and long lines are refused, statements are read as deal.II
 * reads them, and the nesting of subsections is checked.
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

  /** The message of the ExcInput that reading @p filename throws. */
  std::string
  message_of(const std::string &filename)
  {
    try
      {
        ParameterFile file(filename);
        file.check_nesting();
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

  TEST(ParameterFile, ByteOrderMarkIsSkipped)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_bom_test";
    fs::remove_all(dir);
    write(dir / "inner.prm", "\xEF\xBB\xBFset B = 2\n");
    write(dir / "main.prm",
          "\xEF\xBB\xBFset A = 1\nsubsection S\ninclude inner.prm\nend\n");
    const ParameterFile file((dir / "main.prm").string());
    EXPECT_EQ(file.text(), "set A = 1\nsubsection S\nset B = 2\nend\n");
    ASSERT_EQ(file.statements().size(), 3u);
    EXPECT_EQ(file.statements()[0].name, "A");
    EXPECT_EQ(file.statements()[2].name, "B");
    EXPECT_EQ(file.statements()[2].section, std::vector<std::string>{"S"});
    fs::remove_all(dir);
  }

  TEST(ParameterFile, BinaryDataAndLongLinesAreRefused)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_binary_test";
    fs::remove_all(dir);
    write(dir / "nul.prm", std::string("set A = 1\nset B = x\0y\n", 22));
    const std::string nul = message_of((dir / "nul.prm").string());
    EXPECT_NE(nul.find("nul.prm, line 2: the file contains binary data (byte "
                       "0x00 in column 10)"),
              std::string::npos)
      << nul;
    write(dir / "utf16.prm", "\xFF\xFEs\0e\0t\0");
    EXPECT_NE(message_of((dir / "utf16.prm").string()).find("UTF-16"),
              std::string::npos);
    write(dir / "long.prm",
          "set A = 1\nset B = " + std::string(20000, 'x') + "\n");
    const std::string long_line = message_of((dir / "long.prm").string());
    EXPECT_NE(long_line.find("long.prm, line 2: the line is longer than 10000 "
                             "characters"),
              std::string::npos)
      << long_line;
    EXPECT_EQ(long_line.find("xxxxxxxxxx"), std::string::npos) << long_line;
    // An included binary file is named with its own line.
    write(dir / "main.prm", "set A = 1\ninclude nul.prm\n");
    EXPECT_NE(message_of((dir / "main.prm").string()).find("nul.prm, line 2"),
              std::string::npos);
    fs::remove_all(dir);
  }

  TEST(ParameterFile, StatementsAreReadAsDealIIReadsThem)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_statements";
    fs::remove_all(dir);
    write(dir / "main.prm",
          "# comment\n"
          "SUBSECTION Geometry   # trailing comment\n"
          "\tset Model = \\\n"
          "      sphere\n"
          "  subsection Sphere\n"
          "    SET Radius=1e-6\n"
          "  END\n"
          "end\n"
          "set Dimension = 2 # two\n");
    const ParameterFile file((dir / "main.prm").string());
    file.check_nesting();
    const auto &statements = file.statements();
    ASSERT_EQ(statements.size(), 5u);
    EXPECT_EQ(statements[0].kind, ParameterFile::Statement::Kind::subsection);
    EXPECT_EQ(statements[0].name, "Geometry");
    EXPECT_EQ(statements[1].name, "Model");
    EXPECT_EQ(statements[1].value, "sphere");
    EXPECT_EQ(statements[1].line, 4u);
    EXPECT_EQ(statements[3].name, "Radius");
    EXPECT_EQ(statements[3].value, "1e-6");
    EXPECT_EQ(statements[3].section,
              (std::vector<std::string>{"Geometry", "Sphere"}));
    EXPECT_EQ(statements[3].section_lines, (std::vector<unsigned int>{2, 5}));
    EXPECT_EQ(statements[4].section, std::vector<std::string>{});
    EXPECT_EQ(statements[4].value, "2");
    EXPECT_EQ(file.n_settings(), 3u);
    EXPECT_EQ(file.directory(1), dir.string());
    fs::remove_all(dir);
  }

  TEST(ParameterFile, NestingErrorsNameTheFileAndLine)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_nesting";
    fs::remove_all(dir);
    write(dir / "inner.prm", "subsection Inner\nset A = 1\n");
    write(dir / "unclosed.prm",
          "subsection Outer\nend\nsubsection S\ninclude inner.prm\nend\n");
    const std::string unclosed = message_of((dir / "unclosed.prm").string());
    EXPECT_NE(unclosed.find("unclosed.prm, line 3: `subsection S` is never "
                            "closed: the input ends inside S"),
              std::string::npos)
      << unclosed;
    write(dir / "extra.prm", "subsection S\nend\nend # again\nset A = 1\n");
    const std::string extra = message_of((dir / "extra.prm").string());
    EXPECT_NE(extra.find("extra.prm, line 3: `end` without a subsection"),
              std::string::npos)
      << extra;
    write(dir / "malformed.prm",
          "set A = 1\nsetB = " + std::string(300, 'b') + "\n");
    const std::string malformed = message_of((dir / "malformed.prm").string());
    EXPECT_NE(malformed.find("malformed.prm, line 2: cannot read 'setB = bbb"),
              std::string::npos)
      << malformed;
    EXPECT_NE(malformed.find(std::string(93, 'b') + "...'"), std::string::npos)
      << malformed;
    EXPECT_EQ(malformed.find(std::string(94, 'b')), std::string::npos)
      << malformed;
    write(dir / "no_equals.prm", "set A 1\n");
    EXPECT_NE(message_of((dir / "no_equals.prm").string())
                .find("a `set` line needs `=`"),
              std::string::npos);
    fs::remove_all(dir);
  }
} // namespace

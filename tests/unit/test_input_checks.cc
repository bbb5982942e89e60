#include <deal.II/base/parameter_handler.h>

#include <solver/input_error.h>
#include <solver/input_paths.h>
#include <solver/parameter_check.h>
#include <solver/parameter_file.h>
#include <solver/simulator.h>
#include <solver/unselected_models.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

/**
 * The checks of an input before it is parsed (undeclared names with the
 * closest declared ones, values against their patterns in words), the
 * readable pattern descriptions, the relative paths of input files, and the
 * warnings for settings of a model that is not selected.
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

  /** The message of the ExcInput that @p f throws, or "". */
  template <typename F>
  std::string
  message_of(const F &f)
  {
    try
      {
        f();
      }
    catch (const std::exception &exc)
      {
        return user_message(exc);
      }
    return "";
  }

  /**
   * Reads @p text as the parameter file @p path, checks it as main() does
   * and parses it with @p overrides into @p prm; returns the settings.
   */
  std::vector<Setting>
  read_input(dealii::ParameterHandler       &prm,
             const fs::path                 &path,
             const std::string              &text,
             const std::vector<std::string> &overrides = {},
             const std::vector<std::string> &fields    = {})
  {
    write(path, text);
    const ParameterFile  file(path.string());
    std::vector<Setting> settings = settings_of(file);
    declare_parameters(prm, fields);
    const DeclaredParameters declared(prm);
    check_statements(file, declared);
    file.check_nesting();
    prm.parse_input_from_string(file.text(), "", false);
    for (const std::string &text : overrides)
      {
        settings.push_back(setting_of_override(text));
        check_setting(settings.back(), declared);
        const Setting &s = settings.back();
        for (const std::string &name : s.section)
          prm.enter_subsection(name);
        prm.set(s.entry, s.value);
        for (unsigned int i = 0; i < s.section.size(); ++i)
          prm.leave_subsection();
      }
    resolve_input_paths(prm, settings);
    return settings;
  }

  TEST(InputChecks, PatternsInWords)
  {
    EXPECT_EQ(readable_patterns("[Double 0...MAX_DOUBLE (inclusive)]"),
              "a number in [0, infinity)");
    EXPECT_EQ(readable_patterns(
                "[Double -MAX_DOUBLE...MAX_DOUBLE (inclusive)]"),
              "any number");
    EXPECT_EQ(readable_patterns("[Double -MAX_DOUBLE...1 (inclusive)]"),
              "a number in (-infinity, 1]");
    EXPECT_EQ(readable_patterns("[Integer range 1...2147483647 (inclusive)]"),
              "an integer in [1, infinity)");
    EXPECT_EQ(readable_patterns("[Integer range 0...MAX_INT (inclusive)]"),
              "an integer in [0, infinity)");
    EXPECT_EQ(readable_patterns(
                "[Integer range -2147483648...2147483647 (inclusive)]"),
              "any integer");
    EXPECT_EQ(readable_patterns("[Integer range 2...3 (inclusive)]"),
              "an integer in [2, 3]");
    EXPECT_EQ(readable_patterns("pattern: [Selection box|thin film ]."),
              "pattern: one of: box, thin film.");
    EXPECT_EQ(readable_patterns("[Bool] or [Anything]"),
              "true or false or any text");
    EXPECT_EQ(readable_patterns("[List of <[Double 0...MAX_DOUBLE "
                                "(inclusive)]> of length 1...3 (inclusive)]"),
              "a comma-separated list of 1 to 3 values, each a number in [0, "
              "infinity)");
    EXPECT_EQ(readable_patterns("[List of <[Integer range 1...4 (inclusive)]> "
                                "of length 0...4294967295 (inclusive)]"),
              "a comma-separated list of any number of values, each an integer "
              "in [1, 4]");
    // No MAX_ is left in the reference of all parameters.
    dealii::ParameterHandler prm;
    declare_parameters(prm, {"example"});
    std::ostringstream json;
    prm.print_parameters(json, dealii::ParameterHandler::JSON);
    std::istringstream lines(json.str());
    for (std::string line; std::getline(lines, line);)
      if (line.find("pattern_description") != std::string::npos)
        {
          EXPECT_EQ(readable_patterns(line).find("MAX_"), std::string::npos)
            << line;
        }
  }

  TEST(InputChecks, Excerpt)
  {
    EXPECT_EQ(excerpt("short"), "short");
    EXPECT_EQ(excerpt(std::string(150, 'a')), std::string(100, 'a') + "...");
    EXPECT_EQ(excerpt("a\tb\001c"), "a?b?c");
    // A multi-byte character is never cut.
    EXPECT_EQ(excerpt("\xC2\xB5m and more", 2), "\xC2\xB5m...");
  }

  TEST(InputChecks, UndeclaredNamesGetTheClosestDeclaredOnes)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_names_test";
    fs::remove_all(dir);
    const auto message = [&](const std::string &text) {
      dealii::ParameterHandler prm;
      return message_of([&]() { read_input(prm, dir / "run.prm", text); });
    };
    const std::string entry
      = message("set Dimension = 2\nsubsection Materials\nsubsection particle\n"
                "set Diffusivty = 1\nend\nend\n");
    EXPECT_NE(entry.find("run.prm, line 4: there is no entry 'Diffusivty' in "
                         "Materials/particle. Did you mean 'Diffusivity'?"),
              std::string::npos)
      << entry;
    const std::string subsection = message("subsection Geometri\nend\n");
    EXPECT_NE(subsection.find("run.prm, line 1: there is no subsection "
                              "'Geometri' at the top level. Did you mean "
                              "'Geometry'?"),
              std::string::npos)
      << subsection;
    // Nothing close: the three closest names all the same.
    const std::string far = message("subsection Geometry\nset Zzz = 1\nend\n");
    EXPECT_NE(far.find("there is no entry 'Zzz' in Geometry. The closest "
                       "declared entries in Geometry: '"),
              std::string::npos)
      << far;
    // A subsection without its `end`: the next subsection is inside it.
    const std::string unclosed
      = message("subsection Geometry\nsubsection Sphere\nset Radius = 1\n"
                "subsection Output\nend\nend\n");
    EXPECT_NE(unclosed.find("run.prm, line 4: there is no subsection 'Output' "
                            "in Geometry/Sphere."),
              std::string::npos)
      << unclosed;
    EXPECT_NE(unclosed.find("'Output' is at the top level: is an `end` missing "
                            "before this line? Open here: `subsection "
                            "Geometry` ("
                            + (dir / "run.prm").string()
                            + ", line 1), `subsection Sphere` ("
                            + (dir / "run.prm").string() + ", line 2)."),
              std::string::npos)
      << unclosed;
    // Values against their patterns, in words.
    const std::string value = message("subsection Geometry\nsubsection "
                                      "Sphere\nset Radius = -1\nend\nend\n");
    EXPECT_NE(value.find("run.prm, line 3: Geometry/Sphere/Radius = '-1' is "
                         "not allowed; Geometry/Sphere/Radius takes a number "
                         "in [0, infinity)."),
              std::string::npos)
      << value;
    fs::remove_all(dir);
  }

  TEST(InputChecks, OverridesAreCheckedLikeSetLines)
  {
    dealii::ParameterHandler prm;
    declare_parameters(prm);
    const DeclaredParameters declared(prm);
    const auto               message = [&](const std::string &text) {
      return message_of(
        [&]() { check_setting(setting_of_override(text), declared); });
    };
    EXPECT_EQ(message("Geometry/Model = box"), "");
    const std::string subsection = message("Geometri/Model=box");
    EXPECT_NE(subsection.find("--set 'Geometri/Model=box': there is no "
                              "subsection 'Geometri' at the top level. Did "
                              "you mean 'Geometry'?"),
              std::string::npos)
      << subsection;
    const std::string entry = message("Geometry/Sphere/Raduis=1");
    EXPECT_NE(entry.find("there is no entry 'Raduis' in Geometry/Sphere. Did "
                         "you mean 'Radius'"),
              std::string::npos)
      << entry;
    // Declared in another subsection: named.
    const std::string elsewhere = message("Geometry/Length unit=1");
    EXPECT_NE(elsewhere.find("'Length unit' is declared in Geometry/Gmsh and "
                             "Output."),
              std::string::npos)
      << elsewhere;
    const std::string value = message("Dimension=4");
    EXPECT_NE(value.find("--set 'Dimension=4': Dimension = '4' is not "
                         "allowed; Dimension takes an integer in [2, 3]."),
              std::string::npos)
      << value;
    EXPECT_NE(message("Dimension").find("expected 'Section/Entry=value'"),
              std::string::npos);
  }

  TEST(InputChecks, PathsAreRelativeToTheParameterFile)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_paths_test";
    fs::remove_all(dir);
    write(dir / "runs" / "meshes" / "body.msh", "mesh\n");
    write(dir / "runs" / "data" / "ocp.csv", "0,1\n1,0\n");
    write(dir / "runs" / "materials" / "m.prm",
          "set Open-circuit potential = table: ocp.csv\n");
    write(dir / "runs" / "materials" / "ocp.csv", "0,1\n1,0\n");
    dealii::ParameterHandler prm;
    read_input(prm,
               dir / "runs" / "run.prm",
               "subsection Geometry\nsubsection Gmsh\n"
               "set File name = meshes/body.msh\nend\nend\n"
               "subsection Materials\nsubsection core\n"
               "set Open-circuit potential = table:data/ocp.csv\nend\n"
               "subsection shell\ninclude materials/m.prm\nend\n"
               "subsection particle\n"
               "set Open-circuit potential = table:not_here.csv\nend\n"
               "subsection coating\nset Open-circuit potential = "
               "table:"
                 + (dir / "runs" / "data" / "ocp.csv").string()
                 + "\nend\nend\n"
                   "subsection Disorder\nsubsection noise\nsubsection From "
                   "file\nset File name = data/ocp.csv\nend\nend\nend\n",
               {"Disorder/noise/Inclusions/File name=data/ocp.csv"},
               {"noise"});
    EXPECT_EQ(prm.get({"Geometry", "Gmsh"}, "File name"),
              (dir / "runs" / "meshes" / "body.msh").string());
    EXPECT_EQ(prm.get({"Materials", "core"}, "Open-circuit potential"),
              "table:" + (dir / "runs" / "data" / "ocp.csv").string());
    // Next to the included file that sets it.
    EXPECT_EQ(prm.get({"Materials", "shell"}, "Open-circuit potential"),
              "table:" + (dir / "runs" / "materials" / "ocp.csv").string());
    // Not next to the file: left to the working directory.
    EXPECT_EQ(prm.get({"Materials", "particle"}, "Open-circuit potential"),
              "table:not_here.csv");
    EXPECT_EQ(prm.get({"Materials", "coating"}, "Open-circuit potential"),
              "table:" + (dir / "runs" / "data" / "ocp.csv").string());
    EXPECT_EQ(prm.get({"Disorder", "noise", "From file"}, "File name"),
              (dir / "runs" / "data" / "ocp.csv").string());
    // --set: relative to the working directory.
    EXPECT_EQ(prm.get({"Disorder", "noise", "Inclusions"}, "File name"),
              "data/ocp.csv");
    fs::remove_all(dir);
  }

  TEST(InputChecks, SettingsOfAModelThatIsNotSelectedAreWarnedAbout)
  {
    const fs::path dir = fs::temp_directory_path() / "heterion_unused_test";
    fs::remove_all(dir);
    dealii::ParameterHandler prm;
    const auto               settings = read_input(
      prm,
      dir / "run.prm",
      "set Dimension = 2\n"
                    "subsection Geometry\n"
                    "  set Model = sphere\n"
                    "  subsection Sphere\n    set Radius = 1e-6\n  end\n"
                    "  subsection Core-shell sphere\n    set Core radius = 0\n  end\n"
                    "end\n"
                    "subsection Disorder\n"
                    "  set Fields = noise, bump\n"
                    "  subsection noise\n"
                    "    set Model = gaussian random field\n"
                    "    subsection Gaussian random field\n"
                    "      set Correlation length = 1e-7\n"
                    "    end\n"
                    "    subsection Inclusions\n      set Volume fraction = 0.1\n    end\n"
                    "  end\n"
                    "end\n",
      {"Geometry/Box/Size=1e-6", "Disorder/bump/Function/Expression=x"},
      {"noise", "bump"});
    const std::vector<std::string> warnings
      = unselected_model_warnings(prm, settings);
    ASSERT_EQ(warnings.size(), 4u);
    EXPECT_EQ(warnings[0],
              (dir / "run.prm").string()
                + ", line 8: Geometry/Core-shell sphere/Core radius has no "
                  "effect: it belongs to the model `core-shell sphere`, but "
                  "Geometry/Model = sphere.");
    EXPECT_NE(warnings[1].find(
                ", line 19: Disorder/noise/Inclusions/Volume fraction has no "
                "effect: it belongs to the model `inclusions`, but "
                "Disorder/noise/Model = gaussian random field."),
              std::string::npos)
      << warnings[1];
    EXPECT_EQ(warnings[2],
              "--set 'Geometry/Box/Size=1e-6': Geometry/Box/Size has no "
              "effect: it belongs to the model `box`, but Geometry/Model = "
              "sphere.");
    EXPECT_EQ(warnings[3],
              "--set 'Disorder/bump/Function/Expression=x': "
              "Disorder/bump/Function/Expression has no effect: it belongs to "
              "the model `function`, but Disorder/bump/Model = uniform.");
    fs::remove_all(dir);
  }
} // namespace

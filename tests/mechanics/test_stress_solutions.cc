#include <gtest/gtest.h>

#include "../common/mechanics_solutions.h"
#include "../common/run_case.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

/**
 * Chemo-mechanics against closed-form and independent solutions: a thin film
 * on a rigid substrate, a freely swelling sphere, the galvanostatic and the
 * potentiostatic sphere (thermal-stress analogy of the Crank series), a
 * bonded core-shell sphere (Lame), a hollow sphere with a radial
 * concentration profile, the steady stress-coupled slab, and the coupled
 * sphere against an independent radial finite-volume solution (plus lithium
 * conservation and monolithic = staggered). Nondimensional data where the
 * solution only depends on ratios (R = 1 m, D = 1 m^2/s, so tau = t).
 */
namespace
{
  using namespace heterion;
  namespace analytic = heterion::analytic;
  using Columns      = std::map<std::string, std::vector<double>>;

  /** The probe rows of @p probe at time @p t (first match), as columns. */
  std::map<std::string, double>
  probe_at(const Columns &probes, const unsigned int probe, const double t)
  {
    for (unsigned int row = 0; row < probes.at("time").size(); ++row)
      if (probes.at("probe")[row] == probe
          && std::abs(probes.at("time")[row] - t) < 1e-9)
        {
          std::map<std::string, double> values;
          for (const auto &[name, column] : probes)
            values[name] = column[row];
          return values;
        }
    ADD_FAILURE() << "no row for probe " << probe << " at t = " << t;
    return {};
  }

  /** A number in full precision for a parameter file. */
  std::string
  number(const double value)
  {
    char text[32];
    std::snprintf(text, sizeof(text), "%.17g", value);
    return text;
  }

  std::string
  mechanics_block(const std::string &extra  = "",
                  const std::string &method = "direct")
  {
    return "subsection Mechanics\n set Enable = true\n" + extra
           + "end\nsubsection Linear solver\n set Method = " + method
           + "\nend\n";
  }

  /** E, nu, Omega, c_ref of one material. */
  std::string
  elastic(const std::string &material,
          const double       E,
          const double       nu,
          const double       Omega,
          const double       c_ref = 0)
  {
    return "subsection Materials\n subsection " + material
           + "\n  set Young modulus = " + number(E) + "\n  set Poisson ratio = "
           + number(nu) + "\n  set Partial molar volume = " + number(Omega)
           + "\n  set Reference concentration = " + number(c_ref)
           + "\n end\nend\n";
  }


  /**
   * A film bonded to a rigid substrate (bottom clamped, sides symmetry),
   * uniformly lithiated: sigma_xx = sigma_zz = -E Omega (c - c_ref) /
   * (3 (1 - nu)), sigma_yy = 0 (2D, plane strain in z), and likewise in 3D
   * with the thickness along y... (3D: film thickness along z).
   */
  template <int dim>
  void
  check_thin_film()
  {
    const double           E = 10e9, nu = 0.3, Omega = 3.497e-6, c_max = 2.29e4;
    const double           c_ref = 0.1 * c_max, c = 0.6 * c_max;
    const std::string      dir = "mechanics_thin_film_" + std::to_string(dim);
    test_support::Run<dim> run(
      "set Dimension = " + std::to_string(dim)
      + "\nset Output directory = " + dir
      + "\nsubsection Geometry\n set Model = thin film\n set Global "
        "refinement = 1\nend\n"
        "subsection Initial conditions\n set Initial state of charge = "
        "0.6\nend\n"
        "subsection Boundary conditions\n set Flux boundaries =\nend\n"
        "subsection Time stepping\n set End time = 1\n set Time step = 1\n"
        "end\nsubsection Output\n set Probe points = "
      + (dim == 2 ? "1e-7, 5e-8" : "1e-7, 1e-7, 5e-8") + "\nend\n"
      + elastic("particle", E, nu, Omega, c_ref)
      + "subsection Materials\n subsection particle\n  set Maximum "
        "concentration = 22900\n end\nend\n"
      + mechanics_block(
        " set Clamped boundaries = bottom\n set Symmetry boundaries = "
        "sides\n"));
    const double exact  = -E * Omega * (c - c_ref) / (3 * (1 - nu));
    const auto   probes = test_support::read_csv(dir + "/probes.csv");
    for (const double t : {0., 1.})
      {
        const auto  p         = probe_at(probes, 0, t);
        const char *in_plane  = dim == 2 ? "sigma_xx" : "sigma_xx";
        const char *in_plane2 = dim == 2 ? "sigma_zz" : "sigma_yy";
        const char *normal    = dim == 2 ? "sigma_yy" : "sigma_zz";
        EXPECT_LT(std::abs(p.at(in_plane) / exact - 1), 1e-6) << p.at(in_plane);
        EXPECT_LT(std::abs(p.at(in_plane2) / exact - 1), 1e-6);
        EXPECT_LT(std::abs(p.at(normal) / exact), 1e-6);
        EXPECT_LT(std::abs(p.at("sigma_h") / (2 * exact / 3) - 1), 1e-6);
      }
    const auto stats = test_support::read_csv(dir + "/statistics.csv");
    EXPECT_LT(std::abs(stats.at("sigma_h_max").back() / (2 * exact / 3) - 1),
              1e-6);
    EXPECT_LT(std::abs(stats.at("sigma_vm_max").back() / std::abs(exact) - 1),
              1e-6);
  }

  TEST(StressSolutions, ThinFilmOnRigidSubstrate2d)
  {
    check_thin_film<2>();
  }

  TEST(StressSolutions, ThinFilmOnRigidSubstrate3d)
  {
    check_thin_film<3>();
  }


  /**
   * A free sphere (no symmetry or clamped boundary: the rigid-body modes are
   * removed by point constraints) swells uniformly: u = Omega c x / 3 and no
   * stress. With a linear mapping the exact displacement lies in the finite
   * element space, so the stress must vanish to round-off.
   */
  TEST(StressSolutions, FreeSphereSwellsWithoutStress)
  {
    const double         E = 10e9, nu = 0.3, Omega = 3.497e-6, R = 5e-6;
    const double         c   = 0.5 * 2.29e4;
    const std::string    dir = "mechanics_free_sphere";
    test_support::Run<3> run(
      "set Output directory = " + dir
      + "\nset Mapping degree = 1\n"
        "subsection Geometry\n set Model = sphere\n set Global refinement = "
        "1\nend\n"
        "subsection Initial conditions\n set Initial state of charge = "
        "0.5\nend\n"
        "subsection Boundary conditions\n set Flux boundaries =\nend\n"
        "subsection Time stepping\n set End time = 1\n set Time step = 1\n"
        "end\nsubsection Output\n set Probe points = 5e-6, 0, 0\nend\n"
      + elastic("particle", E, nu, Omega) + mechanics_block());
    const double scale = E / (3 * (1 - 2 * nu)) * Omega * c;
    const auto   stats = test_support::read_csv(dir + "/statistics.csv");
    for (unsigned int row = 0; row < stats.at("step").size(); ++row)
      {
        EXPECT_LT(stats.at("sigma_vm_max")[row], 1e-8 * scale);
        EXPECT_LT(std::abs(stats.at("sigma_h_min")[row]), 1e-8 * scale);
        EXPECT_LT(std::abs(stats.at("sigma_h_max")[row]), 1e-8 * scale);
        EXPECT_NEAR(stats.at("volume_change")[row] / (Omega * c), 1., 1e-8);
      }
    const auto p = probe_at(test_support::read_csv(dir + "/probes.csv"), 0, 0);
    EXPECT_NEAR(p.at("u_x") / (Omega * c * R / 3), 1., 1e-8);
    EXPECT_LT(std::abs(p.at("u_y")), 1e-8 * Omega * c * R);
  }


  /** Material data of the nondimensional sphere cases. */
  constexpr double E_s = 1, nu_s = 0.3, Omega_s = 0.1;

  /**
   * Core-shell sphere, uniform concentration, different E, nu and Omega in
   * core and shell: interface pressure, core stress and shell hoop stress
   * vs the bonded two-layer Lame solution, within 1 %.
   */
  TEST(StressSolutions, CoreShellLame)
  {
    const double a = 0.6, b = 1, c = 5;
    const double E1 = 1, nu1 = 0.3, O1 = 0.2, E2 = 0.5, nu2 = 0.25, O2 = 0.05;
    const std::string    dir = "mechanics_core_shell";
    test_support::Run<3> run(
      "set Output directory = " + dir
      + "\nset Finite element degree = 2\nset Mapping degree = 3"
      + "\nsubsection Geometry\n set Model = core-shell sphere\n set Global "
        "refinement = 2\n subsection Core-shell sphere\n  set Core radius = "
        "0.6\n  set Outer radius = 1\n  set Octant = true\n end\nend\n"
        "subsection Initial conditions\n set Initial state of charge = "
        "0.5\nend\n"
        "subsection Boundary conditions\n set Flux boundaries =\nend\n"
        "subsection Materials\n subsection core\n  set Maximum concentration "
        "= 10\n end\n subsection shell\n  set Maximum concentration = 10\n "
        "end\nend\n"
        "subsection Time stepping\n set End time = 1\n set Time step = 1\n"
        "end\nsubsection Output\n set Probe points = 0,0,0; 0.6,0,0; 1,0,0; "
        "0.8,0,0\nend\n"
      + elastic("core", E1, nu1, O1) + elastic("shell", E2, nu2, O2)
      + mechanics_block("", "iterative"));
    const auto exact = [&](const double r) {
      return analytic::layered_sphere_uniform_swelling(
        r, {a, b}, {E1, E2}, {nu1, nu2}, {O1 * c / 3, O2 * c / 3}, 0.);
    };
    const auto   probes = test_support::read_csv(dir + "/probes.csv");
    const double scale  = std::abs(exact(0).sigma_r);
    const auto   centre = probe_at(probes, 0, 0);
    const auto   inter  = probe_at(probes, 1, 0);
    const auto   outer  = probe_at(probes, 2, 0);
    const auto   mid    = probe_at(probes, 3, 0);
    EXPECT_LT(std::abs(centre.at("sigma_xx") - exact(0).sigma_r), 1e-2 * scale);
    EXPECT_LT(std::abs(inter.at("sigma_xx") - exact(a).sigma_r), 1e-2 * scale)
      << "interface pressure " << -inter.at("sigma_xx") << " vs "
      << -exact(a).sigma_r;
    EXPECT_LT(std::abs(outer.at("sigma_yy") - exact(b).sigma_t), 1e-2 * scale)
      << "shell hoop stress " << outer.at("sigma_yy") << " vs "
      << exact(b).sigma_t;
    EXPECT_LT(std::abs(mid.at("sigma_xx") - exact(0.8).sigma_r), 1e-2 * scale);
    EXPECT_LT(std::abs(mid.at("sigma_yy") - exact(0.8).sigma_t), 1e-2 * scale);
    std::cout << "core-shell: interface pressure " << -inter.at("sigma_xx")
              << " (Lame " << -exact(a).sigma_r << "), shell hoop at R "
              << outer.at("sigma_yy") << " (Lame " << exact(b).sigma_t << ")"
              << std::endl;
  }


  /**
   * The stress jumps where two materials meet. A bonded core-shell sphere
   * (octant) swells uniformly with different E, nu and Omega in core and
   * shell (Lame): the recovered stress just inside the core and just inside
   * the shell (on the x axis, where sigma_xx is the radial and sigma_yy the
   * hoop stress, and on the diagonal, through the curved interface) must
   * match the exact values of its own side, and the peaks of sigma_h and
   * sigma_1 (statistics.csv) the exact peaks, with errors that fall under
   * refinement. A projection that is continuous across the interface smears
   * the jump and rings on both sides: its peak errors grew from 5 to 9 %
   * between refinements 1 and 3.
   */
  TEST(StressSolutions, CoreShellStressJump)
  {
    const double a = 0.6, b = 1, c = 5, delta = 1e-6;
    const double E1 = 1, nu1 = 0.3, O1 = 0.2, E2 = 0.5, nu2 = 0.25, O2 = 0.05;
    const auto   exact = [&](const double r) {
      return analytic::layered_sphere_uniform_swelling(
        r, {a, b}, {E1, E2}, {nu1, nu2}, {O1 * c / 3, O2 * c / 3}, 0.);
    };
    // The exact peaks over the body.
    double peak_h = -1e300, peak_1 = -1e300;
    for (unsigned int i = 0; i <= 2000; ++i)
      {
        const double r = b * i / 2000.;
        const auto   s = exact(r);
        peak_h         = std::max(peak_h, (s.sigma_r + 2 * s.sigma_t) / 3);
        peak_1         = std::max(peak_1, std::max(s.sigma_r, s.sigma_t));
      }
    const double        scale = std::abs(exact(0).sigma_r);
    const double        d     = 1 / std::sqrt(3.);
    std::vector<double> errors;
    for (const unsigned int refinement : {1u, 2u})
      {
        const std::string dir
          = "mechanics_core_shell_jump_" + std::to_string(refinement);
        std::string probes;
        for (const double r : {a - delta, a + delta})
          probes += number(r) + ",0,0; " + number(r * d) + "," + number(r * d)
                    + "," + number(r * d) + "; ";
        probes.resize(probes.size() - 2);
        test_support::Run<3> run(
          "set Output directory = " + dir
          + "\nset Finite element degree = 2\nset Mapping degree = 3"
          + "\nsubsection Geometry\n set Model = core-shell sphere\n set "
            "Global refinement = "
          + std::to_string(refinement)
          + "\n subsection Core-shell sphere\n  set Core radius = 0.6\n  set "
            "Outer radius = 1\n  set Octant = true\n end\nend\n"
            "subsection Initial conditions\n set Initial state of charge = "
            "0.5\nend\n"
            "subsection Boundary conditions\n set Flux boundaries =\nend\n"
            "subsection Materials\n subsection core\n  set Maximum "
            "concentration = 10\n end\n subsection shell\n  set Maximum "
            "concentration = 10\n end\nend\n"
            "subsection Time stepping\n set End time = 1\n set Time step = 1\n"
            "end\nsubsection Output\n set Probe points = "
          + probes + "\nend\n" + elastic("core", E1, nu1, O1)
          + elastic("shell", E2, nu2, O2) + mechanics_block("", "iterative"));
        const auto table = test_support::read_csv(dir + "/probes.csv");
        double     error = 0;
        for (unsigned int side = 0; side < 2; ++side)
          {
            const double r     = side == 0 ? a - delta : a + delta;
            const auto   s     = exact(r);
            const auto   axis  = probe_at(table, 2 * side, 0);
            const auto   slant = probe_at(table, 2 * side + 1, 0);
            // On the diagonal: radial sigma_rr = n.sigma.n and the hoop
            // stress from the trace: sigma_h = (sigma_rr + 2 sigma_t) / 3.
            const double radial
              = (slant.at("sigma_xx") + slant.at("sigma_yy")
                 + slant.at("sigma_zz")
                 + 2
                     * (slant.at("sigma_xy") + slant.at("sigma_xz")
                        + slant.at("sigma_yz")))
                / 3;
            const double hoop = (3 * slant.at("sigma_h") - radial) / 2;
            for (const double e : {axis.at("sigma_xx") - s.sigma_r,
                                   axis.at("sigma_yy") - s.sigma_t,
                                   axis.at("sigma_zz") - s.sigma_t,
                                   radial - s.sigma_r,
                                   hoop - s.sigma_t})
              error = std::max(error, std::abs(e) / scale);
            std::cout << "refinement " << refinement << ", r = " << r
                      << ": hoop " << axis.at("sigma_yy") << " (Lame "
                      << s.sigma_t << "), radial " << axis.at("sigma_xx")
                      << " (" << s.sigma_r << "); diagonal hoop " << hoop
                      << ", radial " << radial << std::endl;
          }
        const auto   stats = test_support::read_csv(dir + "/statistics.csv");
        const double h     = stats.at("sigma_h_max").back();
        const double p     = stats.at("sigma_1_max").back();
        std::cout << "refinement " << refinement << ": peak sigma_h " << h
                  << " (exact " << peak_h << "), peak sigma_1 " << p
                  << " (exact " << peak_1 << ")" << std::endl;
        error = std::max(error, std::abs(h - peak_h) / scale);
        error = std::max(error, std::abs(p - peak_1) / scale);
        errors.push_back(error);
      }
    std::cout << "core-shell jump: largest error " << errors[0] << " and "
              << errors[1] << " of the core pressure" << std::endl;
    EXPECT_LT(errors[1], 0.6 * errors[0]);
    EXPECT_LT(errors[1], 1e-2);
  }


  /**
   * The sphere octant of an imported Gmsh mesh (meshes/
   * sphere_octant_tetrahedra.msh: 193 tetrahedra split into 772 hexahedra,
   * flat faces, Q1 concentration, Q2 displacement, linear mapping) with the
   * parabolic concentration c = 3 + 0.5 r^2 of galvanostatic charging at
   * steady state. Thermal-stress analogy (free sphere, R = 1):
   * sigma_r = k (1 - r^2) / 10 * 2, sigma_t = k (2 - 4 r^2) / 10,
   * k = E Omega / (3 (1 - nu)). The three symmetry planes must hold every
   * DoF on them, also where two or three of them meet: before, the corner
   * moved (u(0) ~ 2.7e-10 m in a 5 um particle), the centre stress came out
   * anisotropic (28, 28, 49 MPa for 48.5 MPa) and the peaks of sigma_h and
   * sigma_1 27 % and 41 % too high. Checked at the centre (the corner of
   * the planes), on the edge y = z = 0 and on the plane z = 0, and the peaks
   * over the body (at the centre). The faceted surface itself is not
   * checked: its kinks put stress peaks at the surface nodes.
   */
  TEST(StressSolutions, GmshOctantRadialProfile)
  {
    const std::string    dir = "mechanics_gmsh_octant";
    test_support::Run<3> run(
      "set Output directory = " + dir
      + "\nset Finite element degree = 1\nset Mapping degree = 1\n"
        "subsection Geometry\n set Model = gmsh\n set Global refinement = "
        "0\n subsection Gmsh\n  set File name = " HETERION_SOURCE_DIR
        "/meshes/sphere_octant_tetrahedra.msh\n end\nend\n"
        "subsection Materials\n subsection particle\n  set Maximum "
        "concentration = 10\n end\nend\n"
        "subsection Initial conditions\n set Initial state of charge = "
        "0.3 + 0.05*(x^2+y^2+z^2)\nend\n"
        "subsection Boundary conditions\n set Flux boundaries =\nend\n"
        "subsection Time stepping\n set End time = 1e-9\n set Time step = "
        "1e-9\nend\nsubsection Output\n set Probe points = 0,0,0; 0.5,0,0; "
        "0.3,0.3,0\nend\n"
      + elastic("particle", E_s, nu_s, Omega_s) + mechanics_block());
    const double k       = E_s * Omega_s / (3 * (1 - nu_s));
    const auto   sigma_r = [&](const double r) { return k * (1 - r * r) / 5; };
    const auto   sigma_t
      = [&](const double r) { return k * (2 - 4 * r * r) / 10; };
    const double scale  = sigma_r(0);
    const auto   probes = test_support::read_csv(dir + "/probes.csv");
    const auto   centre = probe_at(probes, 0, 0);
    const auto   edge   = probe_at(probes, 1, 0);
    const auto   plane  = probe_at(probes, 2, 0);
    for (const char *u : {"u_x", "u_y", "u_z"})
      EXPECT_LT(std::abs(centre.at(u)), 1e-12) << u;
    for (const char *s : {"sigma_xx", "sigma_yy", "sigma_zz"})
      EXPECT_LT(std::abs(centre.at(s) / scale - 1), 1e-2) << s;
    EXPECT_LT(std::abs(centre.at("sigma_xx") - centre.at("sigma_zz")),
              3e-3 * scale);
    EXPECT_LT(std::abs(centre.at("sigma_xy")), 3e-3 * scale);
    // The edge y = z = 0: held in y and z; radial and hoop stresses.
    EXPECT_LT(std::abs(edge.at("u_y")) + std::abs(edge.at("u_z")), 1e-12);
    EXPECT_LT(std::abs(edge.at("sigma_xx") - sigma_r(0.5)), 1e-2 * scale);
    EXPECT_LT(std::abs(edge.at("sigma_yy") - sigma_t(0.5)), 2e-2 * scale);
    EXPECT_LT(std::abs(edge.at("sigma_zz") - sigma_t(0.5)), 2e-2 * scale);
    // The plane z = 0: held in z, free of shear.
    EXPECT_LT(std::abs(plane.at("u_z")), 1e-12);
    EXPECT_LT(std::abs(plane.at("sigma_xz")) + std::abs(plane.at("sigma_yz")),
              3e-3 * scale);
    const auto stats = test_support::read_csv(dir + "/statistics.csv");
    EXPECT_LT(std::abs(stats.at("sigma_h_max").back() / scale - 1), 1e-2);
    EXPECT_LT(std::abs(stats.at("sigma_1_max").back() / scale - 1), 1e-2);
    std::cout << "gmsh octant: centre " << centre.at("sigma_xx") << ", "
              << centre.at("sigma_yy") << ", " << centre.at("sigma_zz")
              << " (exact " << scale << "); edge r = 0.5: radial "
              << edge.at("sigma_xx") << " (" << sigma_r(0.5) << "), hoop "
              << edge.at("sigma_yy") << ", " << edge.at("sigma_zz") << " ("
              << sigma_t(0.5) << "); peaks sigma_h "
              << stats.at("sigma_h_max").back() << ", sigma_1 "
              << stats.at("sigma_1_max").back() << std::endl;
  }


  /**
   * A long cylinder with free ends (2D cross-section, `Mechanics/Out-of-
   * plane strain = free ends`: generalized plane strain) charged at a
   * constant flux j = 1 (R = D = 1, quarter disc, Q2 c, Q3 u, one-way
   * coupling). At tau = 0.5 the profile is quasi-steady, c - cbar = b (r^2 -
   * R^2/2), b = j/(2 D R), and the thermal-stress analogy of a cylinder with
   * free ends gives, with k = E Omega / (3 (1 - nu)):
   *   sigma_r = k b (R^2 - r^2)/4,  sigma_t = k b (R^2 - 3 r^2)/4,
   *   sigma_z = k b (R^2 - 2 r^2)/2,
   * and the axial strain is the free swelling of the mean, eps_zz = Omega
   * cbar / 3. Plane strain (eps_zz = 0, held ends) gives the same in-plane
   * stresses but sigma_z = nu (sigma_r + sigma_t) - E Omega (c - c_ref)/3,
   * far in compression: at the surface -0.045 here against -0.012. Newton
   * takes one iteration per step (the problem is linear): the eliminated
   * axial strain enters the Jacobian exactly (J + b w^T, Woodbury).
   */
  TEST(StressSolutions, GeneralizedPlaneStrainCylinder)
  {
    const auto run_case = [&](const std::string &dir,
                              const std::string &condition) {
      test_support::Run<2> run(test_support::verification_case(
        "crank_cylinder_galvanostatic.prm",
        "set Output directory = " + dir
          + "\nsubsection Geometry\n set Global refinement = 3\nend\n"
            "subsection Time stepping\n set Time step = 2e-4\n set Step "
            "schedule = 0.004: 2e-3, 0.02: 0.01, 0.1: 0.02\nend\n"
          + elastic("particle", E_s, nu_s, Omega_s)
          + mechanics_block(" set Out-of-plane strain = " + condition + "\n")));
    };
    run_case("mechanics_gps_cylinder", "free ends");
    run_case("mechanics_plane_strain_cylinder", "plane strain");
    const double k = E_s * Omega_s / (3 * (1 - nu_s)), b = 0.5;
    const auto   probes
      = test_support::read_csv("mechanics_gps_cylinder/probes.csv");
    const auto   centre  = probe_at(probes, 0, 0.5);
    const auto   surface = probe_at(probes, 1, 0.5);
    const double scale   = k * b / 4;
    std::cout << "generalized plane strain, tau 0.5: centre sigma_r "
              << centre.at("sigma_xx") << " (" << k * b / 4 << "), sigma_z "
              << centre.at("sigma_zz") << " (" << k * b / 2
              << "); surface sigma_t " << surface.at("sigma_yy") << " ("
              << -k * b / 2 << "), sigma_z " << surface.at("sigma_zz") << " ("
              << -k * b / 2 << ")" << std::endl;
    EXPECT_LT(std::abs(centre.at("sigma_xx") - k * b / 4), 1e-2 * scale);
    EXPECT_LT(std::abs(centre.at("sigma_yy") - k * b / 4), 1e-2 * scale);
    EXPECT_LT(std::abs(centre.at("sigma_zz") - k * b / 2), 1e-2 * scale);
    EXPECT_LT(std::abs(surface.at("sigma_xx")), 1e-2 * scale);
    EXPECT_LT(std::abs(surface.at("sigma_yy") + k * b / 2), 1e-2 * scale);
    EXPECT_LT(std::abs(surface.at("sigma_zz") + k * b / 2), 1e-2 * scale);
    const auto stats
      = test_support::read_csv("mechanics_gps_cylinder/statistics.csv");
    for (unsigned int row = 1; row < stats.at("step").size(); ++row)
      {
        EXPECT_NEAR(stats.at("axial_strain")[row],
                    Omega_s * stats.at("c_mean")[row] / 3,
                    1e-6 * Omega_s * stats.at("c_mean")[row])
          << "row " << row;
        EXPECT_EQ(stats.at("newton_iterations")[row], 1) << "row " << row;
      }
    // Plane strain: the same in-plane stresses, sigma_z far in compression.
    const auto held = probe_at(test_support::read_csv(
                                 "mechanics_plane_strain_cylinder/probes.csv"),
                               1,
                               0.5);
    EXPECT_LT(std::abs(held.at("sigma_yy") - surface.at("sigma_yy")),
              1e-2 * scale);
    const double held_z = nu_s * (held.at("sigma_xx") + held.at("sigma_yy"))
                          - E_s * Omega_s * held.at("c") / 3;
    EXPECT_LT(std::abs(held.at("sigma_zz") - held_z), 1e-2 * scale);
    std::cout << "plane strain, tau 0.5: surface sigma_z "
              << held.at("sigma_zz") << std::endl;
  }


  /**
   * Hollow sphere with a radial concentration profile c = 2 + 6 (r - a) /
   * (b - a): stresses vs the thermal-stress analogy for the hollow sphere
   * (Timoshenko & Goodier) within 1 % of the stress scale.
   */
  TEST(StressSolutions, HollowSphereRadialProfile)
  {
    const double         a = 0.5, b = 1;
    const std::string    dir = "mechanics_hollow_sphere";
    test_support::Run<3> run(
      "set Output directory = " + dir
      + "\nset Finite element degree = 2\nset Mapping degree = 3"
      + "\nsubsection Geometry\n set Model = hollow sphere\n set Global "
        "refinement = 1\n subsection Hollow sphere\n  set Inner radius = "
        "0.5\n  set Outer radius = 1\n  set Octant = true\n end\nend\n"
        "subsection Initial conditions\n set Initial state of charge = "
        "0.2+0.6*(sqrt(x^2+y^2+z^2)-0.5)/0.5\nend\n"
        "subsection Boundary conditions\n set Flux boundaries =\nend\n"
        "subsection Materials\n subsection particle\n  set Maximum "
        "concentration = 10\n end\nend\n"
        "subsection Time stepping\n set End time = 1e-9\n set Time step = "
        "1e-9\nend\nsubsection Output\n set Probe points = 0.5,0,0; 0.75,0,0; "
        "1,0,0\nend\n"
      + elastic("particle", E_s, nu_s, Omega_s)
      + mechanics_block("", "iterative"));
    const auto c = [&](const double r) { return 2 + 6 * (r - a) / (b - a); };
    const auto exact = [&](const double r) {
      return analytic::sphere_radial_concentration_stress(
        c, r, a, b, E_s, nu_s, Omega_s);
    };
    const auto   probes = test_support::read_csv(dir + "/probes.csv");
    const double scale  = Omega_s * E_s * 6 / (3 * (1 - nu_s));
    const auto   inner  = probe_at(probes, 0, 0);
    const auto   mid    = probe_at(probes, 1, 0);
    const auto   outer  = probe_at(probes, 2, 0);
    EXPECT_LT(std::abs(inner.at("sigma_yy") - exact(a).sigma_t), 1e-2 * scale);
    EXPECT_LT(std::abs(mid.at("sigma_xx") - exact(0.75).sigma_r), 1e-2 * scale);
    EXPECT_LT(std::abs(mid.at("sigma_yy") - exact(0.75).sigma_t), 1e-2 * scale);
    EXPECT_LT(std::abs(outer.at("sigma_yy") - exact(b).sigma_t), 1e-2 * scale);
    EXPECT_NEAR(outer.at("u_x") / exact(b).u, 1., 1e-2);
    std::cout << "hollow: hoop inner " << inner.at("sigma_yy") << " ("
              << exact(a).sigma_t << "), outer " << outer.at("sigma_yy") << " ("
              << exact(b).sigma_t << "), radial mid " << mid.at("sigma_xx")
              << " (" << exact(0.75).sigma_r << ")" << std::endl;
  }


  /**
   * Steady stress-coupled diffusion through a film bonded to a rigid
   * substrate (2D, plane strain), concentrations held at both faces:
   * sigma_h = -2 E Omega c / (9 (1 - nu)), so J = -D (1 + theta c) grad c
   * with theta = 2 Omega^2 E / (9 R T (1 - nu)) = 1 here, and c + theta
   * c^2 / 2 is linear across the film. Within 0.5 %.
   */
  /** The stress-coupled film of CoupledSlabSteadyState. */
  std::string
  coupled_slab(const std::string &dir,
               const std::string &coupling,
               const double       end_time)
  {
    const double E = 3.15, nu = 0.3, Omega = 1;
    return "set Dimension = 2\nset Output directory = " + dir
           + "\nset Temperature = 0.120272355042\n"
             "subsection Geometry\n set Model = thin film\n set Global "
             "refinement = 2\n subsection Thin film\n  set Thickness = 1\n  "
             "set Width = 0.5\n  set Cells across thickness = 2\n end\nend\n"
             "subsection Initial conditions\n set Initial state of charge = "
             "0.1+0.8*y\nend\n"
             "subsection Boundary conditions\n set Flux boundaries =\n set "
             "Concentration boundaries = surface, bottom\n set Surface state "
             "of charge = 0.1+0.8*y\nend\n"
             "subsection Materials\n subsection particle\n  set Diffusivity = "
             "1\n  set Maximum concentration = 1\n end\nend\n"
             "subsection Time stepping\n set End time = "
           + number(end_time)
           + "\n set Time step = 0.05\n set Step schedule = 1: 1\nend\n"
             "subsection Output\n set Output interval = "
           + number(end_time)
           + "\n set Probe points = 0.25,0.25; 0.25,0.5; 0.25,0.75\nend\n"
           + elastic("particle", E, nu, Omega)
           + mechanics_block(" set Stress-assisted diffusion = true\n set "
                             "Clamped boundaries = bottom\n set Symmetry "
                             "boundaries = sides\n set Staggered tolerance = "
                             "1e-13\n set Maximum staggered iterations = "
                             "500\n set Coupling = "
                             + coupling + "\n");
  }


  TEST(StressSolutions, CoupledSlabSteadyState)
  {
    const double theta
      = analytic::stress_coupling_theta(3.15, 0.3, 1, 0.120272355042);
    ASSERT_NEAR(theta, 1., 1e-9);
    const std::string    dir = "mechanics_coupled_slab";
    test_support::Run<2> run(coupled_slab(dir, "monolithic", 20));
    const auto           probes = test_support::read_csv(dir + "/probes.csv");
    for (unsigned int i = 0; i < 3; ++i)
      {
        const double y     = 0.25 * (i + 1);
        const double exact = analytic::coupled_slab_steady(y, 1, 0.1, 0.9, 1);
        const double value = probe_at(probes, i, 20).at("c");
        EXPECT_LT(std::abs(value / exact - 1), 5e-3)
          << "y = " << y << ": " << value << " vs " << exact;
        // The uncoupled profile would be linear: make sure it is not.
        EXPECT_GT(std::abs(exact - (0.1 + 0.8 * y)), 1e-2);
      }
  }


  /**
   * The staggered coupling converges to the monolithic solution: the
   * stress-coupled film during its transient, statistics equal to 1e-7
   * relative to each column's scale (staggered tolerance 1e-13).
   */
  TEST(StressSolutions, StaggeredEqualsMonolithic)
  {
    const auto run_with = [](const std::string &coupling) {
      const std::string    dir = "mechanics_coupling_" + coupling;
      test_support::Run<2> run(coupled_slab(dir, coupling, 0.3));
      return test_support::read_csv(dir + "/statistics.csv");
    };
    const auto monolithic = run_with("monolithic");
    const auto staggered  = run_with("staggered");
    ASSERT_EQ(monolithic.at("time").size(), staggered.at("time").size());
    for (const std::string column : {"c_mean",
                                     "c_max",
                                     "li_inventory",
                                     "sigma_h_min",
                                     "sigma_h_max",
                                     "sigma_vm_max",
                                     "strain_energy"})
      for (unsigned int i = 0; i < monolithic.at(column).size(); ++i)
        EXPECT_NEAR(staggered.at(column)[i],
                    monolithic.at(column)[i],
                    1e-7 * std::abs(monolithic.at(column).back()))
          << column << ", row " << i;
    // The passes matter: the staggered run needs more linear solves.
    double n_mono = 0, n_stag = 0;
    for (const double n : monolithic.at("linear_iterations"))
      n_mono += n;
    for (const double n : staggered.at("linear_iterations"))
      n_stag += n;
    EXPECT_GT(n_stag, n_mono);
  }
} // namespace

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/grid/grid_generator.h>

#include <physics/disorder/manager.h>
#include <physics/materials/property_cache.h>
#include <solver/input_error.h>

#include <gtest/gtest.h>

#include "../common/run_case.h"

#include <cmath>

namespace
{
  using namespace dealii;
  using namespace heterion;
  using materials::Property;

  /** Material and disorder parameters: D, c_max and E vary through two
   * function fields; `wave` acts in the particle only. */
  const std::string case_text
    = "subsection Materials\n subsection particle\n"
      "  set Diffusivity = 1e-14*(1+theta)\n"
      "  set Maximum concentration = 2e4\n"
      "  set Young modulus = 8e10\n end\nend\n"
      "subsection Disorder\n set Fields = wave, floor\n"
      " subsection wave\n  set Model = function\n  set Materials = particle\n"
      "  subsection Function\n"
      "   set Expression = 1 + 0.5*sin(3e6*x)*cos(2e6*y)\n  end\n end\n"
      " subsection floor\n  set Model = uniform\n"
      "  subsection Uniform\n   set Value = 1.2e4\n  end\n end\n"
      " subsection Properties\n"
      "  set Diffusivity = multiply wave\n"
      "  set Maximum concentration = multiply wave, max floor\n"
      "  set Young modulus = multiply wave\n end\nend\n";

  template <int dim>
  struct CacheCase
  {
    explicit CacheCase(const std::string &text, const MPI_Comm comm)
        : tria(comm)
    {
      test_support::parse(prm, text);
      model.parse_parameters(prm);
      manager.parse_parameters(prm);
      GridGenerator::hyper_cube(tria, 0, 2e-6);
      tria.refine_global(3);
      Point<dim> corner;
      for (unsigned int d = 0; d < dim; ++d)
        corner[d] = 2e-6;
      manager.initialize(BoundingBox<dim>(std::make_pair(Point<dim>(), corner)),
                         298.15,
                         comm,
                         ConditionalOStream(std::cout, false));
    }

    ParameterHandler                          prm;
    materials::MaterialModel                  model;
    disorder::Manager<dim>                    manager;
    parallel::distributed::Triangulation<dim> tria;
  };


  /** The chains give exactly the values of their formulas, the cache holds
   * the same values as a pointwise evaluation, and the derivative of D
   * follows the chain. */
  TEST(PropertyCache, ChainsAndCacheAgreeWithFormulas)
  {
    CacheCase<2>                s(case_text, MPI_COMM_SELF);
    materials::PropertyCache<2> cache(s.model, s.manager);
    const MappingQ<2>           mapping(1);
    const QGauss<2>             quadrature(3);
    cache.reinit(mapping, s.tria, quadrature, MPI_COMM_SELF);

    const FE_Nothing<2> fe;
    FEValues<2> fe_values(mapping, fe, quadrature, update_quadrature_points);
    double      max_error = 0, max_derivative_error = 0;
    for (const auto &cell : s.tria.active_cell_iterators())
      {
        fe_values.reinit(cell);
        for (unsigned int q = 0; q < quadrature.size(); ++q)
          {
            const Point<2> &x = fe_values.quadrature_point(q);
            const double    wave
              = 1 + 0.5 * std::sin(3e6 * x[0]) * std::cos(2e6 * x[1]);
            const double c_max = std::max(2e4 * wave, 1.2e4);
            max_error
              = std::max(max_error,
                         std::abs(cache.maximum_concentration(cell)[q] - c_max)
                           / c_max);
            max_error = std::max(max_error,
                                 std::abs(cache.elastic(cell, q)->youngs_modulus
                                          - 8e10 * wave)
                                   / 8e10);
            // lambda, mu follow from the modified E.
            const double nu = 0.3;
            max_error       = std::max(max_error,
                                 std::abs(cache.elastic(cell, q)->mu
                                          - 8e10 * wave / (2 * (1 + nu)))
                                   / 8e10);
            double D, dD;
            cache.diffusivity(cell, q, 0.4, D, dD);
            max_error
              = std::max(max_error, std::abs(D - 1.4e-14 * wave) / 1e-14);
            // dD/dtheta of an expression is a central difference (step
            // 1e-6): round-off limits it to ~1e-10 relative.
            max_derivative_error
              = std::max(max_derivative_error,
                         std::abs(dD - 1e-14 * wave) / 1e-14);
            max_error
              = std::max(max_error,
                         std::abs(
                           cache.evaluate(Property::maximum_concentration,
                                          x,
                                          cell->material_id())
                           - cache.maximum_concentration(cell)[q])
                           / c_max);
          }
      }
    EXPECT_LT(max_error, 1e-12);
    EXPECT_LT(max_derivative_error, 1e-8);
    EXPECT_NEAR(cache.concentration_scale(), 3e4, 30); // max of 2e4 * 1.5
  }


  /** A field restricted to one material leaves the others unchanged. */
  TEST(PropertyCache, FieldActsOnlyInItsMaterials)
  {
    CacheCase<2>                s(case_text, MPI_COMM_SELF);
    materials::PropertyCache<2> cache(s.model, s.manager);
    const Point<2>              x(0.3e-6, 0.2e-6);
    const double                wave = 1 + 0.5 * std::sin(0.9) * std::cos(0.4);
    EXPECT_NEAR(cache.evaluate(Property::youngs_modulus,
                               x,
                               ids::material::particle),
                8e10 * wave,
                1);
    EXPECT_EQ(cache.evaluate(Property::youngs_modulus, x, ids::material::shell),
              1e11);
    // `floor` acts everywhere: the shell's c_max (default 2.29e4) is above.
    EXPECT_EQ(cache.evaluate(Property::maximum_concentration,
                             x,
                             ids::material::shell),
              2.29e4);
  }


  /**
   * Partition independence: the capacity \int c_max dV and \int E dV over
   * the mesh distributed on all ranks equal those of the same mesh on one
   * rank (MPI_COMM_SELF), to round-off. Run by ctest at 1 and 2 ranks.
   */
  TEST(PropertyCacheMpi, IntegralsDoNotDependOnThePartition)
  {
    const auto integrals = [](const MPI_Comm comm) {
      CacheCase<3>                s(case_text, comm);
      materials::PropertyCache<3> cache(s.model, s.manager);
      const MappingQ<3>           mapping(1);
      const QGauss<3>             quadrature(2);
      cache.reinit(mapping, s.tria, quadrature, comm);
      const FE_Nothing<3> fe;
      FEValues<3>         fe_values(mapping, fe, quadrature, update_JxW_values);
      double              sums[2] = {0, 0};
      for (const auto &cell : s.tria.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            fe_values.reinit(cell);
            for (unsigned int q = 0; q < quadrature.size(); ++q)
              {
                sums[0]
                  += cache.maximum_concentration(cell)[q] * fe_values.JxW(q);
                sums[1]
                  += cache.elastic(cell, q)->youngs_modulus * fe_values.JxW(q);
              }
          }
      return std::make_pair(Utilities::MPI::sum(sums[0], comm),
                            Utilities::MPI::sum(sums[1], comm));
    };
    const auto all  = integrals(MPI_COMM_WORLD);
    const auto self = integrals(MPI_COMM_SELF);
    EXPECT_NEAR(all.first / self.first, 1, 1e-13);
    EXPECT_NEAR(all.second / self.second, 1, 1e-13);
    // The chains matter: without them the capacity would be 2e4 V.
    EXPECT_GT(std::abs(all.first / (2e4 * 8e-18) - 1), 1e-3);
  }


  /** A value out of the physical range stops the run on every rank, with
   * the property, the chain and the bound in the message. */
  TEST(PropertyCacheMpi, BoundViolationIsReportedOnAllRanks)
  {
    const std::string text = case_text
                             + "subsection Disorder\n subsection Properties\n"
                               "  set Poisson ratio = add floor\n end\nend\n";
    CacheCase<3>                s(text, MPI_COMM_WORLD);
    materials::PropertyCache<3> cache(s.model, s.manager);
    const MappingQ<3>           mapping(1);
    std::string                 message;
    try
      {
        cache.reinit(mapping, s.tria, QGauss<3>(2), MPI_COMM_WORLD);
      }
    catch (const ExcInput &exc)
      {
        message = user_message(exc);
      }
    EXPECT_NE(message.find("Disorder/Properties/Poisson ratio"),
              std::string::npos)
      << message;
    EXPECT_NE(message.find("add floor"), std::string::npos) << message;
    EXPECT_NE(message.find("(-1, 0.5)"), std::string::npos) << message;
  }


  /** Chain syntax errors name the property and the word. */
  TEST(DisorderManager, ChainErrorsNameTheStep)
  {
    const auto message_of = [](const std::string &chain) {
      ParameterHandler prm;
      try
        {
          test_support::parse(
            prm,
            "subsection Disorder\n set Fields = a\n subsection Properties\n"
            "  set Young modulus = "
              + chain + "\n end\nend\n");
          disorder::Manager<2> manager;
          manager.parse_parameters(prm);
        }
      catch (const std::exception &exc)
        {
          return user_message(exc);
        }
      return std::string();
    };
    EXPECT_NE(message_of("multiply b").find("unknown field 'b'"),
              std::string::npos);
    EXPECT_NE(message_of("scale a").find("unknown operation 'scale'"),
              std::string::npos);
    EXPECT_NE(message_of("multiply").find("Disorder/Properties/Young modulus"),
              std::string::npos);
    EXPECT_EQ(message_of("multiply a, max a"), "");
  }
} // namespace

/**
 * Benchmark (not a test): the cost of placing about 1e4 inclusions
 * (volume fraction 0.2, radius 17 nm, 1 um box) by random sequential
 * addition, and of 1e5 evaluations of value(). Prints the figures.
 * Built by `make heterion_benchmarks`; not part of ctest.
 */
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <physics/disorder/inclusions.h>
#include <physics/disorder/interface.h>
#include <physics/disorder/random.h>

#include <chrono>
#include <iostream>

int
main(int argc, char **argv)
{
  using namespace heterion;
  using namespace heterion::disorder;
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);

  dealii::ParameterHandler prm;
  prm.enter_subsection("Disorder");
  prm.enter_subsection("bench");
  Registry::declare_parameters(prm);
  prm.leave_subsection();
  prm.leave_subsection();
  prm.parse_input_from_string("subsection Disorder\nsubsection bench\n"
                              "subsection Inclusions\n"
                              "set Volume fraction = 0.2\n"
                              "set Radius = 1.7e-8\nend\nend\nend\n");
  prm.enter_subsection("Disorder");
  prm.enter_subsection("bench");
  auto field = Registry::create<3>("inclusions");
  field->parse_parameters(prm, "Disorder/bench");
  prm.leave_subsection();
  prm.leave_subsection();

  FieldContext<3> context;
  context.name    = "bench";
  context.section = "Disorder/bench";
  const double L  = 1e-6;
  context.domain
    = dealii::BoundingBox<3>({dealii::Point<3>(), dealii::Point<3>(L, L, L)});
  context.seed             = 17;
  context.mpi_communicator = MPI_COMM_WORLD;

  const auto start = std::chrono::steady_clock::now();
  field->initialize(context);
  const auto   placed = std::chrono::steady_clock::now();
  Random       random(3);
  unsigned int n_inside = 0;
  for (unsigned int k = 0; k < 100000; ++k)
    {
      const dealii::Point<3> p(random.uniform(0, L),
                               random.uniform(0, L),
                               random.uniform(0, L));
      n_inside += field->value(p, 0) == 1;
    }
  const auto end = std::chrono::steady_clock::now();
  // (The cast also keeps the plugin library linked.)
  const auto *inclusions = dynamic_cast<const Inclusions<3> *>(field.get());
  std::cout << field->summary() << "\n"
            << (inclusions ? inclusions->n_inclusions() : 0)
            << " inclusions; placement "
            << std::chrono::duration<double>(placed - start).count()
            << " s, 1e5 value() "
            << std::chrono::duration<double>(end - placed).count() << " s ("
            << n_inside << " of 1e5 inside)" << std::endl;
}

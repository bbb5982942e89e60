#include <deal.II/base/mpi.h>

#include <solver/mpi_session.h>

#include <gtest/gtest.h>

/** GoogleTest main that initializes MPI (and PETSc) once for all tests. */
int
main(int argc, char **argv)
{
  // Before MPI_Init (ctest -j starts many binaries at once).
  const heterion::PrivateMpiSessionDirectory session_directory;
  dealii::Utilities::MPI::MPI_InitFinalize   mpi(argc, argv, 1);
  dealii::deal_II_exceptions::disable_abort_on_exception();
  ::testing::InitGoogleTest(&argc, argv);
  // Only rank 0 prints results.
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
    delete ::testing::UnitTest::GetInstance()->listeners().Release(
      ::testing::UnitTest::GetInstance()->listeners().default_result_printer());
  return RUN_ALL_TESTS();
}

#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>

#include <physics/kinetics/electrode.h>
#include <physics/materials/material_model.h>
#include <physics/postprocessors/stress_recovery.h>
#include <physics/transport/boundary_conditions.h>
#include <solver/assembly/assembler.h>
#include <solver/introspection.h>
#include <solver/linear_algebra.h>


namespace heterion
{
  /**
   * A read-only view of the simulator's state for postprocessors and
   * output writers: they see the mesh, the fields and the material model,
   * and never advance time or own a solver.
   */
  template <int dim>
  struct SimulatorContext
  {
    MPI_Comm                                  mpi_communicator;
    const dealii::Mapping<dim>               &mapping;
    const dealii::DoFHandler<dim>            &dof_handler;
    const Introspection<dim>                 &introspection;
    const materials::MaterialModel           &material_model;
    const transport::BoundaryConditions<dim> &boundary_conditions;
    const assembly::Assembler<dim>           &assembler;
    /** The current solution with ghost entries. */
    const LA::MPI::Vector &solution;
    /** Time [s] of the current solution. */
    double time;
    /** The recovered stress (null without mechanics). */
    const postprocessors::StressRecovery<dim> *stress_recovery;
    /** The electrode, with its reaction boundaries and faces (null
     * without kinetics). */
    const kinetics::Electrode<dim> *electrode = nullptr;
  };
} // namespace heterion

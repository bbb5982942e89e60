#pragma once

#include <physics/transport/fields.h>
#include <solver/assembly/term.h>

namespace heterion::transport
{
  /**
   * Lithium storage, the discrete time derivative:
   *   R_i += \int (a_0 c^{n+1} + a_1 c^n + a_2 c^{n-1}) / dt  v_i dV,
   *   J_ij += \int a_0/dt  v_j v_i dV.
   */
  template <int dim>
  class Storage : public assembly::CellTerm<dim>
  {
  public:
    void
    assemble(const dealii::FEValues<dim>        &fe_values,
             const assembly::CellPointData<dim> &data,
             dealii::FullMatrix<double>         *matrix,
             dealii::Vector<double>             &residual) const override;

    assembly::FieldCouplings
    couplings() const override
    {
      return {{fields::concentration, fields::concentration}};
    }

    std::string
    name() const override
    {
      return "the storage term dc/dt (Time stepping)";
    }
  };
} // namespace heterion::transport

#include <physics/disorder/interface.h>

namespace heterion::disorder
{
  using namespace dealii;

  /**
   * The field f(x) = v: one value everywhere (e.g. a constant factor, or a
   * disorder degree that is the same in the whole body).
   *
   * Parameters (`Disorder/<name>/Uniform`): `Value`.
   */
  template <int dim>
  class Uniform : public Field<dim>
  {
  public:
    static void
    declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Uniform");
      prm.declare_entry("Value",
                        "1",
                        Patterns::Double(),
                        "The value of the field everywhere [unit of the "
                        "property it modifies, or 1 for a factor].");
      prm.leave_subsection();
    }

    void
    parse_parameters(ParameterHandler &prm, const std::string &) override
    {
      prm.enter_subsection("Uniform");
      field_value = prm.get_double("Value");
      prm.leave_subsection();
    }

    void
    initialize(const FieldContext<dim> &) override
    {
    }

    double
    value(const Point<dim> &, const types::material_id) const override
    {
      return field_value;
    }

  private:
    double field_value = 1;
  };

  HETERION_REGISTER_DISORDER_FIELD(Uniform,
                                   "uniform",
                                   "One value everywhere (`Uniform/Value`).")
} // namespace heterion::disorder

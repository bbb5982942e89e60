#pragma once

#include <deal.II/base/bounding_box.h>
#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/point.h>
#include <deal.II/base/types.h>

#include <physics/disorder/interface.h>
#include <physics/materials/properties.h>

#include <array>
#include <bitset>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include <solver/geometry/ids.h>

namespace heterion::disorder
{
  /** The properties (rows of the property table, materials/properties.h)
   * that disorder chains modify. */
  using materials::n_properties;
  using materials::Property;

  /** One step of a property chain: `op field`. */
  struct Operation
  {
    enum class Type
    {
      replace,
      add,
      multiply,
      min,
      max
    };
    Type         type;
    unsigned int field;

    /**
     * Applies the operation with field value @p f to the property value
     * @p v and its derivative @p dv with respect to the state of charge
     * (the field does not depend on it).
     */
    static void
    apply(const Type type, const double f, double &v, double &dv)
    {
      switch (type)
        {
          case Type::replace:
            v  = f;
            dv = 0;
            break;
          case Type::add:
            v += f;
            break;
          case Type::multiply:
            v *= f;
            dv *= f;
            break;
          case Type::min:
            if (f < v)
              {
                v  = f;
                dv = 0;
              }
            break;
          case Type::max:
            if (f > v)
              {
                v  = f;
                dv = 0;
              }
            break;
        }
    }
  };

  /**
   * The disorder manager: creates the named fields of `Disorder/Fields`
   * (each a plugin of disorder::Registry), initializes them in dependency
   * order, and holds for each property the chain of operations that turns
   * the material's base value into the value at a point:
   * p(x) = op_n(... op_1(p_base(material), f_1(x)) ..., f_n(x)).
   * An operation whose field is restricted (`Disorder/<name>/Materials`)
   * is skipped in the other materials.
   *
   * The field names must be known before the parameters are declared:
   * read_field_names() reads them from the input first.
   */
  template <int dim>
  class Manager
  {
  public:
    /**
     * Declares `Disorder` with one subsection per name in @p field_names
     * (each with every field model's parameters).
     */
    static void
    declare_parameters(dealii::ParameterHandler       &prm,
                       const std::vector<std::string> &field_names);

    /**
     * The value of `Disorder/Fields` in the parameter text @p input (later
     * `--set Disorder/Fields=...` overrides in @p overrides win), checked:
     * unique names of letters, digits, `_` and `-`. Other entries are
     * ignored here.
     */
    static std::vector<std::string>
    read_field_names(std::istream                   &input,
                     const std::vector<std::string> &overrides = {});

    void
    parse_parameters(dealii::ParameterHandler &prm);

    /**
     * Builds every field (random modes, inclusions, file data) for the
     * domain @p domain, identically on every rank; prints one line per
     * field to @p out.
     */
    void
    initialize(const dealii::BoundingBox<dim>   &domain,
               const double                      temperature,
               const MPI_Comm                    mpi_communicator,
               const dealii::ConditionalOStream &out);

    /** True if property @p p has a non-empty chain. */
    bool
    varies(const Property p) const;

    /** True if any property varies. */
    bool
    any_varies() const;

    /** The operations of property @p p. */
    const std::vector<Operation> &
    chain(const Property p) const;

    /** The number of fields. */
    unsigned int
    n_fields() const;

    /** The name of field @p i. */
    const std::string &
    field_name(const unsigned int i) const;

    /** The chain of @p p as text (e.g. "multiply noise, max floor"). */
    std::string
    chain_text(const Property p) const;

    /** Whether field @p i acts in material @p id. */
    bool
    acts_in(const unsigned int i, const dealii::types::material_id id) const;

    /** f_i(x) in material @p id. */
    double
    field_value(const unsigned int               i,
                const dealii::Point<dim>        &point,
                const dealii::types::material_id id) const;

    /**
     * The chain of @p p applied to the base value @p base (and its
     * derivative @p derivative) at @p point.
     */
    void
    apply(const Property                   p,
          const dealii::Point<dim>        &point,
          const dealii::types::material_id id,
          double                          &value,
          double                          &derivative) const;

    /** The chain of @p p applied to @p base at @p point. */
    double
    apply(const Property                   p,
          const dealii::Point<dim>        &point,
          const dealii::types::material_id id,
          const double                     base) const;

    /** The run's seed (`Disorder/Seed`). */
    std::uint64_t
    seed() const;

  private:
    struct NamedField
    {
      std::string                 name;
      std::string                 model;
      std::unique_ptr<Field<dim>> field;
      std::vector<bool>           materials;
      std::vector<unsigned int>   dependencies;
    };
    std::vector<NamedField>                          fields;
    std::array<std::vector<Operation>, n_properties> chains;
    std::uint64_t                                    base_seed = 1;
    /** Field indices in an order where dependencies come first. */
    std::vector<unsigned int> initialization_order;
  };
} // namespace heterion::disorder

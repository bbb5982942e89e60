#pragma once

#include <deal.II/fe/component_mask.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/fe_values_extractors.h>

#include <memory>
#include <string>
#include <vector>

namespace heterion
{
  /** How the shape functions of a field connect across cells. */
  enum class Continuity
  {
    /** FE_Q(k): continuous everywhere. */
    continuous,
    /** FE_DGQ(k) on the Gauss-Lobatto nodes of FE_Q(k): discontinuous; a
     * physics may make it continuous where it chooses by constraints (the
     * hydrostatic stress keeps its jumps at material interfaces). */
    discontinuous
  };

  /**
   * What the assembler evaluates of a field at the quadrature points of
   * every cell it visits, into assembly::CellPointData (values are also
   * evaluated on faces, into assembly::FacePointData).
   */
  struct PointValues
  {
    bool values    = true;
    bool gradients = false;
    /** The time-history combination (a_1 u^n + a_2 u^{n-1}) / dt. */
    bool history = false;
    /** The symmetric gradient (vector fields: the small strain). */
    bool symmetric_gradients = false;
  };

  /** The name of domain 0 of assembly::Domains: the lithium-storing
   * (active) materials, every material that no module puts into a domain
   * of its own. */
  inline const std::string active_domain = "active";

  /**
   * One solution field as a physics declares it: the registry
   * (Introspection) places the declared fields in blocks, in the order of
   * the declarations, and builds the finite element from them. No code
   * outside the declaring physics needs to know the field.
   */
  struct FieldDeclaration
  {
    FieldDeclaration() = default;

    /** A continuous field with its values (only) at the points. */
    FieldDeclaration(const std::string &name,
                     const std::string &key,
                     const std::string &unit,
                     const unsigned int n_components,
                     const unsigned int degree)
        : name(name)
        , key(key)
        , unit(unit)
        , n_components(n_components)
        , degree(degree)
    {
    }

    /** The name, used for lookup, in VTU files and in messages
     * ("concentration"). */
    std::string name;
    /** A short key: the PETSc option prefix of the field's block in the
     * preconditioner ("c"). */
    std::string key;
    /** The SI unit of the field ("mol/m^3"). */
    std::string unit;
    /** 1 (scalar) or dim (vector). */
    unsigned int n_components = 1;
    /** The polynomial degree k of its elements. */
    unsigned int degree     = 1;
    Continuity   continuity = Continuity::continuous;
    PointValues  point_values;
    /** The natural magnitude of the field in its unit: Newton's
     * convergence of the field is measured relative to it (a module may
     * set it from the mesh and the materials: PhysicsModule::set_scales()). */
    double scale = 1;
    /** The names of the domains (assembly::Domains) where the field lives:
     * outside them, at DoFs that touch no cell of these domains, it is held
     * at zero. */
    std::vector<std::string> domains{active_domain};
  };

  /**
   * The field registry: the solution fields declared by the physics, where
   * each sits in the finite element and in each cell's local DoFs, and
   * their extractors. The only place that computes component indices:
   * nobody else writes `dim + 1`. Fields are found by name
   * (field(), find_field()); the physics that declares a field keeps its
   * name (e.g. transport::fields::concentration).
   */
  template <int dim>
  class Introspection
  {
  public:
    /** One solution field: its declaration and its place. */
    struct Field : FieldDeclaration
    {
      unsigned int first_component = 0;
      /** The field's index, which is also its block. */
      unsigned int block = 0;
    };

    /** The fields of @p declarations, in that order (names unique). */
    explicit Introspection(const std::vector<FieldDeclaration> &declarations);

    /** The finite element: one base element per field. */
    const dealii::FESystem<dim> &
    fe() const;

    /** The fields in block order. */
    const std::vector<Field> &
    fields() const;

    /** The number of blocks (one per field). */
    unsigned int
    n_blocks() const;

    /** The index (= block) of the field @p name, or
     * numbers::invalid_unsigned_int if there is no such field. */
    unsigned int
    find_field(const std::string &name) const;

    /** The index (= block) of the field @p name, which must exist. */
    unsigned int
    field(const std::string &name) const;

    /** True if the field @p name exists. */
    bool
    has_field(const std::string &name) const;

    /** The first component of field @p field. */
    unsigned int
    first_component(const unsigned int field) const;

    /** The extractor of the scalar field @p field. */
    dealii::FEValuesExtractors::Scalar
    scalar(const unsigned int field) const;

    /** The extractor of the vector field @p field. */
    dealii::FEValuesExtractors::Vector
    vector(const unsigned int field) const;

    /** Block index of each component. */
    std::vector<unsigned int>
    component_to_block() const;

    /** The components of field @p field. */
    dealii::ComponentMask
    component_mask(const unsigned int field) const;

    /**
     * The local (cell) DoF indices that belong to field @p field, so that
     * a term loops over its own shape functions only.
     */
    const std::vector<unsigned int> &
    local_dofs(const unsigned int field) const;

  private:
    std::vector<Field>                     field_list;
    std::unique_ptr<dealii::FESystem<dim>> finite_element;
    std::vector<std::vector<unsigned int>> dofs_of_field;
  };
} // namespace heterion

#include <deal.II/base/utilities.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_values.h>

#include <physics/materials/property_cache.h>
#include <solver/input_error.h>
#include <solver/parsed_function.h>

#include <cmath>
#include <limits>

namespace heterion::materials
{
  using namespace dealii;
  namespace
  {
    /**
     * The static properties other than c_max and the elastic ones (which
     * the cache stores in their own arrays): those a disorder chain may
     * modify, with one array of point values each when one does.
     */
    const std::vector<Property> &
    other_static_properties()
    {
      static const std::vector<Property> list = []() {
        std::vector<Property> result;
        for (const PropertyInfo &row : property_table())
          if (row.disorder_capable && !row.elastic_member
              && row.p != Property::maximum_concentration
              && row.p != Property::diffusivity
              && row.p != Property::initial_state_of_charge)
            result.push_back(row.p);
        return result;
      }();
      return list;
    }

    /** The first bound violation found on this rank, reported on all. */
    struct BoundCheck
    {
      std::string message;

      template <int dim>
      void
      check(const Property                p,
            const double                  v,
            const Point<dim>             &point,
            const types::material_id      id,
            const disorder::Manager<dim> &manager)
      {
        if (!message.empty())
          return;
        const PropertyInfo &row = info(p);
        if (row.bounds.contains(v))
          return;
        std::string where;
        for (unsigned int d = 0; d < dim; ++d)
          where += (d ? ", " : "") + to_text(point[d]);
        message = "Disorder/Properties/" + row.entry + ": the chain `"
                  + manager.chain_text(p) + "` gives " + to_text(v)
                  + " in material `" + ids::material_name(id) + "` at (" + where
                  + ") m, but the " + row.entry + " must "
                  + row.bounds.text(row.unit)
                  + ". Change the field parameters (mean, bounds, "
                    "clipping) or the chain.";
      }

      void
      throw_on_all_ranks(const MPI_Comm comm) const
      {
        const unsigned int rank = Utilities::MPI::this_mpi_process(comm);
        const unsigned int first
          = Utilities::MPI::min(message.empty()
                                  ? std::numeric_limits<unsigned int>::max()
                                  : rank,
                                comm);
        if (first == std::numeric_limits<unsigned int>::max())
          return;
        const std::string text
          = Utilities::MPI::broadcast(comm, message, first);
        AssertThrow(false, ExcInput(text));
      }
    };
  } // namespace


  template <int dim>
  PropertyCache<dim>::PropertyCache(const MaterialModel &material_model,
                                    const disorder::Manager<dim> &disorder)
      : model(material_model)
      , manager(disorder)
  {
  }


  template <int dim>
  double
  PropertyCache<dim>::evaluate(const Property           p,
                               const Point<dim>        &point,
                               const types::material_id id,
                               const double             base_or_theta) const
  {
    if (p == Property::diffusivity)
      {
        double D, dD;
        model.diffusivity(id, base_or_theta, D, dD);
        manager.apply(p, point, id, D, dD);
        return D * model.temperature_factor(id, p);
      }
    const double base = p == Property::initial_state_of_charge
                          ? base_or_theta
                          : model.value(id, p);
    return manager.apply(p, point, id, base) * model.temperature_factor(id, p);
  }


  template <int dim>
  ElasticProperties
  PropertyCache<dim>::evaluate_elastic(const Point<dim>        &point,
                                       const types::material_id id) const
  {
    return make_elastic_properties(
      evaluate(Property::youngs_modulus, point, id),
      evaluate(Property::poissons_ratio, point, id),
      evaluate(Property::partial_molar_volume, point, id),
      evaluate(Property::reference_concentration, point, id));
  }


  template <int dim>
  void
  PropertyCache<dim>::reinit(const Mapping<dim>       &mapping,
                             const Triangulation<dim> &triangulation,
                             const Quadrature<dim>    &quadrature,
                             const MPI_Comm            mpi_communicator)
  {
    n_q                              = quadrature.size();
    const std::size_t size           = triangulation.n_active_cells() * n_q;
    const auto       &D_chain        = manager.chain(Property::diffusivity);
    bool              elastic_varies = false;
    for (const PropertyInfo &row : property_table())
      elastic_varies |= row.elastic_member && manager.varies(row.p);
    c_max.assign(size, 0.);
    diffusivity_fields.assign(size * D_chain.size(), 0.);
    elastic_values.assign(elastic_varies ? size : 0, ElasticProperties());
    static_values.assign(n_properties, {});
    for (const Property p : other_static_properties())
      if (manager.varies(p))
        static_values[materials::index(p)].assign(size, 0.);

    // Only the positions are needed; FE_Nothing gives FEValues without
    // a DoFHandler.
    const FE_Nothing<dim> fe_nothing;
    FEValues<dim>         fe_values(mapping,
                            fe_nothing,
                            quadrature,
                            update_quadrature_points);
    BoundCheck            bounds;
    double                local_scales[3] = {0, 0, 0};
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          fe_values.reinit(cell);
          const types::material_id id    = cell->material_id();
          const std::size_t        first = cell->active_cell_index() * n_q;
          for (unsigned int q = 0; q < n_q; ++q)
            {
              const Point<dim> &x = fe_values.quadrature_point(q);
              const std::size_t i = first + q;
              c_max[i] = evaluate(Property::maximum_concentration, x, id);
              bounds.check(
                Property::maximum_concentration, c_max[i], x, id, manager);
              for (unsigned int k = 0; k < D_chain.size(); ++k)
                diffusivity_fields[i * D_chain.size() + k]
                  = manager.field_value(D_chain[k].field, x, id);
              if (!D_chain.empty())
                for (const double theta : {0., 0.25, 0.5, 0.75, 1.})
                  {
                    double D, dD;
                    diffusivity(cell, q, theta, D, dD);
                    bounds.check(Property::diffusivity, D, x, id, manager);
                  }
              ElasticProperties e = model.elastic_properties(id);
              if (elastic_varies)
                {
                  // Each chain once: checked, then turned into the
                  // derived constants.
                  for (const PropertyInfo &row : property_table())
                    if (row.elastic_member)
                      {
                        e.*row.elastic_member = evaluate(row.p, x, id);
                        bounds.check(
                          row.p, e.*row.elastic_member, x, id, manager);
                      }
                  e                 = make_elastic_properties(e.youngs_modulus,
                                              e.poissons_ratio,
                                              e.partial_molar_volume,
                                              e.reference_concentration);
                  elastic_values[i] = e;
                }
              for (const Property p : other_static_properties())
                if (!static_values[materials::index(p)].empty())
                  {
                    static_values[materials::index(p)][i] = evaluate(p, x, id);
                    bounds.check(
                      p, static_values[materials::index(p)][i], x, id, manager);
                  }
              local_scales[0] = std::max(local_scales[0], c_max[i]);
              local_scales[1]
                = std::max(local_scales[1],
                           e.bulk_modulus * std::abs(e.partial_molar_volume)
                             * c_max[i]);
              local_scales[2]
                = std::max(local_scales[2],
                           std::abs(e.partial_molar_volume) * c_max[i] / 3);
            }
        }
    bounds.throw_on_all_ranks(mpi_communicator);
    Utilities::MPI::max(ArrayView<const double>(local_scales, 3),
                        mpi_communicator,
                        ArrayView<double>(scales, 3));
  }


  template <int dim>
  std::size_t
  PropertyCache<dim>::index(
    const typename Triangulation<dim>::active_cell_iterator &cell) const
  {
    return cell->active_cell_index() * n_q;
  }


  template <int dim>
  unsigned int
  PropertyCache<dim>::n_points_per_cell() const
  {
    return n_q;
  }


  template <int dim>
  const double *
  PropertyCache<dim>::maximum_concentration(
    const typename Triangulation<dim>::active_cell_iterator &cell) const
  {
    return &c_max[index(cell)];
  }


  template <int dim>
  void
  PropertyCache<dim>::diffusivity(
    const typename Triangulation<dim>::active_cell_iterator &cell,
    const unsigned int                                       q,
    const double                                             theta,
    double                                                  &value,
    double                                                  &derivative) const
  {
    const types::material_id id = cell->material_id();
    model.diffusivity(id, theta, value, derivative);
    const auto &chain = manager.chain(Property::diffusivity);
    if (!chain.empty())
      {
        const double *f = &diffusivity_fields[(index(cell) + q) * chain.size()];
        for (unsigned int k = 0; k < chain.size(); ++k)
          if (manager.acts_in(chain[k].field, id))
            disorder::Operation::apply(chain[k].type, f[k], value, derivative);
      }
    const double factor = model.temperature_factor(id, Property::diffusivity);
    value *= factor;
    derivative *= factor;
  }


  template <int dim>
  const ElasticProperties *
  PropertyCache<dim>::elastic(
    const typename Triangulation<dim>::active_cell_iterator &cell,
    const unsigned int                                       q) const
  {
    if (elastic_values.empty())
      return &model.elastic_properties(cell->material_id());
    return &elastic_values[index(cell) + q];
  }


  template <int dim>
  double
  PropertyCache<dim>::value(
    const Property                                           p,
    const typename Triangulation<dim>::active_cell_iterator &cell,
    const unsigned int                                       q) const
  {
    const PropertyInfo &row = info(p);
    if (p == Property::maximum_concentration)
      return c_max[index(cell) + q];
    if (row.elastic_member)
      return elastic(cell, q)->*row.elastic_member;
    Assert(p != Property::diffusivity && p != Property::initial_state_of_charge,
           ExcMessage("not a static property"));
    if (static_values[materials::index(p)].empty())
      return model.value(cell->material_id(), p)
             * model.temperature_factor(cell->material_id(), p);
    return static_values[materials::index(p)][index(cell) + q];
  }


  template <int dim>
  double
  PropertyCache<dim>::concentration_scale() const
  {
    return scales[0];
  }


  template <int dim>
  double
  PropertyCache<dim>::stress_scale() const
  {
    return scales[1];
  }


  template <int dim>
  double
  PropertyCache<dim>::strain_scale() const
  {
    return scales[2];
  }


  template <int dim>
  const disorder::Manager<dim> &
  PropertyCache<dim>::disorder() const
  {
    return manager;
  }


  template <int dim>
  const MaterialModel &
  PropertyCache<dim>::material_model() const
  {
    return model;
  }

  template class PropertyCache<2>;
  template class PropertyCache<3>;
} // namespace heterion::materials

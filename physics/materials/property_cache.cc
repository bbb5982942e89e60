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
  using disorder::Property;

  namespace
  {
    constexpr unsigned int
    as_index(const Property p)
    {
      return static_cast<unsigned int>(p);
    }

    /** The physical range of property @p p, as text, or "" if @p v is in
     * it. */
    std::string
    violated_bound(const Property p, const double v)
    {
      if (!std::isfinite(v))
        return "a finite number";
      switch (p)
        {
          case Property::diffusivity:
            return v > 0 ? "" : "> 0 m^2/s";
          case Property::maximum_concentration:
            return v > 0 ? "" : "> 0 mol/m^3";
          case Property::youngs_modulus:
            return v > 0 ? "" : "> 0 Pa";
          case Property::poissons_ratio:
            return (v > -1 && v < 0.5) ? "" : "in (-1, 0.5)";
          case Property::reference_concentration:
            return v >= 0 ? "" : ">= 0 mol/m^3";
          case Property::initial_state_of_charge:
            return (v >= 0 && v <= 1) ? "" : "in [0, 1]";
          case Property::electronic_conductivity:
            return v > 0 ? "" : "> 0 S/m";
          case Property::reaction_rate_constant:
            return v > 0 ? "" : "> 0";
          case Property::ionic_conductivity:
            return v > 0 ? "" : "> 0 S/m";
          case Property::partial_molar_volume:
            return "";
        }
      return "";
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
        const std::string bound = violated_bound(p, v);
        if (bound.empty())
          return;
        std::string where;
        for (unsigned int d = 0; d < dim; ++d)
          where += (d ? ", " : "") + to_text(point[d]);
        message = "Disorder/Properties/"
                  + disorder::property_names()[as_index(p)] + ": the chain `"
                  + manager.chain_text(p) + "` gives " + to_text(v)
                  + " in material `" + ids::material_name(id) + "` at (" + where
                  + ") m, but the " + disorder::property_names()[as_index(p)]
                  + " must be " + bound
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
    /** The Arrhenius factor of property @p p (1 for the others). */
    double
    temperature_factor(const MaterialModel     &model,
                       const Property           p,
                       const types::material_id id)
    {
      const TemperatureFactors &f = model.temperature_factors(id);
      switch (p)
        {
          case Property::diffusivity:
            return f.diffusivity;
          case Property::reaction_rate_constant:
            return f.reaction_rate_constant;
          case Property::electronic_conductivity:
            return f.electronic_conductivity;
          case Property::ionic_conductivity:
            return f.ionic_conductivity;
          default:
            return 1;
        }
    }
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
  PropertyCache<dim>::base_value(const Property           p,
                                 const types::material_id id) const
  {
    const ElasticProperties &e = model.elastic_properties(id);
    switch (p)
      {
        case Property::maximum_concentration:
          return model.maximum_concentration(id);
        case Property::youngs_modulus:
          return e.youngs_modulus;
        case Property::poissons_ratio:
          return e.poissons_ratio;
        case Property::partial_molar_volume:
          return e.partial_molar_volume;
        case Property::reference_concentration:
          return e.reference_concentration;
        case Property::electronic_conductivity:
          return model.electronic_conductivity(id);
        case Property::reaction_rate_constant:
          return model.reaction_rate_constant(id);
        case Property::ionic_conductivity:
          return model.ionic_conductivity(id);
        case Property::diffusivity:
        case Property::initial_state_of_charge:
          break;
      }
    Assert(false, ExcInternalError());
    return 0;
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
        return D * temperature_factor(model, p, id);
      }
    const double base = p == Property::initial_state_of_charge
                          ? base_or_theta
                          : base_value(p, id);
    return manager.apply(p, point, id, base) * temperature_factor(model, p, id);
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
    n_q                       = quadrature.size();
    const std::size_t size    = triangulation.n_active_cells() * n_q;
    const auto       &D_chain = manager.chain(Property::diffusivity);
    const bool        elastic_varies
      = manager.varies(Property::youngs_modulus)
        || manager.varies(Property::poissons_ratio)
        || manager.varies(Property::partial_molar_volume)
        || manager.varies(Property::reference_concentration);
    c_max.assign(size, 0.);
    diffusivity_fields.assign(size * D_chain.size(), 0.);
    elastic_values.assign(elastic_varies ? size : 0, ElasticProperties());
    static_values.assign(disorder::n_properties, {});
    for (const Property p : {Property::electronic_conductivity,
                             Property::reaction_rate_constant,
                             Property::ionic_conductivity})
      if (manager.varies(p))
        static_values[as_index(p)].assign(size, 0.);

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
                  const Property elastic_properties[]
                    = {Property::youngs_modulus,
                       Property::poissons_ratio,
                       Property::partial_molar_volume,
                       Property::reference_concentration};
                  double v[4];
                  for (unsigned int k = 0; k < 4; ++k)
                    {
                      v[k] = evaluate(elastic_properties[k], x, id);
                      bounds.check(elastic_properties[k], v[k], x, id, manager);
                    }
                  e = make_elastic_properties(v[0], v[1], v[2], v[3]);
                  elastic_values[i] = e;
                }
              for (const Property p : {Property::electronic_conductivity,
                                       Property::reaction_rate_constant,
                                       Property::ionic_conductivity})
                if (!static_values[as_index(p)].empty())
                  {
                    static_values[as_index(p)][i] = evaluate(p, x, id);
                    bounds.check(
                      p, static_values[as_index(p)][i], x, id, manager);
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
    const double factor = model.temperature_factors(id).diffusivity;
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
    switch (p)
      {
        case Property::maximum_concentration:
          return c_max[index(cell) + q];
        case Property::youngs_modulus:
          return elastic(cell, q)->youngs_modulus;
        case Property::poissons_ratio:
          return elastic(cell, q)->poissons_ratio;
        case Property::partial_molar_volume:
          return elastic(cell, q)->partial_molar_volume;
        case Property::reference_concentration:
          return elastic(cell, q)->reference_concentration;
        case Property::electronic_conductivity:
        case Property::reaction_rate_constant:
        case Property::ionic_conductivity:
          if (static_values[as_index(p)].empty())
            return base_value(p, cell->material_id())
                   * temperature_factor(model, p, cell->material_id());
          return static_values[as_index(p)][index(cell) + q];
        case Property::diffusivity:
        case Property::initial_state_of_charge:
          break;
      }
    Assert(false, ExcMessage("not a static property"));
    return 0;
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

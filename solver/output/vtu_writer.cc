#include <deal.II/base/utilities.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_out_faces.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <solver/output/atomic_file.h>
#include <solver/output/vtu_writer.h>

#include <map>

namespace heterion::output
{
  using namespace dealii;

  namespace
  {
    /**
     * theta = c / c_max(x) and the flux -D(theta, x) grad c per output
     * point, and the value of every property that a disorder field makes
     * vary (materials::PropertyCache::evaluate at the point), so that the
     * output shows exactly the fields the solver used.
     */
    template <int dim>
    class TransportPostprocessor : public DataPostprocessor<dim>
    {
    public:
      explicit TransportPostprocessor(
        const materials::PropertyCache<dim> &properties)
          : properties(properties)
      {
        // The initial state shows in theta of the first output.
        for (unsigned int p = 0; p < disorder::n_properties; ++p)
          if (const auto property = static_cast<disorder::Property>(p);
              properties.disorder().varies(property)
              && property != disorder::Property::initial_state_of_charge)
            varying.push_back(property);
      }

      void
      evaluate_scalar_field(
        const DataPostprocessorInputs::Scalar<dim> &inputs,
        std::vector<Vector<double>>                &computed) const override
      {
        const auto cell = inputs.template get_cell<dim>();
        for (unsigned int p = 0; p < inputs.solution_values.size(); ++p)
          evaluate(cell->material_id(),
                   inputs.evaluation_points[p],
                   inputs.solution_values[p],
                   inputs.solution_gradients[p],
                   computed[p]);
      }

      void
      evaluate_vector_field(
        const DataPostprocessorInputs::Vector<dim> &inputs,
        std::vector<Vector<double>>                &computed) const override
      {
        const auto         cell = inputs.template get_cell<dim>();
        const unsigned int c    = Introspection<dim>::concentration_component;
        for (unsigned int p = 0; p < inputs.solution_values.size(); ++p)
          evaluate(cell->material_id(),
                   inputs.evaluation_points[p],
                   inputs.solution_values[p][c],
                   inputs.solution_gradients[p][c],
                   computed[p]);
      }

      std::vector<std::string>
      get_names() const override
      {
        std::vector<std::string> names(1, "theta");
        for (unsigned int d = 0; d < dim; ++d)
          names.emplace_back("lithium_flux");
        for (const auto p : varying)
          names.push_back(
            disorder::property_output_names()[static_cast<unsigned int>(p)]);
        return names;
      }

      std::vector<DataComponentInterpretation::DataComponentInterpretation>
      get_data_component_interpretation() const override
      {
        std::vector<DataComponentInterpretation::DataComponentInterpretation>
          kinds(1, DataComponentInterpretation::component_is_scalar);
        for (unsigned int d = 0; d < dim; ++d)
          kinds.push_back(
            DataComponentInterpretation::component_is_part_of_vector);
        for (unsigned int i = 0; i < varying.size(); ++i)
          kinds.push_back(DataComponentInterpretation::component_is_scalar);
        return kinds;
      }

      UpdateFlags
      get_needed_update_flags() const override
      {
        return update_values | update_gradients | update_quadrature_points;
      }

    private:
      void
      evaluate(const types::material_id id,
               const Point<dim>        &x,
               const double             c,
               const Tensor<1, dim>    &grad_c,
               Vector<double>          &computed) const
      {
        using disorder::Property;
        const double theta
          = c / properties.evaluate(Property::maximum_concentration, x, id);
        const double D
          = properties.evaluate(Property::diffusivity, x, id, theta);
        computed(0) = theta;
        for (unsigned int d = 0; d < dim; ++d)
          computed(1 + d) = -D * grad_c[d];
        for (unsigned int i = 0; i < varying.size(); ++i)
          computed(1 + dim + i) = varying[i] == Property::diffusivity
                                    ? D
                                    : properties.evaluate(varying[i], x, id);
      }

      const materials::PropertyCache<dim> &properties;
      std::vector<disorder::Property>      varying;
    };

    /**
     * The interface quantities on the reaction faces, from
     * kinetics::Electrode::rate_at() at each output point: theta, the
     * open-circuit potential U, the solid potential phi_s - phi_e = V + psi,
     * the overpotential eta and the insertion current density i_ins = -i
     * (positive: lithiation).
     */
    template <int dim>
    class InterfacePostprocessor : public DataPostprocessor<dim>
    {
    public:
      explicit InterfacePostprocessor(const kinetics::Electrode<dim> &electrode)
          : electrode(electrode)
      {
      }

      /** One field (the concentration alone). */
      void
      evaluate_scalar_field(
        const DataPostprocessorInputs::Scalar<dim> &inputs,
        std::vector<Vector<double>>                &computed) const override
      {
        const auto     cell = inputs.template get_cell<dim>();
        Vector<double> values(1);
        for (unsigned int p = 0; p < inputs.solution_values.size(); ++p)
          {
            values(0) = inputs.solution_values[p];
            evaluate(cell->material_id(),
                     inputs.evaluation_points[p],
                     values,
                     computed[p]);
          }
      }

      void
      evaluate_vector_field(
        const DataPostprocessorInputs::Vector<dim> &inputs,
        std::vector<Vector<double>>                &computed) const override
      {
        const auto cell = inputs.template get_cell<dim>();
        for (unsigned int p = 0; p < inputs.solution_values.size(); ++p)
          evaluate(cell->material_id(),
                   inputs.evaluation_points[p],
                   inputs.solution_values[p],
                   computed[p]);
      }

      std::vector<std::string>
      get_names() const override
      {
        return {"theta",
                "open_circuit_potential",
                "phi_s",
                "overpotential",
                "interface_current_density"};
      }

      UpdateFlags
      get_needed_update_flags() const override
      {
        return update_values | update_quadrature_points;
      }

    private:
      void
      evaluate(const types::material_id id,
               const Point<dim>        &x,
               const Vector<double>    &values,
               Vector<double>          &computed) const
      {
        const auto rate = electrode.rate_at(x, id, values);
        computed(0)     = rate.theta;
        computed(1)     = rate.open_circuit_potential;
        computed(2)     = rate.solid_potential;
        computed(3)     = rate.overpotential;
        computed(4)     = rate.insertion_current_density;
      }

      const kinetics::Electrode<dim> &electrode;
    };


    /** DataOutFaces restricted to the reaction faces of the electrode. */
    template <int dim>
    class ReactionFaceOutput : public DataOutFaces<dim>
    {
    public:
      using FaceDescriptor = typename DataOutFaces<dim>::FaceDescriptor;

      explicit ReactionFaceOutput(const kinetics::Electrode<dim> &electrode)
          : DataOutFaces<dim>(true)
          , faces(electrode.faces())
      {
        for (std::size_t i = 0; i < faces.size(); ++i)
          position[{faces[i].first->active_cell_index(), faces[i].second}] = i;
      }

      FaceDescriptor
      first_face() override
      {
        return descriptor(0);
      }

      FaceDescriptor
      next_face(const FaceDescriptor &face) override
      {
        return descriptor(
          position.at({face.first->active_cell_index(), face.second}) + 1);
      }

    private:
      FaceDescriptor
      descriptor(const std::size_t i) const
      {
        if (i >= faces.size())
          return {this->triangulation->end(), 0};
        return {faces[i].first, faces[i].second};
      }

      const std::vector<
        std::pair<typename DoFHandler<dim>::active_cell_iterator, unsigned int>>
                                                                  &faces;
      std::map<std::pair<unsigned int, unsigned int>, std::size_t> position;
    };


    /**
     * Writes @p data_out as piece RRRR of `BASE_NNNNN.pvtu` (NNNNN the
     * number of earlier @p records) and, on rank 0, the record and
     * `BASE.pvd`, all atomically.
     */
    template <int patch_dim, int spacedim>
    void
    write_record(DataOutInterface<patch_dim, spacedim>       &data_out,
                 const MPI_Comm                               comm,
                 const double                                 time,
                 const std::string                           &directory,
                 const std::string                           &name,
                 std::vector<std::pair<double, std::string>> &records)
    {
      const unsigned int    rank    = Utilities::MPI::this_mpi_process(comm);
      const unsigned int    n_ranks = Utilities::MPI::n_mpi_processes(comm);
      DataOutBase::VtkFlags flags(time);
      flags.compression_level
        = DataOutBase::VtkFlags::ZlibCompressionLevel::best_speed;
      data_out.set_flags(flags);

      const std::string base
        = name + "_" + Utilities::int_to_string(records.size(), 5);
      const auto piece = [&](const unsigned int r) {
        return base + "." + Utilities::int_to_string(r, 4) + ".vtu";
      };
      write_atomically(directory + "/" + piece(rank),
                       [&](std::ostream &out) { data_out.write_vtu(out); });
      records.emplace_back(time, base + ".pvtu");
      if (rank == 0)
        {
          std::vector<std::string> pieces;
          for (unsigned int r = 0; r < n_ranks; ++r)
            pieces.push_back(piece(r));
          write_atomically(directory + "/" + base + ".pvtu",
                           [&](std::ostream &out) {
                             data_out.write_pvtu_record(out, pieces);
                           });
          write_atomically(directory + "/" + name + ".pvd",
                           [&](std::ostream &out) {
                             DataOutBase::write_pvd_record(out, records);
                           });
        }
    }
  } // namespace


  template <int dim>
  void
  VtuWriter<dim>::open(const std::string &output_directory)
  {
    directory = output_directory;
    records.clear();
    surface_records.clear();
  }


  template <int dim>
  void
  VtuWriter<dim>::write(const SimulatorContext<dim> &context)
  {
    const MPI_Comm comm = context.mpi_communicator;
    const auto    &tria = context.dof_handler.get_triangulation();

    Vector<float> material(tria.n_active_cells()),
      subdomain(tria.n_active_cells());
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          material(cell->active_cell_index())  = cell->material_id();
          subdomain(cell->active_cell_index()) = cell->subdomain_id();
        }

    const TransportPostprocessor<dim> postprocessor(
      context.assembler.property_cache());
    DataOut<dim> data_out;
    data_out.attach_dof_handler(context.dof_handler);
    std::vector<std::string>                                              names;
    std::vector<DataComponentInterpretation::DataComponentInterpretation> kinds;
    for (const auto &field : context.introspection.fields())
      for (unsigned int c = 0; c < field.n_components; ++c)
        {
          names.push_back(field.name);
          kinds.push_back(
            field.n_components == 1
              ? DataComponentInterpretation::component_is_scalar
              : DataComponentInterpretation::component_is_part_of_vector);
        }
    data_out.add_data_vector(context.solution,
                             names,
                             DataOut<dim>::type_dof_data,
                             kinds);
    if (const auto *recovery = context.stress_recovery)
      for (unsigned int k = 0; k < recovery->names().size(); ++k)
        data_out.add_data_vector(recovery->dof_handler(),
                                 recovery->fields()[k],
                                 recovery->names()[k]);
    data_out.add_data_vector(context.solution, postprocessor);
    data_out.add_data_vector(material,
                             "material_id",
                             DataOut<dim>::type_cell_data);
    data_out.add_data_vector(subdomain,
                             "subdomain",
                             DataOut<dim>::type_cell_data);
    data_out.build_patches(context.mapping,
                           context.introspection.fe().degree,
                           DataOut<dim>::curved_inner_cells);
    write_record(data_out, comm, context.time, directory, "solution", records);

    if (const auto *electrode = context.electrode)
      {
        const InterfacePostprocessor<dim> interface(*electrode);
        ReactionFaceOutput<dim>           face_out(*electrode);
        face_out.attach_dof_handler(context.dof_handler);
        face_out.add_data_vector(context.solution, interface);
        face_out.build_patches(context.mapping,
                               context.introspection.fe().degree);
        write_record(
          face_out, comm, context.time, directory, "surface", surface_records);
      }
  }

  template class VtuWriter<2>;
  template class VtuWriter<3>;
} // namespace heterion::output

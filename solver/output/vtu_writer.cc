#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/utilities.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_out_faces.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <physics/transport/fields.h>
#include <solver/output/atomic_file.h>
#include <solver/output/vtu_writer.h>

#include <cstdio>
#include <map>
#include <set>
#include <sstream>

namespace heterion::output
{
  using namespace dealii;

  namespace
  {
    /**
     * Writes the patches' coordinates (and the data rows in @p rows, the
     * displacement) in units of @p unit [m]: the vertices, and the
     * coordinates that curved patches carry in their last rows.
     */
    template <int patch_dim, int spacedim>
    void
    scale_patches(std::vector<DataOutBase::Patch<patch_dim, spacedim>> &patches,
                  const double                                          unit,
                  const std::vector<unsigned int>                      &rows)
    {
      if (unit == 1)
        return;
      const double factor = 1 / unit;
      for (auto &patch : patches)
        {
          for (auto &vertex : patch.vertices)
            vertex *= factor;
          std::vector<unsigned int> scaled = rows;
          if (patch.points_are_available)
            for (unsigned int d = 0; d < spacedim; ++d)
              scaled.push_back(patch.data.n_rows() - spacedim + d);
          for (const unsigned int r : scaled)
            for (unsigned int j = 0; j < patch.data.n_cols(); ++j)
              patch.data(r, j) *= factor;
        }
    }


    /** DataOut whose coordinates and displacement can be scaled. */
    template <int dim>
    class ScaledDataOut : public DataOut<dim>
    {
    public:
      void
      scale(const double unit, const std::vector<unsigned int> &rows)
      {
        scale_patches(this->patches, unit, rows);
      }

      std::vector<std::string>
      names() const
      {
        return this->get_dataset_names();
      }
    };


    /** The unit of each array Heterion writes (doc/output.md). */
    std::string
    unit_of(const std::string                        &name,
            const std::string                        &length_unit,
            const std::map<std::string, std::string> &other)
    {
      static const std::map<std::string, std::string> units
        = {{"concentration", "mol/m^3"},
           {"theta", "1"},
           {"lithium_flux", "mol/m^2/s"},
           {"hydrostatic_stress", "Pa"},
           {"stress", "Pa"},
           {"solid_potential", "V"},
           {"electrolyte_potential", "V"},
           {"material_id", "-"},
           {"subdomain", "-"},
           {"diffusivity", "m^2/s"},
           {"maximum_concentration", "mol/m^3"},
           {"young_modulus", "Pa"},
           {"poisson_ratio", "1"},
           {"partial_molar_volume", "m^3/mol"},
           {"reference_concentration", "mol/m^3"},
           {"initial_theta", "1"},
           {"electronic_conductivity", "S/m"},
           {"reaction_rate_constant", "m^2.5/(mol^0.5 s)"},
           {"ionic_conductivity", "S/m"},
           {"open_circuit_potential", "V"},
           {"phi_s", "V"},
           {"overpotential", "V"},
           {"interface_current_density", "A/m^2"},
           {"face_mean_current_density", "A/m^2"}};
      if (name == "displacement")
        return length_unit;
      if (name.rfind("sigma_", 0) == 0)
        return "Pa";
      if (name.rfind("disorder_", 0) == 0)
        return "unit of the field";
      if (const auto it = units.find(name); it != units.end())
        return it->second;
      // A field declared in metres is written in the length unit.
      const auto it = other.find(name);
      return it == other.end()   ? "?"
             : it->second == "m" ? length_unit
                                 : it->second;
    }


    /** "coordinates=um; name=unit; ..." of the arrays @p names. */
    std::string
    units_text(const std::vector<std::string>           &names,
               const std::string                        &length_unit,
               const std::map<std::string, std::string> &other = {})
    {
      std::string           text = "coordinates=" + length_unit;
      std::set<std::string> seen;
      for (const auto &name : names)
        if (seen.insert(name).second)
          text += "; " + name + "=" + unit_of(name, length_unit, other);
      return text;
    }


    /**
     * A VTU file's text with the field data `length_unit_in_metres` (a
     * number) and `units` (a string: the unit of every array) added.
     */
    std::string
    with_field_data(const std::string &vtu,
                    const double       unit,
                    const std::string &units)
    {
      // VTK writes an ASCII string array as its character codes, ended by 0.
      std::string codes;
      for (const unsigned char ch : units)
        codes += std::to_string(ch) + " ";
      char number[64];
      std::snprintf(number, sizeof(number), "%.17g", unit);
      const std::string arrays
        = "<DataArray type=\"Float64\" Name=\"length_unit_in_metres\" "
          "NumberOfTuples=\"1\" format=\"ascii\">"
          + std::string(number)
          + "</DataArray>\n<Array type=\"String\" Name=\"units\" "
            "NumberOfTuples=\"1\" format=\"ascii\">"
          + codes + "0</Array>\n";
      std::string result = vtu;
      const auto  end    = result.find("</FieldData>");
      if (end != std::string::npos)
        return result.insert(end, arrays);
      const std::string grid = "<UnstructuredGrid>";
      const auto        at   = result.find(grid);
      if (at != std::string::npos)
        result.insert(at + grid.size(),
                      "\n<FieldData>\n" + arrays + "</FieldData>");
      return result;
    }


    /** @p xml with the comment @p comment after its first line. */
    std::string
    with_comment(const std::string &xml, const std::string &comment)
    {
      std::string result = xml;
      const auto  line   = result.find('\n');
      result.insert(line == std::string::npos ? 0 : line + 1,
                    "<!-- " + comment + " -->\n");
      return result;
    }


    /**
     * theta = c / c_max(x) and the flux -D(theta, x) grad c per output
     * point, the value of every property that a disorder field makes vary
     * (materials::PropertyCache::evaluate at the point), so that the output
     * shows exactly the fields the solver used, and each disorder field
     * itself (`disorder_<name>`).
     */
    template <int dim>
    class TransportPostprocessor : public DataPostprocessor<dim>
    {
    public:
      /** @p concentration_component: the component of c in the
       * solution (when the solution has several fields). */
      TransportPostprocessor(const materials::PropertyCache<dim> &properties,
                             const unsigned int concentration_component)
          : properties(properties)
          , concentration_component(concentration_component)
      {
        // The initial state shows in theta of the first output.
        for (const materials::PropertyInfo &row : materials::property_table())
          if (properties.disorder().varies(row.p)
              && row.p != materials::Property::initial_state_of_charge)
            varying.push_back(row.p);
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
        const unsigned int c    = concentration_component;
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
          names.push_back(materials::info(p).output_name);
        const auto &fields = properties.disorder();
        for (unsigned int i = 0; i < fields.n_fields(); ++i)
          names.push_back("disorder_" + fields.field_name(i));
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
        kinds.resize(get_names().size(),
                     DataComponentInterpretation::component_is_scalar);
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
        using materials::Property;
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
        // The fields themselves (a random field, a disorder degree), 0
        // where a field does not act.
        const auto &fields = properties.disorder();
        for (unsigned int i = 0; i < fields.n_fields(); ++i)
          computed(1 + dim + varying.size() + i)
            = fields.acts_in(i, id) ? fields.field_value(i, x, id) : 0.;
      }

      const materials::PropertyCache<dim> &properties;
      const unsigned int                   concentration_component;
      std::vector<materials::Property>     varying;
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

      /** Writes the coordinates in units of @p unit [m]. */
      void
      scale(const double unit)
      {
        scale_patches(this->patches, unit, {});
      }

      std::vector<std::string>
      names() const
      {
        return this->get_dataset_names();
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
                 std::vector<std::pair<double, std::string>> &records,
                 const double                                 unit,
                 const std::string                           &units)
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
      // Every piece first, then the record that lists them: a failure on
      // any rank stops all of them before a record names a missing piece.
      on_all_ranks(comm, [&]() {
        std::ostringstream vtu;
        data_out.write_vtu(vtu);
        write_atomically(directory + "/" + piece(rank), [&](std::ostream &out) {
          out << with_field_data(vtu.str(), unit, units);
        });
      });
      records.emplace_back(time, base + ".pvtu");
      on_all_ranks(comm, [&]() {
        if (rank != 0)
          return;
        std::vector<std::string> pieces;
        for (unsigned int r = 0; r < n_ranks; ++r)
          pieces.push_back(piece(r));
        const std::string comment = "units: " + units;
        write_atomically(directory + "/" + base + ".pvtu",
                         [&](std::ostream &out) {
                           std::ostringstream pvtu;
                           data_out.write_pvtu_record(pvtu, pieces);
                           out << with_comment(pvtu.str(), comment);
                         });
        write_atomically(directory + "/" + name + ".pvd",
                         [&](std::ostream &out) {
                           std::ostringstream pvd;
                           DataOutBase::write_pvd_record(pvd, records);
                           out << with_comment(pvd.str(), comment);
                         });
      });
    }
  } // namespace


  namespace
  {
    /**
     * Per cell with reaction faces: the insertion current through its
     * reaction faces, integrated with the quadrature of the kinetics (so the
     * sum over all cells is the `current` of statistics.csv), divided by the
     * area of those faces as written (the flat sub-cells of @p subdivisions
     * per direction through the mapped points, triangulated along the
     * shorter diagonal as VTK does). ParaView's Integrate Variables of this
     * cell field therefore gives the current exactly; that of the point
     * field interpolates between the written points. [A/m^2]
     */
    template <int dim>
    Vector<double>
    face_mean_current_density(const SimulatorContext<dim>    &context,
                              const kinetics::Electrode<dim> &electrode,
                              const unsigned int              subdivisions)
    {
      const auto              &fe = context.introspection.fe();
      FEFaceValues<dim>        values(context.mapping,
                               fe,
                               context.assembler.face_quadrature(),
                               update_values | update_quadrature_points
                                 | update_JxW_values);
      const QIterated<dim - 1> lattice(QTrapezoid<1>(), subdivisions);
      FEFaceValues<dim>        points(context.mapping,
                               fe,
                               lattice,
                               update_quadrature_points);
      const auto              &tria = context.dof_handler.get_triangulation();
      Vector<double>           current(tria.n_active_cells()),
        area(tria.n_active_cells());
      std::vector<Vector<double>> solution(values.n_quadrature_points,
                                           Vector<double>(fe.n_components()));
      const unsigned int          n = subdivisions + 1;
      for (const auto &[cell, f] : electrode.faces())
        {
          values.reinit(cell, f);
          values.get_function_values(context.solution, solution);
          const unsigned int index = cell->active_cell_index();
          for (const unsigned int q : values.quadrature_point_indices())
            current(index) += electrode
                                .rate_at(values.quadrature_point(q),
                                         cell->material_id(),
                                         solution[q])
                                .insertion_current_density
                              * values.JxW(q);
          points.reinit(cell, f);
          const auto p = [&](const unsigned int i, const unsigned int j) {
            return points.quadrature_point(i + n * j);
          };
          if constexpr (dim == 2)
            for (unsigned int i = 0; i + 1 < n; ++i)
              area(index) += p(i, 0).distance(p(i + 1, 0));
          else
            for (unsigned int j = 0; j + 1 < n; ++j)
              for (unsigned int i = 0; i + 1 < n; ++i)
                {
                  const Point<dim> a = p(i, j), b = p(i + 1, j),
                                   c = p(i + 1, j + 1), d = p(i, j + 1);
                  const auto triangle = [](const Point<dim> &x,
                                           const Point<dim> &y,
                                           const Point<dim> &z) {
                    return 0.5 * cross_product_3d(y - x, z - x).norm();
                  };
                  area(index) += a.distance(c) <= b.distance(d)
                                   ? triangle(a, b, c) + triangle(a, c, d)
                                   : triangle(a, b, d) + triangle(b, c, d);
                }
        }
      for (unsigned int i = 0; i < current.size(); ++i)
        if (area(i) > 0)
          current(i) /= area(i);
      return current;
    }
  } // namespace


  template <int dim>
  void
  VtuWriter<dim>::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    prm.declare_entry(
      "Length unit",
      "auto",
      Patterns::Selection("auto|m|mm|um|nm"),
      "The unit of the coordinates and of the displacement in the VTU files "
      "(ParaView renders a body of 1e-7 m written in metres flat: its "
      "lighting has absolute tolerances). `auto`: the largest unit in which "
      "the body measures at least 1 across (nm, um, mm or m). All other "
      "fields, and every CSV file, stay in SI units. Each piece stores the "
      "unit as field data `length_unit_in_metres`.");
    prm.leave_subsection();
  }


  template <int dim>
  void
  VtuWriter<dim>::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Output");
    unit_text = prm.get("Length unit");
    prm.leave_subsection();
  }


  template <int dim>
  void
  VtuWriter<dim>::open(const std::string &output_directory,
                       const double       body_size)
  {
    directory = output_directory;
    records.clear();
    surface_records.clear();
    static const std::vector<std::pair<std::string, double>> units
      = {{"nm", 1e-9}, {"um", 1e-6}, {"mm", 1e-3}, {"m", 1.}};
    unit_name = unit_text;
    if (unit_text == "auto")
      {
        unit_name = "nm";
        for (const auto &[name, length] : units)
          if (body_size >= length)
            unit_name = name;
      }
    for (const auto &[name, length] : units)
      if (name == unit_name)
        unit = length;
  }


  template <int dim>
  std::pair<std::string, double>
  VtuWriter<dim>::length_unit() const
  {
    return {unit_name, unit};
  }


  template <int dim>
  void
  VtuWriter<dim>::write(
    const SimulatorContext<dim>                       &context,
    const std::vector<const DataPostprocessor<dim> *> &postprocessors,
    const std::map<std::string, std::string>          &units)
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

    const auto                       &in = context.introspection;
    const TransportPostprocessor<dim> postprocessor(
      context.assembler.property_cache(),
      in.first_component(in.field(transport::fields::concentration)));
    ScaledDataOut<dim> data_out;
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
    const postprocessors::StressPostprocessor<dim> stress;
    if (const auto *recovery = context.stress_recovery)
      data_out.add_data_vector(recovery->dof_handler(),
                               recovery->field(),
                               stress);
    data_out.add_data_vector(context.solution, postprocessor);
    for (const DataPostprocessor<dim> *module_postprocessor : postprocessors)
      data_out.add_data_vector(context.solution, *module_postprocessor);
    data_out.add_data_vector(material,
                             "material_id",
                             DataOut<dim>::type_cell_data);
    data_out.add_data_vector(subdomain,
                             "subdomain",
                             DataOut<dim>::type_cell_data);
    data_out.build_patches(context.mapping,
                           context.introspection.fe().degree,
                           DataOut<dim>::curved_inner_cells);
    // The solution's components are the first data rows.
    std::vector<unsigned int> displacement_rows;
    for (const auto &field : in.fields())
      if (field.unit == "m")
        for (unsigned int d = 0; d < field.n_components; ++d)
          displacement_rows.push_back(field.first_component + d);
    data_out.scale(unit, displacement_rows);
    write_record(data_out,
                 comm,
                 context.time,
                 directory,
                 "solution",
                 records,
                 unit,
                 units_text(data_out.names(), unit_name, units));

    if (const auto *electrode = context.electrode)
      {
        const InterfacePostprocessor<dim> interface(*electrode);
        ReactionFaceOutput<dim>           face_out(*electrode);
        face_out.attach_dof_handler(context.dof_handler);
        face_out.add_data_vector(context.solution, interface);
        const Vector<double> face_mean
          = face_mean_current_density(context,
                                      *electrode,
                                      context.introspection.fe().degree);
        face_out.add_data_vector(face_mean,
                                 "face_mean_current_density",
                                 DataOutFaces<dim>::type_cell_data);
        face_out.build_patches(context.mapping,
                               context.introspection.fe().degree);
        face_out.scale(unit);
        write_record(face_out,
                     comm,
                     context.time,
                     directory,
                     "surface",
                     surface_records,
                     unit,
                     units_text(face_out.names(), unit_name));
      }
  }

  template class VtuWriter<2>;
  template class VtuWriter<3>;
} // namespace heterion::output

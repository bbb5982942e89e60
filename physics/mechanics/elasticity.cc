#include <physics/mechanics/elasticity.h>
#include <physics/mechanics/stress.h>

namespace heterion::mechanics
{
  using namespace dealii;

  template <int dim>
  void
  Elasticity<dim>::assemble(const FEValues<dim>                &fe_values,
                            const assembly::CellPointData<dim> &data,
                            FullMatrix<double>                 *matrix,
                            Vector<double>                     &residual) const
  {
    const Introspection<dim> &introspection = *data.introspection;
    const unsigned int u_field = introspection.field(fields::displacement);
    const unsigned int c_field
      = introspection.field(transport::fields::concentration);
    const auto        &u_dofs = introspection.local_dofs(u_field);
    const auto        &c_dofs = introspection.local_dofs(c_field);
    const auto        &c      = data.values(c_field);
    const auto        &strain = data.symmetric_gradients(u_field);
    const unsigned int n_u    = u_dofs.size();

    // Each displacement shape function is primitive: phi e_a with a scalar
    // phi, so eps(v) = (grad phi (x) e_a)^sym and, with g = grad phi,
    //   eps(v_k) : sigma          = (sigma g_k)_a,
    //   lambda div v_k div v_l    = lambda g_k[a] g_l[b],
    //   2 mu eps(v_k) : eps(v_l)  = mu (g_k[b] g_l[a] + delta_ab g_k . g_l).
    // The u-u block is symmetric: its upper triangle is summed in a local
    // array and mirrored once per cell.
    const FiniteElement<dim> &fe = fe_values.get_fe();
    std::vector<unsigned int> direction(n_u);
    for (unsigned int k = 0; k < n_u; ++k)
      direction[k] = fe.system_to_component_index(u_dofs[k]).first
                     - introspection.first_component(u_field);
    std::vector<Tensor<1, dim>> g(n_u);
    FullMatrix<double>          uu(matrix ? n_u : 0, matrix ? n_u : 0);

    for (const unsigned int q : fe_values.quadrature_point_indices())
      {
        const materials::ElasticProperties &e   = *data.elastic[q];
        const double                        JxW = fe_values.JxW(q);
        const SymmetricTensor<2, dim>       sigma
          = stress<dim>(e, strain[q], c[q], data.axial_strain);
        for (unsigned int k = 0; k < n_u; ++k)
          {
            g[k] = fe_values.shape_grad(u_dofs[k], q);
            residual(u_dofs[k]) += (sigma * g[k])[direction[k]] * JxW;
          }
        if (!matrix)
          continue;
        const double lambda = e.lambda * JxW, mu = e.mu * JxW;
        for (unsigned int k = 0; k < n_u; ++k)
          {
            const unsigned int    a  = direction[k];
            const Tensor<1, dim> &gk = g[k];
            for (unsigned int l = k; l < n_u; ++l)
              {
                const unsigned int    b  = direction[l];
                const Tensor<1, dim> &gl = g[l];
                double value = lambda * gk[a] * gl[b] + mu * gk[b] * gl[a];
                if (a == b)
                  value += mu * (gk * gl);
                uu(k, l) += value;
              }
          }
        const double swelling = e.bulk_modulus * e.partial_molar_volume * JxW;
        for (unsigned int k = 0; k < n_u; ++k)
          {
            const double div_v = g[k][direction[k]];
            for (const unsigned int j : c_dofs)
              (*matrix)(u_dofs[k], j)
                -= swelling * div_v * fe_values.shape_value(j, q);
          }
      }
    if (!matrix)
      return;
    for (unsigned int k = 0; k < n_u; ++k)
      {
        (*matrix)(u_dofs[k], u_dofs[k]) += uu(k, k);
        for (unsigned int l = k + 1; l < n_u; ++l)
          {
            (*matrix)(u_dofs[k], u_dofs[l]) += uu(k, l);
            (*matrix)(u_dofs[l], u_dofs[k]) += uu(k, l);
          }
      }
  }

  template class Elasticity<2>;
  template class Elasticity<3>;
} // namespace heterion::mechanics

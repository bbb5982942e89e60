#include <deal.II/base/exceptions.h>

#include <solver/assembly/domains.h>
#include <solver/geometry/ids.h>
#include <solver/input_error.h>

#include <algorithm>

namespace heterion::assembly
{
  Domains::Domains()
      : names{active_domain}
      , ionic{false}
  {
  }


  unsigned int
  Domains::add(const std::string &name, const bool conducts_ions)
  {
    AssertThrow(find(name) == dealii::numbers::invalid_unsigned_int,
                ExcInput("The domain `" + name + "` is defined twice."));
    names.push_back(name);
    ionic.push_back(conducts_ions);
    return names.size() - 1;
  }


  void
  Domains::assign(const dealii::types::material_id id,
                  const unsigned int               domain)
  {
    AssertIndexRange(domain, names.size());
    if (domain_of_material.size() <= id)
      domain_of_material.resize(id + 1, active);
    const unsigned int held = domain_of_material[id];
    AssertThrow(held == active || held == domain,
                ExcInput("Material `" + ids::material_name(id)
                         + "` is put into the domain `" + names[domain]
                         + "` and into the domain `" + names[held]
                         + "`; a material belongs to one domain."));
    domain_of_material[id] = domain;
  }


  unsigned int
  Domains::n_domains() const
  {
    return names.size();
  }


  const std::string &
  Domains::name(const unsigned int domain) const
  {
    AssertIndexRange(domain, names.size());
    return names[domain];
  }


  unsigned int
  Domains::find(const std::string &name) const
  {
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? dealii::numbers::invalid_unsigned_int
                             : static_cast<unsigned int>(it - names.begin());
  }


  unsigned int
  Domains::of_material(const dealii::types::material_id id) const
  {
    return id < domain_of_material.size() ? domain_of_material[id] : active;
  }


  bool
  Domains::conducts_ions(const unsigned int domain) const
  {
    return domain < ionic.size() && ionic[domain];
  }


  bool
  Domains::has_interfaces() const
  {
    for (unsigned int d = 0; d < names.size(); ++d)
      if (ionic[d]
          && std::find(domain_of_material.begin(), domain_of_material.end(), d)
               != domain_of_material.end())
        return true;
    return false;
  }


  const Domains &
  Domains::all_active()
  {
    static const Domains none;
    return none;
  }
} // namespace heterion::assembly

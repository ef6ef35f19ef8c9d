// References by id: schemes, datasets, forms, tables, fields, agents, tests
// and seed documents must exist; an unknown id gets the nearest valid one.
#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "rules/verify.h"

namespace fangyi::rules {
namespace {

bool seed_name_form(const std::string& s) {
  auto digits = [&](std::size_t from, std::size_t n, bool hex) {
    for (std::size_t i = from; i < from + n; ++i) {
      char c = s[i];
      if (!((c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f'))) return false;
    }
    return true;
  };
  if (s.size() == 3) return digits(0, 3, false);
  return s.size() == 24 && digits(0, 3, false) && s[3] == '_' && digits(4, 16, true) && s.substr(20) == ".txt";
}

}  // namespace

void verify_references(const Loaded& in, const std::optional<std::vector<std::string>>& seeds, Diagnostics& diags) {
  const RuleSet& rs = in.rules;
  std::map<RefKind, std::vector<std::string>> ids;
  std::map<std::string, std::vector<std::string>> fields, agents, tests;
  std::set<std::string> datasets;
  for (const auto& s : rs.schemes) {
    ids[RefKind::scheme].push_back(s.header.id);
    ids[RefKind::scheme_version].push_back(s.header.id);
    if (s.family != s.header.id) ids[RefKind::scheme].push_back(s.family);
    for (const auto& t : s.tests) tests[s.header.id].push_back(t.id);
  }
  for (const auto& d : rs.datasets) {
    ids[RefKind::dataset].push_back(d.header.id);
    datasets.insert(d.header.id);
    for (const auto& f : d.fields) fields[d.header.id].push_back(f.id);
  }
  for (const auto& f : rs.forms) ids[RefKind::form].push_back(f.header.id);
  for (const auto& d : rs.disinfections) {
    ids[RefKind::disinfection].push_back(d.header.id);
    for (const auto& a : d.agents) agents[d.header.id].push_back(a.id);
  }

  for (const RefSite& ref : in.refs) {
    switch (ref.kind) {
      case RefKind::field: {
        if (!datasets.count(ref.owner)) break;  // the dataset itself is reported
        const auto& known = fields[ref.owner];
        if (std::find(known.begin(), known.end(), ref.id) != known.end()) break;
        suggest(diags.error(ref.where, Msg::unknown_field, {ref.owner, ref.id}), nearest(ref.id, known));
        break;
      }
      case RefKind::agent:
      case RefKind::test: {
        const auto& known = ref.kind == RefKind::agent ? agents[ref.owner] : tests[ref.owner];
        if (std::find(known.begin(), known.end(), ref.id) != known.end()) break;
        suggest(diags.error(ref.where, Msg::unknown_ref, {ref.kind == RefKind::agent ? "agent" : "test", ref.id}),
                nearest(ref.id, known));
        break;
      }
      case RefKind::seed: {
        if (!seed_name_form(ref.id)) {
          diags.error(ref.where, Msg::bad_seed_name, {ref.id});
          break;
        }
        if (!seeds) break;
        bool found = false;
        for (const auto& s : *seeds) found = found || s == ref.id || (ref.id.size() == 3 && s.rfind(ref.id + "_", 0) == 0);
        if (!found) suggest(diags.error(ref.where, Msg::unknown_seed, {ref.id}), nearest(ref.id, *seeds));
        break;
      }
      default: {
        const auto& known = ids[ref.kind];
        if (std::find(known.begin(), known.end(), ref.id) != known.end()) break;
        static const std::map<RefKind, const char*> kLabel = {{RefKind::scheme, "scheme"},
                                                              {RefKind::scheme_version, "scheme"},
                                                              {RefKind::dataset, "dataset"},
                                                              {RefKind::form, "form"},
                                                              {RefKind::disinfection, "disinfection"}};
        suggest(diags.error(ref.where, Msg::unknown_ref, {kLabel.at(ref.kind), ref.id}), nearest(ref.id, known));
      }
    }
  }
}

}  // namespace fangyi::rules

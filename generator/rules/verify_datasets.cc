// Datasets: field ids and column headers are unique within a dataset.
#include <map>

#include "rules/verify.h"

namespace fangyi::rules {

void verify_datasets(const Loaded& in, Diagnostics& diags) {
  for (std::size_t i = 0; i < in.rules.datasets.size(); ++i) {
    const Dataset& d = in.rules.datasets[i];
    const std::string path = path_of(RuleKind::dataset, i);
    std::map<std::string, SourceLocation> ids;
    std::map<std::string, SourceLocation> headers;
    for (std::size_t f = 0; f < d.fields.size(); ++f) {
      const DatasetField& field = d.fields[f];
      const std::string fp = path + "/fields/" + std::to_string(f);
      SourceLocation id_at = in.place(fp + "/id", field.origin);
      if (!field.id.empty()) {
        auto [it, inserted] = ids.emplace(field.id, id_at);
        if (!inserted) {
          diags.error(id_at, Msg::duplicate_id, {"field", field.id});
          diags.add(Diagnostic{Severity::note, it->second, Msg::first_defined_here, {field.id}, std::nullopt, {}});
        }
      }
      for (std::size_t k = 0; k <= field.aliases.size(); ++k) {
        const std::string& h = k == 0 ? field.header : field.aliases[k - 1];
        if (h.empty()) continue;
        SourceLocation at = in.place(k == 0 ? fp + "/header" : fp + "/aliases/" + std::to_string(k - 1), field.origin);
        auto [it, inserted] = headers.emplace(h, at);
        if (inserted) continue;
        diags.error(at, Msg::duplicate_header, {h});
        diags.add(Diagnostic{Severity::note, it->second, Msg::first_defined_here, {h}, std::nullopt, {}});
      }
    }
  }
}

}  // namespace fangyi::rules

// Datasets: field ids and column headers are unique within a dataset.
#include <map>

#include "rules/verify.h"

namespace fangyi::rules {

void verify_datasets(const Loaded& in, Diagnostics& diags) {
  for (std::size_t i = 0; i < in.rules.datasets.size(); ++i) {
    const Dataset& d = in.rules.datasets[i];
    const std::string path = path_of(RuleKind::dataset, i);
    std::map<std::string, SourceLocation> ids;
    std::map<std::string, bool> headers;
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
      std::vector<std::string> names = field.aliases;
      names.insert(names.begin(), field.header);
      for (const auto& h : names) {
        if (h.empty()) continue;
        if (!headers.emplace(h, true).second)
          diags.error(in.place(fp + "/header", field.origin), Msg::duplicate_header, {h});
      }
    }
  }
}

}  // namespace fangyi::rules

// Ids: well-formed and unique within their kind.
#include <map>

#include "rules/verify.h"

namespace fangyi::rules {
namespace {

bool well_formed(const std::string& id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace

void verify_ids(const Loaded& in, Diagnostics& diags) {
  std::map<std::pair<RuleKind, std::string>, SourceLocation> first;
  for_each_header(in.rules, [&](RuleKind kind, std::size_t i, const Header& h) {
    if (h.id.empty()) return;  // already reported as missing
    SourceLocation where = in.place(path_of(kind, i) + "/id", h.origin);
    if (!well_formed(h.id)) {
      diags.error(where, Msg::bad_id, {h.id});
      return;
    }
    auto [it, inserted] = first.emplace(std::pair{kind, h.id}, where);
    if (inserted) return;
    diags.error(where, Msg::duplicate_id, {kind_name(kind), h.id});
    diags.add(Diagnostic{Severity::note, it->second, Msg::first_defined_here, {h.id}, std::nullopt, {}});
  });
}

}  // namespace fangyi::rules

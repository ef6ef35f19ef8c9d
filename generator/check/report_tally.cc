// Counting findings by severity, rule and school for the report summaries.
#include "check/report_tally.h"

#include <algorithm>
#include <map>

#include "check/report_text.h"

namespace fangyi::check {

Tally tally(const Report& report) {
  Tally t;
  std::map<std::string, RuleCount> rules;
  for (const auto& [id, info] : report.rules) {
    rules[id] = RuleCount{id, valid_utf8(info.name), valid_utf8(info.citation), info.severity, 0};
  }
  std::map<std::string, OrganisationCount> organisations;
  for (const Finding& f : report.findings) {
    ++at(t.by_severity, f.severity);
    auto [rule, added] = rules.try_emplace(f.rule);
    if (added) rule->second.id = valid_utf8(f.rule);
    if (added || (!report.rules.contains(f.rule) && f.severity > rule->second.severity)) {
      rule->second.severity = f.severity;
    }
    ++rule->second.findings;
    auto [o, new_organisation] = organisations.try_emplace(f.organisation);
    if (new_organisation) o->second.organisation = f.organisation;
    ++at(o->second.by_severity, f.severity);
    ++o->second.findings;
  }
  for (auto& [id, r] : rules) t.rules.push_back(std::move(r));
  std::stable_sort(t.rules.begin(), t.rules.end(),
                   [](const RuleCount& a, const RuleCount& b) { return a.findings > b.findings; });
  for (auto& [name, o] : organisations) t.organisations.push_back(std::move(o));
  std::stable_sort(t.organisations.begin(), t.organisations.end(),
                   [](const OrganisationCount& a, const OrganisationCount& b) { return a.findings > b.findings; });
  return t;
}

std::vector<OrganisationFindings> group_by_organisation(const Report& report) {
  std::map<std::string, std::vector<const Finding*>> by_name;
  for (const Finding& f : report.findings) by_name[f.organisation].push_back(&f);
  std::vector<OrganisationFindings> groups;
  for (auto& [name, findings] : by_name) {
    if (!name.empty()) groups.push_back({name, std::move(findings)});
  }
  if (auto none = by_name.find(""); none != by_name.end()) groups.push_back({"", std::move(none->second)});
  return groups;
}

}  // namespace fangyi::check

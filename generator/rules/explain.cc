// Renders descriptions of rules, and the differences between two rule sets.
#include "rules/explain.h"

#include <map>

#include "rules/describe.h"

namespace fangyi::rules {
namespace {

std::string colon(Lang lang) { return lang == Lang::en ? ": " : "："; }

std::string heading(const Description& d, Lang lang) {
  return kind_label(d.kind, lang) + " " + d.id + (d.name.empty() ? "" : "  " + d.name);
}

// The latest version of a family: the one with the latest start.
const Scheme* current_version(const RuleSet& rules, const std::string& family) {
  const Scheme* best = nullptr;
  for (const auto& s : rules.schemes) {
    if (s.family != family) continue;
    if (best == nullptr || (s.header.effective_from && (!best->header.effective_from ||
                                                        *best->header.effective_from < *s.header.effective_from)))
      best = &s;
  }
  return best;
}

std::string plain_name(const std::string& name) {
  std::size_t p = name.find("（");
  return p == std::string::npos || p == 0 ? name : name.substr(0, p);
}

}  // namespace

std::optional<std::string> explain(const RuleSet& rules, const std::string& only, Lang lang) {
  std::string out;
  int shown = 0;
  for (const Description& d : describe_all(rules, lang)) {
    if (!only.empty() && d.id != only) continue;
    ++shown;
    out += heading(d, lang) + "\n";
    for (const Fact& f : d.facts) out += "  " + f.label + colon(lang) + f.value + "\n";
    out += "\n";
  }
  if (!only.empty() && shown == 0) return std::nullopt;
  if (only.empty()) out += format_message(Msg::explain_count, lang, {std::to_string(shown)}) + "\n";
  return out;
}

PolicyDiff diff(const RuleSet& before, const RuleSet& after, Lang lang) {
  PolicyDiff result;
  using Key = std::pair<RuleKind, std::string>;
  std::map<Key, Description> old_rules, new_rules;
  for (auto& d : describe_all(before, lang)) old_rules.emplace(Key{d.kind, d.id}, std::move(d));
  for (auto& d : describe_all(after, lang)) new_rules.emplace(Key{d.kind, d.id}, std::move(d));
  const std::string defined = format_message(Msg::f_defined, lang);

  std::string summary;
  std::map<std::string, bool> families;
  for (const auto& s : after.schemes) families[s.family] = true;
  for (const auto& [family, _] : families) {
    const Scheme* o = current_version(before, family);
    const Scheme* n = current_version(after, family);
    if (o == nullptr || n == nullptr) continue;
    std::string ol = length_in_words(*o, lang), nl = length_in_words(*n, lang);
    if (ol == nl) continue;
    summary += "  " + (n->header.effective_from
                           ? format_message(Msg::diff_family_since, lang,
                                            {plain_name(n->header.name), ol, nl, format_date(*n->header.effective_from)})
                           : format_message(Msg::diff_family, lang, {plain_name(n->header.name), ol, nl})) +
               "\n";
  }

  std::string details;
  for (const auto& [key, d] : new_rules) {
    auto it = old_rules.find(key);
    if (it == old_rules.end()) {
      ++result.added;
      details += "+ " + format_message(Msg::diff_added, lang) + colon(lang) + heading(d, lang) + "\n";
      continue;
    }
    std::string lines;
    for (const Fact& f : d.facts) {
      if (f.label == defined) continue;
      const std::string* was = it->second.value(f.label);
      if (was == nullptr) lines += "    + " + f.label + colon(lang) + f.value + "\n";
      else if (*was != f.value) lines += "    " + f.label + colon(lang) + *was + " → " + f.value + "\n";
    }
    for (const Fact& f : it->second.facts)
      if (f.label != defined && d.value(f.label) == nullptr) lines += "    - " + f.label + colon(lang) + f.value + "\n";
    if (lines.empty()) continue;
    ++result.changed;
    details += "~ " + format_message(Msg::diff_changed, lang) + colon(lang) + heading(d, lang) + "\n" + lines;
  }
  for (const auto& [key, d] : old_rules) {
    if (new_rules.count(key)) continue;
    ++result.removed;
    details += "- " + format_message(Msg::diff_removed, lang) + colon(lang) + heading(d, lang) + "\n";
  }
  if (result.empty()) {
    result.text = format_message(Msg::diff_none, lang) + "\n";
    return result;
  }
  if (!summary.empty()) result.text += format_message(Msg::diff_summary, lang) + colon(lang) + "\n" + summary + "\n";
  result.text += details + "\n" +
                 format_message(Msg::diff_totals, lang,
                                {std::to_string(result.added), std::to_string(result.removed), std::to_string(result.changed)}) +
                 "\n";
  return result;
}

}  // namespace fangyi::rules

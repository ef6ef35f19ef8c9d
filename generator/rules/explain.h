// `fangyi explain` and `fangyi diff`: what a rule binary holds, and what
// changed in policy between two, as text for people.
#pragma once

#include <optional>
#include <string>

#include "core/lang.h"
#include "rules/model.h"

namespace fangyi::rules {

// Every rule, or only those with id `only` (any kind). nullopt when `only`
// names no rule.
std::optional<std::string> explain(const RuleSet& rules, const std::string& only, Lang lang);

struct PolicyDiff {
  std::string text;
  int added = 0, removed = 0, changed = 0;
  bool empty() const { return added + removed + changed == 0; }
};

PolicyDiff diff(const RuleSet& before, const RuleSet& after, Lang lang);

}  // namespace fangyi::rules

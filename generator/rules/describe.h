// Rules in words: each rule as a list of labelled facts in the user's
// language. `fangyi explain` prints them; `fangyi diff` compares them label by
// label, so both speak of policy the same way.
#pragma once

#include <string>
#include <vector>

#include "core/lang.h"
#include "rules/model.h"

namespace fangyi::rules {

struct Fact {
  std::string label;  // unique within its rule: "階段 1", "檢測 rapid"
  std::string value;
};

struct Description {
  RuleKind kind = RuleKind::scheme;
  std::string id;
  std::string name;
  std::vector<Fact> facts;
  const std::string* value(const std::string& label) const;
};

std::string kind_label(RuleKind k, Lang lang);
Description describe(const Scheme& s, Lang lang);
Description describe(const ContactTracing& c, Lang lang);
// Every rule of the set, in binary order (kind, then id).
std::vector<Description> describe_all(const RuleSet& rules, Lang lang);

// "3+4 天" / "10 天": the phases of a scheme as a school would say it.
std::string length_in_words(const Scheme& s, Lang lang);

}  // namespace fangyi::rules

// The handbook pages generated from a rule binary: one per scheme (with its
// timeline), the cohort decision charts, the disinfection tables, the
// deadlines, the checks and "what changed". Every statement carries a link
// to the seed line it comes from.
#pragma once

#include <string>
#include <vector>

#include "core/lang.h"
#include "html/page.h"
#include "html/seeds.h"
#include "rules/describe.h"
#include "rules/model.h"

namespace fangyi::html {

struct RulePagesInput {
  const rules::RuleSet& rules;
  const rules::RuleSet* previous = nullptr;  // for "what changed"; may be null
  std::string previous_name;                 // how to call it (its file name)
  const SeedLibrary& seeds;
  Lang lang = Lang::zh_TW;
};

std::vector<Page> rule_pages(const RulePagesInput& in);

// Used by the generators in rule_pages_*.cc.
std::string scheme_file(const rules::Scheme& s);
// The page of a scheme id, or of the latest version of a family; "" if none.
std::string scheme_href(const rules::RuleSet& rules, const std::string& family_or_id);
// A rule's facts (from describe) as a two-column table; the source fact
// becomes a link into the seed pages.
std::string facts_table(const rules::Description& d, const rules::Header& h, const RulePagesInput& in);

Page scheme_page(const rules::Scheme& s, const RulePagesInput& in);
Page cohorts_page(const RulePagesInput& in);
Page disinfection_page(const RulePagesInput& in);
Page deadlines_page(const RulePagesInput& in);
Page checks_page(const RulePagesInput& in);
Page contacts_page(const RulePagesInput& in);
Page changes_page(const RulePagesInput& in);

}  // namespace fangyi::html

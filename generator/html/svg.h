// The handbook's drawings, as inline SVG (no images to ship, scales and
// prints cleanly): a scheme's day-by-day timeline and a cohort's decision
// chart. Text in them comes from the rules and the message catalogue.
#pragma once

#include <functional>
#include <string>

#include "core/lang.h"
#include "rules/model.h"
#include "rules/schedule.h"

namespace fangyi::html {

// Days as columns (day 0 … the day after the last), rows for the date, the
// phase (coloured: confined / not at school / at school), readings due and
// each test window; release and return-to-school marked. Without `dates`
// (a scheme with no effective date has no natural example day 0) the date
// row is left out and markers name the day number.
std::string timeline_svg(const rules::Schedule& s, bool dates, Lang lang);

// The branches of a cohort, tried top to bottom: each condition with a "yes"
// arrow to its scheme (a link, from `scheme_href`) and a "no" arrow to the next.
std::string cohort_svg(const rules::Cohort& c, const rules::RuleSet& rules,
                       const std::function<std::string(const std::string&)>& scheme_href, Lang lang);

}  // namespace fangyi::html

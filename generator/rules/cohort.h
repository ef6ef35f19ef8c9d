// Which cohort branch decides a person, and their day 0: the one place the
// "branches are tried in order; the first whose `when` holds decides" rule
// is evaluated, shared by `fangyi forms` and `fangyi classify`.
#pragma once

#include <optional>
#include <string_view>

#include "core/date.h"
#include "expr/expr.h"
#include "rules/model.h"

namespace fangyi::rules {

// The cohort rule that sorts rows of `dataset` into schemes: the first (in
// id order) when several name it; null when none does.
const Cohort* cohort_for(const RuleSet& rules, std::string_view dataset);

struct CohortDecision {
  const CohortBranch* branch = nullptr;  // null: no branch's `when` holds
  std::optional<Date> day0;              // the branch's day-0 expression, when it gives a date
};

// Evaluates the branches of `cohort` over `row` in order. An unknown (null)
// `when` counts as not holding, as everywhere in the expression language.
CohortDecision decide_cohort(const Cohort& cohort, const expr::Row& row, Date today);

}  // namespace fangyi::rules

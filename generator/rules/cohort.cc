// Cohort decisions over one row.
#include "rules/cohort.h"

namespace fangyi::rules {

const Cohort* cohort_for(const RuleSet& rules, std::string_view dataset) {
  for (const Cohort& c : rules.cohorts)
    if (c.dataset == dataset) return &c;
  return nullptr;
}

CohortDecision decide_cohort(const Cohort& cohort, const expr::Row& row, Date today) {
  expr::Context ctx;
  ctx.row = &row;
  ctx.today = today;
  CohortDecision out;
  for (const CohortBranch& b : cohort.branches) {
    expr::Value v = expr::evaluate(b.when, ctx);
    if (v.kind == expr::ValueKind::bool_ && v.b) {
      out.branch = &b;
      break;
    }
  }
  if (out.branch) {
    expr::Value d = expr::evaluate(out.branch->day0, ctx);
    if (d.kind == expr::ValueKind::date) out.day0 = Date::from_days(int32_t(d.i));
  }
  return out;
}

}  // namespace fangyi::rules

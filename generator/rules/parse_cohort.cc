// Parses `kind: cohort`: ordered branches of predicate -> scheme.
#include "rules/parse.h"

namespace fangyi::rules {

void parse_cohort(MapReader& r, Loaded& out) {
  Cohort c;
  std::size_t index = out.rules.cohorts.size();
  parse_header(r, c.header, out, path_of(RuleKind::cohort, index));
  c.dataset = r.text("dataset", true);
  expect_ref(out, r, "dataset", RefKind::dataset, c.dataset);
  for_each_map(r, "branches", "分流", true, [&](MapReader& m) {
    CohortBranch b;
    b.origin = origin_of(m.file(), m.node());
    b.id = m.text("id", true);
    b.name = m.text("name", true);
    b.scheme = m.text("scheme", true);
    expect_ref(out, m, "scheme", RefKind::scheme, b.scheme);
    b.note = m.text("note");
    ExprSite site;
    site.kind = RuleKind::cohort;
    site.rule = index;
    site.branch = c.branches.size();
    site.slot = ExprSlot::when;
    expect_expr(m, "when", true, site, out);
    site.slot = ExprSlot::day0;
    expect_expr(m, "day0", true, site, out);
    c.branches.push_back(std::move(b));
  });
  out.rules.cohorts.push_back(std::move(c));
}

}  // namespace fangyi::rules

// Added column headers come from the catalogue in zh-TW whatever --lang is:
// the output is data that forms and classify read back, not a message.
#include "classify/columns.h"

#include <algorithm>

#include "core/messages.h"

namespace fangyi::classify {
namespace {

std::string zh(Msg m, std::vector<std::string> args = {}) { return format_message(m, Lang::zh_TW, args); }

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

void add_scheme(AddedColumns& out, const rules::Scheme& s) {
  for (const rules::Phase& p : s.phases) add_unique(out.phases, p.name);
  for (const rules::TestWindow& t : s.tests) add_unique(out.tests, t.name);
}

}  // namespace

std::vector<std::string> AddedColumns::headers() const {
  std::vector<std::string> h = {zh(Msg::classify_col_cohort), zh(Msg::classify_col_scheme),
                                zh(Msg::classify_col_scheme_id), zh(Msg::classify_col_day0)};
  for (const std::string& p : phases) {
    h.push_back(zh(Msg::classify_col_phase_from, {p}));
    h.push_back(zh(Msg::classify_col_phase_to, {p}));
  }
  h.insert(h.end(), tests.begin(), tests.end());
  for (Msg m : {Msg::classify_col_release, Msg::classify_col_return, Msg::classify_col_transition,
                Msg::classify_col_basis})
    h.push_back(zh(m));
  return h;
}

AddedColumns added_columns(const rules::RuleSet& rules, const rules::Cohort& cohort) {
  AddedColumns out;
  for (const rules::CohortBranch& b : cohort.branches) {
    for (const rules::Scheme& s : rules.schemes) {
      if (s.header.id != b.scheme && s.family != b.scheme) continue;
      add_scheme(out, s);
      // A version that takes people over from this one sets their later dates.
      for (const rules::Scheme& next : rules.schemes)
        if (next.transition && next.transition->from_scheme == s.header.id) add_scheme(out, next);
    }
  }
  return out;
}

bool is_added_header(const rules::RuleSet& rules, std::string_view header) {
  AddedColumns all;
  for (const rules::Scheme& s : rules.schemes) add_scheme(all, s);
  std::vector<std::string> h = all.headers();
  return std::find(h.begin(), h.end(), header) != h.end();
}

}  // namespace fangyi::classify

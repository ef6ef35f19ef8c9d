// Classifying a roster: each person's cohort decision (rules/cohort.h, the
// same as the forms use), then their schedule (rules/schedule.h), flattened
// into the added columns.
#include "classify/classify.h"

#include <algorithm>
#include <ctime>
#include <unordered_map>

#include "check/dataset_match.h"
#include "classify/basis.h"
#include "classify/columns.h"
#include "core/messages.h"
#include "core/text.h"
#include "pdf/roster.h"
#include "rules/cohort.h"
#include "rules/schedule.h"

namespace fangyi::classify {
namespace {

std::string zh(Msg m, std::vector<std::string> args = {}) { return format_message(m, Lang::zh_TW, args); }

// The first and last date a phase or test window covers.
struct Span {
  std::optional<Date> first, last;
  void add(Date d) {
    if (!first) first = d;
    last = d;
  }
};

std::size_t index_of(const std::vector<std::string>& v, const std::string& s) {
  return std::size_t(std::find(v.begin(), v.end(), s) - v.begin());
}

class Classifier {
 public:
  Classifier(const rules::RuleSet& rules, const pdf::Roster& roster, const rules::Cohort& cohort,
             const ClassifyRequest& req, Diagnostics& diags, Classified& out)
      : rules_(rules), roster_(roster), cohort_(cohort), req_(req), diags_(diags), out_(out),
        columns_(added_columns(rules, cohort)), today_(req.today.value_or(local_today())) {
    std::vector<std::string> tried;
    for (const rules::CohortBranch& b : cohort.branches) tried.push_back(b.id);
    tried_ = join(tried, "、");
  }

  const AddedColumns& columns() const { return columns_; }

  // A date in the requested style. Rosters repeat the same few dates, and
  // ROC dates are formatted through an ICU calendar, so each is made once.
  const std::string& date(Date d) {
    auto [it, added] = dates_.try_emplace(d.days());
    if (added) it->second = format_date(d, req_.date_style);
    return it->second;
  }
  std::string span(const Span& s) {
    if (!s.first) return "";
    if (*s.first == *s.last) return date(*s.first);
    return zh(Msg::classify_date_range, {date(*s.first), date(*s.last)});
  }

  // The added cells of one person, appended to `cells`.
  void classify(const pdf::RosterRow& row, std::vector<std::string>& cells) {
    std::size_t phases = columns_.phases.size(), tests = columns_.tests.size();
    const std::size_t kCohort = 0, kScheme = 1, kSchemeId = 2, kDay0 = 3, kPhases = 4, kTests = kPhases + 2 * phases,
                      kRelease = kTests + tests, kReturn = kRelease + 1, kTransition = kRelease + 2,
                      kBasis = kRelease + 3;
    std::vector<std::string> add(kBasis + 1);
    SourceLocation where{roster_.file, int(row.line), 0, 1};
    rules::CohortDecision decided = rules::decide_cohort(cohort_, pdf::RosterRowView(roster_, row), today_);
    if (!decided.branch) {
      add[kBasis] = zh(Msg::classify_basis_none, {tried_});
      diags_.warning(where, Msg::classify_unmatched, {cohort_.header.id, tried_});
      ++out_.unmatched;
      cells.insert(cells.end(), add.begin(), add.end());
      return;
    }
    const rules::CohortBranch& branch = *decided.branch;
    add[kCohort] = branch.name;
    auto [basis, fresh] = basis_.try_emplace(&branch);
    if (fresh) basis->second = zh(Msg::classify_basis, {branch.id, predicate_text(*roster_.dataset, branch.when.source)});
    add[kBasis] = basis->second;
    const rules::Scheme* scheme = decided.day0 ? rules_.scheme_in_force(branch.scheme, *decided.day0) : nullptr;
    std::optional<rules::Schedule> schedule;
    if (!decided.day0) {
      diags_.warning(where, Msg::classify_no_day0, {branch.id, branch.day0.source});
    } else if (!scheme) {
      diags_.warning(where, Msg::classify_no_scheme, {branch.id, branch.scheme, format_date(*decided.day0)});
    } else {
      // The version is in force, so a schedule exists; should it still fail,
      // its reasons belong to this person's row.
      Diagnostics local;
      schedule = rules::make_schedule(rules_, branch.scheme, *decided.day0, local);
      for (Diagnostic d : local.items()) {
        d.severity = Severity::warning;
        d.where = where;
        diags_.add(std::move(d));
      }
    }
    count(branch, schedule ? scheme : nullptr);
    if (decided.day0) add[kDay0] = date(*decided.day0);
    if (!schedule) {
      ++out_.unscheduled;
      cells.insert(cells.end(), add.begin(), add.end());
      return;
    }
    add[kScheme] = scheme->header.name;
    add[kSchemeId] = scheme->header.id;
    std::vector<Span> phase_spans(phases), test_spans(tests);
    for (const rules::ScheduleDay& day : schedule->days) {
      // Every phase and test of a reachable version has its column; a name
      // from further down a chain of transitions has none and is left out.
      if (std::size_t p = index_of(columns_.phases, day.phase); p < phases) phase_spans[p].add(day.date);
      for (const std::string& t : day.tests)
        if (std::size_t i = index_of(columns_.tests, t); i < tests) test_spans[i].add(day.date);
    }
    for (std::size_t p = 0; p < phases; ++p) {
      if (!phase_spans[p].first) continue;
      add[kPhases + 2 * p] = date(*phase_spans[p].first);
      add[kPhases + 2 * p + 1] = date(*phase_spans[p].last);
    }
    for (std::size_t t = 0; t < tests; ++t) add[kTests + t] = span(test_spans[t]);
    if (schedule->release) add[kRelease] = date(*schedule->release);
    if (schedule->return_to_school) add[kReturn] = date(*schedule->return_to_school);
    if (!schedule->transition_to.empty() && schedule->release) {
      const rules::Scheme* next = rules_.scheme(schedule->transition_to);
      add[kTransition] = zh(Msg::classify_transition, {next ? next->header.name : schedule->transition_to,
                                                       schedule->transition_to,
                                                       date(*schedule->release)});
    }
    cells.insert(cells.end(), add.begin(), add.end());
  }

  // Counts in branch order (then first appearance), whatever the row order.
  void finish() {
    auto rank = [&](const BranchCount& c) {
      for (std::size_t i = 0; i < cohort_.branches.size(); ++i)
        if (cohort_.branches[i].id == c.branch_id) return i;
      return cohort_.branches.size();
    };
    std::stable_sort(out_.counts.begin(), out_.counts.end(),
                     [&](const BranchCount& a, const BranchCount& b) { return rank(a) < rank(b); });
  }

 private:
  void count(const rules::CohortBranch& branch, const rules::Scheme* scheme) {
    std::string id = scheme ? scheme->header.id : "";
    for (BranchCount& c : out_.counts) {
      if (c.branch_id == branch.id && c.scheme_id == id) {
        ++c.people;
        return;
      }
    }
    out_.counts.push_back({branch.id, branch.name, id, scheme ? scheme->header.name : "", 1});
  }

  const rules::RuleSet& rules_;
  const pdf::Roster& roster_;
  const rules::Cohort& cohort_;
  const ClassifyRequest& req_;
  Diagnostics& diags_;
  Classified& out_;
  AddedColumns columns_;
  Date today_;
  std::string tried_;
  std::unordered_map<int32_t, std::string> dates_;
  std::unordered_map<const rules::CohortBranch*, std::string> basis_;
};

}  // namespace

std::optional<Classified> classify_roster(const rules::RuleSet& rules, const ClassifyRequest& req,
                                          Diagnostics& diags) {
  std::optional<pdf::Roster> roster = pdf::read_roster(rules, req.roster, req.input, diags, /*keep_columns=*/true);
  if (!roster) return std::nullopt;
  const rules::Dataset& dataset = *roster->dataset;
  const rules::Cohort* cohort = rules::cohort_for(rules, dataset.header.id);
  if (!cohort) {
    std::vector<std::string> sorted;
    for (const rules::Cohort& c : rules.cohorts) sorted.push_back(c.dataset);
    diags.error(SourceLocation{req.roster, 1, 0, 1}, Msg::classify_no_cohort,
                {req.roster, dataset.header.id, dataset.header.name, sorted.empty() ? "—" : join(sorted, "、")});
    return std::nullopt;
  }

  // The original columns, except those an earlier classify added: they are
  // computed again and replaced, never duplicated.
  std::vector<bool> of_dataset(roster->headers.size(), false);
  for (int col : roster->column_of_field)
    if (col >= 0) of_dataset[std::size_t(col)] = true;
  std::vector<std::size_t> kept;
  for (std::size_t col = 0; col < roster->headers.size(); ++col)
    if (of_dataset[col] || !is_added_header(rules, check::normalize_header(roster->headers[col]))) kept.push_back(col);

  Classified out;
  out.file = req.roster;
  out.dataset = dataset.header.id;
  out.cohort = cohort->header.id;
  Classifier classifier(rules, *roster, *cohort, req, diags, out);
  for (std::size_t col : kept) out.headers.push_back(roster->headers[col]);
  for (std::string& h : classifier.columns().headers()) out.headers.push_back(std::move(h));
  out.rows.reserve(roster->rows.size());
  for (const pdf::RosterRow& row : roster->rows) {
    std::vector<std::string> cells;
    cells.reserve(out.headers.size());
    for (std::size_t col : kept) cells.push_back(col < row.columns.size() ? row.columns[col] : std::string());
    classifier.classify(row, cells);
    out.rows.push_back(std::move(cells));
  }
  classifier.finish();
  return out;
}

std::string classify_summary(const Classified& c, Lang lang) {
  std::string out =
      format_message(Msg::classify_summary_total, lang, {c.file, std::to_string(c.rows.size()), c.cohort}) + "\n";
  for (const BranchCount& b : c.counts)
    out += "  " +
           format_message(Msg::classify_summary_branch, lang,
                          {b.branch_id, b.branch_name, b.scheme_name.empty() ? "—" : b.scheme_name,
                           b.scheme_id.empty() ? "—" : b.scheme_id, std::to_string(b.people)}) +
           "\n";
  if (c.unmatched > 0)
    out += "  " + format_message(Msg::classify_summary_unmatched, lang, {std::to_string(c.unmatched)}) + "\n";
  return out;
}

}  // namespace fangyi::classify

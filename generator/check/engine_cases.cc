// Phases 2 and 3: case checks, one spill partition at a time on both cores
// (every row of a case is in the same partition, in the order read), then
// organisation checks over each school's kept rows and its findings.
#include <algorithm>
#include <deque>
#include <atomic>
#include <thread>

#include "check/engine_plan.h"

namespace fangyi::check::engine {
namespace {

using rules::Scope;

// The organisation record organisation checks see as their bare row.
class OrganisationRow : public expr::Row {
 public:
  explicit OrganisationRow(std::string_view name) : name_(name) {}
  expr::Value get(std::size_t) const override { return expr::Value::string(name_); }

 private:
  std::string_view name_;
};

// A finding as a row of the `findings` source: rule, severity, dataset, field.
// Views: the finding and the rules outlive it.
class FindingRow : public expr::Row {
 public:
  FindingRow(std::string_view rule, std::string_view severity, std::string_view dataset, std::string_view field)
      : text_{rule, severity, dataset, field} {}
  expr::Value get(std::size_t slot) const override {
    return slot < 4 ? expr::Value::string(text_[slot]) : expr::Value{};
  }

 private:
  std::string_view text_[4];
};

// The rows of `store` in `range`, as a source of an evaluation: their
// values, read in place.
void rows_for(const DatasetRows& store, std::pair<const uint32_t*, const uint32_t*> range, expr::SourceRows& out) {
  out.positions = &store.positions();
  out.values.clear();
  if (range.first == nullptr) return;
  for (const uint32_t* r = range.first; r != range.second; ++r) out.values.push_back(store.row_values(*r));
}

// One thread's share of the case phase.
class CaseChecker {
 public:
  CaseChecker(const Plan& plan, const ReadState& state) : plan_(plan), state_(state) {
    for (const CompiledCheck& cc : plan.checks) {
      if (cc.check->scope != Scope::case_) continue;
      checks_.push_back({&cc, Evaluators(*cc.check)});
      used_.insert(used_.end(), cc.sources.begin(), cc.sources.end());
    }
    std::sort(used_.begin(), used_.end());
    used_.erase(std::unique(used_.begin(), used_.end()), used_.end());
    // Kept from partition to partition, emptied: their memory is reused. The
    // rows view bytes_, which outlives them.
    stores_.resize(plan.rules.datasets.size());
    for (std::size_t i = 0; i < stores_.size(); ++i)
      stores_[i].configure(plan.rules.datasets[i].fields.size(), plan.case_keep[i], false);
  }

  // False when the partition cannot be read back.
  bool run(std::size_t partition, std::string& error) {
    if (!state_.spill.read(partition, bytes_, error)) return false;
    keys_.clear();
    for (DatasetRows& s : stores_) s.clear();
    std::string_view in = bytes_;
    RecordHead head;
    // A case's rows mostly follow each other (its 14 follow-up days): ask
    // the table only when the key changes.
    std::string_view last_key;
    uint32_t key = 0;
    while (!in.empty()) {
      if (!decode_head(in, stores_.size(), head)) {
        error = "damaged temporary file";
        return false;
      }
      if (key == 0 || head.key != last_key) {
        key = keys_.id(head.key);
        last_key = head.key;
      }
      // A dataset no case check reads has records with a head only.
      if (plan_.case_keep[head.dataset].rows &&
          !stores_[head.dataset].add_record(in, {head.file, head.line, head.organisation, key})) {
        error = "damaged temporary file";
        return false;
      }
    }
    for (auto& s : stores_) s.index(keys_.size(), state_.organisations.names().size());
    cases += keys_.size() - 1;
    check_keys();
    return true;
  }

  std::vector<Found> found;
  uint64_t cases = 0;

 private:
  // Case by case: each dataset's rows of the case are gathered once, then
  // every case check reads them.
  void check_keys() {
    expr::Context ctx;
    ctx.today = plan_.today;
    std::vector<expr::SourceRows> rows_of(stores_.size());
    for (uint32_t key = 1; key < keys_.size(); ++key) {
      for (std::size_t d : used_) rows_for(stores_[d], stores_[d].rows_of_key(key), rows_of[d]);
      for (auto& [cc, eval] : checks_) {
        const DatasetRows& primary = stores_[cc->dataset];
        auto rows = primary.rows_of_key(key);
        if (rows.first == rows.second) continue;
        // Bare names are the case's first row in the dataset.
        uint32_t first = *rows.first;
        ctx.values = primary.row_values(first);
        ctx.value_positions = &primary.positions();
        ctx.sources.resize(cc->sources.size());
        for (std::size_t s = 0; s < cc->sources.size(); ++s) ctx.sources[s] = rows_of[cc->sources[s]];
        if (!eval.violated(ctx)) continue;
        const DatasetRows::Meta& m = primary.meta(first);
        found.push_back({plan_.finding(*cc, state_.files[m.file], m.line,
                                       [&](std::size_t s) { return primary.text(first, s); },
                                       state_.organisations.names().name(m.organisation), keys_.name(key)),
                         cc->dataset, cc->field_slot});
      }
    }
  }

  const Plan& plan_;
  const ReadState& state_;
  std::vector<std::pair<const CompiledCheck*, Evaluators>> checks_;
  std::vector<std::size_t> used_;  // datasets some case check reads as a source
  std::string bytes_;
  Names keys_;
  std::vector<DatasetRows> stores_;
};

}  // namespace

uint64_t check_cases(const Plan& plan, ReadState& state, Diagnostics& diags) {
  if (!state.spill.finish()) {
    diags.error(SourceLocation{}, Msg::check_spill_failed, {state.spill.error()});
    return 0;
  }
  const std::size_t partitions = state.spill.partitions();
  unsigned threads = static_cast<unsigned>(
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, partitions));
  std::atomic<std::size_t> next{0};
  std::deque<CaseChecker> checkers;  // not moved once made
  for (unsigned t = 0; t < threads; ++t) checkers.emplace_back(plan, state);
  std::vector<std::string> errors(threads);
  auto work = [&](unsigned t) {
    for (std::size_t p; (p = next++) < partitions;)
      if (!checkers[t].run(p, errors[t])) return;
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work, t);
  work(0);
  for (auto& w : workers) w.join();
  uint64_t cases = 0;
  for (unsigned t = 0; t < threads; ++t) {
    if (!errors[t].empty()) diags.error(SourceLocation{}, Msg::check_spill_failed, {errors[t]});
    for (auto& f : checkers[t].found) state.add(std::move(f));
    cases += checkers[t].cases;
  }
  return cases;
}

void check_organisations(const Plan& plan, ReadState& state) {
  const Names& orgs = state.organisations.names();
  for (auto& rows : state.organisation_rows) rows.index(1, orgs.size());
  std::map<std::string_view, std::vector<FindingRow>> by_org;
  for (std::size_t i = 0; i < state.findings.size(); ++i) {
    const Finding& f = state.findings[i];
    if (f.organisation.empty()) continue;
    const rules::Dataset& d = plan.rules.datasets[state.about[i].first];
    int field = state.about[i].second;
    by_org[f.organisation].emplace_back(f.rule, severity_id(f.severity), d.header.id,
                                        field >= 0 ? std::string_view(d.fields[static_cast<std::size_t>(field)].id) : "");
  }
  expr::Context ctx;
  ctx.today = plan.today;
  std::vector<Found> out;
  for (const auto& cc : plan.checks) {
    if (cc.check->scope != Scope::organisation) continue;
    Evaluators eval(*cc.check);
    for (uint32_t org = 1; org < orgs.size(); ++org) {
      auto rows = state.organisation_rows[cc.dataset].rows_of_organisation(org);
      if (rows.first == rows.second) continue;
      std::string name(orgs.name(org));
      OrganisationRow org_row(name);
      ctx.row = &org_row;
      ctx.sources.assign(cc.sources.size() + 1, {});
      for (std::size_t s = 0; s < cc.sources.size(); ++s)
        rows_for(state.organisation_rows[cc.sources[s]],
                 state.organisation_rows[cc.sources[s]].rows_of_organisation(org), ctx.sources[s]);
      auto f = by_org.find(name);
      if (f != by_org.end())
        for (const auto& row : f->second) ctx.sources.back().rows.push_back(&row);
      if (!eval.violated(ctx)) continue;
      Finding finding;
      finding.rule = cc.check->header.id;
      finding.severity = cc.check->severity;
      finding.organisation = name;
      finding.message = cc.check->message;
      for (std::size_t p; (p = finding.message.find("{organisation}")) != std::string::npos;)
        finding.message.replace(p, 14, name);
      out.push_back({std::move(finding), cc.dataset, -1});
    }
  }
  for (auto& f : out) state.add(std::move(f));
}

}  // namespace fangyi::check::engine

// What the engine works from, made once per run from the rule set: each check
// with its datasets and message slots, what each dataset keeps for case and
// organisation checks, and how a violation becomes a finding. Shared by the
// reading phase (engine_read.cc) and the case and organisation phases
// (engine_cases.cc); engine.cc runs them in order.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "check/engine.h"
#include "check/row_record.h"
#include "check/row_store.h"
#include "check/spill.h"

namespace fangyi::check::engine {

struct CompiledCheck {
  const rules::Check* check = nullptr;
  std::size_t dataset = 0;           // index of the primary dataset
  std::vector<std::size_t> sources;  // dataset indexes in environment order (organisation: without findings)
  std::vector<int> message_slots;    // primary fields shown in the message
  int field_slot = -1;               // the field a finding points at
};

// Evaluators own their stacks and regex caches: one set per thread.
struct Evaluators {
  std::unique_ptr<expr::Evaluator> when, require;
  explicit Evaluators(const rules::Check& c);
  bool violated(const expr::Context& ctx);
};

// A finding and, for the `findings` source of organisation checks, the
// dataset and field (slot, -1 for none) it is about.
struct Found {
  Finding finding;
  std::size_t dataset = 0;
  int field = -1;
};

int slot_of(const rules::Dataset& d, const std::string& id);

struct Plan {
  Plan(const rules::RuleSet& rules, const CheckOptions& options);

  // A cell as a report may show it: lists with their own separator, personal
  // data masked unless asked for.
  std::string shown(const rules::DatasetField& f, std::string_view text) const;
  // The finding of check `cc` at a row whose slot texts `text_of` gives.
  Finding finding(const CompiledCheck& cc, const std::string& file, uint64_t line,
                  const std::function<std::string_view(std::size_t)>& text_of, std::string_view org,
                  std::string_view key) const;

  const rules::RuleSet& rules;
  const CheckOptions& options;
  Date today;
  std::vector<CompiledCheck> checks;
  std::vector<Projection> case_keep, organisation_keep;  // by dataset
  std::map<std::string, RuleInfo> rule_infos;
};

// Organisation ids shared by the reading threads.
class SharedNames {
 public:
  uint32_t id(std::string_view name) {
    std::lock_guard<std::mutex> lock(mutex_);
    return names_.id(name);
  }
  // Only once reading is over.
  const Names& names() const { return names_; }

 private:
  std::mutex mutex_;
  Names names_;
};

// What reading leaves for the later phases.
struct ReadState {
  explicit ReadState(std::size_t partitions) : spill(partitions) {}
  std::vector<std::string> files;          // by file index, as given
  std::vector<InputSummary> inputs;
  std::deque<Finding> findings;                  // what the report will hold
  std::deque<std::pair<std::size_t, int>> about;  // per finding: dataset and field slot
  SharedNames organisations;
  CaseSpill spill;                         // rows of case-check datasets, by key
  std::vector<DatasetRows> organisation_rows;  // by dataset, for organisation checks

  void add(Found&& f) {
    findings.push_back(std::move(f.finding));
    about.emplace_back(f.dataset, f.field);
  }
};

// Phase 1: streams one file through cell conversion and row checks on both
// cores, keeping what later phases need. Problems that make the file unusable
// go to `diags`.
void read_file(const Plan& plan, const std::string& path, ReadState& state, Diagnostics& diags);

// Phase 2: case checks, one spill partition at a time on both cores. Adds
// findings to state and returns the number of distinct cases.
uint64_t check_cases(const Plan& plan, ReadState& state, Diagnostics& diags);

// Phase 3: organisation checks over each school's rows and findings so far.
void check_organisations(const Plan& plan, ReadState& state);

}  // namespace fangyi::check::engine

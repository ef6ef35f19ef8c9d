// The check engine: reads exported files, matches each to a dataset, turns
// cells into typed values and evaluates the checks compiled into the rule
// binary — row checks as rows stream past (on every core), case checks over
// all rows of one key across files (kept compactly, partitioned by key and
// spilled to a temporary file, so memory does not grow with the input),
// organisation checks over a school's rows and findings.
// No check is written here: every condition is a program from the rules.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/finding.h"
#include "check/inputs.h"
#include "core/date.h"
#include "core/diagnostic.h"
#include "core/lang.h"
#include "rules/model.h"

namespace fangyi::check {

struct CheckOptions {
  InputOptions input;
  bool show_personal = false;  // otherwise IDs, phones and names are masked
  std::optional<Date> today;   // today() in rules; the system date when unset
  Lang lang = Lang::zh_TW;     // language of messages the engine writes itself
  // Case rows are kept in this many partitions, checked one at a time; 0
  // chooses from the input's size (about 16 MB of input each).
  std::size_t partitions = 0;
  // Called now and then with bytes read so far and in all (for a progress bar).
  std::function<void(uint64_t done, uint64_t total)> progress;
};

// Findings of every file that could be read. Files that could not be used
// (unreadable, no matching dataset) are reported in `diags` as errors.
Report run_checks(const rules::RuleSet& rules, const std::vector<std::string>& files, const CheckOptions& options,
                  Diagnostics& diags);

}  // namespace fangyi::check

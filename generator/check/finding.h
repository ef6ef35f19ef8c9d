// What a check run reports: findings (one broken rule at one place) and the
// totals around them. Every report format (terminal, JSON Lines, CSV, XLSX,
// HTML) renders a Report and nothing else.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "rules/model.h"

namespace fangyi::check {

struct Finding {
  std::string file;          // as given on the command line
  uint64_t line = 0;         // 1-based; 0 for a whole file or an organisation
  std::string column;        // column header the finding points at; may be empty
  std::string rule;          // check id, or "input.*" for reading problems
  rules::CheckSeverity severity = rules::CheckSeverity::error;
  std::string message;       // message template filled in (personal data masked unless shown)
  std::string value;         // the offending cell (masked when personal)
  std::string organisation;  // the school, when the dataset names one
  std::string case_key;      // the case's key (masked when personal)
};

// A rule as reports name it.
struct RuleInfo {
  std::string id;
  std::string name;
  std::string citation;  // "seed section"
  rules::CheckSeverity severity = rules::CheckSeverity::error;
};

struct InputSummary {
  std::string file;
  std::string dataset;   // matched dataset id; empty when unmatched
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "Big5 (CP950)", "XLSX"
  uint64_t rows = 0;
};

struct Report {
  // Sorted: organisation, file, line, rule. A deque: a million findings grow
  // it without copying them all on the way.
  std::deque<Finding> findings;
  std::vector<InputSummary> inputs;
  std::map<std::string, RuleInfo> rules;  // by id, every check that ran
  uint64_t cases = 0;
  uint64_t organisations = 0;
  std::string generated_by;  // "fangyi 0.1.0"

  std::size_t count(rules::CheckSeverity at_least) const;
};

const char* severity_id(rules::CheckSeverity s);  // "info", "warning", "error", "serious"

}  // namespace fangyi::check

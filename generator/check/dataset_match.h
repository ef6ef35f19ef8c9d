// Which dataset an exported file is: its header row is matched against the
// columns (headers and aliases) of every dataset in the rule binary. The best
// match must have every required column; otherwise the error lists what is
// missing and what is unexpected.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::check {

struct DatasetMatch {
  const rules::Dataset* dataset = nullptr;
  std::vector<int> column_of_field;     // per dataset field: column index, or -1 when absent
  std::vector<std::string> unexpected;  // columns no field claims (ignored)
};

// Trims spaces (also full-width) and a BOM from a header cell.
std::string normalize_header(std::string_view header);

std::optional<DatasetMatch> match_dataset(const rules::RuleSet& rules, const std::vector<std::string>& headers,
                                          const std::string& file, Diagnostics& diags);

}  // namespace fangyi::check

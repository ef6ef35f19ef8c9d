// The classify stage of `fangyi build`: each roster in DIR/examples/roster/
// and DIR/examples/classify/ classified into DIR/out/classify/<name>.csv.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::classify {

// Appends the paths written to `written`; false when a roster could not be
// classified. People left unclassified are warnings only.
bool classify_examples(const rules::RuleSet& rules, const std::string& dir, std::optional<Date> today,
                       Diagnostics& diags, std::vector<std::string>& written);

}  // namespace fangyi::classify

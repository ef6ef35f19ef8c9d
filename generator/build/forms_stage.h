// The forms stage of `fangyi build`: every form blank into DIR/out/forms/空白/
// and, for each roster in DIR/examples/roster/, pre-filled into
// DIR/out/forms/<roster name>/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::build {

// Appends the paths written to `written`; false when a form failed.
bool build_forms(const rules::RuleSet& rules, const std::string& dir, std::optional<Date> today, Diagnostics& diags,
                 std::vector<std::string>& written);

}  // namespace fangyi::build

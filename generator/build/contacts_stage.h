// The contacts stage of `fangyi build`: each confirmed-case scenario in
// DIR/examples/contacts/*.yaml (a school manifest naming the case) traced
// into DIR/out/contacts/<scenario>/.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::build {

// Appends the paths written to `written`; false when a scenario failed.
bool build_contacts(const rules::RuleSet& rules, const std::string& dir, Diagnostics& diags,
                    std::vector<std::string>& written);

}  // namespace fangyi::build

// The handbook stage of `fangyi build`: when DIR/site exists, renders it
// with DIR/templates and the compiled rules into DIR/out/site.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/lang.h"
#include "rules/model.h"

namespace fangyi::build {

// True when there is no DIR/site or the handbook was written (its folder is
// appended to `written`).
bool build_site(const rules::RuleSet& rules, const std::string& dir, const std::string& seeds_dir, Lang lang,
                Diagnostics& diags, std::vector<std::string>& written);

}  // namespace fangyi::build

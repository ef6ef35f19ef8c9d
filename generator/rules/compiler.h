// The rule compiler, start to end: YAML files -> loaded model -> whole-set
// verification -> expressions compiled -> canonical RuleSet, ready to encode.
// This is the one entry point the CLI and `fangyi build` call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::rules {

struct CompileOptions {
  // Files and directories (searched recursively for .yaml/.yml); "-" is stdin.
  std::vector<std::string> inputs;
  // Folder of the seed documents citations must name; empty checks only the
  // form of the names.
  std::string seeds_dir;
};

// Every file read is added to `sources`, so diagnostics can quote lines.
// Returns the rule set only when there were no errors.
std::optional<RuleSet> compile_rules(const CompileOptions& options, SourceMap& sources, Diagnostics& diags);

// The YAML files an input names, sorted, so compiles are deterministic.
std::vector<std::string> rule_files(const std::string& input, Diagnostics& diags);

}  // namespace fangyi::rules

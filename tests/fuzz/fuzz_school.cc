// Fuzz target: a school manifest (YAML) for `fangyi contacts`, read with the
// default contact-tracing rule; the files it names are looked up beside the
// input (and usually missing, which must be a clean error too).
#include "contacts/school_data.h"
#include "fuzz_input.h"
#include "rules/compiler.h"

namespace {

const fangyi::rules::RuleSet& default_rules() {
  static const fangyi::rules::RuleSet rules = [] {
    using namespace fangyi;
    SourceMap sources;
    Diagnostics diags;
    rules::CompileOptions options;
    options.inputs = {std::string(FANGYI_SOURCE_DIR) + "/rules", std::string(FANGYI_SOURCE_DIR) + "/forms"};
    auto compiled = rules::compile_rules(options, sources, diags);
    if (!compiled || compiled->contact_tracings.empty()) __builtin_trap();
    return *compiled;
  }();
  return rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  const rules::RuleSet& rules = default_rules();
  std::string path = fuzz::input_file(data, size, ".yaml");
  Diagnostics diags;
  auto school = contacts::read_school(rules, rules.contact_tracings.front(), path, {}, diags);
  return school && school->persons.size() == SIZE_MAX;
}

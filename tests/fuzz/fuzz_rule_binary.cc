// Fuzz target: the rule-binary loader. Any bytes either fail to load with a
// diagnostic or load a rule set that encodes again and loads again.
#include "rules/binary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  Diagnostics diags;
  auto rules = rules::decode_rules(data, size, "fuzz.fyb", diags);
  if (rules) {
    std::vector<uint8_t> bytes = rules::encode_rules(*rules);
    Diagnostics again;
    if (!rules::decode_rules(bytes.data(), bytes.size(), "again.fyb", again)) __builtin_trap();
  }
  return 0;
}

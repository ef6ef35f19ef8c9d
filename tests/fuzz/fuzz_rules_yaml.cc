// Fuzz target: the YAML rule loader and every check after it (one file of
// rules, any kinds). Whatever the bytes, compiling ends with rules or with
// diagnostics; a rule set that compiles also encodes and decodes.
#include "fuzz_input.h"
#include "rules/binary.h"
#include "rules/compiler.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  std::string path = fuzz::input_file(data, size, ".yaml");
  SourceMap sources;
  Diagnostics diags;
  rules::CompileOptions options;
  options.inputs = {path};
  auto rules = rules::compile_rules(options, sources, diags);
  (void)render_all(diags, sources, Lang::zh_TW);
  if (rules) {
    std::vector<uint8_t> bytes = rules::encode_rules(*rules);
    Diagnostics again;
    if (!rules::decode_rules(bytes.data(), bytes.size(), "fuzz.fyb", again)) __builtin_trap();
  }
  return 0;
}

// Fuzz target: the rule-binary loader. Any bytes either fail to load with a
// diagnostic or load a rule set that encodes again and loads again. Each
// input is tried twice: as it is, and with its checksum made right, so that
// mutations reach the section and program decoders behind the CRC.
#include <zlib.h>

#include <vector>

#include "rules/binary.h"

namespace {

void load(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  Diagnostics diags;
  auto rules = rules::decode_rules(data, size, "fuzz.fyb", diags);
  if (!rules) return;
  std::vector<uint8_t> bytes = rules::encode_rules(*rules);
  Diagnostics again;
  if (!rules::decode_rules(bytes.data(), bytes.size(), "again.fyb", again)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  load(data, size);
  // The header's CRC-32 (bytes 24-27) covers everything after the 32-byte header.
  if (size > 32) {
    std::vector<uint8_t> fixed(data, data + size);
    uint32_t crc = static_cast<uint32_t>(crc32_z(0, fixed.data() + 32, fixed.size() - 32));
    for (int i = 0; i < 4; ++i) fixed[24 + i] = static_cast<uint8_t>(crc >> (8 * i));
    load(fixed.data(), fixed.size());
  }
  return 0;
}

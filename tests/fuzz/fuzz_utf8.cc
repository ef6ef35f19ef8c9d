// Fuzz target: UTF-8 validation. The 16-byte-block validator must give, on
// any bytes and from any starting offset, exactly the valid prefix and the
// step the byte-by-byte scanner gives.
#include <cstdint>
#include <cstddef>

#include "core/utf8_scan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  for (std::size_t start = 0; start < 16 && start <= size; ++start) {
    int step_blocks = 9, step_bytes = 9;
    std::size_t blocks = fangyi::utf8_valid_prefix(data + start, size - start, &step_blocks);
    std::size_t bytes = fangyi::utf8_valid_prefix_bytewise(data + start, size - start, &step_bytes);
    if (blocks != bytes || step_blocks != step_bytes) __builtin_trap();
  }
  return 0;
}

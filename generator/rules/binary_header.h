// Internal to the rule binary: verifies the fixed header and the section
// table of a whole file — magic, version, flags, size, CRC-32, and that the
// sections are exactly version 1's, in order, back to back, inside the file.
// Interface: read_layout.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/diagnostic.h"
#include "rules/binary_format.h"

namespace fangyi::rules::binary {

struct SectionSpan {
  std::size_t offset = 0;  // from the start of the file
  std::size_t size = 0;
};

// The sections in kSectionTags order; nullopt after adding one error.
std::optional<std::array<SectionSpan, kSectionTags.size()>> read_layout(const uint8_t* data, std::size_t size,
                                                                       const std::string& file, Diagnostics& diags);

}  // namespace fangyi::rules::binary

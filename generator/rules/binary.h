// The rule binary (.fyb): a compiled RuleSet as a versioned, checksummed,
// deterministic file, and the loader that verifies every byte of one before
// anything else reads it. The format is documented in docs/binary-format.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "rules/model.h"

namespace fangyi::rules {

inline constexpr uint16_t kFormatVersion = 3;

// Same rules, in whatever order, give the same bytes: encodes a canonicalized
// copy. The rules must be valid (as the checker leaves them).
std::vector<uint8_t> encode_rules(const RuleSet& rules);

// Verifies and decodes a rule binary; on any problem adds one error naming
// `file` and returns nullopt. Never crashes, whatever the bytes.
std::optional<RuleSet> decode_rules(const uint8_t* data, std::size_t size, const std::string& file,
                                    Diagnostics& diags);

// Encodes and writes atomically (temp file + rename).
bool write_rules_file(const std::string& path, const RuleSet& rules, Diagnostics& diags);
std::optional<RuleSet> read_rules_file(const std::string& path, Diagnostics& diags);

}  // namespace fangyi::rules

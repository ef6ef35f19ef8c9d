// Rule binaries on disk: encode + atomic write, read + verify. Interface:
// write_rules_file, read_rules_file.
#include "core/file_io.h"
#include "rules/binary.h"
#include "rules/binary_format.h"

namespace fangyi::rules {

bool write_rules_file(const std::string& path, const RuleSet& rules, Diagnostics& diags) {
  const std::vector<uint8_t> bytes = encode_rules(rules);
  std::string error;
  if (write_file_atomic(path, {reinterpret_cast<const char*>(bytes.data()), bytes.size()}, &error)) return true;
  diags.error(SourceLocation{path, 0, 0, 1}, Msg::io_cannot_write, {path, error});
  return false;
}

std::optional<RuleSet> read_rules_file(const std::string& path, Diagnostics& diags) {
  std::string error;
  std::optional<std::string> bytes = read_file(path, &error, binary::kMaxFileSize);
  if (!bytes) {
    diags.error(SourceLocation{path, 0, 0, 1}, Msg::io_cannot_read, {path, error});
    return std::nullopt;
  }
  return decode_rules(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size(), path, diags);
}

}  // namespace fangyi::rules

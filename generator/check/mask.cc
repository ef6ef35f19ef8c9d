// Keeps enough of a value to recognise it, hides enough to protect it.
#include "check/mask.h"

#include <vector>

#include "core/text.h"

namespace fangyi::check {

std::string mask_personal(std::string_view value) {
  std::vector<std::string> chars;
  for (std::size_t i = 0; i < value.size();) {
    std::size_t start = i;
    next_code_point(value, i);
    chars.emplace_back(value.substr(start, i - start));
  }
  const std::size_t n = chars.size();
  if (n == 0) return "";
  bool wide = display_width(chars[0]) == 2;
  std::string dot = wide ? "○" : "*";
  std::string out;
  if (n <= 2) {
    out = chars[0] + dot;
  } else if (n <= 6) {
    // Names: keep the first and last character.
    out = chars[0];
    for (std::size_t k = 1; k + 1 < n; ++k) out += dot;
    out += chars[n - 1];
  } else {
    // ID numbers, phones, addresses: keep three at each end.
    for (std::size_t k = 0; k < 3; ++k) out += chars[k];
    out += wide ? "○○○○" : "****";
    for (std::size_t k = n - 3; k < n; ++k) out += chars[k];
  }
  return out;
}

}  // namespace fangyi::check

// JSON strings, eight bytes at a time; see json_string.h.
#include "html/json_string.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace fangyi::html {
namespace {

// Whether any of the eight bytes of `word` needs escaping in a JSON string:
// a control character, a quote or a backslash (bit tricks that are exact
// for "some byte is", see "Determine if a word has a byte less than n").
inline bool needs_escape(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101u, kHighs = 0x8080808080808080u;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  return (((word - kOnes * 0x20) & ~word & kHighs) | has_zero(word ^ (kOnes * '"')) |
          has_zero(word ^ (kOnes * '\\'))) != 0;
}

// The JSON escape of each byte that needs one, as json_escape writes it:
// control characters, the quote and the backslash.
constexpr std::array<std::string_view, 0x60> kEscapes = [] {
  std::array<std::string_view, 0x60> escapes{};
  constexpr std::string_view kControls =
      "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\u0009\\u000a\\u000b\\u000c\\u000d\\u000e\\u000f"
      "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f";
  for (std::size_t c = 0; c < 0x20; ++c) escapes[c] = kControls.substr(c * 6, 6);
  escapes['\n'] = "\\n";
  escapes['\r'] = "\\r";
  escapes['\t'] = "\\t";
  escapes['"'] = "\\\"";
  escapes['\\'] = "\\\\";
  return escapes;
}();

// Calls `part` with each run of `s` that needs no escaping and with the
// escape of each byte between them, in order, looking at eight bytes at a
// time: the index quotes megabytes of page text.
template <class Part>
void for_each_json_part(std::string_view s, Part&& part) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {
      uint64_t word = 0;
      std::memcpy(&word, s.data() + i, sizeof word);
      if (!needs_escape(word)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (i > start) part(s.substr(start, i - start));
    part(kEscapes[c]);
    start = ++i;
  }
  if (start < s.size()) part(s.substr(start));
}

}  // namespace

void append_json(std::string& out, std::string_view s) {
  out += '"';
  for_each_json_part(s, [&](std::string_view part) { out += part; });
  out += '"';
}

void append_json_parts(std::vector<std::string_view>& parts, std::string_view s) {
  parts.push_back("\"");
  for_each_json_part(s, [&](std::string_view part) { parts.push_back(part); });
  parts.push_back("\"");
}

}  // namespace fangyi::html

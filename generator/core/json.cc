// JSON writing with RFC 8259 string escaping.
#include "core/json.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace fangyi {

namespace {

// Whether some byte of the eight needs escaping: below 0x20, '"' or '\\'
// (exact bit tricks for "a byte below n" and "a byte equal to c").
bool needs_escape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto zero_byte = [&](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  return (((w - kOnes * 0x20) & ~w & kHigh) | zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\'))) != 0;
}

// The escape of each byte that needs one: control characters, the quote
// and the backslash.
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
// escape of each byte between them, in order, eight bytes at a time where
// none needs one: reports and the handbook's index quote megabytes.
template <class Part>
void for_each_json_part(std::string_view s, Part&& part) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {
      uint64_t word;
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

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for_each_json_part(s, [&](std::string_view part) { out += part; });
  out += '"';
}

void append_json_string_parts(std::vector<std::string_view>& parts, std::string_view s) {
  parts.push_back("\"");
  for_each_json_part(s, [&](std::string_view part) { parts.push_back(part); });
  parts.push_back("\"");
}

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json_string(out, s);
  return out;
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  separate();
  out_ += '[';
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}
JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  append_json_string(out_, k);
  out_ += ':';
  after_key_ = true;
  return *this;
}
JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}
JsonWriter& JsonWriter::value(int64_t n) {
  separate();
  out_ += std::to_string(n);
  return *this;
}
JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}
JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace fangyi

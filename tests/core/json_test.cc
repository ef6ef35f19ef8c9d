// JSON strings: every byte that must be escaped is, wherever it falls in
// the runs of eight the escaper skips through, and nothing else changes.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/json.h"

namespace fangyi {
namespace {

// The escaping spelled out byte by byte, as RFC 8259 asks.
std::string reference(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

TEST(Json, EscapesStrings) {
  EXPECT_EQ(json_escape("證號「A12****789」\"\\\n\t\x01"), "\"證號「A12****789」\\\"\\\\\\n\\t\\u0001\"");
  std::mt19937 rng(5);
  const char pieces[] = {'a', '"', '\\', '\n', '\x1f', '\x7f', '\x20', '\x00', static_cast<char>(0xE9)};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (std::size_t n = rng() % 40; n > 0; --n) s += rng() % 3 ? 'x' : pieces[rng() % sizeof pieces];
    ASSERT_EQ(json_escape(s), reference(s)) << round;
    std::string appended = "[";
    append_json_string(appended, s);
    ASSERT_EQ(appended, "[" + reference(s));
    std::vector<std::string_view> parts;
    append_json_string_parts(parts, s);
    std::string joined;
    for (std::string_view part : parts) joined += part;
    ASSERT_EQ(joined, reference(s));
  }
}

TEST(Json, WriterWritesCompactObjects) {
  JsonWriter w;
  w.begin_object().key("a").value(1).key("b").begin_array().value("x\"").value(true).null().end_array().end_object();
  EXPECT_EQ(w.str(), "{\"a\":1,\"b\":[\"x\\\"\",true,null]}");
}

}  // namespace
}  // namespace fangyi

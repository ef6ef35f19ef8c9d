// is_utf8 says what a byte-by-byte check (core's is_valid_utf8) says, for
// every pair of leading bytes anywhere in and across its 32-byte blocks,
// for sequences cut short at the end, and for random text with damage.
#include "html/utf8_check.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/text.h"

namespace fangyi::html {
namespace {

TEST(Utf8Check, AgreesOnEveryTwoBytesAtEveryPlace) {
  for (const char* filler : {"a", "中"}) {
    for (std::size_t offset : {0u, 1u, 30u, 31u, 32u, 63u}) {
      std::string base;
      while (base.size() < offset) base += filler;
      base.resize(offset, 'a');
      for (int b0 = 0; b0 < 256; ++b0) {
        for (int b1 = 0; b1 < 256; ++b1) {
          for (const char* rest : {"", "\x80", "\x80\x80", "\x80" "a"}) {
            std::string s = base;
            s += static_cast<char>(b0);
            s += static_cast<char>(b1);
            s += rest;
            for (int k = 0; k < 40; ++k) s += filler;
            ASSERT_EQ(is_utf8(s), is_valid_utf8(s)) << offset << " " << b0 << " " << b1 << " +" << std::string(rest).size();
          }
        }
      }
    }
  }
}

TEST(Utf8Check, SequencesCutShortAtTheEnd) {
  for (const std::string& whole : {std::string("é"), std::string("中"), std::string("😀"), std::string("\xf4\x8f\xbf\xbf")}) {
    for (std::size_t before = 0; before < 70; ++before) {
      const std::string lead(before, 'x');
      EXPECT_TRUE(is_utf8(lead + whole)) << before;
      for (std::size_t cut = 1; cut < whole.size(); ++cut)
        EXPECT_FALSE(is_utf8(lead + whole.substr(0, cut))) << before << " " << cut;
    }
  }
  EXPECT_TRUE(is_utf8(""));
}

TEST(Utf8Check, AgreesOnRandomTextWithDamage) {
  std::mt19937 rng(20220426);
  const std::string chars[] = {"a", " ", "\n", "é", "中", "。", "😀", "\xef\xbf\xbd", "\xed\x9f\xbf", "\xee\x80\x80"};
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int count = static_cast<int>(rng() % 120);
    for (int k = 0; k < count; ++k) s += chars[rng() % std::size(chars)];
    if (!s.empty() && rng() % 2) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    ASSERT_EQ(is_utf8(s), is_valid_utf8(s)) << n;
  }
}

}  // namespace
}  // namespace fangyi::html

// The 16-byte-block UTF-8 validator gives, on any bytes, exactly what the
// byte-by-byte scanner gives: the valid prefix and what follows it. Random
// text is built from valid characters of every length and every kind of
// bad sequence (overlongs, surrogates, above U+10FFFF, stray and missing
// continuations, cut sequences), placed across block edges.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/utf8_scan.h"

namespace fangyi {
namespace {

std::pair<std::size_t, int> scan(const std::string& s, bool blocks) {
  int step = 9;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = blocks ? utf8_valid_prefix(p, s.size(), &step) : utf8_valid_prefix_bytewise(p, s.size(), &step);
  return {n, step};
}

TEST(Utf8Scan, KnownAnswers) {
  EXPECT_EQ(scan(std::string(100, 'a'), true), (std::pair<std::size_t, int>{100, 1}));
  std::string cjk;
  for (int i = 0; i < 40; ++i) cjk += "防疫";
  EXPECT_EQ(scan(cjk, true), (std::pair<std::size_t, int>{cjk.size(), 1}));
  EXPECT_EQ(scan(cjk + "\xE9", true), (std::pair<std::size_t, int>{cjk.size(), 0})) << "cut at the end";
  EXPECT_EQ(scan(cjk + "\xE9" "a" + cjk, true), (std::pair<std::size_t, int>{cjk.size(), -1}));
  EXPECT_EQ(scan(cjk + "\xED\xA0\x80" + cjk, true), (std::pair<std::size_t, int>{cjk.size(), -1})) << "a surrogate";
  EXPECT_EQ(scan(cjk + "\xC0\xAF" + cjk, true), (std::pair<std::size_t, int>{cjk.size(), -1})) << "overlong";
  EXPECT_EQ(scan(cjk + "\xF4\x90\x80\x80" + cjk, true), (std::pair<std::size_t, int>{cjk.size(), -1}));
  EXPECT_EQ(scan(cjk + "\xF0\x9F\x98" + cjk, true), (std::pair<std::size_t, int>{cjk.size(), -3}));
}

TEST(Utf8Scan, BlocksAgreeWithBytes) {
  const std::vector<std::string> good = {"a", ",", "0912345678", "\xC3\xA9", "防", "疫", "\xE0\xA0\x80", "\xED\x9F\xBF",
                                         "\xEF\xBF\xBD", "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
                                         std::string(20, 'x'), "國立臺灣大學"};
  const std::vector<std::string> bad = {"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xC2", "\xE0\x80\x80", "\xE0\x9F\xBF",
                                        "\xED\xA0\x80", "\xED\xBF\xBF", "\xE4\xB8", "\xF0\x80\x80\x80",
                                        "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xFE",
                                        "\xF0\x9F\x98", "\xE4\xB8\x80\x80", "\xC2\xC2"};
  std::mt19937 rng(12072026);
  int blocks_used = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::size_t pieces = rng() % 60;
    const bool with_bad = rng() % 2;
    for (std::size_t k = 0; k < pieces; ++k)
      s += with_bad && rng() % 12 == 0 ? bad[rng() % bad.size()] : good[rng() % good.size()];
    if (rng() % 4 == 0 && !s.empty()) s.resize(rng() % s.size());  // cut anywhere, even inside a character
    auto want = scan(s, false), got = scan(s, true);
    ASSERT_EQ(got, want) << "round " << round;
    blocks_used += s.size() >= 64;
  }
  EXPECT_GT(blocks_used, 5000);
}

}  // namespace
}  // namespace fangyi

// Tests for the UTF-8 helpers: decoding (and surviving invalid bytes), columns,
// display widths, edit distance and "did you mean" suggestions.
#include "core/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fangyi {
namespace {

std::u32string decode_all(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t before = i;
    out += next_code_point(s, i);
    EXPECT_GT(i, before) << "no progress at byte " << before;
    if (i <= before) break;
  }
  return out;
}

TEST(NextCodePoint, DecodesEveryLength) {
  EXPECT_EQ(decode_all("a"), U"a");
  EXPECT_EQ(decode_all("\xC3\xA9"), U"\u00E9");          // é
  EXPECT_EQ(decode_all("疫"), U"\u75AB");                 // three bytes
  EXPECT_EQ(decode_all("\xF0\x9F\x98\xB7"), U"\U0001F637");  // 😷, four bytes
  EXPECT_EQ(decode_all("民國110年"), U"民國110年");
  EXPECT_EQ(decode_all(std::string_view("a\0b", 3)), std::u32string(U"a\0b", 3));
}

TEST(NextCodePoint, AdvancesByTheSequenceLength) {
  std::string s = "a疫😷";
  std::size_t i = 0;
  next_code_point(s, i);
  EXPECT_EQ(i, 1u);
  next_code_point(s, i);
  EXPECT_EQ(i, 4u);
  next_code_point(s, i);
  EXPECT_EQ(i, 8u);
}

TEST(NextCodePoint, InvalidBytesBecomeReplacementOneByteAtATime) {
  struct {
    std::string bytes;
    std::u32string expected;
  } cases[] = {
      {"\x80", U"\uFFFD"},                                  // lone continuation
      {"\xBF\x80", U"\uFFFD\uFFFD"},                        // two continuations
      {"\xFF", U"\uFFFD"},                                  // never valid
      {"\xFE\xFF", U"\uFFFD\uFFFD"},
      {"\xC3", U"\uFFFD"},                                  // truncated at the end
      {"\xE7\x96", U"\uFFFD\uFFFD"},                        // truncated three-byte
      {"\xC3" "a", U"\uFFFD" "a"},                          // continuation missing
      {"\xE7\x96" "a", U"\uFFFD\uFFFD" "a"},
      {"\xC0\xAF", U"\uFFFD\uFFFD"},                        // overlong '/'
      {"\xE0\x80\xAF", U"\uFFFD\uFFFD\uFFFD"},              // overlong, three bytes
      {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD"},              // surrogate U+D800
      {"\xF4\x90\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD"},    // above U+10FFFF
      {"\xF8\x88\x80\x80\x80", U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"},  // five-byte form
      {"a\xFF" "b", U"a\uFFFD" "b"},
  };
  for (const auto& c : cases) EXPECT_EQ(decode_all(c.bytes), c.expected) << testing::PrintToString(c.bytes);
}

TEST(NextCodePoint, NeverLoopsOnAnyByte) {
  // Every single byte, and every byte followed by a truncated sequence.
  for (int b = 0; b < 256; ++b) {
    std::string one(1, static_cast<char>(b));
    EXPECT_EQ(decode_all(one).size(), 1u) << b;
    std::string more = one + "\xE7\x96";
    EXPECT_LE(decode_all(more).size(), more.size()) << b;
  }
}

TEST(Utf8, Validity) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("phases: 階段"));
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));  // a real U+FFFD is valid
  EXPECT_TRUE(is_valid_utf8("😷"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("abc\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
}

TEST(Utf8, CodePointCount) {
  EXPECT_EQ(code_point_count(""), 0u);
  EXPECT_EQ(code_point_count("abc"), 3u);
  EXPECT_EQ(code_point_count("民國110年"), 6u);
  EXPECT_EQ(code_point_count("😷x"), 2u);
  EXPECT_EQ(code_point_count("\xFF\xFE"), 2u);
}

TEST(Utf8, AppendRoundTrips) {
  for (char32_t cp : {U'\0', U'a', U'\x7F', U'\x80', U'\u00E9', U'\u07FF', U'\u0800', U'\u75AB', U'\uFFFD',
                      U'\uFFFF', U'\U00010000', U'\U0001F637', U'\U0010FFFF'}) {
    std::string s;
    append_utf8(s, cp);
    std::size_t i = 0;
    EXPECT_EQ(next_code_point(s, i), cp) << static_cast<uint32_t>(cp);
    EXPECT_EQ(i, s.size());
  }
  std::string s;
  append_utf8(s, U'疫');
  EXPECT_EQ(s, "疫");
}

TEST(Utf8, AppendReplacesWhatIsNotACodePoint) {
  for (char32_t cp : {char32_t(0xD800), char32_t(0xDFFF), char32_t(0x110000), char32_t(0x7FFFFFFF)}) {
    std::string s;
    append_utf8(s, cp);
    EXPECT_EQ(s, "\xEF\xBF\xBD") << static_cast<uint32_t>(cp);
    EXPECT_TRUE(is_valid_utf8(s));
  }
}

TEST(Columns, ColumnOfByte) {
  std::string line = "  階段: x";
  EXPECT_EQ(column_of_byte(line, 0), 1);
  EXPECT_EQ(column_of_byte(line, 2), 3);   // 階
  EXPECT_EQ(column_of_byte(line, 5), 4);   // 段
  EXPECT_EQ(column_of_byte(line, 8), 5);   // ':'
  EXPECT_EQ(column_of_byte(line, 10), 7);  // 'x'
  EXPECT_EQ(column_of_byte(line, 11), 8);  // just past the end
  EXPECT_EQ(column_of_byte(line, 100), 8);
  EXPECT_EQ(column_of_byte("", 0), 1);
}

TEST(Columns, ByteOfColumn) {
  std::string line = "  階段: x";
  EXPECT_EQ(byte_of_column(line, 1), 0u);
  EXPECT_EQ(byte_of_column(line, 3), 2u);
  EXPECT_EQ(byte_of_column(line, 4), 5u);
  EXPECT_EQ(byte_of_column(line, 5), 8u);
  EXPECT_EQ(byte_of_column(line, 7), 10u);
  EXPECT_EQ(byte_of_column(line, 8), 11u);
  EXPECT_EQ(byte_of_column(line, 50), 11u);  // clamped to the end
  EXPECT_EQ(byte_of_column(line, 0), 0u);
}

TEST(Columns, AreInverse) {
  std::string line = "a疫😷é b";
  for (int col = 1; col <= 7; ++col) EXPECT_EQ(column_of_byte(line, byte_of_column(line, col)), col);
}

TEST(DisplayWidth, CodePoints) {
  EXPECT_EQ(display_width(U'a'), 1);
  EXPECT_EQ(display_width(U' '), 1);
  EXPECT_EQ(display_width(U'é'), 1);
  EXPECT_EQ(display_width(U'疫'), 2);
  EXPECT_EQ(display_width(U'國'), 2);
  EXPECT_EQ(display_width(U'「'), 2);     // CJK punctuation
  EXPECT_EQ(display_width(U'。'), 2);
  EXPECT_EQ(display_width(U'：'), 2);     // full-width colon
  EXPECT_EQ(display_width(U'１'), 2);     // full-width digit
  EXPECT_EQ(display_width(U'ㄅ'), 2);     // bopomofo
  EXPECT_EQ(display_width(U'한'), 2);
  EXPECT_EQ(display_width(U'😷'), 2);
  EXPECT_EQ(display_width(U'\U00020000'), 2);  // CJK extension B
  EXPECT_EQ(display_width(U'\u0301'), 0);      // combining accent
  EXPECT_EQ(display_width(U'\u200B'), 0);      // zero-width space
  EXPECT_EQ(display_width(char32_t(0)), 0);
}

TEST(DisplayWidth, Strings) {
  EXPECT_EQ(display_width(""), 0);
  EXPECT_EQ(display_width("phases"), 6);
  EXPECT_EQ(display_width("階段"), 4);
  EXPECT_EQ(display_width("民國110年"), 9);
  EXPECT_EQ(display_width("e\xCC\x81"), 1);  // e + combining acute
  EXPECT_EQ(display_width("\xFF"), 1);       // U+FFFD is narrow
}

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("phases", "phases"), 0u);
  EXPECT_EQ(edit_distance("phses", "phases"), 1u);    // insertion
  EXPECT_EQ(edit_distance("fromm", "from"), 1u);      // deletion
  EXPECT_EQ(edit_distance("form", "from"), 1u);       // a swap of neighbours is one edit
  EXPECT_EQ(edit_distance("prc", "pcr"), 1u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);          // no edits inside a swapped pair
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("階段", "階級"), 1u);       // counted in code points, not bytes
  EXPECT_EQ(edit_distance("隔離", "isolation"), 9u);
  EXPECT_EQ(edit_distance("abc", "xyz"), edit_distance("xyz", "abc"));
}

TEST(Nearest, SuggestsPlausibleTypos) {
  std::vector<std::string> keys = {"name", "phases", "from", "until", "rules", "actions"};
  EXPECT_EQ(nearest("phses", keys), "phases");
  EXPECT_EQ(nearest("fromm", keys), "from");
  EXPECT_EQ(nearest("untill", keys), "until");
  EXPECT_EQ(nearest("rule", keys), "rules");
  EXPECT_EQ(nearest("acitons", keys), "actions");
}

TEST(Nearest, NothingForUnrelatedOrExactWords) {
  std::vector<std::string> keys = {"name", "phases", "from", "until"};
  EXPECT_EQ(nearest("banana", keys), "");
  EXPECT_EQ(nearest("xyz", keys), "");
  EXPECT_EQ(nearest("quarantine", keys), "");
  EXPECT_EQ(nearest("phases", keys), "");  // already right: nothing to suggest
  EXPECT_EQ(nearest("x", keys), "");
  EXPECT_EQ(nearest("phses", {}), "");
  EXPECT_EQ(nearest("", keys), "");
}

TEST(Nearest, ChineseWords) {
  std::vector<std::string> words = {"停課", "居家隔離", "自主健康管理"};
  EXPECT_EQ(nearest("居家隔籬", words), "居家隔離");
  EXPECT_EQ(nearest("自主健康管裡", words), "自主健康管理");
  EXPECT_EQ(nearest("上課", words), "停課");  // one edit is always allowed
  EXPECT_EQ(nearest("上學", words), "");
}

TEST(Nearest, FirstOfEquallyCloseCandidates) {
  EXPECT_EQ(nearest("cat", {"bat", "car"}), "bat");
}

TEST(Trim, SpacesTabsAndNewlines) {
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(trim("  a b  "), "a b");
  EXPECT_EQ(trim("\t\r\nx\n"), "x");
  EXPECT_EQ(trim("　x"), "　x");  // an ideographic space is content
}

TEST(SplitLines, LfAndCrlf) {
  EXPECT_EQ(split_lines(""), std::vector<std::string>{});
  EXPECT_EQ(split_lines("a"), std::vector<std::string>{"a"});
  EXPECT_EQ(split_lines("a\n"), std::vector<std::string>{"a"});
  EXPECT_EQ(split_lines("a\nb"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(split_lines("a\r\nb\r\n"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(split_lines("a\n\nb"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split_lines("\n"), std::vector<std::string>{""});
}

TEST(Text, EscapeHtmlEscapesMarkupAndReplacesControlsAndBrokenUtf8) {
  EXPECT_EQ(escape_html("<a href='x'>&\"\x01"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;\xEF\xBF\xBD");
  EXPECT_EQ(escape_html("漂白水 1:100\tok\n"), "漂白水 1:100\tok\n");
  EXPECT_EQ(escape_html("a\xffz"), "a\xEF\xBF\xBDz");
}

}  // namespace
}  // namespace fangyi

// Page content operators written without libharu: exact numbers, relative
// text moves, escaped literal strings of 16-bit code points, and no state
// left behind. pdftotext reads the text back, escapes included.
#include "pdf/content_stream.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "pdf/pdf_writer.h"
#include "support/temp_dir.h"

namespace fangyi::pdf {
namespace {

// A string literal with the NUL bytes of 16-bit code points in it.
template <std::size_t N>
std::string bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

std::string content(const std::vector<Rule>& rules, const std::vector<TextRun>& texts, double height = 800) {
  std::vector<const Rule*> r;
  std::vector<const TextRun*> t;
  for (const Rule& x : rules) r.push_back(&x);
  for (const TextRun& x : texts) t.push_back(&x);
  std::string out;
  append_content(out, r, t, height, "F1");
  return out;
}

TEST(ContentStreamTest, RulesInHundredthsOfAPointFlippedToPdfCoordinates) {
  EXPECT_EQ(content({{10.004, 100, 20.5, 100, 0.5, false}, {0, 0.25, 30, 0.25, 0.5, false}}, {}),
            "0.5 w\n10 700 m 20.5 700 l\n0 799.75 m 30 799.75 l\nS\n");
}

TEST(ContentStreamTest, OnePathPerLineWidthThenDashedWithTheDashReset) {
  EXPECT_EQ(content({{0, 0, 1, 0, 0.4, false}, {0, 10, 1, 10, 0.6, true}, {0, 20, 1, 20, 0.8, false}}, {}),
            "0.4 w\n0 800 m 1 800 l\nS\n0.8 w\n0 780 m 1 780 l\nS\n0.6 w\n[4 3] 0 d\n0 790 m 1 790 l\nS\n[] 0 d\n");
}

TEST(ContentStreamTest, TextMovesRelativeToTheLastLineAndSetsTheSizeOnChange) {
  std::string s = content({}, {{50, 100, 12, "A"}, {60.5, 120, 12, "B"}, {40, 120, 8.125, "C"}});
  EXPECT_EQ(s, bytes("BT\n/F1 12 Tf\n50 700 Td (\0A) Tj\n10.5 -20 Td (\0B) Tj\n/F1 8.125 Tf\n-20.5 0 Td (\0C) Tj\nET\n"));
}

TEST(ContentStreamTest, CodePointsAsTwoBytesWithDelimitersAndLineEndsEscaped) {
  // 王 U+738B; ( ) \ in the low byte; U+0A0D holds both line-end bytes.
  std::string s = content({}, {{0, 0, 10, "王()\\\u0A0D"}});
  EXPECT_NE(s.find(bytes("(s\x8B\0\\(\0\\)\0\\\\\\n\\r) Tj")), std::string::npos) << s;
}

TEST(ContentStreamTest, NothingToDrawWritesNothing) { EXPECT_EQ(content({}, {}), ""); }

class ContentStreamPdfTest : public testing::TempDir {};

TEST_F(ContentStreamPdfTest, PdftotextReadsTheTextBack) {
  Diagnostics diags;
  auto font = Font::open(default_font(), diags);
  ASSERT_NE(font, nullptr);
  Document d;
  d.title = "測試";
  d.pages.push_back({595, 842, {{50, 100, 12, "陳(怡)君\\ 王雨桐"}, {50, 130, 10.5, "109/01/21 至 109/02/03"}}, {}});
  std::string error;
  auto bytes = write_pdf(d, characters(d), *font, 0, &error);
  ASSERT_TRUE(bytes) << error;
  std::string pdf = dir_ + "/t.pdf", txt = dir_ + "/t.txt";
  std::ofstream(pdf, std::ios::binary) << *bytes;
  ASSERT_EQ(std::system(("pdftotext -layout '" + pdf + "' '" + txt + "'").c_str()), 0) << "poppler-utils";
  std::ifstream in(txt);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("陳(怡)君\\ 王雨桐"), std::string::npos) << text;
  EXPECT_NE(text.find("109/01/21 至 109/02/03"), std::string::npos) << text;
}

}  // namespace
}  // namespace fangyi::pdf

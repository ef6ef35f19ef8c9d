// Line breaking: CJK rules from ICU, widths from the font.
#include "pdf/line_break.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace fangyi::pdf {
namespace {

class LineBreakTest : public ::testing::Test {
 protected:
  void SetUp() override {
    font = Font::open(default_font(), diags);
    ASSERT_NE(font, nullptr);
    breaker = std::make_unique<LineBreaker>(*font);
  }
  Diagnostics diags;
  std::unique_ptr<Font> font;
  std::unique_ptr<LineBreaker> breaker;
};

bool starts_with_any(const std::string& line, std::initializer_list<const char*> marks) {
  for (const char* m : marks)
    if (line.rfind(m, 0) == 0) return true;
  return false;
}

TEST_F(LineBreakTest, ShortTextIsOneLine) {
  EXPECT_EQ(breaker->wrap("姓名", 10, 100), std::vector<std::string>{"姓名"});
  EXPECT_TRUE(breaker->wrap("", 10, 100).empty());
}

TEST_F(LineBreakTest, EveryLineFits) {
  std::string text = "請維持手部清潔，保持經常洗手習慣，原則上可以使用肥皂和清水或酒精性乾洗手液進行手部清潔。";
  for (double width : {35.0, 52.0, 80.0, 133.0}) {
    auto lines = breaker->wrap(text, 10, width);
    std::string joined;
    for (const auto& l : lines) {
      EXPECT_LE(font->width(l, 10), width + 0.01) << l;
      joined += l;
    }
    EXPECT_EQ(joined, text);
  }
}

TEST_F(LineBreakTest, NoClosingPunctuationOpensALine) {
  // At every width from two to twenty characters, no line may start with
  // a comma, a full stop or a closing bracket, and none may end with 「.
  std::string text = "依「因應嚴重特殊傳染性肺炎學校對陸生管理計畫工作指引」壹、一、檢疫設施需求。倘您有發燒，請立即聯繫「學校管理人員」。";
  for (int chars = 2; chars <= 20; ++chars) {
    for (const auto& l : breaker->wrap(text, 10, chars * 10 + 0.5)) {
      EXPECT_FALSE(starts_with_any(l, {"，", "。", "」", "、"})) << chars << ": " << l;
      EXPECT_FALSE(l.size() >= 3 && l.compare(l.size() - 3, 3, "「") == 0) << chars << ": " << l;
    }
  }
}

TEST_F(LineBreakTest, LatinWordsAreNotSplitWhenTheyFit) {
  auto lines = breaker->wrap("disinfect with 500ppm bleach", 10, 60);
  for (const auto& l : lines) EXPECT_NE(l.find_first_not_of(' '), std::string::npos);
  bool whole = false;
  for (const auto& l : lines) whole = whole || l.find("500ppm") != std::string::npos;
  EXPECT_TRUE(whole);
}

TEST_F(LineBreakTest, OverlongWordIsCutBetweenCharacters) {
  auto lines = breaker->wrap("0912345678901234567890", 10, 40);
  ASSERT_GT(lines.size(), 1u);
  for (const auto& l : lines) EXPECT_LE(font->width(l, 10), 40.01);
}

TEST_F(LineBreakTest, NewlinesEndLines) {
  EXPECT_EQ(breaker->wrap("甲\n乙", 10, 100), (std::vector<std::string>{"甲", "乙"}));
}

}  // namespace
}  // namespace fangyi::pdf

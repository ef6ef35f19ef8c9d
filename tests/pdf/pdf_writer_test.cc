// Writing PDFs: what can and cannot be printed, and the bytes libharu makes.
#include "pdf/pdf_writer.h"

#include <gtest/gtest.h>

namespace fangyi::pdf {
namespace {

class PdfWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    font = Font::open(default_font(), diags);
    ASSERT_NE(font, nullptr);
  }
  Diagnostics diags;
  std::unique_ptr<Font> font;
};

Document one_line(const std::string& text) {
  Document d;
  d.title = "測試";
  d.pages.push_back({595, 842, {{50, 100, 12, text}}, {{50, 110, 200, 110, 0.5, false}}});
  return d;
}

TEST_F(PdfWriterTest, CharactersOfAllPages) {
  Document d = one_line("王王雨");
  d.pages.push_back({595, 842, {{50, 100, 12, "桐"}}, {}});
  EXPECT_EQ(characters(d), (std::set<char32_t>{U'王', U'雨', U'桐'}));
}

TEST_F(PdfWriterTest, OutsideTheBmpIsUnprintable) {
  EXPECT_EQ(unprintable({U'王', U'\U0002000B'}, *font), std::set<char32_t>{U'\U0002000B'});
}

TEST_F(PdfWriterTest, GlyphlessCharacterIsUnprintable) {
  // U+0E01 (Thai) is not in AR PL UMing.
  EXPECT_EQ(unprintable({U'\u0E01', U'王'}, *font), std::set<char32_t>{U'\u0E01'});
}

TEST_F(PdfWriterTest, WritesACompactPdf) {
  std::string error;
  auto bytes = write_pdf(one_line("集中檢疫者每日量測體溫紀錄表"), *font, 1580000000, &error);
  ASSERT_TRUE(bytes) << error;
  EXPECT_EQ(bytes->rfind("%PDF-", 0), 0u);
  EXPECT_NE(bytes->find("%%EOF"), std::string::npos);
  EXPECT_LT(bytes->size(), 40000u) << "the font is a subset, the streams compressed";
  EXPECT_NE(bytes->find("D:20200126"), std::string::npos) << "creation date in the metadata";
}

TEST_F(PdfWriterTest, SameInputSameBytes) {
  std::string error;
  auto a = write_pdf(one_line("王雨桐"), *font, 1580000000, &error);
  auto b = write_pdf(one_line("王雨桐"), *font, 1580000000, &error);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
}

TEST_F(PdfWriterTest, RepeatedPagesShareWhatTheyHaveInCommon) {
  // Forty copies of one form differing only in a name: labels and rules are
  // written once. The same forty pages with every element moved a little
  // per page (nothing in common) are the baseline.
  auto copy = [](const std::string& name, double dy) {
    Page p{595, 842, {}, {}};
    for (int i = 0; i < 40; ++i) {
      p.texts.push_back({50, 60.0 + i * 18 + dy, 10, "第 " + std::to_string(i + 1) + " 天　上午體溫　下午體溫"});
      p.rules.push_back({40, 64.0 + i * 18 + dy, 550, 64.0 + i * 18 + dy, 0.5, false});
    }
    p.texts.push_back({300, 40, 12, name});
    return p;
  };
  const char* names[] = {"王雨桐", "李浩然", "張思涵", "劉子軒"};
  Document same, moved;
  for (int i = 0; i < 40; ++i) {
    same.pages.push_back(copy(names[i % 4], 0));
    moved.pages.push_back(copy(names[i % 4], i * 0.1));
  }
  std::string error;
  auto shared = write_pdf(same, *font, 0, &error);
  auto unshared = write_pdf(moved, *font, 0, &error);
  ASSERT_TRUE(shared && unshared) << error;
  EXPECT_LT(double(shared->size()), 0.75 * double(unshared->size()));
}

}  // namespace
}  // namespace fangyi::pdf

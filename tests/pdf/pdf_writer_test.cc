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
  std::optional<std::string> pdf(const Document& d, std::time_t created, std::size_t threads = 1) {
    return write_pdf(d, characters(d), *font, created, &error, threads);
  }
  Diagnostics diags;
  std::unique_ptr<Font> font;
  std::string error;
};

Document one_line(const std::string& text) {
  Document d;
  d.title = "測試";
  d.pages.push_back({595, 842, {{50, 100, 12, text}}, {{50, 110, 200, 110, 0.5, false}}});
  return d;
}

// `copies` pages of one form differing only in a name (and, every seventh
// page, in a date), the way a roster's logs do.
Document logs(int copies, double shift_per_page = 0) {
  const char* names[] = {"王雨桐", "李浩然", "張思涵", "劉子軒", "陳(怡)君\\"};
  Document d;
  d.title = "附件3";
  for (int c = 0; c < copies; ++c) {
    double dy = c * shift_per_page;
    Page p{595, 842, {}, {}};
    for (int i = 0; i < 40; ++i) {
      p.texts.push_back({50, 60.0 + i * 18 + dy, 10, "第 " + std::to_string(i + 1) + " 天　上午體溫　下午體溫"});
      p.rules.push_back({40, 64.0 + i * 18 + dy, 550, 64.0 + i * 18 + dy, 0.5, false});
    }
    p.rules.push_back({40, 30, 550, 30, 0.6, true});
    p.texts.push_back({300, 40, 12, names[c % 5]});
    p.texts.push_back({400, 40, 8.25, c % 7 ? "109/01/21" : "109/02/01"});
    d.pages.push_back(std::move(p));
  }
  return d;
}

TEST_F(PdfWriterTest, CharactersOfAllPages) {
  Document d = one_line("王王雨");
  d.pages.push_back({595, 842, {{50, 100, 12, "桐"}}, {}});
  EXPECT_EQ(characters(d), (std::set<char32_t>{U'王', U'雨', U'桐'}));
}

TEST_F(PdfWriterTest, CharactersAreTheSameOnSeveralThreads) {
  Document d = logs(300);
  d.pages[250].texts.push_back({10, 10, 10, "𠀋"});
  std::set<char32_t> one = characters(d, 1);
  EXPECT_EQ(characters(d, 3), one);
  EXPECT_EQ(one.count(U'\U0002000B'), 1u);
  EXPECT_EQ(one.count(U'劉'), 1u);
}

TEST_F(PdfWriterTest, OutsideTheBmpIsUnprintable) {
  EXPECT_EQ(unprintable({U'王', U'\U0002000B'}, *font), std::set<char32_t>{U'\U0002000B'});
}

TEST_F(PdfWriterTest, GlyphlessCharacterIsUnprintable) {
  // U+0E01 (Thai) is not in AR PL UMing.
  EXPECT_EQ(unprintable({U'\u0E01', U'王'}, *font), std::set<char32_t>{U'\u0E01'});
}

TEST_F(PdfWriterTest, RefusesToDrawOutsideTheBmp) {
  EXPECT_FALSE(pdf(one_line("李𠀋然"), 0));
  EXPECT_NE(error.find("Basic Multilingual Plane"), std::string::npos) << error;
}

TEST_F(PdfWriterTest, WritesACompactPdf) {
  auto bytes = pdf(one_line("集中檢疫者每日量測體溫紀錄表"), 1580000000);
  ASSERT_TRUE(bytes) << error;
  EXPECT_EQ(bytes->rfind("%PDF-", 0), 0u);
  EXPECT_NE(bytes->find("%%EOF"), std::string::npos);
  EXPECT_LT(bytes->size(), 40000u) << "the font is a subset, the streams compressed";
  EXPECT_NE(bytes->find("D:20200126"), std::string::npos) << "creation date in the metadata";
  EXPECT_NE(bytes->find("/Filter /FlateDecode"), std::string::npos) << "the page stream is compressed";
}

TEST_F(PdfWriterTest, SameInputSameBytes) {
  auto a = pdf(one_line("王雨桐"), 1580000000);
  auto b = pdf(one_line("王雨桐"), 1580000000);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
}

TEST_F(PdfWriterTest, SameBytesOnOneOrSeveralThreads) {
  Document d = logs(300);
  auto one = pdf(d, 1580000000, 1);
  auto two = pdf(d, 1580000000, 2);
  auto five = pdf(d, 1580000000, 5);
  ASSERT_TRUE(one && two && five) << error;
  EXPECT_EQ(*one, *two);
  EXPECT_EQ(*one, *five);
}

TEST_F(PdfWriterTest, RepeatedPagesShareWhatTheyHaveInCommon) {
  // Forty copies of one form differing only in a name and a date: labels
  // and rules are written once. The same forty pages with every element
  // moved a little per page (nothing in common) are the baseline.
  auto shared = pdf(logs(40), 0);
  auto unshared = pdf(logs(40, 0.1), 0);
  ASSERT_TRUE(shared && unshared) << error;
  EXPECT_LT(double(shared->size()), 0.75 * double(unshared->size()));
}

}  // namespace
}  // namespace fangyi::pdf

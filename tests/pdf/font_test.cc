// The forms' font: face selection, coverage, widths and subsetting.
#include "pdf/font.h"

#include <gtest/gtest.h>

namespace fangyi::pdf {
namespace {

TEST(FontSpec, PathAloneIsFaceZero) {
  auto s = parse_font_spec("/fonts/a.ttf");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->path, "/fonts/a.ttf");
  EXPECT_EQ(s->index, 0u);
}

TEST(FontSpec, TrailingNumberIsTheFace) {
  auto s = parse_font_spec("/usr/share/fonts/uming.ttc:2");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->path, "/usr/share/fonts/uming.ttc");
  EXPECT_EQ(s->index, 2u);
}

TEST(FontSpec, ColonInPathIsKept) {
  auto s = parse_font_spec("C:/fonts/a.ttf");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->path, "C:/fonts/a.ttf");
}

TEST(FontSpec, HugeIndexIsRejected) { EXPECT_FALSE(parse_font_spec("a.ttc:99999999999999999999")); }

TEST(Font, MissingFileIsADiagnostic) {
  Diagnostics d;
  EXPECT_EQ(Font::open({"/nonexistent/font.ttf", 0}, d), nullptr);
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.items()[0].message, Msg::forms_font_unreadable);
}

TEST(Font, MissingFaceIsADiagnostic) {
  Diagnostics d;
  EXPECT_EQ(Font::open({default_font().path, 40}, d), nullptr);
  ASSERT_TRUE(d.has_errors());
  EXPECT_EQ(d.items()[0].message, Msg::forms_font_no_face);
}

class DefaultFont : public ::testing::Test {
 protected:
  void SetUp() override {
    font = Font::open(default_font(), diags);
    ASSERT_NE(font, nullptr) << "fonts-arphic-uming is installed by scripts/setup.sh";
  }
  Diagnostics diags;
  std::unique_ptr<Font> font;
};

TEST_F(DefaultFont, CoversTraditionalChineseAndDegreeSign) {
  for (char32_t cp : {U'王', U'檢', U'疫', U'°', U'≥', U'，', U'A'}) EXPECT_TRUE(font->covers(cp)) << unsigned(cp);
}

TEST_F(DefaultFont, DoesNotCoverExtensionB) {
  // 𠀋 (U+2000B) appears in some Taiwanese names; the forms must refuse it
  // rather than print a blank.
  EXPECT_FALSE(font->covers(U'\U0002000B'));
}

TEST_F(DefaultFont, IdeographsAreFullWidthAndLatinNarrower) {
  EXPECT_NEAR(font->advance(U'王'), 1.0, 0.01);
  EXPECT_LT(font->advance(U'1'), 0.75);
  EXPECT_NEAR(font->width("王雨桐", 10), 30, 0.3);
}

TEST_F(DefaultFont, SubsetIsSmallAndKeepsOnlyItsCharacters) {
  std::string error;
  auto bytes = font->subset({U'王', U'雨', U'桐'}, &error);
  ASSERT_TRUE(bytes) << error;
  EXPECT_GT(bytes->size(), 500u);
  EXPECT_LT(bytes->size(), 20000u);  // the face is over 20 MB
  auto more = font->subset({U'王', U'雨', U'桐', U'檢', U'疫', U'體', U'溫'}, &error);
  ASSERT_TRUE(more);
  EXPECT_GT(more->size(), bytes->size());
}

}  // namespace
}  // namespace fangyi::pdf

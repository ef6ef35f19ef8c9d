// Block layout: tables grow rows to fit, repeat their header after a page
// break, shrink one-line cells; nothing is drawn below the bottom margin.
#include "pdf/typesetter.h"

#include <gtest/gtest.h>

namespace fangyi::pdf {
namespace {

class TypesetterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    font = Font::open(default_font(), diags);
    ASSERT_NE(font, nullptr);
  }
  static int count_text(const Page& p, const std::string& s) {
    int n = 0;
    for (const TextRun& t : p.texts) n += t.text == s;
    return n;
  }
  Diagnostics diags;
  std::unique_ptr<Font> font;
};

Table sample_table(int rows) {
  Table t;
  t.columns = {{mm(30), "姓名", {}}, {mm(60), "備註", {}}};
  for (int i = 0; i < rows; ++i) t.rows.push_back({{"王雨桐", Align::left, true}, {"無", Align::left, false}});
  return t;
}

TEST_F(TypesetterTest, LongTableRepeatsItsHeaderOnEveryPage) {
  Document doc;
  Typesetter ts(doc, *font, false);
  ts.table(sample_table(120));
  ASSERT_GT(doc.pages.size(), 2u);
  int rows = 0;
  for (const Page& p : doc.pages) {
    EXPECT_EQ(count_text(p, "姓名"), 1);
    EXPECT_EQ(count_text(p, "備註"), 1);
    rows += count_text(p, "王雨桐");
    for (const TextRun& t : p.texts) EXPECT_LE(t.baseline, p.height - mm(15) + 0.01);
    for (const Rule& r : p.rules) EXPECT_LE(std::max(r.y1, r.y2), p.height - mm(15) + 0.01);
  }
  EXPECT_EQ(rows, 120);
}

TEST_F(TypesetterTest, RowsGrowToFitWrappedCells) {
  Document doc;
  Typesetter ts(doc, *font, false);
  Table t = sample_table(0);
  t.rows.push_back({{"甲", Align::left, false}, {std::string(40 * 3, ' ') + "長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長長", Align::left, false}});
  ts.table(t);
  int lines = 0;
  for (const TextRun& r : doc.pages[0].texts)
    if (r.text.find("長") != std::string::npos) ++lines;
  EXPECT_GE(lines, 2);
  for (const TextRun& r : doc.pages[0].texts)
    if (r.text.find("長") != std::string::npos) {
      EXPECT_LE(font->width(r.text, r.size), mm(60));
    }
}

TEST_F(TypesetterTest, LongNameShrinksInsteadOfClipping) {
  Document doc;
  Typesetter ts(doc, *font, false);
  Table t = sample_table(0);
  t.columns[0].width = mm(14);
  t.rows.push_back({{"歐陽娜娜莉", Align::left, true}, {"", Align::left, false}});
  ts.table(t);
  const TextRun* name = nullptr;
  for (const TextRun& r : doc.pages[0].texts)
    if (r.text == "歐陽娜娜莉") name = &r;
  ASSERT_NE(name, nullptr) << "the name stays on one line";
  EXPECT_LT(name->size, t.font_size);
  EXPECT_LE(font->width(name->text, name->size), mm(14));
}

TEST_F(TypesetterTest, GroupedColumnsShareOneLabel) {
  Document doc;
  Typesetter ts(doc, *font, true);
  Table t;
  t.columns = {{mm(30), "姓名", {}}};
  for (int d = 1; d <= 7; ++d) t.columns.push_back({mm(8), std::to_string(d), "症狀"});
  ts.table(t);
  EXPECT_EQ(count_text(doc.pages[0], "症狀"), 1);
  EXPECT_EQ(count_text(doc.pages[0], "7"), 1);
  EXPECT_GT(doc.pages[0].width, doc.pages[0].height) << "landscape";
}

TEST_F(TypesetterTest, ParagraphHangsItsNumber) {
  Document doc;
  Typesetter ts(doc, *font, false);
  ts.paragraph(std::string(200, 'x'), 10, 0, "十、");
  const auto& texts = doc.pages[0].texts;
  ASSERT_GE(texts.size(), 3u);
  EXPECT_EQ(texts[0].text, "十、");
  EXPECT_DOUBLE_EQ(texts[1].x, texts[2].x) << "continuation lines align after the number";
  EXPECT_GT(texts[1].x, texts[0].x);
}

}  // namespace
}  // namespace fangyi::pdf

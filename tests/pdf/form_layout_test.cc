// Forms laid out from the bundled rules: row counts come from the scheme,
// pre-filled values from the roster, dates in the configured style.
#include "pdf/form_layout.h"

#include <gtest/gtest.h>

#include "support/compile_text.h"

namespace fangyi::pdf {
namespace {

class FormLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& c = testing::default_rules();
    ASSERT_TRUE(c.rules) << c.rendered();
    rules = *c.rules;
    font = Font::open(default_font(), diags);
    ASSERT_NE(font, nullptr);
  }
  Document blank(const std::string& form_id, Date day0, bool dates = true) {
    const rules::Form* f = rules.form(form_id);
    EXPECT_NE(f, nullptr) << form_id;
    auto s = rules::make_schedule(rules, f->scheme, day0, diags);
    EXPECT_TRUE(s) << form_id;
    FormInput in{&rules, f, nullptr, {Person{nullptr, *s}}, DateStyle::roc, !dates};
    return layout_form(in, *font);
  }
  static int count(const Document& d, const std::string& s) {
    int n = 0;
    for (const Page& p : d.pages)
      for (const TextRun& t : p.texts) n += t.text == s;
    return n;
  }
  static bool has(const Document& d, const std::string& s) { return count(d, s) > 0; }
  rules::RuleSet rules;
  Diagnostics diags;
  std::unique_ptr<Font> font;
};

TEST_F(FormLayoutTest, DailyLogHasADayRowPerSchemeDay) {
  Document d = blank("form-3", *Date::from_ymd(2020, 1, 20));
  EXPECT_TRUE(has(d, "第 1 天"));
  EXPECT_TRUE(has(d, "第 14 天"));
  EXPECT_FALSE(has(d, "第 15 天"));
  EXPECT_TRUE(has(d, "109/01/21")) << "day 1 is the day after day 0, in ROC style";
  EXPECT_TRUE(has(d, "109/02/03"));
}

TEST_F(FormLayoutTest, ShorterSchemeGivesFewerRowsWithNoLayoutChange) {
  for (rules::Scheme& s : rules.schemes)
    if (s.header.id == "centralized-quarantine") s.phases.back().last_day = 7;
  Document d = blank("form-3", *Date::from_ymd(2020, 1, 20));
  EXPECT_TRUE(has(d, "第 7 天"));
  EXPECT_FALSE(has(d, "第 8 天"));
  Document reg = blank("form-2", *Date::from_ymd(2020, 1, 20));
  EXPECT_TRUE(has(reg, "7"));
  EXPECT_FALSE(has(reg, "8")) << "the register's day grid follows the scheme";
}

TEST_F(FormLayoutTest, BlankDatesAreLeftToWriteByHand) {
  Document d = blank("form-8", *Date::from_ymd(2020, 3, 1), false);
  EXPECT_EQ(count(d, "　　月　　日"), 14);
}

TEST_F(FormLayoutTest, NoticeNumbersTheSchemeMeasuresAndSaysHowManyDays) {
  Document d = blank("form-4", *Date::from_ymd(2020, 1, 20));
  const rules::Scheme* s = rules.scheme("self-health-management-mainland");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(has(d, chinese_number(int(s->measures.size())) + "、"));
  bool days = false;
  for (const Page& p : d.pages)
    for (const TextRun& t : p.texts) days = days || t.text.find("請在 14 日內") != std::string::npos;
  EXPECT_TRUE(days);
  EXPECT_TRUE(has(d, "體溫及行程紀錄表"));
  EXPECT_TRUE(has(d, "監測期間："));
}

TEST_F(FormLayoutTest, DisinfectionTableComesFromTheDisinfectionRule) {
  Document d = blank("form-1", *Date::from_ymd(2020, 2, 1));
  EXPECT_TRUE(has(d, "使用過之馬桶"));
  EXPECT_TRUE(has(d, "一、目的"));
}

TEST_F(FormLayoutTest, ChecklistRowsAreTheSchemeFacilities) {
  Document d = blank("checklist-centralized-quarantine", *Date::from_ymd(2020, 2, 1));
  const rules::Scheme* s = rules.scheme("centralized-quarantine");
  EXPECT_EQ(count(d, "□"), int(s->facilities.size()) * 2);
}

TEST(ChineseNumber, Numerals) {
  EXPECT_EQ(chinese_number(1), "一");
  EXPECT_EQ(chinese_number(10), "十");
  EXPECT_EQ(chinese_number(14), "十四");
  EXPECT_EQ(chinese_number(20), "二十");
  EXPECT_EQ(chinese_number(37), "三十七");
}

}  // namespace
}  // namespace fangyi::pdf

namespace fangyi::pdf {
namespace {

// The text of a document, every run joined and white space dropped, so a
// sentence wrapped over lines still reads as one.
std::string all_text(const Document& d) {
  std::string out;
  for (const Page& p : d.pages)
    for (const TextRun& t : p.texts)
      for (char c : t.text)
        if (c != ' ') out += c;
  return out;
}

class LetterTest : public FormLayoutTest {
 protected:
  // One contact of the close-contact list, with day 0 = `day0`.
  Document letter(Date day0) {
    const rules::Form* f = rules.form("isolation-education-notice");
    roster.dataset = rules.dataset("close-contacts");
    roster.column_of_field.assign(roster.dataset->fields.size(), 0);
    RosterRow row;
    row.cells.resize(roster.dataset->fields.size());
    row.dates.resize(roster.dataset->fields.size());
    auto set = [&](const char* id, const std::string& v) {
      row.cells[std::size_t(roster.dataset->field(id) - roster.dataset->fields.data())] = v;
    };
    set("school", "測試國小");
    set("name", "王小明");
    set("reasons", "同班（六年一班）");
    roster.rows = {row};
    auto s = rules::make_schedule(rules, f->scheme, day0, diags);
    EXPECT_TRUE(s);
    FormInput in{&rules, f, &roster, {Person{&roster.rows.front(), *s}}, DateStyle::roc, false};
    return layout_form(in, *font);
  }
  Roster roster;
};

TEST_F(LetterTest, PlaceholdersAreFilledFromTheRosterAndTheSchedule) {
  std::string text = all_text(letter(*Date::from_ymd(2022, 5, 4)));
  EXPECT_NE(text.find("測試國小先行配合居家隔離宣導通知單"), std::string::npos) << text;
  EXPECT_NE(text.find("王小明您好"), std::string::npos);
  EXPECT_NE(text.find("（同班（六年一班））"), std::string::npos);
  EXPECT_NE(text.find("依居家隔離（3+4），以最後接觸確診者當日（111/05/04）為第0天：居家隔離111/05/05至111/05/07；自主防疫111/05/08至111/05/11。"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("家用抗原快篩111/05/11；快篩陰性者於111/05/12返校。"), std::string::npos) << text;
  EXPECT_NE(text.find("第7天111/05/11自主防疫（家用抗原快篩）"), std::string::npos) << text;
}

TEST_F(LetterTest, ASentenceWithNothingToShowIsLeftOut) {
  // Day 0 before 2022-04-26: the 10-day scheme, with no rapid test and no
  // return date — the sentence about them is not printed.
  std::string text = all_text(letter(*Date::from_ymd(2022, 4, 1)));
  EXPECT_NE(text.find("依居家隔離（舊制10天），"), std::string::npos) << text;
  EXPECT_EQ(text.find("快篩陰性者於"), std::string::npos) << text;
  EXPECT_NE(text.find("並非居家隔離通知書"), std::string::npos);
}

TEST_F(LetterTest, ABlankLetterKeepsEverySentenceWithALineToWriteOn) {
  std::string text = all_text(blank("isolation-education-notice", *Date::from_ymd(2022, 5, 4), false));
  EXPECT_NE(text.find("＿＿＿＿先行配合居家隔離宣導通知單"), std::string::npos) << text;
  EXPECT_NE(text.find("＿＿＿＿您好"), std::string::npos);
  EXPECT_NE(text.find("＿＿＿＿；快篩陰性者於＿＿＿＿返校。"), std::string::npos) << text;
}

}  // namespace
}  // namespace fangyi::pdf

namespace fangyi::pdf {
namespace {

// Copies of a per-person form laid out on several threads are the same
// pages, in the same order, as laid out on one.
TEST_F(FormLayoutTest, CopiesOnSeveralThreadsAreTheSameDocument) {
  auto roster = read_roster(rules, std::string(FANGYI_SOURCE_DIR) + "/examples/roster/students.csv", {}, diags);
  ASSERT_TRUE(roster);
  for (const char* id : {"form-3", "form-4"}) {
    const rules::Form* f = rules.form(id);
    ASSERT_NE(f, nullptr);
    FormInput in{&rules, f, &*roster, {}, DateStyle::roc, false};
    for (int i = 0; i < 400; ++i) {
      auto s = rules::make_schedule(rules, f->scheme, Date::from_ymd(2020, 1, 10)->plus_days(i % 9), diags);
      ASSERT_TRUE(s);
      in.people.push_back({&roster->rows[std::size_t(i) % roster->rows.size()], *s});
    }
    Document one = layout_form(in, *font, 1), three = layout_form(in, *font, 3);
    ASSERT_EQ(one.pages.size(), three.pages.size()) << id;
    ASSERT_GE(one.pages.size(), 400u);
    for (std::size_t p = 0; p < one.pages.size(); ++p) {
      const Page &a = one.pages[p], &b = three.pages[p];
      ASSERT_EQ(a.texts.size(), b.texts.size()) << id << " page " << p;
      ASSERT_EQ(a.rules.size(), b.rules.size()) << id << " page " << p;
      for (std::size_t t = 0; t < a.texts.size(); ++t) {
        EXPECT_EQ(a.texts[t].text, b.texts[t].text);
        EXPECT_EQ(a.texts[t].x, b.texts[t].x);
        EXPECT_EQ(a.texts[t].baseline, b.texts[t].baseline);
        EXPECT_EQ(a.texts[t].size, b.texts[t].size);
      }
      for (std::size_t r = 0; r < a.rules.size(); ++r) {
        EXPECT_EQ(a.rules[r].y1, b.rules[r].y1);
        EXPECT_EQ(a.rules[r].x2, b.rules[r].x2);
      }
    }
  }
}

}  // namespace
}  // namespace fangyi::pdf

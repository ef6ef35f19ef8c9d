// Schedules from the default rules: seed 000 (14-day follow-up with the
// rapid-test and PCR windows) and seed 004 (3+4, and the 2022-04-27
// retroactive release for people isolated under the old rule).
#include <gtest/gtest.h>

#include "rules/schedule.h"
#include "rules/schedule_format.h"
#include "support/compile_text.h"

namespace fangyi::rules {
namespace {

Schedule schedule(const std::string& scheme, const std::string& day0) {
  const auto& c = fangyi::testing::default_rules();
  EXPECT_TRUE(c.rules) << c.rendered();
  Diagnostics diags;
  auto s = make_schedule(*c.rules, scheme, *parse_date(day0), diags);
  EXPECT_TRUE(s) << render_all(diags, SourceMap{}, Lang::en);
  return s.value_or(Schedule{});
}

std::vector<int> days_with_test(const Schedule& s, std::string_view name_part) {
  std::vector<int> days;
  for (const auto& d : s.days)
    for (const auto& t : d.tests)
      if (t.find(name_part) != std::string::npos) days.push_back(d.day);
  return days;
}

TEST(Schedule, Seed000FourteenDaysWithTestWindows) {
  Schedule s = schedule("home-quarantine-foreign-students", "2021-08-29");
  ASSERT_EQ(s.days.size(), 15u);  // day 0 .. day 14
  EXPECT_EQ(format_date(s.days[1].date), "2021-08-30");  // 第1天, as in the seed's screenshot
  EXPECT_EQ(format_date(s.days[14].date), "2021-09-12");
  EXPECT_EQ(days_with_test(s, "快篩"), (std::vector<int>{10, 11, 12}));
  EXPECT_EQ(days_with_test(s, "PCR"), (std::vector<int>{12, 13, 14}));
  EXPECT_EQ(format_date(s.end), "2021-09-13");
}

TEST(Schedule, Seed004ThreePlusFour) {
  Schedule s = schedule("home-isolation", "2022-05-01");
  EXPECT_EQ(s.scheme_id, "home-isolation-3plus4");
  ASSERT_EQ(s.days.size(), 8u);
  for (int d = 1; d <= 3; ++d) EXPECT_TRUE(s.days[d].confined) << d;
  for (int d = 4; d <= 7; ++d) {
    EXPECT_FALSE(s.days[d].confined) << d;
    EXPECT_FALSE(s.days[d].at_school) << d;
  }
  EXPECT_EQ(format_date(*s.release), "2022-05-05");
  EXPECT_EQ(days_with_test(s, "快篩"), std::vector<int>{7});
  EXPECT_EQ(format_date(*s.return_to_school), "2022-05-09");
  EXPECT_TRUE(s.transition_to.empty());
}

TEST(Schedule, Seed004RetroactiveReleaseOnApril27) {
  Schedule s = schedule("home-isolation", "2022-04-23");
  EXPECT_EQ(s.transition_to, "home-isolation-3plus4");
  EXPECT_EQ(format_date(*s.release), "2022-04-27");
  EXPECT_TRUE(s.days[3].confined);   // 04-26
  EXPECT_FALSE(s.days[4].confined);  // 04-27: released, continues self-prevention
  EXPECT_FALSE(s.days[4].at_school);
  EXPECT_EQ(format_date(*s.return_to_school), "2022-05-01");
}

TEST(Schedule, Seed004EarlierDayZeroIsStillReleasedOnApril27) {
  Schedule s = schedule("home-isolation", "2022-04-18");
  EXPECT_EQ(format_date(*s.release), "2022-04-27");
  EXPECT_TRUE(s.days[8].confined);  // 04-26 is still confined
  EXPECT_TRUE(s.days[8].extended);
}

TEST(Schedule, Seed004DayZeroJustBeforeTheNewRuleFollowsThreePlusFour) {
  Schedule s = schedule("home-isolation", "2022-04-24");  // confined 3 days on 04-26: not "more than 3"
  EXPECT_EQ(format_date(*s.release), "2022-04-28");
}

TEST(Schedule, OldRuleBeforeTheTransitionMatters) {
  Schedule s = schedule("home-isolation", "2022-04-10");
  EXPECT_EQ(s.scheme_id, "home-isolation-10");
  EXPECT_EQ(format_date(*s.release), "2022-04-21");
  EXPECT_TRUE(s.transition_to.empty());
}

TEST(Schedule, UnknownSchemeSuggestsTheNearest) {
  const auto& c = fangyi::testing::default_rules();
  ASSERT_TRUE(c.rules);
  Diagnostics diags;
  EXPECT_FALSE(make_schedule(*c.rules, "home-isolatoin", *parse_date("2022-04-23"), diags));
  EXPECT_EQ(render_all(diags, SourceMap{}, Lang::en),
            "error: unknown scheme 'home-isolatoin'\n  hint: did you mean 'home-isolation'?\n");
}

TEST(Schedule, JsonHasEveryDay) {
  std::string json = schedule_json(schedule("home-isolation", "2022-04-23"));
  EXPECT_NE(json.find("\"release\":\"2022-04-27\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"day\":7"), std::string::npos);
  EXPECT_NE(json.find("\"transition\":{\"to\":\"home-isolation-3plus4\",\"release_on\":\"2022-04-27\"}"), std::string::npos);
}

TEST(Schedule, TableInRocDates) {
  std::string table = schedule_table(schedule("home-isolation", "2022-04-23"), Lang::zh_TW, DateStyle::roc);
  EXPECT_NE(table.find("解除隔離（檢疫）日：111/04/27"), std::string::npos) << table;
  EXPECT_NE(table.find("111/04/30"), std::string::npos);
}

}  // namespace
}  // namespace fangyi::rules

// The tracer over small schools written as files, with the default
// contact-tracing rule (rules/contact-tracing/campus-close-contacts.yaml):
// each relation, the window, school days, companions and suspension.
#include "contacts/tracer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "support/compile_text.h"
#include "support/temp_dir.h"

namespace fangyi::contacts {
namespace {

Date day(const char* iso) { return *parse_date(iso); }

class Tracing : public testing::TempDir {
 protected:
  const rules::RuleSet& rules() { return *testing::default_rules().rules; }
  const rules::ContactTracing& tracing() { return rules().contact_tracings.front(); }

  void write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(dir_ + "/" + name).parent_path());
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }

  // People: number, name, role, class, birth date (ISO).
  void people(const std::vector<std::array<const char*, 5>>& rows) {
    std::string csv = "學校,人員編號,姓名,身分,班級,出生日期\n";
    for (const auto& r : rows)
      csv += std::string("測試國小,") + r[0] + "," + r[1] + "," + r[2] + "," + r[3] + "," + r[4] + "\n";
    write("people.csv", csv);
  }

  // Reads the school from a manifest whose extra lines are `extra`.
  std::optional<SchoolData> school(const std::string& extra = "") {
    write("school.yaml", "school: 測試國小\npeople: people.csv\n" + extra);
    Diagnostics diags;
    auto s = read_school(rules(), tracing(), dir_ + "/school.yaml", {}, diags);
    EXPECT_TRUE(s) << render_all(diags, {}, Lang::zh_TW);
    return s;
  }

  std::optional<Trace> run(const SchoolData& s, const std::string& who, const char* onset, const char* isolated = nullptr) {
    CaseSpec spec{who, day(onset), std::nullopt, isolated ? std::optional(day(isolated)) : std::nullopt};
    Diagnostics diags;
    auto t = trace(rules(), tracing(), s, spec, diags);
    EXPECT_TRUE(t) << render_all(diags, {}, Lang::zh_TW);
    return t;
  }

  // person number → "contact type|reason；reason|last contact".
  std::map<std::string, std::string> listed(const SchoolData& s, const Trace& t) {
    std::map<std::string, std::string> out;
    for (const Contact& c : t.contacts) {
      std::string reasons;
      for (const Reason& r : c.reasons) reasons += (reasons.empty() ? "" : "；") + r.text;
      out[s.persons[c.person].id] = c.contact_type + "|" + reasons + "|" + format_date(c.last_contact);
    }
    return out;
  }

  void six_in_a_class() {
    people({{{"S1", "甲", "學生", "一年一班", "2015-01-01"}},
            {{"S2", "乙", "學生", "一年一班", "2015-01-01"}},
            {{"S3", "丙", "學生", "一年二班", "2015-01-01"}},
            {{"S4", "丁", "學生", "一年二班", "2015-01-01"}},
            {{"S5", "戊", "學生", "一年三班", "2015-01-01"}},
            {{"T1", "王老師", "教職員工", "", "1980-01-01"}},
            {{"T2", "李老師", "教職員工", "", "1980-01-01"}}});
  }
};

// 2022-05-04 is a Wednesday: the window is Monday 05-02 to Wednesday 05-04.
TEST_F(Tracing, ClassmatesUntilTheCaseIsIsolated) {
  six_in_a_class();
  auto s = school();
  auto t = run(*s, "S1", "2022-05-04");
  EXPECT_EQ(t->window_from, day("2022-05-02"));
  EXPECT_EQ(t->window_to, day("2022-05-04"));
  EXPECT_EQ(listed(*s, *t), (std::map<std::string, std::string>{{"S2", "同班同學|同班（一年一班）|2022-05-04"}}));
}

TEST_F(Tracing, TeacherWhoTaughtTheClassInTheWindowAndOneWhoDidNot) {
  six_in_a_class();
  write("timetable.csv",
        "星期,節次,班級,授課教師編號,科目\n"
        "二,3,一年一班,T1,自然\n"   // Tuesday 05-03: in the window
        "五,2,一年一班,T2,英語\n"   // Fridays only: 04-29 is before the window
        "三,1,一年二班,T2,數學\n");  // another class
  auto s = school("timetable: timetable.csv\n");
  auto contacts = listed(*s, *run(*s, "S1", "2022-05-04"));
  EXPECT_EQ(contacts.at("T1"), "授課/修課班級師生|一年一班自然課（授課教師 王老師，最後 5/3 第 3 節）|2022-05-03");
  EXPECT_FALSE(contacts.count("T2"));
  // With onset on Sunday 05-08 the window reaches back to Friday 05-06.
  EXPECT_EQ(listed(*s, *run(*s, "S1", "2022-05-08")).at("T2"),
            "授課/修課班級師生|一年一班英語課（授課教師 李老師，最後 5/6 第 2 節）|2022-05-06");
}

TEST_F(Tracing, ATeacherCaseListsTheStudentsOfTheClassesTaught) {
  six_in_a_class();
  write("timetable.csv", "日期,節次,班級,授課教師編號,科目\n2022-05-03,1,一年二班,T1,自然\n2022-04-28,1,一年三班,T1,自然\n");
  auto s = school("timetable: timetable.csv\n");
  auto contacts = listed(*s, *run(*s, "T1", "2022-05-04"));
  EXPECT_EQ(contacts.size(), 2u);
  EXPECT_EQ(contacts.at("S3"), "授課/修課班級師生|一年二班自然課（授課教師 王老師，最後 5/3 第 1 節）|2022-05-03");
  EXPECT_TRUE(contacts.count("S4"));
}

TEST_F(Tracing, ACourseGroupJoinsStudentsOfSeveralClasses) {
  six_in_a_class();
  write("groups.csv", "團體類型,團體名稱,人員編號\n修課,英語加深,S1\n修課,英語加深,S3\n修課,英語加深,S5\n");
  write("timetable.csv", "星期,節次,班級,授課教師編號,科目\n一,5,英語加深,T2,英語\n");
  auto s = school("groups: groups.csv\ntimetable: timetable.csv\n");
  auto contacts = listed(*s, *run(*s, "S1", "2022-05-04"));
  EXPECT_EQ(contacts.at("S3"), "授課/修課班級師生|英語加深英語課（授課教師 李老師，最後 5/2 第 5 節）|2022-05-02");
  EXPECT_TRUE(contacts.count("S5"));
  EXPECT_TRUE(contacts.count("T2"));
  EXPECT_FALSE(contacts.count("S4"));
}

TEST_F(Tracing, ABusByTheNineGridAcrossTheAisle) {
  six_in_a_class();
  write("groups.csv", "團體類型,團體名稱,人員編號\n交通車,1號車,S1\n交通車,1號車,S3\n交通車,1號車,S5\n交通車,1號車,T2\n");
  // S1 on the aisle, S3 across it, S5 two rows behind, T2 in front by the
  // window.
  write("bus.csv", "T2,,走道,,\n,S1,走道,S3,\n,,走道,,\n空位,S5,走道,,\n");
  auto s = school("groups: groups.csv\nseating:\n  - {file: bus.csv, group_type: 交通車, group: 1號車}\n");
  auto contacts = listed(*s, *run(*s, "S1", "2022-05-04"));
  EXPECT_EQ(contacts.at("S3"), "交通車|交通車「1號車」座位 R2C4，在確診者 R2C2 之九宮格內|2022-05-04");
  EXPECT_EQ(contacts.at("T2"), "交通車|交通車「1號車」座位 R1C1，在確診者 R2C2 之九宮格內|2022-05-04");
  EXPECT_FALSE(contacts.count("S5"));
}

TEST_F(Tracing, ACanteenChartCountsOnlyOnTheDaysItWasUsed) {
  six_in_a_class();
  write("canteen.csv", "S1,S3\nS5,\n");
  auto fridays = school("seating:\n  - {file: canteen.csv, group_type: 餐廳, group: 午餐, weekdays: [五]}\n");
  EXPECT_TRUE(listed(*fridays, *run(*fridays, "S1", "2022-05-04")).count("S3") == 0);
  auto tuesdays = school("seating:\n  - {file: canteen.csv, group_type: 餐廳, group: 午餐, weekdays: [星期二]}\n");
  EXPECT_EQ(listed(*tuesdays, *run(*tuesdays, "S1", "2022-05-04")).at("S5"),
            "餐廳|餐廳「午餐」座位 R2C1，在確診者 R1C1 之九宮格內|2022-05-03");
}

TEST_F(Tracing, AGroupWithoutAChartCountsEveryMember) {
  six_in_a_class();
  write("groups.csv", "團體類型,團體名稱,人員編號\n社團,籃球社,S1\n社團,籃球社,S4\n同住,家,S1\n同住,家,S5\n社團,桌球社,S3\n");
  auto s = school("groups: groups.csv\n");
  // Isolated on Saturday 05-07: school relations end on Friday, the household on Saturday.
  auto contacts = listed(*s, *run(*s, "S1", "2022-05-04", "2022-05-07"));
  EXPECT_EQ(contacts.at("S4"), "社團|社團「籃球社」|2022-05-06");
  EXPECT_EQ(contacts.at("S5"), "同住親友|同住親友「家」|2022-05-07");
  EXPECT_FALSE(contacts.count("S3"));
}

TEST_F(Tracing, TheFirstRelationInRuleOrderNamesTheContactType) {
  six_in_a_class();
  write("groups.csv", "團體類型,團體名稱,人員編號\n社團,籃球社,S1\n社團,籃球社,S2\n");
  auto s = school("groups: groups.csv\n");
  EXPECT_EQ(listed(*s, *run(*s, "S1", "2022-05-04")).at("S2"), "同班同學|同班（一年一班）；社團「籃球社」|2022-05-04");
}

TEST_F(Tracing, AnAsymptomaticCaseCountsFromThePositiveTest) {
  six_in_a_class();
  auto s = school();
  Diagnostics diags;
  auto t = trace(rules(), tracing(), *s, CaseSpec{"甲", std::nullopt, day("2022-05-10"), std::nullopt}, diags);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->asymptomatic);
  EXPECT_EQ(t->window_from, day("2022-05-08"));
  EXPECT_EQ(t->window_to, day("2022-05-10"));
}

TEST_F(Tracing, UnderThirteenOnDayZeroNeedsACompanion) {
  people({{{"S1", "甲", "學生", "六年一班", "2010-01-01"}},
          {{"S2", "乙", "學生", "六年一班", "2009-05-05"}},   // 12 on 2022-05-04
          {{"S3", "丙", "學生", "六年一班", "2009-05-04"}},   // 13 that day
          {{"S4", "丁", "學生", "六年一班", ""}}});
  auto s = school();
  auto t = run(*s, "S1", "2022-05-04");
  std::map<std::string, std::pair<std::optional<int>, bool>> seen;
  for (const Contact& c : t->contacts) seen[s->persons[c.person].id] = {c.age, c.needs_companion};
  EXPECT_EQ(seen.at("S2"), (std::pair{std::optional(12), true}));
  EXPECT_EQ(seen.at("S3"), (std::pair{std::optional(13), false}));
  EXPECT_EQ(seen.at("S4"), (std::pair{std::optional<int>(), false}));
  EXPECT_EQ(age_on(day("2012-02-29"), day("2022-02-28")), 9);
  EXPECT_EQ(age_on(day("2012-02-29"), day("2022-03-01")), 10);
}

TEST_F(Tracing, OneClassInThreeIsNotMoreThanAThird) {
  people({{{"S1", "甲", "學生", "一班", "2015-01-01"}},
          {{"S2", "乙", "學生", "一班", "2015-01-01"}},
          {{"S3", "丙", "學生", "二班", "2015-01-01"}},
          {{"S4", "丁", "學生", "三班", "2015-01-01"}}});
  auto s = school();
  SuspensionDecision d = run(*s, "S1", "2022-05-04")->suspension;
  ASSERT_NE(d.scheme, nullptr);
  EXPECT_EQ(d.scheme->header.id, "home-isolation-3plus4");
  EXPECT_EQ(d.classes, 3);
  EXPECT_EQ(d.contact_classes, (std::vector<std::string>{"一班"}));
  EXPECT_FALSE(d.whole_school);
  EXPECT_EQ(d.days, 7);
  EXPECT_EQ(d.from, day("2022-05-05"));
  EXPECT_EQ(d.to, day("2022-05-11"));
}

TEST_F(Tracing, TwoClassesInThreeSuspendTheSchoolTenDaysUnderTheOldScheme) {
  people({{{"S1", "甲", "學生", "一班", "2015-01-01"}},
          {{"S2", "乙", "學生", "一班", "2015-01-01"}},
          {{"S3", "丙", "學生", "二班", "2015-01-01"}},
          {{"S4", "丁", "學生", "三班", "2015-01-01"}}});
  write("groups.csv", "團體類型,團體名稱,人員編號\n社團,籃球社,S1\n社團,籃球社,S3\n");
  auto s = school("groups: groups.csv\n");
  SuspensionDecision d = run(*s, "S1", "2022-04-20")->suspension;
  ASSERT_NE(d.scheme, nullptr);
  EXPECT_EQ(d.scheme->header.id, "home-isolation-10");
  EXPECT_EQ(d.contact_classes, (std::vector<std::string>{"一班", "二班"}));
  EXPECT_TRUE(d.whole_school);
  EXPECT_EQ(d.days, 10);
}

TEST_F(Tracing, AnUnknownCaseIsAnErrorWithASuggestion) {
  six_in_a_class();
  auto s = school();
  Diagnostics diags;
  EXPECT_FALSE(trace(rules(), tracing(), *s, CaseSpec{"S11", day("2022-05-04"), {}, {}}, diags));
  EXPECT_EQ(render_all(diags, {}, Lang::zh_TW),
            "錯誤：找不到確診者「S11」（人員編號、姓名，或單一座位表上的座位如 R3C4）\n  提示：您是不是要寫「S1」？\n");
}

TEST_F(Tracing, IsolationBeforeOnsetIsAnError) {
  six_in_a_class();
  auto s = school();
  Diagnostics diags;
  EXPECT_FALSE(trace(rules(), tracing(), *s, CaseSpec{"S1", day("2022-05-04"), {}, day("2022-05-03")}, diags));
  EXPECT_EQ(render_all(diags, {}, Lang::zh_TW), "錯誤：隔離日 2022-05-03 早於發病日或採檢陽性日 2022-05-04\n");
}

TEST_F(Tracing, SchoolDataErrorsNameFileLineAndColumn) {
  six_in_a_class();
  write("groups.csv", "團體類型,團體名稱,人員編號\n社團,籃球社,S9\n");
  write("bus.csv", "S1,X7\n");
  write("school.yaml", "school: 測試國小\npeople: people.csv\ngroups: groups.csv\n"
                       "seating:\n  - {file: bus.csv, group_type: 交通車, group: 1號車, weekdays: [八]}\n");
  Diagnostics diags;
  EXPECT_FALSE(read_school(rules(), tracing(), dir_ + "/school.yaml", {}, diags));
  std::string out = render_all(diags, {}, Lang::zh_TW);
  EXPECT_NE(out.find("「八」不是星期幾"), std::string::npos) << out;
  write("school.yaml", "school: 測試國小\npeople: people.csv\ngroups: groups.csv\n"
                       "seating:\n  - {file: bus.csv, group_type: 交通車, group: 1號車}\n");
  Diagnostics again;
  EXPECT_FALSE(read_school(rules(), tracing(), dir_ + "/school.yaml", {}, again));
  EXPECT_EQ(render_all(again, {}, Lang::zh_TW),
            dir_ + "/groups.csv:2: 錯誤：人員編號「S9」不在人員名冊「" + dir_ + "/people.csv」中\n" + dir_ +
                "/bus.csv:1:2: 錯誤：座位 R1C2 的「X7」不在人員名冊「" + dir_ + "/people.csv」中\n");
}

TEST_F(Tracing, ATableOfTheWrongKindIsNamed) {
  six_in_a_class();
  write("school.yaml", "school: 測試國小\npeople: groups.csv\n");
  write("groups.csv", "團體類型,團體名稱,人員編號\n社團,籃球社,S1\n");
  Diagnostics diags;
  EXPECT_FALSE(read_school(rules(), tracing(), dir_ + "/school.yaml", {}, diags));
  EXPECT_EQ(render_all(diags, {}, Lang::zh_TW),
            dir_ + "/groups.csv:1:1: 錯誤：這個檔案看來是「學校團體名單」，這裡需要的是「學校人員名冊」（資料集 school-people）\n");
}

}  // namespace
}  // namespace fangyi::contacts

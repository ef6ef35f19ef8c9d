// Realistic conditions from the epidemic-prevention policy, in both scopes:
// a follow-up row on its own, and a case with its follow-up and screening
// records.
#include "expr_test_util.h"

namespace fangyi::expr::testing {
namespace {

// "PCR on day 12-14 and never on the same day as a rapid test."
constexpr const char* kPcrRule =
    "exists(s in screening, s.type == \"PCR\" and day_of(entry_date, s.date) in 12..14)"
    " and not exists(p in screening, p.type == \"PCR\" and"
    "   exists(r in screening, r.type == \"快篩\" and r.date == p.date))";

// "A follow-up record for every day 1-14."
constexpr const char* kEveryDay = "all(d in 1..14, exists(f in followup, day_of(entry_date, f.date) == d))";

class PolicyTest : public ExprTest {
 protected:
  PolicyTest() { set_row({{"entry_date", VD(2021, 8, 20)}}); }
  Date day(int n) { return D(2021, 8, 20).plus_days(n); }
};

TEST_F(PolicyTest, PcrOnDays12To14) {
  add_screening({{"type", VS("快篩")}, {"date", Value::date(day(3))}, {"result", VS("陰性")}});
  add_screening({{"type", VS("PCR")}, {"date", Value::date(day(13))}, {"result", VS("陰性")}});
  EXPECT_EQ(truth(kPcrRule), 1);
}

TEST_F(PolicyTest, PcrTooEarly) {
  add_screening({{"type", VS("PCR")}, {"date", Value::date(day(10))}});
  EXPECT_EQ(truth(kPcrRule), 0);
}

TEST_F(PolicyTest, PcrOnTheSameDayAsARapidTest) {
  add_screening({{"type", VS("PCR")}, {"date", Value::date(day(12))}});
  add_screening({{"type", VS("快篩")}, {"date", Value::date(day(12))}});
  EXPECT_EQ(truth(kPcrRule), 0);
}

TEST_F(PolicyTest, PcrWithoutADateDoesNotCount) {
  add_screening({{"type", VS("PCR")}});
  EXPECT_EQ(truth(kPcrRule), 0);
}

TEST_F(PolicyTest, FollowUpEveryDay) {
  for (int d = 1; d <= 14; ++d) add_followup({{"date", Value::date(day(d))}, {"status", VS("無症狀")}});
  EXPECT_EQ(truth(kEveryDay), 1);
}

TEST_F(PolicyTest, FollowUpMissingADay) {
  for (int d = 1; d <= 14; ++d)
    if (d != 7) add_followup({{"date", Value::date(day(d))}});
  EXPECT_EQ(truth(kEveryDay), 0);
  // Which days are missing, as a count.
  EXPECT_EQ(integer("count(d in 1..14, not exists(f in followup, day_of(entry_date, f.date) == d))"), 1);
}

TEST_F(PolicyTest, SymptomaticFollowUpsSawADoctor) {
  add_followup({{"status", VS("有症狀")}, {"visited_doctor", VB(true)}});
  add_followup({{"status", VS("無症狀")}});
  const char* rule = "all(f in followup, f.status != \"有症狀\" or f.visited_doctor)";
  EXPECT_EQ(truth(rule), 1);
  add_followup({{"status", VS("有症狀")}, {"visited_doctor", VB(false)}});
  EXPECT_EQ(truth(rule), 0);
}

// Row scope: each follow-up record checked on its own.
class FollowupRowTest : public ExprTest {
 protected:
  FollowupRowTest() { env.row = &followup; }
  void row_of(std::map<std::string, Value> v) { row = std::make_unique<MemRow>(followup, std::move(v)); }
};

TEST_F(FollowupRowTest, Conditions) {
  row_of({{"entry_date", VD(2021, 8, 20)},
          {"followup_date", VD(2021, 8, 23)},
          {"entered_at", VDT(2021, 8, 23, 16, 40)},
          {"status", VS("有症狀")},
          {"fever", VB(true)},
          {"visited_doctor", VB(true)},
          {"doctor_note", VS("上呼吸道感染")}});
  EXPECT_EQ(truth("followup_date >= entry_date and day_of(entry_date, followup_date) in 1..14"), 1);
  EXPECT_EQ(truth("time(entered_at) <= deadline(\"followup-entry\")"), 1);
  EXPECT_EQ(truth("date(entered_at) == followup_date"), 1);
  EXPECT_EQ(truth("not fever or visited_doctor"), 1);
  EXPECT_EQ(truth("status != \"有症狀\" or has(doctor_note)"), 1);
  EXPECT_EQ(truth("status in [\"尚未派案\", \"訪視未遇\"]"), 0);
  row_of({{"entry_date", VD(2021, 8, 20)}, {"status", VS("有症狀")}, {"doctor_note", VS("")}});
  EXPECT_EQ(truth("status != \"有症狀\" or has(doctor_note)"), 0);
  EXPECT_EQ(truth("day_of(entry_date, followup_date) in 1..14"), -1);  // no date yet: unknown
}

TEST_F(FollowupRowTest, TypoInAnEnumValue) {
  Found f = error("status == \"出鏡\"");
  EXPECT_EQ(f.zh, "「出鏡」不是「status」的可能值（可用：尚未派案|訪視未遇|無症狀|有症狀|出境）");
  EXPECT_EQ(f.hint_zh, "您是不是要寫「出境」？");
}

}  // namespace
}  // namespace fangyi::expr::testing

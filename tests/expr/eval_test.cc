// Evaluation of every operator, the null rules and comprehensions on small
// in-memory rows.
#include "expr_test_util.h"

namespace fangyi::expr::testing {
namespace {

class EvalTest : public ExprTest {
 protected:
  EvalTest() {
    set_row({{"entry_date", VD(2021, 8, 20)},
             {"birth", VD(2010, 9, 2)},
             {"id_no", VS("A123456789")},
             {"note", VS("發燒 38.5 度")},
             {"temperature", Value::decimal(37.5)},
             {"visits", VI(3)},
             {"status", VS("有症狀")},
             {"arrived_at", VDT(2021, 8, 20, 14, 0)},
             {"left_at", VDT(2021, 8, 21, 16, 30)},
             {"checked_at", VT(9, 30)},
             {"stay", Value::duration(Duration::hours(36))},
             {"fever", VB(true)}});
    // isolated is null (an empty cell).
  }
};

TEST_F(EvalTest, Arithmetic) {
  EXPECT_EQ(integer("1 + 2 * 3"), 7);
  EXPECT_EQ(integer("(1 + 2) * 3"), 9);
  EXPECT_EQ(integer("7 / 2"), 3);
  EXPECT_EQ(integer("-7 / 2"), -3);
  EXPECT_EQ(integer("7 % 3"), 1);
  EXPECT_EQ(integer("-visits"), -3);
  EXPECT_EQ(integer("visits - 5"), -2);
  Value v = eval("temperature + 1", T(TypeKind::decimal));
  EXPECT_DOUBLE_EQ(v.d, 38.5);
  v = eval("visits / 2.0", T(TypeKind::decimal));
  EXPECT_DOUBLE_EQ(v.d, 1.5);
  v = eval("7.5 % 2", T(TypeKind::decimal));
  EXPECT_DOUBLE_EQ(v.d, 1.5);
  v = eval("-temperature", T(TypeKind::decimal));
  EXPECT_DOUBLE_EQ(v.d, -37.5);
}

TEST_F(EvalTest, ArithmeticEdgeCasesAreNull) {
  EXPECT_EQ(truth("visits / 0 == 1"), -1);
  EXPECT_EQ(truth("visits % 0 == 1"), -1);
  EXPECT_EQ(truth("temperature / 0 == 1.0"), -1);
  EXPECT_EQ(truth("9223372036854775807 + visits > 0"), -1);
  EXPECT_EQ(truth("9223372036854775807 * 2 > 0"), -1);
}

TEST_F(EvalTest, DatesTimesDurations) {
  Value v = eval("entry_date + 14d", T(TypeKind::date));
  EXPECT_EQ(v.kind, ValueKind::date);
  EXPECT_EQ(v.i, D(2021, 9, 3).days());
  EXPECT_EQ(eval("entry_date - 1d", T(TypeKind::date)).i, D(2021, 8, 19).days());
  EXPECT_EQ(eval("14d + entry_date", T(TypeKind::date)).i, D(2021, 9, 3).days());
  EXPECT_EQ(eval("entry_date + 36h", T(TypeKind::date)).i, D(2021, 8, 21).days());  // whole days
  EXPECT_EQ(eval("arrived_at + 2h30m", T(TypeKind::datetime)).i, VDT(2021, 8, 20, 16, 30).i);
  EXPECT_EQ(eval("arrived_at - 1d", T(TypeKind::datetime)).i, VDT(2021, 8, 19, 14, 0).i);
  EXPECT_EQ(eval("left_at - arrived_at", T(TypeKind::duration)).i, 26 * 3600 + 1800);
  EXPECT_EQ(eval("2021-09-01 - entry_date", T(TypeKind::duration)).i, 12 * 86400);
  EXPECT_EQ(eval("checked_at - 08:00", T(TypeKind::duration)).i, 5400);
  EXPECT_EQ(eval("stay + 30m", T(TypeKind::duration)).i, 36 * 3600 + 1800);
  EXPECT_EQ(eval("stay - 1d", T(TypeKind::duration)).i, 12 * 3600);
  EXPECT_EQ(eval("stay * 2", T(TypeKind::duration)).i, 72 * 3600);
  EXPECT_EQ(eval("2 * stay", T(TypeKind::duration)).i, 72 * 3600);
  EXPECT_EQ(eval("stay / 3", T(TypeKind::duration)).i, 12 * 3600);
  EXPECT_EQ(eval("-stay", T(TypeKind::duration)).i, -36 * 3600);
  EXPECT_EQ(truth("left_at - arrived_at <= 24h"), 0);
  EXPECT_EQ(truth("left_at - arrived_at <= 1d12h"), 1);
  EXPECT_EQ(truth("entry_date + 14d > today()"), 1);
  EXPECT_EQ(truth("arrived_at < 2021-08-20T14:01"), 1);
  EXPECT_EQ(truth("checked_at >= 09:30 and checked_at < 09:30:01"), 1);
}

TEST_F(EvalTest, Comparisons) {
  EXPECT_EQ(truth("visits == 3"), 1);
  EXPECT_EQ(truth("visits != 3"), 0);
  EXPECT_EQ(truth("visits < 4"), 1);
  EXPECT_EQ(truth("visits <= 3"), 1);
  EXPECT_EQ(truth("visits > 3"), 0);
  EXPECT_EQ(truth("visits >= 4"), 0);
  EXPECT_EQ(truth("visits == 3.0"), 1);
  EXPECT_EQ(truth("temperature > 37"), 1);
  EXPECT_EQ(truth("temperature >= 37.5"), 1);
  EXPECT_EQ(truth("status == \"有症狀\""), 1);
  EXPECT_EQ(truth("status != '無症狀'"), 1);
  EXPECT_EQ(truth("note < \"發\""), 0);
  EXPECT_EQ(truth("note > \"發\""), 1);
  EXPECT_EQ(truth("fever == true"), 1);
  EXPECT_EQ(truth("fever != true"), 0);
  EXPECT_EQ(truth("entry_date == 2021-08-20"), 1);
  EXPECT_EQ(truth("entry_date < 2021-08-21"), 1);
}

TEST_F(EvalTest, Membership) {
  EXPECT_EQ(truth("status in [\"有症狀\", \"出境\"]"), 1);
  EXPECT_EQ(truth("status not in [\"有症狀\", \"出境\"]"), 0);
  EXPECT_EQ(truth("status in [\"無症狀\"]"), 0);
  EXPECT_EQ(truth("visits in []"), 0);
  EXPECT_EQ(truth("visits in [1, 2.0, 3]"), 1);
  EXPECT_EQ(truth("visits in 1..3"), 1);
  EXPECT_EQ(truth("visits in 4..10"), 0);
  EXPECT_EQ(truth("visits not in 4..10"), 1);
  EXPECT_EQ(truth("temperature in 36.0..37.5"), 1);
  EXPECT_EQ(truth("entry_date in 2021-08-01..2021-08-31"), 1);
  EXPECT_EQ(truth("entry_date in entry_date + 1d..entry_date + 14d"), 0);
  EXPECT_EQ(truth("checked_at in 08:00..09:00"), 0);
  EXPECT_EQ(truth("checked_at in deadline(\"visit-window\")"), 1);
  EXPECT_EQ(truth("visits in 5..1"), 0);
}

TEST_F(EvalTest, LogicAndConditional) {
  EXPECT_EQ(truth("true and false"), 0);
  EXPECT_EQ(truth("true && true"), 1);
  EXPECT_EQ(truth("false or true"), 1);
  EXPECT_EQ(truth("false || false"), 0);
  EXPECT_EQ(truth("not fever"), 0);
  EXPECT_EQ(truth("!fever"), 0);
  EXPECT_EQ(integer("fever ? 1 : 2"), 1);
  EXPECT_EQ(integer("not fever ? 1 : 2"), 2);
  EXPECT_EQ(integer("visits > 5 ? 1 : visits > 2 ? 2 : 3"), 2);
  Value v = eval("fever ? 1 : 2.5", T(TypeKind::decimal));
  EXPECT_EQ(v.kind, ValueKind::decimal);  // widened to the conditional's type
  EXPECT_DOUBLE_EQ(v.d, 1.0);
  EXPECT_EQ(truth("(fever ? visits : 2.5) == 3"), 1);
}

TEST_F(EvalTest, NullRules) {
  // isolated, the follow-up's fields etc. are null.
  EXPECT_EQ(truth("isolated"), -1);
  EXPECT_EQ(truth("isolated == true"), -1);
  EXPECT_EQ(truth("isolated != true"), -1);
  EXPECT_EQ(truth("not isolated"), -1);
  EXPECT_EQ(truth("isolated == null"), 1);
  EXPECT_EQ(truth("isolated != null"), 0);
  EXPECT_EQ(truth("null == isolated"), 1);
  EXPECT_EQ(truth("fever == null"), 0);
  // Kleene logic.
  EXPECT_EQ(truth("isolated and false"), 0);
  EXPECT_EQ(truth("false and isolated"), 0);
  EXPECT_EQ(truth("isolated and true"), -1);
  EXPECT_EQ(truth("isolated or true"), 1);
  EXPECT_EQ(truth("true or isolated"), 1);
  EXPECT_EQ(truth("isolated or false"), -1);
  // Arithmetic and comparison.
  set_row({{"visits", Value::null()}});
  EXPECT_EQ(truth("visits + 1 > 0"), -1);
  EXPECT_EQ(truth("visits in 1..3"), -1);
  EXPECT_EQ(truth("visits in [1, 2]"), -1);
  EXPECT_EQ(truth("entry_date + 1d > today()"), -1);
  EXPECT_EQ(truth("(isolated ? 1 : 2) == 1"), -1);
  EXPECT_EQ(truth("day_of(entry_date, birth) > 0"), -1);
  EXPECT_EQ(truth("has(visits)"), 0);
  EXPECT_EQ(truth("has(note)"), 0);
  set_row({{"note", VS("")}, {"visits", VI(0)}});
  EXPECT_EQ(truth("has(note)"), 0);
  EXPECT_EQ(truth("has(visits)"), 1);
  EXPECT_EQ(truth("has(null)"), 0);
  set_row({{"note", VS("x")}});
  EXPECT_EQ(truth("has(note)"), 1);
}

TEST_F(EvalTest, Comprehensions) {
  add_followup({{"date", VD(2021, 8, 21)}, {"status", VS("無症狀")}, {"fever", VB(false)},
                {"temperature", Value::decimal(36.5)}});
  add_followup({{"date", VD(2021, 8, 22)}, {"status", VS("有症狀")}, {"fever", VB(true)},
                {"temperature", Value::decimal(38.2)}});
  add_followup({{"date", VD(2021, 8, 23)}, {"status", VS("有症狀")}});  // fever, temperature null
  EXPECT_EQ(integer("count(f in followup)"), 3);
  EXPECT_EQ(integer("count(f in screening)"), 0);
  EXPECT_EQ(integer("count(f in followup, f.status == \"有症狀\")"), 2);
  EXPECT_EQ(integer("count(f in followup, f.fever)"), 1);  // null counts as false
  EXPECT_EQ(integer("count(f in followup, not f.fever)"), 1);
  EXPECT_EQ(truth("exists(f in followup, f.fever)"), 1);
  EXPECT_EQ(truth("exists(f in followup, f.status == \"出境\")"), 0);
  EXPECT_EQ(truth("all(f in followup, f.date > entry_date)"), 1);
  EXPECT_EQ(truth("all(f in followup, f.fever != null)"), 0);
  EXPECT_EQ(truth("all(f in followup, f.fever or not f.fever)"), 0);  // the null row fails
  EXPECT_EQ(truth("exists(s in screening, true)"), 0);
  EXPECT_EQ(truth("all(s in screening, false)"), 1);
  EXPECT_EQ(eval("min(f in followup, f.date)", T(TypeKind::date)).i, D(2021, 8, 21).days());
  EXPECT_EQ(eval("max(f in followup, f.date)", T(TypeKind::date)).i, D(2021, 8, 23).days());
  EXPECT_DOUBLE_EQ(eval("max(f in followup, f.temperature)", T(TypeKind::decimal)).d, 38.2);
  EXPECT_DOUBLE_EQ(eval("min(f in followup, f.temperature)", T(TypeKind::decimal)).d, 36.5);
  EXPECT_DOUBLE_EQ(eval("sum(f in followup, f.temperature)", T(TypeKind::decimal)).d, 74.7);
  EXPECT_EQ(eval("min(s in screening, s.date)", T(TypeKind::date)).kind, ValueKind::null_);
  EXPECT_EQ(integer("sum(f in followup, day_of(entry_date, f.date))"), 1 + 2 + 3);
  EXPECT_EQ(eval("sum(f in followup, f.date - entry_date)", T(TypeKind::duration)).i, 6 * 86400);
  EXPECT_EQ(integer("sum(s in screening, 1)"), 0);
  EXPECT_EQ(integer("max(f in followup, len(f.status))"), 3);
  EXPECT_EQ(eval("max(f in followup, f.status)", T(TypeKind::string)).s, "無症狀");
}

TEST_F(EvalTest, RangeComprehensions) {
  EXPECT_EQ(integer("sum(d in 1..14, d)"), 105);
  EXPECT_EQ(integer("count(d in 1..14)"), 14);
  EXPECT_EQ(integer("count(d in 1..14, d % 2 == 0)"), 7);
  EXPECT_EQ(integer("count(d in 5..1)"), 0);
  EXPECT_EQ(truth("all(d in 1..14, d > 0)"), 1);
  EXPECT_EQ(truth("exists(d in 1..14, d == 15)"), 0);
  EXPECT_EQ(integer("min(d in visits..10, d * d)"), 9);
  EXPECT_EQ(integer("max(d in -3..2, d * d)"), 9);
  // Nesting: inner bodies see the outer variable.
  EXPECT_EQ(integer("count(a in 1..4, exists(b in 1..4, a + b == 5 and a < b))"), 2);
  EXPECT_EQ(integer("sum(a in 1..3, sum(b in 1..a, b))"), 1 + 3 + 6);
  // A null bound makes the whole comprehension null.
  set_row({{"visits", Value::null()}});
  EXPECT_EQ(truth("all(d in 1..visits, d > 0)"), -1);
  EXPECT_EQ(truth("count(d in 1..visits) == 0"), -1);
  // So does a range too long to walk.
  EXPECT_EQ(truth("count(d in 1..1000000000) > 0"), -1);
}

TEST_F(EvalTest, EvaluatorIsReusableAcrossRows) {
  auto p = compile_ok("visits > 2 and matches(note, \"[0-9]+\")");
  ASSERT_TRUE(p);
  Evaluator ev(*p);
  for (int i = 0; i < 5; ++i) {
    set_row({{"visits", VI(i)}, {"note", VS(i % 2 ? "12" : "x")}});
    Value v = ev.run(context());
    EXPECT_EQ(v.b, i > 2 && i % 2 == 1) << i;
  }
}

}  // namespace
}  // namespace fangyi::expr::testing

// The evaluator's working form (expr/vm_code.h): which sequences are fused
// and which comprehensions hoisted into sets, and that a rewritten program
// gives what the program as written gives. The reference for a hoisted
// `exists(f in S, a == b)` is the same test written `(a == b) and true`,
// which has the same meaning but a shape the rewrite leaves alone.
#include <random>

#include "expr/vm_code.h"
#include "expr_test_util.h"

namespace fangyi::expr::testing {
namespace {

class VmPrepareTest : public ExprTest {
 protected:
  uint32_t sets(std::string_view text) {
    auto p = compile_ok(text);
    return p ? vm::prepare(*p).sets : 0;
  }
  bool has_op(std::string_view text, vm::Extra e) {
    auto p = compile_ok(text);
    if (!p) return false;
    for (const vm::Insn& in : vm::prepare(*p).insns)
      if (in.op == vm::op(e)) return true;
    return false;
  }
  // Both forms on the current rows, through one Evaluator each run twice
  // (the second run must rebuild its sets, not reuse the first one's).
  void expect_same(const std::string& hoisted, const std::string& plain) {
    auto a = compile_ok(hoisted), b = compile_ok(plain);
    ASSERT_TRUE(a && b);
    ASSERT_GT(vm::prepare(*a).sets, 0u) << hoisted;
    ASSERT_EQ(vm::prepare(*b).sets, 0u) << plain;
    Evaluator ea(*a), eb(*b);
    Context ctx = context();
    for (int k = 0; k < 2; ++k) {
      Value x = ea.run(ctx), y = eb.run(ctx);
      ASSERT_EQ(x.kind, y.kind) << hoisted;
      if (x.kind == ValueKind::bool_) {
        EXPECT_EQ(x.b, y.b) << hoisted;
      }
    }
  }
};

constexpr const char* kEveryDay =
    "all(d in 1..14, d >= day_of(entry_date, today()) or "
    "exists(f in followup, day_of(entry_date, f.followup_date) == d))";
constexpr const char* kEveryDayPlain =
    "all(d in 1..14, d >= day_of(entry_date, today()) or "
    "exists(f in followup, (day_of(entry_date, f.followup_date) == d) and true))";

TEST_F(VmPrepareTest, HoistsAnInvariantExistsInsideALoop) {
  EXPECT_EQ(sets(kEveryDay), 1u);
  EXPECT_EQ(sets("count(d in 1..5, exists(s in screening, s.date == entry_date + d * 1d)) == 2"), 1u);
  // b may read the outer row of another comprehension.
  EXPECT_EQ(sets("all(x in screening, exists(y in screening, y.date == x.date))"), 1u);
}

TEST_F(VmPrepareTest, LeavesOtherShapesAlone) {
  // Not inside a loop: one pass is as cheap as building the set.
  EXPECT_EQ(sets("exists(f in followup, day_of(entry_date, f.followup_date) == 14)"), 0u);
  // a reads the outer variable, so it is not invariant.
  EXPECT_EQ(sets("all(d in 1..14, exists(f in followup, day_of(entry_date, f.followup_date) + d == 14))"), 0u);
  EXPECT_EQ(sets("all(x in screening, exists(y in screening, y.date == x.date and y.type == x.type))"), 0u);
  // Not an equality.
  EXPECT_EQ(sets("all(d in 1..14, exists(f in followup, day_of(entry_date, f.followup_date) >= d))"), 0u);
  EXPECT_EQ(sets(kEveryDayPlain), 0u);
}

TEST_F(VmPrepareTest, FusesFieldTests) {
  EXPECT_TRUE(has_op("status == \"有症狀\"", vm::Extra::field_eq_str));
  EXPECT_TRUE(has_op("status != \"有症狀\"", vm::Extra::field_ne_str));
  EXPECT_TRUE(has_op("has(note)", vm::Extra::field_has));
  EXPECT_TRUE(has_op("day_of(entry_date, today()) > 3", vm::Extra::day_of));
  EXPECT_TRUE(has_op("date(arrived_at) == entry_date", vm::Extra::date_of));
  // A jump into the middle of a sequence keeps it apart: `or` jumps past
  // the right operand to the `or` itself, never into it, so this still fuses.
  EXPECT_TRUE(has_op("fever or status == \"有症狀\"", vm::Extra::field_eq_str));
}

TEST_F(VmPrepareTest, FusedTestsKeepTheNullRules) {
  set_row({{"note", VS("")}, {"status", VS("有症狀")}});
  EXPECT_EQ(truth("has(note)"), 0);
  EXPECT_EQ(truth("has(id_no)"), 0);
  EXPECT_EQ(truth("has(status)"), 1);
  EXPECT_EQ(truth("has(visits)"), 0);
  EXPECT_EQ(truth("status == \"有症狀\""), 1);
  EXPECT_EQ(truth("status != \"有症狀\""), 0);
  EXPECT_EQ(truth("note == \"x\""), 0);
  EXPECT_EQ(truth("id_no == \"x\""), -1);
  EXPECT_EQ(truth("id_no != \"x\""), -1);
  EXPECT_EQ(truth("day_of(birth, today()) > 0"), -1);
  EXPECT_EQ(truth("date(arrived_at) == entry_date"), -1);
  set_row({{"entry_date", VD(2021, 8, 20)}, {"arrived_at", VDT(2021, 8, 19, 23, 59)}});
  EXPECT_EQ(integer("day_of(entry_date, arrived_at)"), -1);
  EXPECT_EQ(truth("date(arrived_at) == entry_date - 1d"), 1);
}

TEST_F(VmPrepareTest, EveryDayMatchesThePlainLoop) {
  set_row({{"entry_date", VD(2021, 8, 1)}});
  expect_same(kEveryDay, kEveryDayPlain);  // no rows
  for (int day = 1; day <= 14; ++day)
    if (day != 7) add_followup({{"followup_date", VD(2021, 8, 1 + day)}});
  expect_same(kEveryDay, kEveryDayPlain);  // day 7 missing
  add_followup({{"followup_date", VD(2021, 8, 8)}});
  expect_same(kEveryDay, kEveryDayPlain);  // complete
  EXPECT_EQ(truth(kEveryDay), 1);
  set_row({});  // entry_date null: every day_of is null
  expect_same(kEveryDay, kEveryDayPlain);
}

// Random rows with null, out-of-range, negative and duplicate days, and
// several expressions over them.
TEST_F(VmPrepareTest, RandomRowsMatchThePlainLoop) {
  const std::pair<const char*, const char*> pairs[] = {
      {kEveryDay, kEveryDayPlain},
      {"all(d in -3..70, exists(f in followup, day_of(entry_date, f.followup_date) == d))",
       "all(d in -3..70, exists(f in followup, (day_of(entry_date, f.followup_date) == d) and true))"},
      {"count(d in -3..70, exists(f in followup, day_of(entry_date, f.followup_date) == d)) > 5",
       "count(d in -3..70, exists(f in followup, (day_of(entry_date, f.followup_date) == d) and true)) > 5"},
      {"count(d in 0..80, exists(f in followup, f.temperature == d * 1.0)) >= 2",
       "count(d in 0..80, exists(f in followup, (f.temperature == d * 1.0) and true)) >= 2"},
      {"all(x in screening, exists(y in screening, y.date == x.date))",
       "all(x in screening, exists(y in screening, (y.date == x.date) and true))"},
      {"count(x in followup, exists(y in followup, y.status == x.status)) == len(id_no)",
       "count(x in followup, exists(y in followup, (y.status == x.status) and true)) == len(id_no)"},
  };
  std::mt19937 rng(7);
  const char* statuses[] = {"尚未派案", "無症狀", "有症狀"};
  for (int round = 0; round < 200; ++round) {
    followup_rows.clear();
    screening_rows.clear();
    set_row({{"entry_date", VD(2021, 8, 1)}, {"id_no", VS("abc")}});
    int n = static_cast<int>(rng() % 20);
    for (int k = 0; k < n; ++k) {
      std::map<std::string, Value> f;
      if (rng() % 8 != 0) f["followup_date"] = VD(2021, 7, 25 + static_cast<int>(rng() % 40));
      if (rng() % 4 != 0) {
        double t = static_cast<double>(rng() % 70);
        if (rng() % 3 == 0) t += 0.5;
        if (rng() % 5 == 0) t = -t;
        f["temperature"] = Value::decimal(t);
      }
      if (rng() % 5 != 0) f["status"] = VS(statuses[rng() % 3]);
      add_followup(std::move(f));
    }
    for (int k = static_cast<int>(rng() % 5); k > 0; --k) {
      std::map<std::string, Value> s;
      if (rng() % 4 != 0) s["date"] = VD(2021, 8, 1 + static_cast<int>(rng() % 4));
      add_screening(std::move(s));
    }
    for (auto& [hoisted, plain] : pairs) expect_same(hoisted, plain);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST_F(VmPrepareTest, JumpTargetsSurviveTheRewrites) {
  set_row({{"entry_date", VD(2021, 8, 1)}, {"status", VS("無症狀")}, {"visits", VI(2)}});
  for (int day = 1; day <= 14; ++day) add_followup({{"followup_date", VD(2021, 8, 1 + day)}});
  EXPECT_EQ(truth(std::string("status == \"無症狀\" and ") + kEveryDay + " and visits == 2"), 1);
  EXPECT_EQ(truth(std::string("status != \"無症狀\" or (") + kEveryDay + " and visits == 3)"), 0);
  EXPECT_EQ(integer(std::string("visits > 1 ? count(d in 1..20, exists(f in followup, "
                                "day_of(entry_date, f.followup_date) == d)) : 0")),
            14);
}

}  // namespace
}  // namespace fangyi::expr::testing

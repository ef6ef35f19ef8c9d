// Type checking: every error kind with its exact message in both languages
// and its location, and that one pass reports all independent errors.
#include "expr_test_util.h"

namespace fangyi::expr::testing {
namespace {

using TypecheckTest = ExprTest;

TEST_F(TypecheckTest, WellTypedExpressions) {
  compile_ok("entry_date > 2021-08-01 and not fever");
  compile_ok("temperature >= 37.5 or visits > 3");
  compile_ok("temperature > 37");  // int promotes to decimal
  compile_ok("status == \"有症狀\" or status in [\"無症狀\", \"出境\"]");
  compile_ok("status == note");
  compile_ok("entry_date + 14d > today()");
  compile_ok("left_at - arrived_at <= 24h");
  compile_ok("time(arrived_at) <= deadline(\"followup-entry\")");
  compile_ok("time(arrived_at) in deadline(\"visit-window\")");
  compile_ok("left_at - arrived_at <= deadline(\"report-within\")");
  compile_ok("checked_at in 08:00..12:00");
  compile_ok("entry_date in 2021-08-01..2021-08-31");
  compile_ok("visits in 1..3 and temperature in 36.0..37.5");
  compile_ok("birth == null or note != null");
  compile_ok("(fever ? 1 : 2) == 1");
  compile_ok("count(f in followup) > 0");
  compile_ok("exists(s in screening, s.type == \"PCR\" and s.result == \"陽性\")");
  compile_ok("all(d in 1..14, exists(f in followup, day_of(entry_date, f.date) == d))");
  compile_ok("max(f in followup, f.temperature) < 38.0");
  compile_ok("sum(d in 1..3, d) == 6");
  compile_ok("id_kind(id_no) == \"national\"");
  compile_ok("matches(note, \"[0-9]{4}\")");
  compile_ok("len([1, 2]) == 2");
}

TEST_F(TypecheckTest, ResultTypes) {
  EXPECT_TRUE(compile_ok("entry_date + 1d", T(TypeKind::date)));
  EXPECT_TRUE(compile_ok("min(f in followup, f.date)", T(TypeKind::date)));
  EXPECT_TRUE(compile_ok("status", T(TypeKind::string)));  // an enum is a string
  auto p = compile_ok("count(f in followup, f.fever)", T(TypeKind::int_));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->result.kind, TypeKind::int_);
  EXPECT_EQ(p->source, "count(f in followup, f.fever)");

  Found f = error("entry_date + 1d");
  EXPECT_EQ(f.zh, "運算式的結果應為 bool，卻是 date");
  EXPECT_EQ(f.en, "the expression must produce bool, but it produces date");
  EXPECT_EQ(f.offset, 0u);
  EXPECT_EQ(f.length, 15u);
  EXPECT_EQ(error("visits", T(TypeKind::decimal)).en, "the expression must produce decimal, but it produces int");
}

TEST_F(TypecheckTest, CannotCompare) {
  Found f = error("entry_date > 3");
  EXPECT_EQ(f.zh, "無法比較 date 與 int");
  EXPECT_EQ(f.en, "cannot compare date with int");
  EXPECT_EQ(f.offset, 11u);  // the operator
  EXPECT_EQ(f.length, 1u);
  EXPECT_EQ(error("arrived_at == entry_date").en, "cannot compare datetime with date");
  EXPECT_EQ(error("fever < true").en, "cannot compare bool with bool");
  EXPECT_EQ(error("visits in 08:00..09:00").en, "cannot compare int with time");
  EXPECT_EQ(error("visits in [\"a\"]").en, "cannot compare int with string");
  EXPECT_EQ(error("visits < null").en, "cannot compare int with null");
}

TEST_F(TypecheckTest, EnumLiterals) {
  Found f = error("status == \"出鏡\"");
  EXPECT_EQ(f.zh, "「出鏡」不是「status」的可能值（可用：尚未派案|訪視未遇|無症狀|有症狀|出境）");
  EXPECT_EQ(f.en, "'出鏡' is not a possible value of 'status' (allowed: 尚未派案|訪視未遇|無症狀|有症狀|出境)");
  EXPECT_EQ(f.hint_zh, "您是不是要寫「出境」？");
  EXPECT_EQ(f.offset, 10u);
  EXPECT_EQ(f.length, 8u);
  f = error("\"有症壯\" != status");
  EXPECT_EQ(f.offset, 0u);
  EXPECT_EQ(f.hint_zh, "您是不是要寫「有症狀」？");
  auto e = errors("status in [\"無症狀\", \"出鏡\", \"失聯\"]");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].offset, 24u);
  EXPECT_EQ(e[1].offset, 34u);
  EXPECT_EQ(e[1].hint_zh, "");
  f = error("exists(s in screening, s.type == \"pcr\")");
  EXPECT_EQ(f.en, "'pcr' is not a possible value of 's.type' (allowed: 快篩|PCR)");
  EXPECT_EQ(error("id_kind(id_no) == \"nationa\"").hint_zh, "您是不是要寫「national」？");
}

TEST_F(TypecheckTest, UnknownNames) {
  Found f = error("entry_dat > 2021-01-01");
  EXPECT_EQ(f.zh, "未知的欄位或變數「entry_dat」");
  EXPECT_EQ(f.en, "unknown field or variable 'entry_dat'");
  EXPECT_EQ(f.hint_zh, "您是不是要寫「entry_date」？");
  EXPECT_EQ(f.offset, 0u);
  EXPECT_EQ(f.length, 9u);

  f = error("exists(f in followup, f.stats == \"出境\")");
  EXPECT_EQ(f.zh, "「f」沒有欄位「stats」");
  EXPECT_EQ(f.en, "'f' has no field 'stats'");
  EXPECT_EQ(f.hint_zh, "您是不是要寫「status」？");
  EXPECT_EQ(f.offset, 24u);

  f = error("count(f in folowup) > 0");
  EXPECT_EQ(f.zh, "未知的資料來源「folowup」");
  EXPECT_EQ(f.en, "unknown data source 'folowup'");
  EXPECT_EQ(f.hint_zh, "您是不是要寫「followup」？");
  EXPECT_EQ(f.offset, 11u);

  f = error("day_off(entry_date, birth) > 0");
  EXPECT_EQ(f.zh, "未知的函式「day_off」");
  EXPECT_EQ(f.en, "unknown function 'day_off'");
  EXPECT_EQ(f.hint_zh, "您是不是要寫「day_of」？");

  f = error("time(arrived_at) < deadline(\"followup-entri\")");
  EXPECT_EQ(f.zh, "未知的期限「followup-entri」");
  EXPECT_EQ(f.en, "unknown deadline 'followup-entri'");
  EXPECT_EQ(f.hint_zh, "您是不是要寫「followup-entry」？");
  EXPECT_EQ(f.offset, 28u);

  f = error("followup == 1");
  EXPECT_EQ(f.zh, "「followup」是資料來源，只能用在 count、exists、all、min、max、sum 之中");
  EXPECT_EQ(f.en, "'followup' is a data source; it can only be used in count, exists, all, min, max or sum");

  f = error("exists(f in followup, f)");
  EXPECT_EQ(f.zh, "「f」代表一整筆資料，請寫 f.欄位名稱");
  EXPECT_EQ(f.en, "'f' stands for a whole row; write f.FIELD");

  f = error("visits.x == 1");
  EXPECT_EQ(f.zh, "int 型別的值沒有欄位");
  EXPECT_EQ(f.en, "a int value has no fields");
  EXPECT_EQ(f.offset, 7u);
}

TEST_F(TypecheckTest, Functions) {
  Found f = error("day_of(entry_date) > 1");
  EXPECT_EQ(f.zh, "函式「day_of」需要 2 個參數，卻給了 1 個");
  EXPECT_EQ(f.en, "function 'day_of' takes 2 argument(s) but 1 were given");
  EXPECT_EQ(f.offset, 0u);

  f = error("day_of(entry_date, 3) > 1");
  EXPECT_EQ(f.zh, "函式「day_of」的第 2 個參數應為 date|datetime，卻是 int");
  EXPECT_EQ(f.en, "argument 2 of 'day_of' must be date|datetime, not int");
  EXPECT_EQ(f.offset, 19u);
  EXPECT_EQ(f.length, 1u);

  f = error("matches(note, note)");
  EXPECT_EQ(f.zh, "函式「matches」的第 2 個參數必須是字串常值");
  EXPECT_EQ(f.en, "argument 2 of 'matches' must be a string literal");
  EXPECT_EQ(f.offset, 14u);

  f = error("matches(note, \"[0-9\")");
  EXPECT_EQ(f.zh, "無效的正規表示式（U_REGEX_MISSING_CLOSE_BRACKET）");
  EXPECT_EQ(f.en, "invalid regular expression (U_REGEX_MISSING_CLOSE_BRACKET)");
  EXPECT_EQ(f.offset, 14u);
  EXPECT_EQ(f.length, 6u);

  EXPECT_EQ(error("abs(note) == 1").en, "argument 1 of 'abs' must be int|decimal|duration, not string");
  EXPECT_EQ(error("len(visits) == 1").en, "argument 1 of 'len' must be string|list, not int");
  EXPECT_EQ(error("deadline(note) == 1d").en, "argument 1 of 'deadline' must be a string literal");
  EXPECT_EQ(error("today(1) == today()").en, "function 'today' takes 0 argument(s) but 1 were given");

  f = error("count(followup) > 0");
  EXPECT_EQ(f.zh, "「count」的第一個參數應為「變數 in 資料來源」，例如 count(f in followup, …)");
  EXPECT_EQ(f.en, "the first argument of 'count' must be 'VARIABLE in SOURCE', e.g. count(f in followup, ...)");
  EXPECT_EQ(error("exists(f in followup)").en, "function 'exists' takes 2 argument(s) but 1 were given");
  EXPECT_EQ(error("count(f in followup, f.fever, 1) > 0").en,
            "function 'count' takes 1-2 argument(s) but 3 were given");

  f = error("exists(d in 1.0..3.0, true)");
  EXPECT_EQ(f.zh, "只能走訪資料來源或整數範圍，不能走訪 range<decimal>");
  EXPECT_EQ(f.en, "can only iterate over a data source or an int range, not range<decimal>");
  EXPECT_EQ(error("exists(d in visits, true)").en, "can only iterate over a data source or an int range, not int");

  f = error("sum(f in followup, f.status) == 1");
  EXPECT_EQ(f.zh, "「sum」不能用於 enum(尚未派案|訪視未遇|無症狀|有症狀|出境) 的值");
  EXPECT_EQ(f.en, "'sum' cannot be applied to enum(尚未派案|訪視未遇|無症狀|有症狀|出境) values");
  EXPECT_EQ(error("max(f in followup, f.fever)").en, "'max' cannot be applied to bool values");
}

TEST_F(TypecheckTest, Operators) {
  Found f = error("entry_date + 3 > today()");
  EXPECT_EQ(f.zh, "無法對 date 與 int 使用「+」");
  EXPECT_EQ(f.en, "cannot apply '+' to date and int");
  EXPECT_EQ(f.offset, 11u);
  EXPECT_EQ(error("note * 2 == note").en, "cannot apply '*' to string and int");
  EXPECT_EQ(error("checked_at + 1h == checked_at").en, "cannot apply '+' to time and duration");

  f = error("-note == note");
  EXPECT_EQ(f.zh, "無法對 string 使用「-」");
  EXPECT_EQ(f.en, "cannot apply '-' to string");

  f = error("fever and visits");
  EXPECT_EQ(f.zh, "「and」需要 bool，卻是 int");
  EXPECT_EQ(f.en, "'and' needs a bool, not int");
  EXPECT_EQ(f.offset, 10u);
  EXPECT_EQ(error("not note").en, "'not' needs a bool, not string");
  EXPECT_EQ(error("visits ? true : false").en, "'?:' needs a bool, not int");
  EXPECT_EQ(error("exists(f in followup, f.date)").en, "'exists' needs a bool, not date");

  f = error("(fever ? 1 : \"a\") == 1");
  EXPECT_EQ(f.zh, "條件運算式的兩個分支型別不同：int 與 string");
  EXPECT_EQ(f.en, "the branches of '?:' have different types: int and string");
  EXPECT_EQ(f.offset, 7u);

  f = error("visits in [1, \"a\"]");
  EXPECT_EQ(f.zh, "清單元素的型別不一致：int 與 string");
  EXPECT_EQ(f.en, "list elements have different types: int and string");
  EXPECT_EQ(f.offset, 14u);

  f = error("visits in 1..entry_date");
  EXPECT_EQ(f.zh, "範圍的兩端必須是相同的 int、decimal、date 或 time，卻是 int 與 date");
  EXPECT_EQ(f.en, "range bounds must both be int, decimal, date or time, not int and date");

  f = error("visits in visits");
  EXPECT_EQ(f.zh, "「in」的右邊應為清單或範圍，卻是 int");
  EXPECT_EQ(f.en, "the right side of 'in' must be a list or a range, not int");
  EXPECT_EQ(f.offset, 10u);

  f = error("[1, 2] == visits");
  EXPECT_EQ(f.zh, "list<int> 只能用在「in」的右邊");
  EXPECT_EQ(f.en, "a list<int> can only be used on the right side of 'in'");
  EXPECT_EQ(error("visits == 1..2").en, "a range<int> can only be used on the right side of 'in'");
}

TEST_F(TypecheckTest, ReportsAllErrorsInOnePass) {
  auto e = errors("entry_date > 3 and stauts == \"x\" and day_of(1, birth) > 0 or note < 1");
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0].en, "cannot compare date with int");
  EXPECT_EQ(e[1].en, "unknown field or variable 'stauts'");
  EXPECT_EQ(e[2].en, "argument 1 of 'day_of' must be date, not int");
  EXPECT_EQ(e[3].en, "cannot compare string with int");
}

TEST_F(TypecheckTest, NoCascadeFromAFailedOperand) {
  // One unknown name, not also "cannot compare error with int" etc.
  EXPECT_EQ(errors("(nope + 1) * 2 > 3 and nope2").size(), 2u);
}

TEST_F(TypecheckTest, DeepButLegalNestingTypeChecks) {
  std::string s = "visits";
  for (int i = 0; i < 200; ++i) s = "(" + s + " + 1)";
  compile_ok(s + " > 0");
}

}  // namespace
}  // namespace fangyi::expr::testing

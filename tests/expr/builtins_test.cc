// Each built-in function, and the Taiwanese ID checks.
#include "expr/taiwan_id.h"
#include "expr_test_util.h"

namespace fangyi::expr::testing {
namespace {

class BuiltinsTest : public ExprTest {
 protected:
  BuiltinsTest() {
    set_row({{"entry_date", VD(2021, 8, 20)},
             {"birth", VD(2010, 9, 2)},
             {"note", VS("發燒 38.5 度，已就醫")},
             {"arrived_at", VDT(2021, 8, 22, 9, 15)},
             {"stay", Value::duration(Duration::hours(50))},
             {"visits", VI(-4)},
             {"temperature", Value::decimal(-1.5)}});
  }
};

TEST_F(BuiltinsTest, DayOf) {
  EXPECT_EQ(integer("day_of(entry_date, entry_date)"), 0);
  EXPECT_EQ(integer("day_of(entry_date, 2021-09-03)"), 14);
  EXPECT_EQ(integer("day_of(entry_date, arrived_at)"), 2);
  EXPECT_EQ(integer("day_of(entry_date, 2021-08-19)"), -1);
  EXPECT_EQ(integer("day_of(2000-01-01, 1969-12-31T23:00)"), -10958);  // floors before the epoch
}

TEST_F(BuiltinsTest, DateAndTimeOfDatetime) {
  EXPECT_EQ(eval("date(arrived_at)", T(TypeKind::date)).i, D(2021, 8, 22).days());
  EXPECT_EQ(eval("time(arrived_at)", T(TypeKind::time)).i, 9 * 3600 + 15 * 60);
  EXPECT_EQ(eval("date(1969-12-31T23:00)", T(TypeKind::date)).i, -1);
  EXPECT_EQ(eval("time(1969-12-31T23:00)", T(TypeKind::time)).i, 23 * 3600);
  EXPECT_EQ(truth("time(arrived_at) <= deadline(\"followup-entry\")"), 1);
}

TEST_F(BuiltinsTest, Today) { EXPECT_EQ(eval("today()", T(TypeKind::date)).i, D(2021, 9, 1).days()); }

TEST_F(BuiltinsTest, DaysAndHours) {
  EXPECT_EQ(integer("days(stay)"), 2);
  EXPECT_EQ(integer("hours(stay)"), 50);
  EXPECT_EQ(integer("days(2021-09-01 - entry_date)"), 12);
  EXPECT_EQ(integer("hours(90m)"), 1);
}

TEST_F(BuiltinsTest, Len) {
  EXPECT_EQ(integer("len(note)"), 13);  // code points, not bytes
  EXPECT_EQ(integer("len(\"\")"), 0);
  EXPECT_EQ(integer("len([\"未確認\", \"失聯\"])"), 2);
  EXPECT_EQ(integer("len([])"), 0);
}

TEST_F(BuiltinsTest, Matches) {
  EXPECT_EQ(truth("matches(note, \"發燒.*\")"), 1);
  EXPECT_EQ(truth("matches(note, \"發燒\")"), 0);  // full match
  EXPECT_EQ(truth("matches(note, \".*[0-9]+\\\\.[0-9] 度.*\")"), 1);
  EXPECT_EQ(truth("matches(note, '\\\\p{Han}+ .*')"), 1);
  EXPECT_EQ(truth("matches(\"\", \"\")"), 1);
  set_row({});
  EXPECT_EQ(truth("matches(note, \".*\")"), -1);
}

TEST_F(BuiltinsTest, StringPredicates) {
  EXPECT_EQ(truth("contains(note, \"38.5\")"), 1);
  EXPECT_EQ(truth("contains(note, \"39\")"), 0);
  EXPECT_EQ(truth("starts_with(note, \"發燒\")"), 1);
  EXPECT_EQ(truth("starts_with(note, \"燒\")"), 0);
  EXPECT_EQ(truth("ends_with(note, \"就醫\")"), 1);
  EXPECT_EQ(truth("ends_with(note, \"發燒\")"), 0);
  EXPECT_EQ(truth("contains(note, \"\")"), 1);
}

TEST_F(BuiltinsTest, Has) {
  EXPECT_EQ(truth("has(note)"), 1);
  EXPECT_EQ(truth("has(id_no)"), 0);
  EXPECT_EQ(truth("has(birth) and has(visits)"), 1);
}

TEST_F(BuiltinsTest, Age) {
  EXPECT_EQ(integer("age(birth, 2021-09-01)"), 10);
  EXPECT_EQ(integer("age(birth, 2021-09-02)"), 11);
  EXPECT_EQ(integer("age(2008-02-29, 2021-02-28)"), 12);
  EXPECT_EQ(integer("age(2008-02-29, 2021-03-01)"), 13);
  EXPECT_EQ(integer("age(birth, birth)"), 0);
}

TEST_F(BuiltinsTest, Abs) {
  EXPECT_EQ(integer("abs(visits)"), 4);
  EXPECT_EQ(integer("abs(5)"), 5);
  EXPECT_DOUBLE_EQ(eval("abs(temperature)", T(TypeKind::decimal)).d, 1.5);
  EXPECT_EQ(eval("abs(-stay)", T(TypeKind::duration)).i, 50 * 3600);
  EXPECT_EQ(truth("abs(-9223372036854775807 - 1) > 0"), -1);
}

TEST(TaiwanId, Kinds) {
  EXPECT_EQ(classify_id("A123456789"), IdKind::national);
  EXPECT_EQ(classify_id("a123456789"), IdKind::national);
  EXPECT_EQ(classify_id("A123456788"), IdKind::national);  // shape only
  EXPECT_EQ(classify_id("AC01234567"), IdKind::resident_old);
  EXPECT_EQ(classify_id("A800000014"), IdKind::resident_new);
  EXPECT_EQ(classify_id("A923456789"), IdKind::resident_new);
  EXPECT_EQ(classify_id("123456789012"), IdKind::entry_permit);
  EXPECT_EQ(classify_id("AB1234567890"), IdKind::entry_permit);
  EXPECT_EQ(classify_id("X1234567-usa"), IdKind::passport);
  EXPECT_EQ(classify_id("X1234567-USA"), IdKind::passport);
  EXPECT_EQ(classify_id("A323456789"), IdKind::invalid);
  EXPECT_EQ(classify_id("AE01234567"), IdKind::invalid);
  EXPECT_EQ(classify_id("A12345678"), IdKind::invalid);
  EXPECT_EQ(classify_id("X1234567-us"), IdKind::invalid);
  EXPECT_EQ(classify_id("X1234567-u5a"), IdKind::invalid);
  EXPECT_EQ(classify_id("X12-usa"), IdKind::invalid);
  EXPECT_EQ(classify_id(""), IdKind::invalid);
  EXPECT_EQ(classify_id("A12345678９"), IdKind::invalid);
}

TEST(TaiwanId, Checksums) {
  EXPECT_TRUE(id_is_valid("A123456789"));
  EXPECT_FALSE(id_is_valid("A123456788"));
  EXPECT_TRUE(id_is_valid("a123456789"));
  EXPECT_TRUE(id_is_valid("F131104093"));
  EXPECT_TRUE(id_is_valid("B234567894"));
  EXPECT_FALSE(id_is_valid("B234567890"));
  // The non-alphabetical part of the letter table: I=34, O=35, W=32, Z=33.
  EXPECT_TRUE(id_is_valid("I100000000") == false);
  EXPECT_TRUE(id_is_valid("I100000003"));
  EXPECT_TRUE(id_is_valid("O100000004"));
  EXPECT_TRUE(id_is_valid("W100000001"));
  EXPECT_TRUE(id_is_valid("Z100000002"));
  // Old resident certificate: the second letter counts as its code's last digit.
  EXPECT_TRUE(id_is_valid("AC01234567"));
  EXPECT_FALSE(id_is_valid("AC01234568"));
  EXPECT_TRUE(id_is_valid("FA12345689"));
  // New resident certificate (2021+).
  EXPECT_TRUE(id_is_valid("A800000014"));
  EXPECT_FALSE(id_is_valid("A800000015"));
  EXPECT_TRUE(id_is_valid("A900000007"));
  EXPECT_TRUE(id_is_valid("X1234567-usa"));
  EXPECT_TRUE(id_is_valid("123456789012"));
  EXPECT_FALSE(id_is_valid("not an id"));
}

TEST_F(BuiltinsTest, IdFunctions) {
  set_row({{"id_no", VS("A123456789")}});
  EXPECT_EQ(truth("id_valid(id_no)"), 1);
  EXPECT_EQ(truth("id_kind(id_no) == \"national\""), 1);
  set_row({{"id_no", VS("A123456788")}});
  EXPECT_EQ(truth("id_kind(id_no) == \"national\" and not id_valid(id_no)"), 1);
  set_row({{"id_no", VS("X1234567-usa")}});
  EXPECT_EQ(truth("id_kind(id_no) in [\"passport\", \"entry_permit\"]"), 1);
  set_row({{"id_no", VS("AC01234567")}});
  EXPECT_EQ(truth("id_kind(id_no) == \"resident_old\" and id_valid(id_no)"), 1);
  set_row({{"id_no", VS("???")}});
  EXPECT_EQ(truth("id_kind(id_no) == \"invalid\""), 1);
  set_row({});
  EXPECT_EQ(truth("id_valid(id_no)"), -1);
}

TEST_F(BuiltinsTest, Deadlines) {
  EXPECT_EQ(eval("deadline(\"followup-entry\")", T(TypeKind::time)).i, 17 * 3600);
  EXPECT_EQ(eval("deadline(\"report-within\")", T(TypeKind::duration)).i, 24 * 3600);
  EXPECT_EQ(truth("time(arrived_at) in deadline(\"visit-window\")"), 1);
}

}  // namespace
}  // namespace fangyi::expr::testing

// Formula-injection defence: which cells get the apostrophe and which stay.
#include <gtest/gtest.h>

#include "check/report.h"

namespace fangyi::check {
namespace {

TEST(ReportFormula, NeutralizesEveryFormulaTrigger) {
  EXPECT_EQ(neutralize_formula("=1+1"), "'=1+1");
  EXPECT_EQ(neutralize_formula("=HYPERLINK(\"https://evil.example\")"), "'=HYPERLINK(\"https://evil.example\")");
  EXPECT_EQ(neutralize_formula("+886912345678"), "'+886912345678");
  EXPECT_EQ(neutralize_formula("-2+3"), "'-2+3");
  EXPECT_EQ(neutralize_formula("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(neutralize_formula("\t=1"), "'\t=1");
  EXPECT_EQ(neutralize_formula("\r=1"), "'\r=1");
}

TEST(ReportFormula, NeutralizesFullWidthTriggers) {
  EXPECT_EQ(neutralize_formula("＝1+1"), "'＝1+1");
  EXPECT_EQ(neutralize_formula("＋886"), "'＋886");
  EXPECT_EQ(neutralize_formula("－3"), "'－3");
  EXPECT_EQ(neutralize_formula("＠SUM(A1)"), "'＠SUM(A1)");
}

TEST(ReportFormula, NegativeNumbersAreTextToo) {
  // Every report cell is text, so the conservative choice is deliberate.
  EXPECT_EQ(neutralize_formula("-3"), "'-3");
}

TEST(ReportFormula, LeavesOrdinaryCellsAlone) {
  EXPECT_EQ(neutralize_formula(""), "");
  EXPECT_EQ(neutralize_formula("38.5"), "38.5");
  EXPECT_EQ(neutralize_formula("體溫 = 38.5"), "體溫 = 38.5");
  EXPECT_EQ(neutralize_formula(" =1"), " =1");
  EXPECT_EQ(neutralize_formula("A12****789"), "A12****789");
  EXPECT_EQ(neutralize_formula("'=1"), "'=1");
}

}  // namespace
}  // namespace fangyi::check

// 判定依據: field ids become their headers; literals and numbers stay.
#include "classify/basis.h"

#include <gtest/gtest.h>

namespace fangyi::classify {
namespace {

rules::Dataset dataset() {
  rules::Dataset d;
  rules::DatasetField entry;
  entry.id = "entry_date";
  entry.header = "入境日期";
  rules::DatasetField days;
  days.id = "d";
  days.header = "天數";
  d.fields = {entry, days};
  return d;
}

TEST(PredicateText, FieldsBecomeHeaders) {
  EXPECT_EQ(predicate_text(dataset(), "has(entry_date) and entry_date < 2020-01-26"),
            "has(入境日期) and 入境日期 < 2020-01-26");
}

TEST(PredicateText, LiteralsAndUnitsStay) {
  // "entry_date" in a string and the d of 14d are not fields.
  EXPECT_EQ(predicate_text(dataset(), "\"entry_date\" != 'd' and entry_date + 14d > today() and d > 1"),
            "\"entry_date\" != 'd' and 入境日期 + 14d > today() and 天數 > 1");
}

TEST(PredicateText, WhitespaceRunsBecomeOneSpace) {
  EXPECT_EQ(predicate_text(dataset(), "  has(entry_date)\n  and\tentry_date >= 2020-01-26\n"),
            "has(入境日期) and 入境日期 >= 2020-01-26");
}

TEST(PredicateText, AnUnterminatedStringIsCopied) {
  EXPECT_EQ(predicate_text(dataset(), "entry_date == \"abc\\"), "入境日期 == \"abc\\");
}

}  // namespace
}  // namespace fangyi::classify

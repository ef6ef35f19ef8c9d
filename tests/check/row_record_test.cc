// Kept rows as bytes: every value kind survives the round trip, only the
// projected slots are written, and damaged bytes are refused.
#include <gtest/gtest.h>

#include "check/row_record.h"

namespace fangyi::check {
namespace {

Projection projection() {
  Projection p;
  p.values = {true, false, true, true, true, true, true};
  p.texts = {false, true, false, false, false, false, true};
  p.intern.assign(7, false);
  p.rows = true;
  return p;
}

TEST(RowRecord, RoundTripsEveryKindOfValue) {
  std::vector<expr::Value> values = {expr::Value::string("王大明"), expr::Value::integer(99),
                                     expr::Value::integer(-42),     expr::Value::decimal(37.5),
                                     expr::Value::boolean(true),    expr::Value::date(*Date::from_ymd(2022, 4, 26)),
                                     expr::Value::null()};
  std::vector<std::string_view> texts = {"", "第二欄", "", "", "", "", "最後"};
  std::string bytes;
  encode_record({3, 7, 1234, 5, "A123456789"}, projection(), values, texts, bytes);
  encode_record({3, 8, 1235, 6, ""}, projection(), values, texts, bytes);

  std::vector<Projection> projections(4, projection());
  std::string_view in = bytes;
  RecordHead head;
  std::vector<expr::Value> got;
  std::vector<std::string_view> got_texts;
  ASSERT_TRUE(decode_record(in, projections, head, got, got_texts));
  EXPECT_EQ(head.dataset, 3);
  EXPECT_EQ(head.file, 7u);
  EXPECT_EQ(head.line, 1234u);
  EXPECT_EQ(head.organisation, 5u);
  EXPECT_EQ(head.key, "A123456789");
  EXPECT_EQ(got[0].s, "王大明");
  EXPECT_EQ(got[1].kind, expr::ValueKind::null_) << "not projected";
  EXPECT_EQ(got[2].i, -42);
  EXPECT_EQ(got[3].d, 37.5);
  EXPECT_TRUE(got[4].b);
  EXPECT_EQ(got[5].kind, expr::ValueKind::date);
  EXPECT_EQ(got[5].i, Date::from_ymd(2022, 4, 26)->days());
  EXPECT_EQ(got[6].kind, expr::ValueKind::null_);
  EXPECT_EQ(got_texts[1], "第二欄");
  EXPECT_EQ(got_texts[6], "最後");
  ASSERT_TRUE(decode_record(in, projections, head, got, got_texts));
  EXPECT_EQ(head.line, 1235u);
  EXPECT_EQ(head.key, "");
  EXPECT_TRUE(in.empty());
}

TEST(RowRecord, RefusesTruncatedOrForeignBytes) {
  std::vector<expr::Value> values(7, expr::Value::string("甲"));
  std::vector<std::string_view> texts(7, "乙");
  std::string bytes;
  encode_record({0, 1, 2, 3, "K"}, projection(), values, texts, bytes);
  std::vector<Projection> projections(1, projection());
  RecordHead head;
  std::vector<expr::Value> got;
  std::vector<std::string_view> got_texts;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    std::string_view in(bytes.data(), n);
    EXPECT_FALSE(decode_record(in, projections, head, got, got_texts)) << "cut at " << n;
  }
  std::string other = bytes;
  other[0] = 9;  // no such dataset
  std::string_view in = other;
  EXPECT_FALSE(decode_record(in, projections, head, got, got_texts));
}

}  // namespace
}  // namespace fangyi::check

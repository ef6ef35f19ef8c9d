// Kept rows as bytes: every value kind survives the round trip, only the
// projected slots are written, and damaged bytes are refused.
#include <gtest/gtest.h>

#include "check/row_record.h"
#include "check/row_store.h"

namespace fangyi::check {
namespace {

Projection projection() {
  Projection p;
  for (std::size_t slot : {5, 0, 2, 3, 4, 6, 2}) p.keep_value(slot);
  p.keep_text(6);
  p.keep_text(1);
  p.intern.assign(7, false);
  p.rows = true;
  return p;
}

TEST(RowRecord, ProjectionListsKeptSlotsOnceInOrder) {
  Projection p = projection();
  EXPECT_EQ(p.values, (std::vector<uint32_t>{0, 2, 3, 4, 5, 6}));
  EXPECT_EQ(p.texts, (std::vector<uint32_t>{1, 6}));
}

TEST(RowRecord, RoundTripsEveryKindOfValue) {
  std::vector<expr::Value> values = {expr::Value::string("王大明"), expr::Value::integer(99),
                                     expr::Value::integer(-42),     expr::Value::decimal(37.5),
                                     expr::Value::boolean(true),    expr::Value::date(*Date::from_ymd(2022, 4, 26)),
                                     expr::Value::null()};
  std::vector<std::string_view> texts = {"", "第二欄", "", "", "", "", "最後"};
  const Projection p = projection();
  std::string bytes;
  encode_record({3, 7, 1234, 5, "A123456789"}, p, values.data(), texts.data(), bytes);
  encode_record({3, 8, 1235, 6, ""}, p, values.data(), texts.data(), bytes);

  std::string_view in = bytes;
  RecordHead head;
  std::vector<expr::Value> got(p.values.size());
  std::vector<std::string_view> got_texts(p.texts.size());
  ASSERT_TRUE(decode_head(in, 4, head));
  ASSERT_TRUE(decode_body(in, p, got.data(), got_texts.data()));
  EXPECT_EQ(head.dataset, 3);
  EXPECT_EQ(head.file, 7u);
  EXPECT_EQ(head.line, 1234u);
  EXPECT_EQ(head.organisation, 5u);
  EXPECT_EQ(head.key, "A123456789");
  EXPECT_EQ(got[0].s, "王大明");
  EXPECT_EQ(got[1].i, -42) << "slot 1 is not projected";
  EXPECT_EQ(got[2].d, 37.5);
  EXPECT_TRUE(got[3].b);
  EXPECT_EQ(got[4].kind, expr::ValueKind::date);
  EXPECT_EQ(got[4].i, Date::from_ymd(2022, 4, 26)->days());
  EXPECT_EQ(got[5].kind, expr::ValueKind::null_);
  EXPECT_EQ(got_texts[0], "第二欄");
  EXPECT_EQ(got_texts[1], "最後");
  ASSERT_TRUE(decode_head(in, 4, head));
  ASSERT_TRUE(decode_body(in, p, got.data(), got_texts.data()));
  EXPECT_EQ(head.line, 1235u);
  EXPECT_EQ(head.key, "");
  EXPECT_TRUE(in.empty());
}

TEST(RowRecord, RefusesTruncatedOrForeignBytes) {
  std::vector<expr::Value> values(7, expr::Value::string("甲"));
  std::vector<std::string_view> texts(7, "乙");
  const Projection p = projection();
  std::string bytes;
  encode_record({0, 1, 2, 3, "K"}, p, values.data(), texts.data(), bytes);
  RecordHead head;
  std::vector<expr::Value> got(p.values.size());
  std::vector<std::string_view> got_texts(p.texts.size());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    std::string_view in(bytes.data(), n);
    EXPECT_FALSE(decode_head(in, 1, head) && decode_body(in, p, got.data(), got_texts.data())) << "cut at " << n;
  }
  std::string other = bytes;
  other[0] = 9;  // no such dataset
  std::string_view in = other;
  EXPECT_FALSE(decode_head(in, 1, head));
}

TEST(RowStore, KeepsRowsAsViewsOrOwnCopies) {
  const Projection p = projection();
  std::vector<expr::Value> values = {expr::Value::string("陳"), {}, expr::Value::integer(7), {}, {}, {}, {}};
  std::vector<std::string_view> texts = {"", "乙", "", "", "", "", "丙"};
  for (bool own : {false, true}) {
    std::string bytes;
    encode_record({0, 1, 2, 3, "K"}, p, values.data(), texts.data(), bytes);
    std::string_view in = bytes;
    RecordHead head;
    ASSERT_TRUE(decode_head(in, 1, head));
    DatasetRows rows;
    rows.configure(7, p, own);
    ASSERT_TRUE(rows.add_record(in, {head.file, head.line, head.organisation, 1}));
    EXPECT_TRUE(in.empty());
    bool views_input = rows.value(0, 0).s.data() >= bytes.data() && rows.value(0, 0).s.data() < bytes.data() + bytes.size();
    EXPECT_EQ(views_input, !own);
    bytes.assign(bytes.size(), 'x');  // owned rows do not see this
    if (own) {
      EXPECT_EQ(rows.value(0, 0).s, "陳");
      EXPECT_EQ(rows.text(0, 6), "丙");
    }
    EXPECT_EQ(rows.value(0, 2).i, 7);
    EXPECT_EQ(rows.value(0, 1).kind, expr::ValueKind::null_) << "slot 1 is not kept";
    EXPECT_EQ(rows.meta(0).line, 2u);
  }
}

}  // namespace
}  // namespace fangyi::check

// Cells become typed values by their field's type; a malformed cell is an
// error with a message, never a crash. Personal data masks as documented.
#include <gtest/gtest.h>

#include "check/cells.h"
#include "check/dataset_match.h"
#include "check/mask.h"
#include "expr/opcodes.h"

namespace fangyi::check {
namespace {

rules::DatasetField field(rules::FieldType t) {
  rules::DatasetField f;
  f.id = "x";
  f.header = "欄";
  f.type = t;
  return f;
}

expr::Value convert(const rules::DatasetField& f, std::string_view raw, bool ok = true) {
  static std::string scratch;
  expr::Value v;
  auto err = convert_cell(f, raw, scratch, v);
  EXPECT_EQ(!err, ok) << raw;
  return v;
}

TEST(Cells, DatesInEverySpelling) {
  auto f = field(rules::FieldType::date);
  for (const char* s : {"2021/08/27", "2021-08-27", "110/08/27", "民國110年8月27日", "2021/08/27 14:00"})
    EXPECT_EQ(format_date(Date::from_days(static_cast<int32_t>(convert(f, s).i))), "2021-08-27") << s;
  convert(f, "2021/02/30", false);
  f.date_formats = kDateRoc;
  convert(f, "2021-08-27", false);
}

TEST(Cells, DatetimeTimeIntDecimal) {
  auto dt = convert(field(rules::FieldType::datetime), "2021/08/27 14:00");
  EXPECT_EQ(dt.kind, expr::ValueKind::datetime);
  EXPECT_EQ(dt.i % 86400, 14 * 3600);
  EXPECT_EQ(convert(field(rules::FieldType::datetime), "2021/08/27").i % 86400, 0);
  EXPECT_EQ(convert(field(rules::FieldType::time), "08:30").i, 8 * 3600 + 30 * 60);
  EXPECT_EQ(convert(field(rules::FieldType::int_), "14").i, 14);
  convert(field(rules::FieldType::int_), "14天", false);
  EXPECT_DOUBLE_EQ(convert(field(rules::FieldType::decimal), "38.5").d, 38.5);
  EXPECT_DOUBLE_EQ(convert(field(rules::FieldType::decimal), "37.2°C").d, 37.2);
  convert(field(rules::FieldType::decimal), "高燒", false);
}

TEST(Cells, EnumsBoolsListsAndEmpty) {
  auto e = field(rules::FieldType::enum_);
  e.values = {"未確認", "已確認", "失聯"};
  EXPECT_EQ(convert(e, "失聯").s, "失聯");
  std::string scratch;
  expr::Value v;
  auto err = convert_cell(e, "失連", scratch, v);
  ASSERT_TRUE(err);
  EXPECT_EQ(format_message(err->message, Lang::zh_TW, err->args), "「欄」欄的「失連」不是可用的值（可用：未確認、已確認、失聯）");
  auto b = field(rules::FieldType::bool_);
  b.true_values = {"是", "V"};
  b.false_values = {"否"};
  EXPECT_TRUE(convert(b, "V").b);
  EXPECT_FALSE(convert(b, "否").b);
  convert(b, "也許", false);
  auto l = field(rules::FieldType::list);
  l.separator = "、";
  EXPECT_EQ(convert(l, "湖北省、 廣東省").s, std::string("湖北省") + expr::kListSeparator + "廣東省");
  EXPECT_EQ(convert(e, "").kind, expr::ValueKind::null_);
}

TEST(Mask, IdsPhonesNames) {
  EXPECT_EQ(mask_personal("A123456789"), "A12****789");
  EXPECT_EQ(mask_personal("0912345678"), "091****678");
  EXPECT_EQ(mask_personal("王大明"), "王○明");
  EXPECT_EQ(mask_personal("歐陽小明"), "歐○○明");
  EXPECT_EQ(mask_personal("林一"), "林○");
  EXPECT_EQ(mask_personal(""), "");
}

TEST(DatasetMatch, PicksTheDatasetByHeadersAndListsMissingColumns) {
  rules::RuleSet rs;
  rules::Dataset a;
  a.header.id = "case-list";
  a.header.name = "個案清單";
  a.fields = {field(rules::FieldType::string), field(rules::FieldType::date)};
  a.fields[0].id = "id_number";
  a.fields[0].header = "證號";
  a.fields[0].required = true;
  a.fields[1].id = "entry_date";
  a.fields[1].header = "入境日期";
  a.fields[1].aliases = {"抵臺日期"};
  rules::Dataset b = a;
  b.header.id = "other";
  b.fields[1].header = "其他";
  b.fields[1].aliases = {};
  rs.datasets = {a, b};
  Diagnostics diags;
  auto m = match_dataset(rs, {"\xEF\xBB\xBF證號", " 抵臺日期\xE3\x80\x80", "備註"}, "f.csv", diags);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->dataset->header.id, "case-list");
  EXPECT_EQ(m->column_of_field, (std::vector<int>{0, 1}));
  EXPECT_EQ(m->unexpected, std::vector<std::string>{"備註"});
  EXPECT_FALSE(match_dataset(rs, {"入境日期", "備註"}, "g.csv", diags));
  EXPECT_EQ(render_all(diags, SourceMap{}, Lang::zh_TW),
            "g.csv:1: 錯誤：檔案最接近資料集「case-list」（個案清單），但缺少必要欄位：證號；無法對應的欄位：備註\n");
}

// The date memo and the plain date-time shortcut give what the full parsers
// give, for every spelling, twice over (the second time from memory), and
// with the field's formats as part of what is remembered.
TEST(Cells, DateMemoMatchesTheFullParse) {
  const char* cells[] = {"2021/08/27", "2021-08-27", "2021/8/7", "110/08/27", "110.08.27", "民國110年8月27日",
                         "２０２１/０８/２７", "2021/08/32", "2021/02/29", "2020/02/29", "21/08/27", "2021/08/27x",
                         "2021/08/27 14:00", "2021/08/27 9:05", "2021/08/27 09:05:59", "2021/08/27 24:10:00", "2021/1/1", "2021-8-07", "2021-08-7", "2021/001/1", "2021//08",
                         "0000/01/01", "2021-02-29", "2021/8/7 9:05", "9999/12/31", "1/1/1",
                         "2021/08/27 14:60", "2021/08/27 14:0", "2021/08/27 123:00", "2021/08/27 14:00:5",
                         "2021/08/27T14:00", "2021-08-27T14:00:00", "2021/08/27  14:00", "110/08/27 14:00",
                         "2021/08/27 １４:００", "2021/13/01 10:00", "14:00", "x y", "2021/08/27 14:00 ", "0/0/0 0:00"};
  DateMemo memo;
  for (rules::FieldType t : {rules::FieldType::date, rules::FieldType::datetime}) {
    for (unsigned formats : {unsigned(kDateAll), unsigned(kDateRoc), unsigned(kDateIso)}) {
      auto f = field(t);
      f.date_formats = formats;
      for (int round = 0; round < 2; ++round) {
        for (const char* raw : cells) {
          std::string s1, s2;
          expr::Value plain, quick;
          auto e1 = convert_cell(f, raw, s1, plain);
          auto e2 = convert_cell(f, raw, s2, memo, quick);
          ASSERT_EQ(!e1, !e2) << raw << " formats " << formats;
          if (e1) {
            EXPECT_EQ(e1->message, e2->message) << raw;
          }
          EXPECT_EQ(plain.kind, quick.kind) << raw;
          EXPECT_EQ(plain.i, quick.i) << raw << " formats " << formats;
        }
      }
    }
  }
}

// A dataset's RowConverter gives, field by field, what convert_cell gives:
// the same kind and value, the same error, for words in and out of the
// lists (a word in both yes and no lists is yes, as convert_cell finds it
// first), lists with many values, and every other type through its fallback.
TEST(Cells, RowConverterMatchesConvertCell) {
  rules::Dataset d;
  auto e = field(rules::FieldType::enum_);
  e.values = {"未確認", "已確認", "僅部分確認", "失聯", "已結案"};
  auto many = field(rules::FieldType::enum_);
  for (int i = 0; i < 300; ++i) many.values.push_back("值" + std::to_string(i));
  auto b = field(rules::FieldType::bool_);
  b.true_values = {"是", "V", "v", "✓", "1", "否"};
  b.false_values = {"否", "", "N", "0"};
  auto l = field(rules::FieldType::list);
  d.fields = {e, many, b, l, field(rules::FieldType::string), field(rules::FieldType::id_number),
              field(rules::FieldType::phone), field(rules::FieldType::int_), field(rules::FieldType::decimal),
              field(rules::FieldType::date), field(rules::FieldType::datetime), field(rules::FieldType::time)};
  const char* cells[] = {"", "未確認", "已確認", "失聯", "已結", "已結案 ", "值0", "值299", "值300", "是", "否", "V",
                         "v", "N", "0", "1", "✓", "也許", "甲、乙、 丙", "A123456789", "0912345678", "14", "14天",
                         "37.5°C", "高燒", "2021/08/27", "110/08/27", "2021/08/27 14:00", "2021/08/32", "08:30",
                         "25:00", "x"};
  RowConverter converter(d);
  for (int round = 0; round < 2; ++round) {
    for (std::size_t slot = 0; slot < d.fields.size(); ++slot) {
      for (const char* raw : cells) {
        std::string scratch;
        expr::Value want, got;
        auto e1 = convert_cell(d.fields[slot], raw, scratch, want);
        auto e2 = converter.convert(slot, raw, got);
        ASSERT_EQ(!e1, !e2) << "slot " << slot << " " << raw;
        if (e1) {
          EXPECT_EQ(e1->message, e2->message) << raw;
          EXPECT_EQ(e1->args, e2->args) << raw;
        }
        ASSERT_EQ(want.kind, got.kind) << "slot " << slot << " " << raw;
        // The code: 0 for null; for other fields whether has() holds.
        const bool has = want.kind == expr::ValueKind::string ? !want.s.empty() : want.kind != expr::ValueKind::null_;
        EXPECT_EQ(converter.codes()[slot] != 0, has) << "slot " << slot << " " << raw;
        if (converter.code_count(slot) == 0) {
          EXPECT_LE(converter.codes()[slot], 1) << raw;
        }
        if (want.kind == expr::ValueKind::string) EXPECT_EQ(want.s, got.s) << raw;
        else if (want.kind == expr::ValueKind::decimal) EXPECT_EQ(want.d, got.d) << raw;
        else EXPECT_EQ(want.i, got.i) << "slot " << slot << " " << raw;
      }
    }
  }
}

}  // namespace
}  // namespace fangyi::check

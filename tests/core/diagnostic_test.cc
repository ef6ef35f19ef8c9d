// Tests for diagnostics: the exact rendered text in both languages, caret
// placement after CJK text, spans, hints, file-level diagnostics and sorting.
#include "core/diagnostic.h"

#include <gtest/gtest.h>

#include <string>

namespace fangyi {
namespace {

SourceLocation at(std::string file, int line, int column = 0, int span = 1) {
  return SourceLocation{std::move(file), line, column, span};
}

class RenderTest : public testing::Test {
 protected:
  RenderTest() {
    sources.add("rules/scheme.yaml",
                "name: 停課標準\n"
                "  開始日期: 110/13/01\n"
                "    phses:\n"
                "\tfromm: x\n"
                "line 5\n"
                "line 6\n"
                "line 7\n"
                "line 8\n"
                "line 9\n"
                "line 10\n"
                "line 11\n"
                "  until: 24:00\r\n");
  }
  SourceMap sources;
};

TEST_F(RenderTest, TypoWithHintInChinese) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 3, 5, 5), Msg::date_invalid, {"phses"}, {}, {}};
  suggest(d, "phases");
  EXPECT_EQ(render(d, sources, Lang::zh_TW),
            "rules/scheme.yaml:3:5: 錯誤：「phses」不是有效的日期\n"
            " 3 |     phses:\n"
            "   |     ^~~~~\n"
            "  提示：您是不是要寫「phases」？\n");
}

TEST_F(RenderTest, TypoWithHintInEnglish) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 3, 5, 5), Msg::date_invalid, {"phses"}, {}, {}};
  suggest(d, "phases");
  EXPECT_EQ(render(d, sources, Lang::en),
            "rules/scheme.yaml:3:5: error: 'phses' is not a valid date\n"
            " 3 |     phses:\n"
            "   |     ^~~~~\n"
            "  hint: did you mean 'phases'?\n");
}

TEST_F(RenderTest, CaretAfterCjkPadsTwoCellsPerCharacter) {
  // Column 9 is the '1' after "  開始日期: ": 2 + 4×2 + 1 + 1 = 12 cells.
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 2, 9, 9), Msg::date_invalid, {"110/13/01"}, {}, {}};
  EXPECT_EQ(render(d, sources, Lang::zh_TW),
            "rules/scheme.yaml:2:9: 錯誤：「110/13/01」不是有效的日期\n"
            " 2 |   開始日期: 110/13/01\n"
            "   |             ^~~~~~~~~\n");
}

TEST_F(RenderTest, SpanOverCjkUnderlinesTheirWidth) {
  Diagnostic d{Severity::warning, at("rules/scheme.yaml", 2, 3, 4), Msg::date_invalid, {"開始日期"}, {}, {}};
  EXPECT_EQ(render(d, sources, Lang::en),
            "rules/scheme.yaml:2:3: warning: '開始日期' is not a valid date\n"
            " 2 |   開始日期: 110/13/01\n"
            "   |   ^~~~~~~~\n");
}

TEST_F(RenderTest, CaretUnderCjkCharacterItself) {
  Diagnostic d{Severity::note, at("rules/scheme.yaml", 1, 7), Msg::date_invalid, {"停"}, {}, {}};
  EXPECT_EQ(render(d, sources, Lang::zh_TW),
            "rules/scheme.yaml:1:7: 附註：「停」不是有效的日期\n"
            " 1 | name: 停課標準\n"
            "   |       ^~\n");
}

TEST_F(RenderTest, TabsStayTabsInThePadding) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 4, 2, 5), Msg::date_invalid, {"fromm"}, {}, {}};
  suggest(d, "from");
  EXPECT_EQ(render(d, sources, Lang::en),
            "rules/scheme.yaml:4:2: error: 'fromm' is not a valid date\n"
            " 4 | \tfromm: x\n"
            "   | \t^~~~~\n"
            "  hint: did you mean 'from'?\n");
}

TEST_F(RenderTest, WideLineNumbersWidenTheGutter) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 12, 10, 5), Msg::time_invalid, {"24:00"}, {}, {}};
  EXPECT_EQ(render(d, sources, Lang::zh_TW),
            "rules/scheme.yaml:12:10: 錯誤：「24:00」不是有效的時間（應為 HH:MM）\n"
            " 12 |   until: 24:00\n"  // the CR of the CRLF line is gone
            "    |          ^~~~~\n");
}

TEST_F(RenderTest, SpanPastTheEndOfTheLineStops) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 5, 6, 40), Msg::date_invalid, {"5"}, {}, {}};
  EXPECT_EQ(render(d, sources, Lang::en),
            "rules/scheme.yaml:5:6: error: '5' is not a valid date\n"
            " 5 | line 5\n"
            "   |      ^\n");
}

TEST_F(RenderTest, ColumnAfterTheEndGetsOneCaret) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 5, 7, 3), Msg::date_invalid, {""}, {}, {}};
  EXPECT_EQ(render(d, sources, Lang::en),
            "rules/scheme.yaml:5:7: error: '' is not a valid date\n"
            " 5 | line 5\n"
            "   |       ^\n");
}

TEST_F(RenderTest, ZeroSpanStillGetsACaret) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 5, 1, 0), Msg::date_invalid, {"line"}, {}, {}};
  EXPECT_EQ(render(d, sources, Lang::en),
            "rules/scheme.yaml:5:1: error: 'line' is not a valid date\n"
            " 5 | line 5\n"
            "   | ^\n");
}

TEST_F(RenderTest, LineWithoutColumnQuotesTheLineOnly) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 3), Msg::date_invalid, {"phses"}, {}, {}};
  EXPECT_EQ(render(d, sources, Lang::en),
            "rules/scheme.yaml:3: error: 'phses' is not a valid date\n"
            " 3 |     phses:\n");
}

TEST_F(RenderTest, WithoutLine) {
  Diagnostic d{Severity::error, at("rules/scheme.yaml", 0), Msg::io_cannot_read, {"rules/scheme.yaml", "權限不足"},
               {}, {}};
  EXPECT_EQ(render(d, sources, Lang::zh_TW), "rules/scheme.yaml: 錯誤：無法讀取檔案「rules/scheme.yaml」：權限不足\n");
  EXPECT_EQ(render(d, sources, Lang::en),
            "rules/scheme.yaml: error: cannot read 'rules/scheme.yaml': 權限不足\n");
}

TEST_F(RenderTest, WithoutFile) {
  Diagnostic d{Severity::error, {}, Msg::summary_errors, {"3"}, Msg::date_formats_hint, {}};
  EXPECT_EQ(render(d, sources, Lang::zh_TW),
            "錯誤：共 3 個錯誤\n"
            "  提示：可用格式：2021-08-27、2021/08/27、110/08/27、民國110年8月27日\n");
  EXPECT_EQ(render(d, sources, Lang::en),
            "error: 3 error(s)\n"
            "  hint: accepted formats: 2021-08-27, 2021/08/27, 110/08/27, 民國110年8月27日\n");
}

TEST_F(RenderTest, UnknownFileOrLineQuotesNothing) {
  Diagnostic other{Severity::error, at("other.yaml", 2, 3), Msg::date_invalid, {"x"}, {}, {}};
  EXPECT_EQ(render(other, sources, Lang::en), "other.yaml:2:3: error: 'x' is not a valid date\n");
  Diagnostic past{Severity::error, at("rules/scheme.yaml", 99, 1), Msg::date_invalid, {"x"}, {}, {}};
  EXPECT_EQ(render(past, sources, Lang::en), "rules/scheme.yaml:99:1: error: 'x' is not a valid date\n");
}

TEST(Suggest, OnlyWhenThereIsAWord) {
  Diagnostic d;
  suggest(d, "");
  EXPECT_FALSE(d.hint.has_value());
  suggest(d, "phases");
  ASSERT_TRUE(d.hint.has_value());
  EXPECT_EQ(*d.hint, Msg::did_you_mean);
  EXPECT_EQ(d.hint_args, std::vector<std::string>{"phases"});
}

TEST(SourceMap, Lines) {
  SourceMap sources;
  sources.add("a.yaml", "one\r\ntwo\n\nfour");
  EXPECT_EQ(sources.line("a.yaml", 1), "one");
  EXPECT_EQ(sources.line("a.yaml", 2), "two");
  EXPECT_EQ(sources.line("a.yaml", 3), "");
  EXPECT_EQ(sources.line("a.yaml", 4), "four");
  EXPECT_EQ(sources.line("a.yaml", 5), "");
  EXPECT_EQ(sources.line("a.yaml", 0), "");
  EXPECT_EQ(sources.line("b.yaml", 1), "");
  ASSERT_NE(sources.text("a.yaml"), nullptr);
  EXPECT_EQ(*sources.text("a.yaml"), "one\r\ntwo\n\nfour");
  EXPECT_EQ(sources.text("b.yaml"), nullptr);
  sources.add("a.yaml", "replaced");
  EXPECT_EQ(sources.line("a.yaml", 1), "replaced");
}

TEST(Diagnostics, CountsErrorsNotWarnings) {
  Diagnostics ds;
  EXPECT_TRUE(ds.empty());
  EXPECT_FALSE(ds.has_errors());
  ds.warning(at("a.yaml", 1, 1), Msg::date_invalid, {"x"});
  EXPECT_FALSE(ds.empty());
  EXPECT_FALSE(ds.has_errors());
  ds.error(at("a.yaml", 2, 1), Msg::date_invalid, {"y"});
  ds.add(Diagnostic{Severity::note, at("a.yaml", 3), Msg::date_invalid, {"z"}, {}, {}});
  EXPECT_TRUE(ds.has_errors());
  EXPECT_EQ(ds.error_count(), 1u);
  EXPECT_EQ(ds.items().size(), 3u);
  EXPECT_EQ(ds.items()[1].args, std::vector<std::string>{"y"});
}

TEST(Diagnostics, AddReturnsTheStoredDiagnostic) {
  Diagnostics ds;
  suggest(ds.error(at("a.yaml", 1, 1), Msg::date_invalid, {"phses"}), "phases");
  ASSERT_TRUE(ds.items()[0].hint.has_value());
  EXPECT_EQ(ds.items()[0].hint_args, std::vector<std::string>{"phases"});
}

TEST(Diagnostics, AppendKeepsOrder) {
  Diagnostics a, b;
  a.error(at("a.yaml", 1), Msg::date_invalid, {"1"});
  b.error(at("b.yaml", 1), Msg::date_invalid, {"2"});
  b.warning(at("b.yaml", 2), Msg::date_invalid, {"3"});
  a.append(b);
  ASSERT_EQ(a.items().size(), 3u);
  EXPECT_EQ(a.items()[0].args[0], "1");
  EXPECT_EQ(a.items()[1].args[0], "2");
  EXPECT_EQ(a.items()[2].args[0], "3");
  EXPECT_EQ(a.error_count(), 2u);
}

TEST(Diagnostics, SortByFileLineColumnThenInsertion) {
  Diagnostics ds;
  ds.error(at("b.yaml", 1, 1), Msg::date_invalid, {"b1"});
  ds.error(at("a.yaml", 10, 2), Msg::date_invalid, {"a10:2"});
  ds.error(at("a.yaml", 2, 5), Msg::date_invalid, {"a2:5 first"});
  ds.error(at("a.yaml", 10, 1), Msg::date_invalid, {"a10:1"});
  ds.warning(at("a.yaml", 2, 5), Msg::date_invalid, {"a2:5 second"});
  ds.error(at("a.yaml", 0), Msg::date_invalid, {"a whole file"});
  ds.error(at("", 0), Msg::date_invalid, {"no file"});
  ds.sort();
  std::vector<std::string> order;
  for (const auto& d : ds.items()) order.push_back(d.args[0]);
  EXPECT_EQ(order, (std::vector<std::string>{"no file", "a whole file", "a2:5 first", "a2:5 second", "a10:1",
                                             "a10:2", "b1"}));
}

TEST(Diagnostics, SortKeepsANoteAfterItsDiagnostic) {
  Diagnostics ds;
  ds.error(at("a.yaml", 10, 5), Msg::date_invalid, {"duplicate"});
  ds.add(Diagnostic{Severity::note, at("a.yaml", 3, 5), Msg::date_invalid, {"first defined"}, std::nullopt, {}});
  ds.error(at("a.yaml", 5, 1), Msg::date_invalid, {"between"});
  ds.sort();
  std::vector<std::string> order;
  for (const auto& d : ds.items()) order.push_back(d.args[0]);
  EXPECT_EQ(order, (std::vector<std::string>{"between", "duplicate", "first defined"}));
}

TEST(Diagnostics, RenderAllConcatenatesInOrder) {
  SourceMap sources;
  sources.add("a.yaml", "x: 1\n");
  Diagnostics ds;
  ds.error(at("a.yaml", 1, 4), Msg::date_invalid, {"1"});
  ds.warning(at("b.yaml", 0), Msg::date_invalid, {"2"});
  EXPECT_EQ(render_all(ds, sources, Lang::en),
            "a.yaml:1:4: error: '1' is not a valid date\n"
            " 1 | x: 1\n"
            "   |    ^\n"
            "b.yaml: warning: '2' is not a valid date\n");
  EXPECT_EQ(render_all(Diagnostics{}, sources, Lang::en), "");
}

}  // namespace
}  // namespace fangyi

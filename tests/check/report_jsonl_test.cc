// JSON Lines report: one object per finding, fixed key order, exact text.
#include <gtest/gtest.h>

#include "check/report.h"
#include "check/report_sample.h"
#include "core/text.h"

namespace fangyi::check {
namespace {

TEST(ReportJsonl, OneObjectPerFindingWithStableKeys) {
  std::vector<std::string> lines = split_lines(render_jsonl(testing::sample_report()));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0],
            R"j({"file":"export.csv","line":0,"column":"","rule":"input.file","severity":"error",)j"
            R"j("message":"無法對應任何資料集","value":"","organisation":"","case":""})j");
  EXPECT_EQ(lines[1],
            R"j({"file":"健康追蹤.csv","line":5,"column":"姓名","rule":"temperature.missing","severity":"error",)j"
            R"j("message":"<script>alert(1)</script>","value":"<script>alert(1)</script>",)j"
            R"j("organisation":"新北市立板橋國中","case":"C1*****01"})j");
  EXPECT_EQ(lines[2],
            R"j({"file":"健康追蹤.csv","line":7,"column":"備註","rule":"contact.phone","severity":"warning",)j"
            R"j("message":"備註含換行","value":"第一行\n第二行","organisation":"新北市立板橋國中","case":""})j");
  EXPECT_EQ(lines[3],
            R"j({"file":"健康追蹤.csv","line":12,"column":"體溫","rule":"fever.report_24h","severity":"serious",)j"
            R"j("message":"體溫 38.5 度，未於 24 小時內通報","value":"38.5","organisation":"臺北市立建國中學",)j"
            R"j("case":"A12****789"})j");
  EXPECT_EQ(lines[4],
            R"j({"file":"健康追蹤.csv","line":13,"column":"備註","rule":"temperature.missing","severity":"error",)j"
            R"j("message":"第 3 天晚上未記錄體溫","value":"=HYPERLINK(\"https://evil.example/\",\"點我\")",)j"
            R"j("organisation":"臺北市立建國中學","case":"A12****789"})j");
  EXPECT_EQ(lines[5],
            R"j({"file":"健康追蹤.csv","line":20,"column":"聯絡電話","rule":"contact.phone","severity":"warning",)j"
            R"j("message":"電話格式不符","value":"\"quoted, with comma\"","organisation":"臺北市立建國中學",)j"
            R"j("case":"B23****456"})j");
}

TEST(ReportJsonl, EveryLineEndsInNewlineAndNoFindingsIsEmpty) {
  std::string out = render_jsonl(testing::sample_report());
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 6);
  EXPECT_EQ(render_jsonl(Report{}), "");
}

TEST(ReportJsonl, BrokenUtf8BecomesReplacementCharacters) {
  Report r;
  r.findings.push_back({"a.csv", 2, "x", "r", rules::CheckSeverity::info, "m", "\xB0\xAA\xff", "", ""});
  std::string out = render_jsonl(r);
  EXPECT_TRUE(is_valid_utf8(out));
  EXPECT_NE(out.find(R"j("value":"���")j"), std::string::npos) << out;
}

}  // namespace
}  // namespace fangyi::check

// CSV report: BOM, headers in the reader's language, RFC 4180 quoting, CRLF,
// and formula neutralisation of every cell.
#include <gtest/gtest.h>

#include "check/report.h"
#include "check/report_sample.h"

namespace fangyi::check {
namespace {

std::vector<std::string> rows(const std::string& csv) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = csv.find("\r\n", start)) != std::string::npos; start = end + 2) {
    out.push_back(csv.substr(start, end - start));
  }
  EXPECT_EQ(start, csv.size()) << "the last row ends in CRLF";
  return out;
}

TEST(ReportCsv, StartsWithBomAndHeaderInTheReadersLanguage) {
  std::string zh = render_csv(testing::sample_report(), Lang::zh_TW);
  ASSERT_TRUE(zh.starts_with("\xEF\xBB\xBF"));
  EXPECT_EQ(rows(zh.substr(3))[0], "檔案,列號,欄位,規則,嚴重程度,說明,欄位值,學校,個案");
  std::string en = render_csv(testing::sample_report(), Lang::en);
  ASSERT_TRUE(en.starts_with("\xEF\xBB\xBF"));
  EXPECT_EQ(rows(en.substr(3))[0], "File,Line,Column,Rule,Severity,Message,Value,School,Case");
}

TEST(ReportCsv, OneRowPerFindingQuotedAndNeutralized) {
  std::string csv = render_csv(testing::sample_report(), Lang::zh_TW).substr(3);
  // A cell with a newline stays one CSV record: split on CRLF, not LF.
  std::vector<std::string> r = rows(csv);
  ASSERT_EQ(r.size(), 7u);
  EXPECT_EQ(r[1], "export.csv,,,input.file,錯誤,無法對應任何資料集,,,");
  EXPECT_EQ(r[2],
            "健康追蹤.csv,5,姓名,temperature.missing,錯誤,<script>alert(1)</script>,<script>alert(1)</script>,"
            "新北市立板橋國中,C1*****01");
  EXPECT_EQ(r[3], "健康追蹤.csv,7,備註,contact.phone,警告,備註含換行,\"第一行\n第二行\",新北市立板橋國中,");
  EXPECT_EQ(r[4],
            "健康追蹤.csv,12,體溫,fever.report_24h,嚴重,體溫 38.5 度，未於 24 小時內通報,38.5,"
            "臺北市立建國中學,A12****789");
  EXPECT_EQ(r[5],
            "健康追蹤.csv,13,備註,temperature.missing,錯誤,第 3 天晚上未記錄體溫,"
            "\"'=HYPERLINK(\"\"https://evil.example/\"\",\"\"點我\"\")\",臺北市立建國中學,A12****789");
  EXPECT_EQ(r[6],
            "健康追蹤.csv,20,聯絡電話,contact.phone,警告,電話格式不符,\"\"\"quoted, with comma\"\"\","
            "臺北市立建國中學,B23****456");
}

TEST(ReportCsv, NeutralizesEveryColumnNotOnlyValues) {
  Report r;
  r.findings.push_back({"=cmd.csv", 3, "+col", "@rule", rules::CheckSeverity::error, "-msg", "＝1", "=org", "+case"});
  std::vector<std::string> lines = rows(render_csv(r, Lang::en).substr(3));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "'=cmd.csv,3,'+col,'@rule,error,'-msg,'＝1,'=org,'+case");
}

TEST(ReportCsv, NoFindingsIsTheHeaderAlone) {
  EXPECT_EQ(rows(render_csv(Report{}, Lang::en).substr(3)).size(), 1u);
}

}  // namespace
}  // namespace fangyi::check

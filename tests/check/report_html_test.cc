// HTML report: one self-contained, escaped file with summary cards, two SVG
// bar charts and the findings grouped by school.
#include <gtest/gtest.h>

#include "check/report.h"
#include "check/report_sample.h"
#include "core/text.h"

namespace fangyi::check {
namespace {

std::size_t count(const std::string& haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(ReportHtml, EscapesEveryPieceOfData) {
  std::string html = render_html(testing::sample_report(), Lang::zh_TW);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("alert(1)</"), std::string::npos);
  // Message and value of the one hostile finding.
  EXPECT_EQ(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;"), 2u);
  EXPECT_NE(html.find("=HYPERLINK(&quot;https://evil.example/&quot;,&quot;點我&quot;)"), std::string::npos);
  EXPECT_NE(html.find("&quot;quoted, with comma&quot;"), std::string::npos);
  EXPECT_NE(html.find("第一行\n第二行"), std::string::npos) << "shown on two lines (white-space: pre-wrap)";
}

TEST(ReportHtml, EscapesRulesSchoolsAndInputsToo) {
  Report r;
  r.generated_by = "fangyi \"<b>";
  r.inputs.push_back({"<i>.csv", "<ds>", "<enc>", 1});
  r.rules["<r>"] = {"<r>", "<name>", "<cite>", rules::CheckSeverity::error};
  r.findings.push_back({"<f>", 1, "<c>", "<r>", rules::CheckSeverity::error, "m", "v", "<school>", "<case>"});
  std::string html = render_html(r, Lang::en);
  for (std::string_view raw : {"<i>", "<ds>", "<enc>", "<r>", "<name>", "<f>", "<c>", "<school>", "<case>", "<b>"}) {
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(html.find("&lt;school&gt;"), std::string::npos);
}

TEST(ReportHtml, IsSelfContained) {
  std::string html = render_html(testing::sample_report(), Lang::zh_TW);
  // The only URL in the file is the hostile cell, shown as text.
  std::string escaped_cell = "=HYPERLINK(&quot;https://evil.example/&quot;,&quot;點我&quot;)";
  for (std::size_t at; (at = html.find(escaped_cell)) != std::string::npos;) html.erase(at, escaped_cell.size());
  for (std::string_view ref : {"http://", "https://", "src=", "href=", "url(", "@import", "<link", "<script"}) {
    EXPECT_EQ(html.find(ref), std::string::npos) << ref;
  }
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""),
            std::string::npos);
  EXPECT_TRUE(is_valid_utf8(html));
}

TEST(ReportHtml, LanguageAttributeAndStructure) {
  std::string zh = render_html(testing::sample_report(), Lang::zh_TW);
  EXPECT_TRUE(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"));
  EXPECT_NE(zh.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(zh.find("<title>防疫檢查報告</title>"), std::string::npos);
  EXPECT_NE(zh.find("@media print"), std::string::npos);
  EXPECT_TRUE(zh.ends_with("</html>\n"));
  std::string en = render_html(testing::sample_report(), Lang::en);
  EXPECT_TRUE(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_NE(en.find("<title>Epidemic-prevention check report</title>"), std::string::npos);
}

TEST(ReportHtml, SummaryCardsCountBySeverity) {
  std::string html = render_html(testing::sample_report(), Lang::zh_TW);
  EXPECT_NE(html.find("<div class=\"card sev-serious\"><span class=\"n\">1</span>嚴重</div>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"card sev-error\"><span class=\"n\">3</span>錯誤</div>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"card sev-warning\"><span class=\"n\">2</span>警告</div>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"card sev-info\"><span class=\"n\">0</span>提醒</div>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"card\"><span class=\"n\">6</span>合計</div>"), std::string::npos);
}

TEST(ReportHtml, ChartsPerRuleAndPerSchoolSortedByCount) {
  std::string html = render_html(testing::sample_report(), Lang::zh_TW);
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 2u);
  EXPECT_NE(html.find("aria-label=\"各規則發現筆數\""), std::string::npos);
  EXPECT_NE(html.find("aria-label=\"各學校發現筆數\""), std::string::npos);
  EXPECT_GE(count(html, "<rect "), 4u + 3u);
  // Rules: the two with two findings (by id), then the one with one; the
  // rule without findings is not charted.
  std::size_t phone = html.find(">contact.phone 聯絡電話格式</text>");
  std::size_t temperature = html.find(">temperature.missing 體溫未記錄</text>");
  std::size_t fever = html.find(">fever.report_24h 發燒未於 24 小時內通報</text>");
  std::size_t input = html.find(">input.file 檔案格式問題</text>");
  ASSERT_NE(phone, std::string::npos);
  ASSERT_NE(fever, std::string::npos);
  EXPECT_LT(phone, temperature);
  EXPECT_LT(temperature, fever);
  EXPECT_LT(fever, input);
  EXPECT_EQ(html.find(">test.rapid_day10"), std::string::npos);
  // Schools: 3 findings before 2 before the file-level one.
  std::size_t taipei = html.find(">臺北市立建國中學</text>");
  std::size_t new_taipei = html.find(">新北市立板橋國中</text>");
  std::size_t none = html.find(">（未註明學校）</text>");
  EXPECT_LT(taipei, new_taipei);
  EXPECT_LT(new_taipei, none);
}

TEST(ReportHtml, FindingsGroupedBySchool) {
  std::string html = render_html(testing::sample_report(), Lang::zh_TW);
  std::size_t a = html.find("<h3>新北市立板橋國中（2 筆）</h3>");
  std::size_t b = html.find("<h3>臺北市立建國中學（3 筆）</h3>");
  std::size_t c = html.find("<h3>（未註明學校）（1 筆）</h3>");
  ASSERT_NE(a, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(count(html, "<tr class=\"finding "), 6u);
  EXPECT_NE(html.find("<tr class=\"finding sev-serious\"><td>健康追蹤.csv</td><td class=\"num\">12</td><td>體溫</td>"),
            std::string::npos);
}

TEST(ReportHtml, NoFindingsSaysSoWithoutCharts) {
  std::string html = render_html(Report{}, Lang::zh_TW);
  EXPECT_NE(html.find("<p>沒有發現任何問題</p>"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
}

TEST(ReportHtml, ManyRulesChartTheFirstAndSumTheRest) {
  Report r;
  for (int i = 0; i < 30; ++i) {
    r.findings.push_back({"a.csv", 1, "", "rule" + std::to_string(100 + i), rules::CheckSeverity::error, "m", "",
                          "", ""});
  }
  std::string html = render_html(r, Lang::zh_TW);
  EXPECT_NE(html.find("另有 5 項未列入圖表（共 5 筆）"), std::string::npos);
}

}  // namespace
}  // namespace fangyi::check

// Report summaries: counts by severity, rule and school, and the order the
// formats list them in.
#include <gtest/gtest.h>

#include "check/report_sample.h"
#include "check/report_tally.h"
#include "check/report_text.h"

namespace fangyi::check {
namespace {

using rules::CheckSeverity;

TEST(ReportTally, CountsBySeverityRuleAndSchool) {
  Tally t = tally(testing::sample_report());
  EXPECT_EQ(at(t.by_severity, CheckSeverity::serious), 1u);
  EXPECT_EQ(at(t.by_severity, CheckSeverity::error), 3u);
  EXPECT_EQ(at(t.by_severity, CheckSeverity::warning), 2u);
  EXPECT_EQ(at(t.by_severity, CheckSeverity::info), 0u);

  std::vector<std::pair<std::string, std::size_t>> rules;
  for (const RuleCount& r : t.rules) rules.emplace_back(r.id, r.findings);
  EXPECT_EQ(rules, (std::vector<std::pair<std::string, std::size_t>>{{"contact.phone", 2},
                                                                     {"temperature.missing", 2},
                                                                     {"fever.report_24h", 1},
                                                                     {"input.file", 1},
                                                                     {"test.rapid_day10", 0}}));
  EXPECT_EQ(t.rules[3].name, "檔案格式問題");
  EXPECT_EQ(t.rules[3].severity, CheckSeverity::error);
  EXPECT_EQ(t.rules[2].citation, "000 參、二");

  ASSERT_EQ(t.organisations.size(), 3u);
  EXPECT_EQ(t.organisations[0].organisation, "臺北市立建國中學");
  EXPECT_EQ(t.organisations[0].findings, 3u);
  EXPECT_EQ(at(t.organisations[0].by_severity, CheckSeverity::warning), 1u);
  EXPECT_EQ(t.organisations[1].organisation, "新北市立板橋國中");
  EXPECT_EQ(t.organisations[2].organisation, "");
}

TEST(ReportTally, ARuleTheReportDoesNotDescribeTakesItsWorstFinding) {
  Report r;
  r.findings.push_back({"a.csv", 1, "", "x", CheckSeverity::info, "m", "", "", ""});
  r.findings.push_back({"a.csv", 2, "", "x", CheckSeverity::serious, "m", "", "", ""});
  Tally t = tally(r);
  ASSERT_EQ(t.rules.size(), 1u);
  EXPECT_EQ(t.rules[0].id, "x");
  EXPECT_EQ(t.rules[0].name, "");
  EXPECT_EQ(t.rules[0].severity, CheckSeverity::serious);
  EXPECT_EQ(t.rules[0].findings, 2u);
}

TEST(ReportTally, SchoolsByNameWithNoSchoolLast) {
  Report report = testing::sample_report();  // the groups point into it
  std::vector<OrganisationFindings> groups = group_by_organisation(report);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].organisation, "新北市立板橋國中");
  EXPECT_EQ(groups[1].organisation, "臺北市立建國中學");
  EXPECT_EQ(groups[2].organisation, "");
  ASSERT_EQ(groups[1].findings.size(), 3u);
  EXPECT_EQ(groups[1].findings[0]->line, 12u);
  EXPECT_EQ(groups[1].findings[2]->line, 20u);
}

TEST(ReportText, Helpers) {
  EXPECT_EQ(valid_utf8("ok 中文"), "ok 中文");
  EXPECT_EQ(valid_utf8("a\xffz"), "a\xEF\xBF\xBDz");
  EXPECT_EQ(visible_controls("a\tb\nc\x7f\xc2\x85"), "a\\tb\\nc\\x7f\\u0085");
  EXPECT_EQ(fit_width("發燒未通報", 6), "發燒…");
  EXPECT_EQ(fit_width("abc", 3), "abc");
  EXPECT_EQ(pad_right("中a", 5), "中a  ");
  EXPECT_EQ(pad_left("中", 4), "  中");
}

}  // namespace
}  // namespace fangyi::check

#include "html/svg.h"

#include <gtest/gtest.h>

#include "support/compile_text.h"

namespace fangyi::html {
namespace {

const char* kRules = R"yaml(kind: scheme
id: iso-3plus4
family: iso
name: 居家隔離（3+4）
effective: {from: 2022-04-26}
source: {seed: 004_0123456789abcdef.txt, section: Q2}
day0: last_contact
phases:
  - {id: isolation, name: 居家隔離, days: 1..3, confined: true, at_school: false}
  - {id: prevention, name: 自主防疫, days: 4..7, confined: false, at_school: false}
readings:
  - {id: morning, name: 上午}
  - {id: evening, name: 下午}
tests:
  - {id: rapid, name: 快篩, days: 7..7, results: [陰性, 陽性], missed: 未完成}
return_condition: 快篩陰性隔天返校
---
kind: cohort
id: contacts
name: 密切接觸者
source: {seed: 004_0123456789abcdef.txt, section: Q9}
dataset: people
branches:
  - {id: c1, name: 密切接觸者, when: "has(last_contact)", scheme: iso, day0: last_contact}
---
kind: dataset
id: people
name: 人員
source: {seed: 004_0123456789abcdef.txt, section: Q9}
key: id
fields:
  - {id: id, header: 證號, type: string}
  - {id: last_contact, header: 最後接觸日, type: date}
)yaml";

int count(const std::string& s, const std::string& needle) {
  int n = 0;
  for (std::size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) ++n;
  return n;
}

TEST(TimelineSvg, DrawsEveryDayPhaseReadingTestAndMarker) {
  auto c = fangyi::testing::compile_yaml(kRules);
  ASSERT_TRUE(c.rules) << c.rendered();
  Diagnostics diags;
  auto sc = rules::make_schedule(*c.rules, "iso", *Date::from_ymd(2022, 4, 26), diags);
  ASSERT_TRUE(sc);
  std::string svg = timeline_svg(*sc, true, Lang::zh_TW);
  EXPECT_EQ(svg.rfind("<svg class=\"timeline\"", 0), 0u);
  EXPECT_EQ(count(svg, "class=\"tl-confined\""), 3);
  EXPECT_EQ(count(svg, "class=\"tl-home\""), 4);
  EXPECT_EQ(count(svg, "class=\"tl-none\""), 2) << "day 0 and the day after the end";
  EXPECT_EQ(count(svg, "class=\"tl-reading\""), 2 * 7);
  EXPECT_EQ(count(svg, "class=\"tl-test\""), 1);
  EXPECT_NE(svg.find(">居家隔離</text>"), std::string::npos);
  EXPECT_NE(svg.find(">04/26</text>"), std::string::npos);
  EXPECT_NE(svg.find("解除隔離 2022-04-30"), std::string::npos) << svg;
  EXPECT_NE(svg.find("返校 2022-05-04"), std::string::npos) << svg;
}

TEST(TimelineSvg, WithoutDatesMarkersNameTheDay) {
  auto c = fangyi::testing::compile_yaml(kRules);
  ASSERT_TRUE(c.rules) << c.rendered();
  Diagnostics diags;
  auto sc = rules::make_schedule(*c.rules, "iso", *Date::from_ymd(2022, 5, 1), diags);
  ASSERT_TRUE(sc);
  std::string svg = timeline_svg(*sc, false, Lang::zh_TW);
  EXPECT_EQ(svg.find(">05/01</text>"), std::string::npos);
  EXPECT_NE(svg.find("解除隔離 第 4 天"), std::string::npos) << svg;
}

TEST(CohortSvg, BranchesPointAtTheirSchemePages) {
  auto c = fangyi::testing::compile_yaml(kRules);
  ASSERT_TRUE(c.rules) << c.rendered();
  std::string svg = cohort_svg(c.rules->cohorts[0], *c.rules,
                               [](const std::string& s) { return "scheme-" + s + ".html"; }, Lang::zh_TW);
  EXPECT_NE(svg.find("<a href=\"scheme-iso.html\">"), std::string::npos) << svg;
  EXPECT_NE(svg.find("條件：has(last_contact)"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">居家隔離（3+4）</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("marker id=\"ch-head-contacts\""), std::string::npos);
  EXPECT_NE(svg.find("都不符合"), std::string::npos);
}

}  // namespace
}  // namespace fangyi::html

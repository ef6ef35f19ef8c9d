// Loading `kind: scheme`: every key lands in the model, versions and
// transitions are checked.
#include <gtest/gtest.h>

#include "support/compile_text.h"

namespace fangyi::rules {
namespace {

using fangyi::testing::compile_yaml;

const char* kScheme = R"(kind: scheme
id: home-isolation-3plus4
family: home-isolation
name: 居家隔離（3+4）
applies_to: 密切接觸者
effective: {from: 111/04/26}
source: {seed: 004_2af245062d31c947.txt, section: "Q1、Q2"}
day0: last_contact
phases:
  - {id: isolation, name: 居家隔離, days: 1..3, confined: true}
  - {id: self-prevention, name: 自主防疫, days: 4..7, confined: false, rules: [不到校]}
readings: [{id: morning, name: 上午}, {id: evening, name: 下午}]
fever_threshold: 38
symptoms: [發燒, 咳嗽]
tests:
  - {id: rapid, name: 快篩, days: "7", results: [陰性, 陽性], on_negative: 隔天返校, on_positive: PCR}
return_condition: 快篩陰性
measures: [一, 二]
outing_approval: [學校管理人員]
avoid_places: [百貨公司]
facilities:
  - {id: own-room, text: 一人一室, level: preferred, fallback: 床距至少 1 公尺}
transition: {from: home-isolation-10, release_on: 2022-04-27, confined_more_than: 3}
suspension: {days: 7, classes_over: 1/3}
---
kind: scheme
id: home-isolation-10
family: home-isolation
name: 居家隔離（舊制）
effective: {to: 2022-04-25}
source: {seed: 004_2af245062d31c947.txt, section: Q20}
day0: last_contact
phases: [{id: isolation, name: 居家隔離, days: 1..10}]
)";

TEST(LoadScheme, EveryKeyLandsInTheModel) {
  auto c = compile_yaml(kScheme);
  ASSERT_TRUE(c.rules) << c.rendered();
  const Scheme* s = c.rules->scheme("home-isolation-3plus4");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->family, "home-isolation");
  EXPECT_EQ(s->header.name, "居家隔離（3+4）");
  EXPECT_EQ(format_date(*s->header.effective_from), "2022-04-26");  // from the ROC spelling
  EXPECT_FALSE(s->header.effective_to);
  EXPECT_EQ(s->header.source.seed, "004_2af245062d31c947.txt");
  EXPECT_EQ(s->header.source.section, "Q1、Q2");
  EXPECT_EQ(s->day0, Day0Basis::last_contact);
  ASSERT_EQ(s->phases.size(), 2u);
  EXPECT_EQ(s->phases[1].first_day, 4);
  EXPECT_EQ(s->phases[1].last_day, 7);
  EXPECT_FALSE(s->phases[1].confined);
  EXPECT_EQ(s->phases[1].rules, std::vector<std::string>{"不到校"});
  EXPECT_EQ(s->last_day(), 7);
  EXPECT_EQ(s->last_confined_day(), 3);
  ASSERT_EQ(s->readings.size(), 2u);
  EXPECT_EQ(s->readings[1].name, "下午");
  EXPECT_DOUBLE_EQ(s->fever_threshold, 38.0);
  ASSERT_EQ(s->tests.size(), 1u);
  EXPECT_EQ(s->tests[0].first_day, 7);
  EXPECT_EQ(s->tests[0].last_day, 7);
  EXPECT_EQ(s->tests[0].on_positive, "PCR");
  ASSERT_EQ(s->facilities.size(), 1u);
  EXPECT_EQ(s->facilities[0].level, Requirement::preferred);
  ASSERT_TRUE(s->transition);
  EXPECT_EQ(s->transition->from_scheme, "home-isolation-10");
  EXPECT_EQ(format_date(s->transition->release_on), "2022-04-27");
  EXPECT_EQ(s->transition->confined_more_than, 3);
  ASSERT_TRUE(s->suspension);
  EXPECT_EQ(s->suspension->days, 7);
  EXPECT_EQ(s->suspension->classes_numerator, 1);
  EXPECT_EQ(s->suspension->classes_denominator, 3);
}

TEST(LoadScheme, FamilyVersionInForceFollowsDayZero) {
  auto c = compile_yaml(kScheme);
  ASSERT_TRUE(c.rules) << c.rendered();
  EXPECT_EQ(c.rules->scheme_in_force("home-isolation", *parse_date("2022-04-23"))->header.id, "home-isolation-10");
  EXPECT_EQ(c.rules->scheme_in_force("home-isolation", *parse_date("2022-04-26"))->header.id, "home-isolation-3plus4");
  EXPECT_EQ(c.rules->scheme_in_force("home-isolation-10", *parse_date("2022-05-01"))->header.id, "home-isolation-10");
}

TEST(LoadScheme, OverlappingVersionsAreAnError) {
  std::string yaml = kScheme;
  yaml.replace(yaml.find("{to: 2022-04-25}"), 16, "{to: 2022-04-26}");
  auto c = compile_yaml(yaml);
  EXPECT_FALSE(c.rules);
  EXPECT_NE(c.rendered().find("「home-isolation-3plus4」與同系列的「home-isolation-10」生效期間重疊（2022-04-26 起兩者皆有效）"),
            std::string::npos)
      << c.rendered();
}

TEST(LoadScheme, AllErrorsOfARunAreReported) {
  auto c = compile_yaml(R"(kind: scheme
id: Bad_Id
name: x
source: {seed: 004_2af245062d31c947.txt, section: Q2}
day0: contact
phases: [{id: a, name: a, days: 2..3}]
fever_threshold: 50
)");
  EXPECT_FALSE(c.rules);
  EXPECT_EQ(c.diags.error_count(), 4u) << c.rendered();
}

}  // namespace
}  // namespace fangyi::rules

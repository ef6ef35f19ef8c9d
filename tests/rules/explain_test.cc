// `explain` prints each rule with its source; `diff` says what changed in
// words a school understands (居家隔離 10 天 → 3+4 天).
#include <gtest/gtest.h>

#include "rules/explain.h"
#include "support/compile_text.h"

namespace fangyi::rules {
namespace {

using fangyi::testing::compile_yaml;

const char* kOld = R"(kind: scheme
id: home-isolation-10
family: home-isolation
name: 居家隔離（舊制）
source: {seed: 004_2af245062d31c947.txt, section: Q20}
day0: last_contact
phases: [{id: isolation, name: 居家隔離, days: 1..10}]
suspension: {days: 10, classes_over: 1/3}
)";

// The old rule once 3+4 took over: the same, now with an end date.
std::string old_ended() {
  std::string s = kOld;
  s.replace(s.find("source:"), 0, "effective: {to: 2022-04-25}\n");
  return s;
}

const char* kNewVersion = R"(---
kind: scheme
id: home-isolation-3plus4
family: home-isolation
name: 居家隔離（3+4）
effective: {from: 2022-04-26}
source: {seed: 004_2af245062d31c947.txt, section: Q2}
day0: last_contact
phases:
  - {id: isolation, name: 居家隔離, days: 1..3}
  - {id: self-prevention, name: 自主防疫, days: 4..7, confined: false}
transition: {from: home-isolation-10, release_on: 2022-04-27, confined_more_than: 3}
suspension: {days: 7, classes_over: 1/3}
)";

TEST(Explain, EveryRuleWithItsSource) {
  auto c = compile_yaml(kOld);
  ASSERT_TRUE(c.rules) << c.rendered();
  std::string text = *explain(*c.rules, "", Lang::zh_TW);
  EXPECT_NE(text.find("方案 home-isolation-10  居家隔離（舊制）\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  來源：004_2af245062d31c947.txt Q20\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  階段 1：第 1–10 天 居家隔離（不得外出，不到校）\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  全校停課：密切接觸者班級超過 1/3 時停課 10 天\n"), std::string::npos) << text;
  EXPECT_NE(text.find("共 1 條規則"), std::string::npos);
}

TEST(Explain, OneRuleByIdAndUnknownId) {
  auto c = compile_yaml(old_ended() + kNewVersion);
  ASSERT_TRUE(c.rules) << c.rendered();
  std::string one = *explain(*c.rules, "home-isolation-3plus4", Lang::en);
  EXPECT_NE(one.find("scheme home-isolation-3plus4"), std::string::npos) << one;
  EXPECT_EQ(one.find("home-isolation-10  "), std::string::npos);
  EXPECT_NE(one.find("  length: 3+4 days\n"), std::string::npos) << one;
  EXPECT_FALSE(explain(*c.rules, "nope", Lang::en));
}

TEST(Diff, TenDaysBecomeThreePlusFour) {
  auto before = compile_yaml(kOld);
  auto after = compile_yaml(old_ended() + kNewVersion);
  ASSERT_TRUE(before.rules && after.rules) << after.rendered();
  PolicyDiff d = diff(*before.rules, *after.rules, Lang::zh_TW);
  EXPECT_EQ(d.added, 1);
  EXPECT_EQ(d.removed, 0);
  EXPECT_NE(d.text.find("居家隔離：10 天 → 3+4 天（2022-04-26 起）"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("+ 新增：方案 home-isolation-3plus4"), std::string::npos) << d.text;
}

TEST(Diff, ChangedParametersOldToNew) {
  auto before = compile_yaml(kOld);
  std::string changed = kOld;
  changed.replace(changed.find("days: 10,"), 9, "days: 7,");
  auto after = compile_yaml(changed);
  ASSERT_TRUE(before.rules && after.rules);
  PolicyDiff d = diff(*before.rules, *after.rules, Lang::zh_TW);
  EXPECT_EQ(d.changed, 1);
  EXPECT_NE(d.text.find("    全校停課：密切接觸者班級超過 1/3 時停課 10 天 → 密切接觸者班級超過 1/3 時停課 7 天\n"),
            std::string::npos)
      << d.text;
}

TEST(Diff, SamePolicyIsEmpty) {
  auto a = compile_yaml(kOld);
  auto b = compile_yaml("\n\n" + std::string(kOld));  // moved lines are not policy
  ASSERT_TRUE(a.rules && b.rules);
  PolicyDiff d = diff(*a.rules, *b.rules, Lang::en);
  EXPECT_TRUE(d.empty()) << d.text;
  EXPECT_EQ(d.text, "the two rule binaries hold the same policy\n");
}

}  // namespace
}  // namespace fangyi::rules

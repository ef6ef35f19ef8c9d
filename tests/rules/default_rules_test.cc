// The bundled default rule set: it compiles, deterministically, every rule
// cites a seed document, and it expresses what SPEC §2 asks of each seed.
#include <gtest/gtest.h>

#include <set>

#include "rules/binary.h"
#include "support/compile_text.h"

namespace fangyi::rules {
namespace {

using fangyi::testing::default_rules;

const RuleSet& rs() {
  const auto& c = default_rules();
  EXPECT_TRUE(c.rules) << c.rendered();
  static const RuleSet empty;
  return c.rules ? *c.rules : empty;
}

TEST(DefaultRules, CompileWithoutErrorsOrWarnings) {
  const auto& c = default_rules();
  ASSERT_TRUE(c.rules) << c.rendered();
  EXPECT_TRUE(c.diags.empty()) << c.rendered();
}

TEST(DefaultRules, TwoCompilesGiveIdenticalBytes) {
  auto again = fangyi::testing::Compiled{};
  CompileOptions options;
  options.inputs = {fangyi::testing::source_dir() + "/rules", fangyi::testing::source_dir() + "/forms"};
  again.rules = compile_rules(options, again.sources, again.diags);
  ASSERT_TRUE(again.rules);
  EXPECT_EQ(encode_rules(rs()), encode_rules(*again.rules));
}

TEST(DefaultRules, EveryRuleCitesASeedAndASection) {
  std::set<std::string> seeds = {"000_043a6e000bfea7f7.txt", "001_b0e690d92be4526b.txt", "002_03761ac12c58eb33.txt",
                                 "003_032cba768cde8a55.txt", "004_2af245062d31c947.txt"};
  std::set<std::string> cited;
  auto check = [&](const Header& h) {
    EXPECT_TRUE(seeds.count(h.source.seed)) << h.id << " cites " << h.source.seed;
    EXPECT_FALSE(h.source.section.empty()) << h.id;
    cited.insert(h.source.seed);
  };
  for (const auto& x : rs().schemes) check(x.header);
  for (const auto& x : rs().cohorts) check(x.header);
  for (const auto& x : rs().disinfections) check(x.header);
  for (const auto& x : rs().deadlines) check(x.header);
  for (const auto& x : rs().datasets) check(x.header);
  for (const auto& x : rs().checks) check(x.header);
  for (const auto& x : rs().forms) check(x.header);
  EXPECT_EQ(cited, seeds) << "every seed document contributes rules";
}

TEST(DefaultRules, Seed003HasThreeCohortsInOrder) {
  const Cohort* mainland = nullptr;
  for (const auto& c : rs().cohorts)
    if (c.header.source.seed.rfind("003", 0) == 0) mainland = &c;
  ASSERT_NE(mainland, nullptr);
  ASSERT_EQ(mainland->branches.size(), 3u);
  EXPECT_EQ(rs().scheme_in_force(mainland->branches[0].scheme, *parse_date("2020-01-20"))->day0, Day0Basis::left_mainland);
  for (const auto& b : mainland->branches) {
    const Scheme* s = nullptr;
    for (const auto& x : rs().schemes)
      if (x.header.id == b.scheme || x.family == b.scheme) s = &x;
    ASSERT_NE(s, nullptr) << b.scheme;
    EXPECT_EQ(s->last_day(), 14) << b.scheme;
  }
}

TEST(DefaultRules, Seed003DisinfectionTablesAgreeWithTheSeed) {
  ASSERT_EQ(rs().disinfections.size(), 2u);
  for (const auto& d : rs().disinfections) {
    EXPECT_GE(d.entries.size(), 10u) << d.header.id;  // 附表: 10 rows incl. both 廚具 rows
    ASSERT_EQ(d.spills.size(), 2u);
    bool alcohol = false, boiling = false;
    for (const auto& e : d.entries) {
      if (e.concentration.unit == ConcentrationUnit::percent) {
        alcohol = true;
        EXPECT_DOUBLE_EQ(e.concentration.low, 60);
        EXPECT_DOUBLE_EQ(e.concentration.high, 80);
      }
      if (e.concentration.unit == ConcentrationUnit::celsius) boiling = e.concentration.at_least;
      if (e.concentration.unit == ConcentrationUnit::ppm) {
        EXPECT_TRUE(e.concentration.low == 500 || e.concentration.low == 5000) << e.place;
        if (e.dilution) {
          EXPECT_EQ(e.dilution, e.concentration.low == 500 ? 100 : 10) << e.place;
        }
      }
    }
    EXPECT_TRUE(alcohol);
    EXPECT_TRUE(boiling);
  }
}

TEST(DefaultRules, Seed000FollowUpSchemeHasTheTestWindows) {
  const Scheme* s = rs().scheme_in_force("home-quarantine-foreign-students", *parse_date("2021-08-29"));
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->last_day(), 14);
  EXPECT_EQ(s->day0, Day0Basis::entry);
  const TestWindow* rapid = nullptr;
  const TestWindow* pcr = nullptr;
  for (const auto& t : s->tests) (t.first_day == 10 ? rapid : pcr) = &t;
  ASSERT_NE(rapid, nullptr);
  ASSERT_NE(pcr, nullptr);
  EXPECT_EQ(rapid->last_day, 12);
  EXPECT_EQ(rapid->missed, "未完成");
  EXPECT_EQ(pcr->first_day, 12);
  EXPECT_EQ(pcr->last_day, 14);
  EXPECT_TRUE(rapid->not_same_day_as == pcr->id || pcr->not_same_day_as == rapid->id);
}

TEST(DefaultRules, Seed004HomeIsolationVersions) {
  const Scheme* old_rule = rs().scheme_in_force("home-isolation", *parse_date("2022-04-23"));
  const Scheme* new_rule = rs().scheme_in_force("home-isolation", *parse_date("2022-04-26"));
  ASSERT_NE(old_rule, nullptr);
  ASSERT_NE(new_rule, nullptr);
  EXPECT_NE(old_rule, new_rule);
  EXPECT_EQ(old_rule->last_confined_day(), 10);
  EXPECT_EQ(new_rule->last_confined_day(), 3);
  EXPECT_EQ(new_rule->last_day(), 7);
  ASSERT_TRUE(new_rule->transition);
  EXPECT_EQ(new_rule->transition->from_scheme, old_rule->header.id);
  EXPECT_EQ(format_date(new_rule->transition->release_on), "2022-04-27");
  ASSERT_TRUE(new_rule->suspension && old_rule->suspension);
  EXPECT_EQ(new_rule->suspension->days, 7);
  EXPECT_EQ(old_rule->suspension->days, 10);
}

TEST(DefaultRules, Seed000SupervisionIsAnOrganisationCheck) {
  bool found = false;
  for (const auto& c : rs().checks)
    if (c.scope == Scope::organisation && c.header.source.seed.rfind("000", 0) == 0 &&
        c.require.source.find("findings") != std::string::npos)
      found = true;
  EXPECT_TRUE(found);
}

TEST(DefaultRules, ChecksCoverEverySeedAndScope) {
  std::set<std::string> seeds;
  std::set<Scope> scopes;
  for (const auto& c : rs().checks) {
    seeds.insert(c.header.source.seed.substr(0, 3));
    scopes.insert(c.scope);
  }
  for (const char* s : {"000", "001", "003", "004"}) EXPECT_TRUE(seeds.count(s)) << s;
  EXPECT_EQ(scopes.size(), 3u);
}

}  // namespace
}  // namespace fangyi::rules

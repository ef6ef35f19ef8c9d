// Loading the other rule kinds: cohort, disinfection, deadline, dataset,
// check and form, each with a clean example and a broken one.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/compile_text.h"

namespace fangyi::rules {
namespace {

using fangyi::testing::compile_yaml;

const char* kDataset = R"(kind: dataset
id: followup
name: 追蹤紀錄
key: id_number
organisation: school
source: {seed: 000_043a6e000bfea7f7.txt, section: 壹、二}
fields:
  - {id: school, header: 學校, type: string}
  - {id: id_number, header: 證號, type: id-number, personal: true, required: true}
  - {id: entry_date, header: 入境日期, type: date, formats: [gregorian, roc]}
  - {id: entered_at, header: 填報時間, type: datetime}
  - {id: status, header: 追蹤情形, type: enum, values: [尚未派案, 訪視未遇, 無症狀, 有症狀, 出境]}
  - {id: fever, header: 發燒, type: bool}
  - {id: regions, header: 旅遊地區, type: list, aliases: [旅遊史]}
  - {id: temperature, header: 體溫, type: decimal}
---
kind: deadline
id: followup-entry
name: 每日填報時間
window: 08:00..14:00
source: {seed: 000_043a6e000bfea7f7.txt, section: 貳、Q7}
)";

TEST(LoadDataset, FieldsTypesAndDefaults) {
  auto c = compile_yaml(kDataset);
  ASSERT_TRUE(c.rules) << c.rendered();
  const Dataset* d = c.rules->dataset("followup");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "id_number");
  EXPECT_EQ(d->organisation, "school");
  ASSERT_EQ(d->fields.size(), 8u);
  EXPECT_EQ(d->field("id_number")->type, FieldType::id_number);
  EXPECT_TRUE(d->field("id_number")->personal);
  EXPECT_TRUE(d->field("id_number")->required);
  EXPECT_EQ(d->field("entry_date")->date_formats, unsigned(kDateGregorian | kDateRoc));
  EXPECT_EQ(d->field("status")->values.size(), 5u);
  EXPECT_FALSE(d->field("fever")->true_values.empty());  // bool gets the usual spellings
  EXPECT_EQ(d->field("regions")->separator, "、");
  EXPECT_EQ(d->field("regions")->aliases, std::vector<std::string>{"旅遊史"});
}

TEST(LoadDeadline, WindowByAndWithin) {
  auto c = compile_yaml(std::string(kDataset) + R"(---
kind: deadline
id: confirm-contact
name: 下午2時前確認
by: "14:00"
source: {seed: 000_043a6e000bfea7f7.txt, section: 貳}
---
kind: deadline
id: footprint
name: 24 小時內提供足跡
within: 24h
source: {seed: 004_2af245062d31c947.txt, section: Q11}
)");
  ASSERT_TRUE(c.rules) << c.rendered();
  const Deadline* w = c.rules->deadline("followup-entry");
  EXPECT_EQ(w->kind, DeadlineKind::window);
  EXPECT_EQ(format_time(w->from), "08:00");
  EXPECT_EQ(format_time(w->to), "14:00");
  EXPECT_EQ(c.rules->deadline("confirm-contact")->kind, DeadlineKind::by);
  EXPECT_EQ(format_time(c.rules->deadline("confirm-contact")->by), "14:00");
  EXPECT_EQ(c.rules->deadline("footprint")->within.seconds, 24 * 3600);
}

TEST(LoadCheck, ExpressionsCompileAgainstTheDataset) {
  auto c = compile_yaml(std::string(kDataset) + R"(---
kind: check
id: followup-in-window
name: 填報時間
dataset: followup
when: has(entered_at)
require: time(entered_at) in deadline("followup-entry")
severity: error
field: entered_at
message: 填報時間 {entered_at} 不在 08:00–14:00
source: {seed: 000_043a6e000bfea7f7.txt, section: 貳、Q7}
)");
  ASSERT_TRUE(c.rules) << c.rendered();
  ASSERT_EQ(c.rules->checks.size(), 1u);
  const Check& k = c.rules->checks[0];
  EXPECT_EQ(k.scope, Scope::row);
  EXPECT_EQ(k.severity, CheckSeverity::error);
  EXPECT_EQ(k.when.source, "has(entered_at)");
  EXPECT_EQ(k.require.source, "time(entered_at) in deadline(\"followup-entry\")");
  EXPECT_FALSE(k.require.code.empty());
  EXPECT_EQ(k.require.result.kind, expr::TypeKind::bool_);
}

TEST(LoadCheck, TypeErrorPointsInsideTheYamlString) {
  auto c = compile_yaml(std::string(kDataset) + R"(---
kind: check
id: bad
name: 型別錯誤
dataset: followup
require: entry_date > 3
severity: error
message: x
source: {seed: 000_043a6e000bfea7f7.txt, section: 壹}
)");
  ASSERT_FALSE(c.rules);
  ASSERT_EQ(c.diags.error_count(), 1u) << c.rendered();
  const Diagnostic& d = c.diags.items()[0];
  EXPECT_EQ(d.where.line, 27);
  EXPECT_GE(d.where.column, 10);  // inside "entry_date > 3", which starts at column 10
  EXPECT_LE(d.where.column, 23);
}

TEST(LoadCohort, BranchesInOrder) {
  auto c = compile_yaml(R"(kind: dataset
id: arrivals
name: 陸生入境名冊
source: {seed: 003_032cba768cde8a55.txt, section: 壹}
fields:
  - {id: entry_date, header: 入境日期, type: date}
  - {id: left_mainland, header: 離開中國大陸日期, type: date}
  - {id: hubei, header: 湖北旅遊史, type: bool}
---
kind: scheme
id: quarantine
name: 集中檢疫
source: {seed: 003_032cba768cde8a55.txt, section: 壹}
day0: left_mainland
phases: [{id: q, name: 集中檢疫, days: 1..14}]
---
kind: cohort
id: mainland
name: 陸生分流
dataset: arrivals
source: {seed: 003_032cba768cde8a55.txt, section: 壹}
branches:
  - {id: c1, name: 第一類, when: hubei and entry_date < 2020-01-26, scheme: quarantine, day0: left_mainland}
)");
  ASSERT_TRUE(c.rules) << c.rendered();
  const Cohort& k = c.rules->cohorts.at(0);
  ASSERT_EQ(k.branches.size(), 1u);
  EXPECT_EQ(k.branches[0].when.source, "hubei and entry_date < 2020-01-26");
  EXPECT_EQ(k.branches[0].day0.result.kind, expr::TypeKind::date);
}

TEST(LoadDisinfection, TableAndSpills) {
  auto c = compile_yaml(R"(kind: disinfection
id: table
name: 消毒
source: {seed: 003_032cba768cde8a55.txt, section: 附表}
agents:
  - {id: bleach, name: 漂白水, kind: chlorine, stock_percent: 5}
  - {id: alcohol, name: 酒精, kind: alcohol, allowed: 60-80%}
  - {id: hot-water, name: 熱水, kind: heat}
entries:
  - {place: 室內地面, agent: bleach, concentration: 500ppm, dilution: "1:100", method: 擦拭, contact_time: 15m}
  - {place: 分泌物, agent: bleach, concentration: "5,000ppm", dilution: "1:10", method: 浸泡, contact_time: 2h}
  - {place: 鍵盤, agent: alcohol, concentration: 60-80%, method: 擦拭}
  - {place: 餐具, agent: hot-water, concentration: 100°C以上, method: 煮沸, contact_time: 30m}
spills:
  - {below_ml: 10, agent: bleach, concentration: 500ppm, dilution: "1:100"}
  - {above_ml: 10, agent: bleach, concentration: 5000ppm, dilution: "1:10"}
principles: [{title: 個人防護具, items: [口罩, 手套]}]
notes: [有電源之設備於消毒前應確認已關閉電源。]
)");
  ASSERT_TRUE(c.rules) << c.rendered();
  const Disinfection& d = c.rules->disinfections.at(0);
  ASSERT_EQ(d.entries.size(), 4u);
  EXPECT_DOUBLE_EQ(d.entries[1].concentration.low, 5000);
  EXPECT_EQ(d.entries[1].dilution, 10);
  EXPECT_EQ(d.entries[1].contact_time->seconds, 7200);
  EXPECT_DOUBLE_EQ(d.entries[2].concentration.low, 60);
  EXPECT_DOUBLE_EQ(d.entries[2].concentration.high, 80);
  EXPECT_TRUE(d.entries[3].concentration.at_least);
  EXPECT_EQ(to_string(d.entries[3].concentration), "100°C以上");
  ASSERT_EQ(d.spills.size(), 2u);
  EXPECT_DOUBLE_EQ(d.spills[0].below_ml, 10);
}

TEST(LoadDisinfection, DilutionThatDisagreesIsCaught) {
  auto c = compile_yaml(R"(kind: disinfection
id: table
name: 消毒
source: {seed: 003_032cba768cde8a55.txt, section: 附表}
agents: [{id: bleach, name: 漂白水, kind: chlorine, stock_percent: 5}]
entries:
  - {place: 室內地面, agent: bleach, concentration: 500ppm, dilution: "1:10", method: 擦拭}
)");
  ASSERT_FALSE(c.rules);
  std::string out = c.rendered();
  EXPECT_NE(out.find("濃度 500ppm 與稀釋比例 1:10 不符：5% 原液稀釋 1:10 為 5000ppm"), std::string::npos) << out;
  EXPECT_NE(out.find("提示：500ppm 應為 1:100"), std::string::npos) << out;
}

TEST(LoadForm, LayoutAndColumns) {
  auto c = compile_yaml(R"(kind: scheme
id: quarantine
name: 集中檢疫
source: {seed: 003_032cba768cde8a55.txt, section: 壹}
day0: left_mainland
phases: [{id: q, name: 集中檢疫, days: 1..14}]
---
kind: form
id: form-3
attachment: 附件3
name: 集中檢疫者每日量測體溫紀錄表
layout: daily_log
scheme: quarantine
header: [{label: 學校名稱}, {label: 姓名, field: name}]
columns:
  - {label: 天數, field: day, width: 20}
  - {label: 日期, field: date}
  - {label: 上午體溫 °C}
footer: [{label: 宿舍管理單位}]
notes: [倘您有發燒]
source: {seed: 003_032cba768cde8a55.txt, section: 附件3}
)");
  ASSERT_TRUE(c.rules) << c.rendered();
  const Form* f = c.rules->form("form-3");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->layout, FormLayout::daily_log);
  EXPECT_EQ(f->orientation, Orientation::portrait);
  EXPECT_EQ(f->title, "集中檢疫者每日量測體溫紀錄表");  // defaults to the name
  ASSERT_EQ(f->columns.size(), 3u);
  EXPECT_DOUBLE_EQ(f->columns[0].width, 20);
  EXPECT_EQ(f->header_fields[1].field, "name");
}

}  // namespace
}  // namespace fangyi::rules

namespace fangyi::rules {
namespace {

// Citations checked against the seed folder: an unknown seed is named, with
// the nearest real one; a folder that does not exist is itself an error.
fangyi::testing::Compiled compile_with_seeds(const std::string& yaml, const std::string& seeds) {
  namespace fs = std::filesystem;
  fs::path file = fs::temp_directory_path() / ("fangyi-seeds-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(file) << yaml;
  fangyi::testing::Compiled c;
  CompileOptions options{{file.string()}, seeds};
  c.rules = compile_rules(options, c.sources, c.diags);
  fs::remove(file);
  return c;
}

const char* kDeadlineCiting = "kind: deadline\nid: d\nname: 期限\nby: \"14:00\"\nsource: {seed: SEED, section: 貳}\n";

std::string citing(const std::string& seed) {
  std::string y = kDeadlineCiting;
  y.replace(y.find("SEED"), 4, seed);
  return y;
}

TEST(Citations, NameARealSeedFile) {
  std::string seeds = fangyi::testing::seeds_dir();
  ASSERT_FALSE(seeds.empty()) << "shared/seeds must stand beside the repository";
  EXPECT_TRUE(compile_with_seeds(citing("000_043a6e000bfea7f7.txt"), seeds).rules);
  EXPECT_TRUE(compile_with_seeds(citing("'000'"), seeds).rules);
  auto c = compile_with_seeds(citing("000_043a6e000bfea7f8.txt"), seeds);
  ASSERT_FALSE(c.rules);
  EXPECT_NE(c.rendered(Lang::en).find("error: no seed document '000_043a6e000bfea7f8.txt'"), std::string::npos)
      << c.rendered(Lang::en);
  EXPECT_NE(c.rendered(Lang::en).find("did you mean '000_043a6e000bfea7f7.txt'?"), std::string::npos);
}

TEST(Citations, MissingSeedFolderIsAnError) {
  auto c = compile_with_seeds(citing("'000'"), "/no/such/seeds");
  ASSERT_FALSE(c.rules);
  EXPECT_EQ(c.rendered(Lang::en), "/no/such/seeds: error: '/no/such/seeds' does not exist\n");
}

}  // namespace
}  // namespace fangyi::rules

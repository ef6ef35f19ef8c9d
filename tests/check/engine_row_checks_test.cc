// Row checks as the reading threads run them (shared programs, answers
// remembered by enum and yes/no codes) flag exactly what running every
// check's programs on every row flags: the default rules' row checks on
// random rows of every dataset, with nulls, unlisted words and the same
// combinations coming back again and again.
#include <gtest/gtest.h>

#include <random>

#include "check/engine_row_checks.h"
#include "support/compile_text.h"

namespace fangyi::check::engine {
namespace {

std::string random_cell(const rules::DatasetField& f, std::mt19937& rng) {
  if (rng() % 4 == 0) return "";
  switch (f.type) {
    case rules::FieldType::enum_:
      return rng() % 8 == 0 || f.values.empty() ? "不在清單" : f.values[rng() % f.values.size()];
    case rules::FieldType::bool_: {
      const auto& words = rng() % 2 ? f.true_values : f.false_values;
      return rng() % 8 == 0 || words.empty() ? "也許" : words[rng() % words.size()];
    }
    case rules::FieldType::date: return "2021/08/" + std::to_string(1 + rng() % 28);
    case rules::FieldType::datetime:
      return "2021/08/" + std::to_string(1 + rng() % 28) + " " + std::to_string(rng() % 24) + ":30";
    case rules::FieldType::decimal: return std::to_string(35 + rng() % 5) + ".5";
    case rules::FieldType::int_: return std::to_string(rng() % 20);
    default: {
      static const char* texts[] = {"A123456789", "A123456788", "0912345678", "臺北市大安區和平東路一段1號", "x"};
      return texts[rng() % std::size(texts)];
    }
  }
}

TEST(RowChecks, FlagWhatRunningEveryProgramFlags) {
  const auto& compiled = testing::default_rules();
  ASSERT_TRUE(compiled.rules) << compiled.rendered();
  const rules::RuleSet& rules = *compiled.rules;
  CheckOptions options;
  options.today = Date::from_ymd(2022, 1, 1);
  Plan plan(rules, options);
  std::mt19937 rng(7);
  std::size_t flagged = 0, remembered_datasets = 0;
  for (std::size_t d = 0; d < rules.datasets.size(); ++d) {
    const rules::Dataset& dataset = rules.datasets[d];
    RowConverter converter(dataset);
    RowChecks checks(plan, d, converter);
    std::vector<std::pair<std::size_t, Evaluators>> plain;
    for (std::size_t i = 0; i < plan.checks.size(); ++i)
      if (plan.checks[i].dataset == d && plan.checks[i].check->scope == rules::Scope::row)
        plain.emplace_back(i, Evaluators(*plan.checks[i].check));
    bool coded = false;
    for (std::size_t s = 0; s < dataset.fields.size(); ++s) coded = coded || converter.code_count(s) > 0;
    remembered_datasets += coded && !plain.empty();
    std::vector<expr::Value> values(dataset.fields.size());
    std::vector<std::string> cells(dataset.fields.size());
    expr::Context ctx;
    ctx.values = values.data();
    ctx.value_count = values.size();
    ctx.today = *options.today;
    for (int row = 0; row < 3000; ++row) {
      for (std::size_t s = 0; s < dataset.fields.size(); ++s) {
        cells[s] = random_cell(dataset.fields[s], rng);
        if (converter.convert(s, cells[s], values[s])) values[s] = expr::Value::null();
      }
      std::vector<std::size_t> want, got;
      for (auto& [i, e] : plain)
        if (e.violated(ctx)) want.push_back(i);
      checks.run(ctx, converter.codes(), [&](std::size_t i) { got.push_back(i); });
      ASSERT_EQ(got, want) << dataset.header.id << " row " << row;
      flagged += got.size();
    }
  }
  EXPECT_GT(flagged, 1000u);
  EXPECT_GE(remembered_datasets, 3u);
}

}  // namespace
}  // namespace fangyi::check::engine

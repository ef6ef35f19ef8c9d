// Sources held as values (SourceRows with positions) read exactly as the
// same rows asked through Row: every comprehension form over both sources,
// with fields stored in another order than their slots, nulls, and a slot
// not held reading as null. The bare row held as values with positions
// (Context::value_positions) reads the same way.
#include "expr_test_util.h"

namespace fangyi::expr::testing {
namespace {

class SourceRowsTest : public ExprTest {
 protected:
  // The context's sources as values: each row's fields stored backwards.
  Context as_values(std::vector<std::vector<Value>>& storage, std::vector<std::vector<int>>& positions) {
    Context c = context();
    positions.assign(c.sources.size(), {});
    for (std::size_t s = 0; s < c.sources.size(); ++s) {
      const RecordType& type = s == 0 ? followup : screening;
      const std::size_t n = type.fields.size();
      for (std::size_t slot = 0; slot < n; ++slot) positions[s].push_back(static_cast<int>(n - 1 - slot));
      SourceRows values;
      values.positions = &positions[s];
      for (const Row* row : c.sources[s].rows) {
        storage.emplace_back(n);
        for (std::size_t slot = 0; slot < n; ++slot) storage.back()[n - 1 - slot] = row->get(slot);
      }
      c.sources[s] = values;
    }
    std::size_t k = 0;
    for (std::size_t s = 0; s < c.sources.size(); ++s)
      for (std::size_t r = 0; r < (s == 0 ? followup_rows.size() : screening_rows.size()); ++r)
        c.sources[s].values.push_back(storage[k++].data());
    return c;
  }

  // Each expression gives the same through Row as from `values`; returns
  // the results from `values`.
  std::vector<Value> expect_same(std::initializer_list<const char*> texts, const Context& values) {
    std::vector<Value> results;
    for (const char* text : texts) {
      auto p = compile_ok(text);
      EXPECT_TRUE(p) << text;
      if (!p) continue;
      Value a = Evaluator(*p).run(context()), b = Evaluator(*p).run(values);
      EXPECT_EQ(a.kind, b.kind) << text;
      EXPECT_EQ(a.i, b.i) << text;
      results.push_back(b);
    }
    return results;
  }
};

TEST_F(SourceRowsTest, ValuesReadAsRows) {
  set_row({{"entry_date", Value::date(D(2021, 8, 1))}, {"status", Value::string("無症狀")}});
  for (int d = 1; d <= 14; ++d)
    if (d != 5)
      add_followup({{"followup_date", Value::date(D(2021, 8, 1 + d))}, {"fever", Value::boolean(d == 3)},
                    {"status", Value::string(d % 2 ? "無症狀" : "有症狀")}});
  add_followup({});  // every field null
  add_screening({{"type", Value::string("快篩")}, {"date", Value::date(D(2021, 8, 11))}, {"result", Value::string("陰性")}});
  add_screening({{"type", Value::string("PCR")}, {"date", Value::date(D(2021, 8, 13))}});
  std::vector<std::vector<Value>> storage;
  std::vector<std::vector<int>> positions;
  Context values = as_values(storage, positions);
  ASSERT_NE(values.sources[0].positions, nullptr);
  ASSERT_EQ(values.sources[0].size(), followup_rows.size());
  expect_same({"all(d in 1..14, exists(f in followup, day_of(entry_date, f.followup_date) == d))",
               "exists(f in followup, f.fever)",
               "count(f in followup, f.status == \"有症狀\") == 6",
               "count(f in followup, f.followup_date == null) == 1",
               "min(f in followup, f.followup_date) == entry_date + 2d",
               "max(s in screening, s.date) == entry_date + 12d",
               "all(s in screening, s.type != \"快篩\" or s.result == \"陰性\")",
               "not exists(s in screening, s.type == \"PCR\" and has(s.result))",
               "all(x in screening, exists(y in followup, y.followup_date == x.date))"},
              values);
  EXPECT_EQ(truth("exists(f in followup, f.fever)"), 1);
  // A slot the caller does not hold is null.
  positions[0].assign(positions[0].size(), -1);
  auto p = compile_ok("exists(f in followup, f.fever)");
  EXPECT_EQ(Evaluator(*p).run(values).kind, ValueKind::bool_);
  EXPECT_FALSE(Evaluator(*p).run(values).b);
}

TEST_F(SourceRowsTest, BareRowAsValuesWithPositions) {
  set_row({{"entry_date", Value::date(D(2021, 8, 1))}, {"status", Value::string("無症狀")}});
  add_followup({{"followup_date", Value::date(D(2021, 8, 3))}, {"status", Value::string("有症狀")}});
  const std::size_t n = cases.fields.size();
  std::vector<Value> stored(n);
  std::vector<int> positions;
  for (std::size_t slot = 0; slot < n; ++slot) {
    positions.push_back(static_cast<int>(n - 1 - slot));
    stored[n - 1 - slot] = row->get(slot);
  }
  Context values = context();
  values.row = nullptr;
  values.values = stored.data();
  values.value_positions = &positions;
  for (const Value& v : expect_same({"min(f in followup, f.followup_date) == entry_date + 2d",
                                     "status == \"無症狀\"",
                                     "has(status) and not has(note)",
                                     "exists(f in followup, f.followup_date == entry_date + 2d and f.status != status)"},
                                    values)) {
    EXPECT_EQ(v.kind, ValueKind::bool_);
    EXPECT_TRUE(v.b);
  }
  // A slot the caller does not hold is null.
  positions.assign(n, -1);
  auto p = compile_ok("has(status)");
  EXPECT_FALSE(Evaluator(*p).run(values).b);
}

}  // namespace
}  // namespace fangyi::expr::testing

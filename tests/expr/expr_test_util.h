// Shared fixtures for the expression tests: a policy-like environment (a
// case row with follow-up and screening sources), in-memory rows, and
// helpers that compile, evaluate and render diagnostics.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "core/messages.h"
#include "expr/expr.h"

namespace fangyi::expr::testing {

inline Type T(TypeKind k) { return make_type(k); }

inline Date D(int y, int m, int d) { return *Date::from_ymd(y, m, d); }
inline Value VD(int y, int m, int d) { return Value::date(D(y, m, d)); }
inline Value VDT(int y, int mo, int d, int h, int mi) {
  return Value::datetime(DateTime{D(y, mo, d), *TimeOfDay::from_hms(h, mi)});
}
inline Value VT(int h, int m) { return Value::time(*TimeOfDay::from_hms(h, m)); }
inline Value VS(std::string_view s) { return Value::string(s); }
inline Value VI(int64_t i) { return Value::integer(i); }
inline Value VB(bool b) { return Value::boolean(b); }

// A row stored as values by slot; owns its strings.
class MemRow : public Row {
 public:
  MemRow(const RecordType& type, std::map<std::string, Value> values) : values_(type.fields.size()) {
    for (auto& [k, v] : values) {
      auto slot = type.find(k);
      EXPECT_TRUE(slot.has_value()) << k;
      if (!slot) continue;
      if (v.kind == ValueKind::string) {
        strings_.push_back(std::make_unique<std::string>(v.s));
        v.s = *strings_.back();
      }
      values_[*slot] = v;
    }
  }
  Value get(std::size_t slot) const override { return slot < values_.size() ? values_[slot] : Value{}; }

 private:
  std::vector<Value> values_;
  std::vector<std::unique_ptr<std::string>> strings_;
};

struct Found {
  std::size_t offset, length;
  std::string zh, en, hint_zh;
};

class ExprTest : public ::testing::Test {
 protected:
  ExprTest() {
    auto status = make_enum({"尚未派案", "訪視未遇", "無症狀", "有症狀", "出境"});
    followup.name = "followup";
    followup.fields = {{"entry_date", T(TypeKind::date)},      {"date", T(TypeKind::date)},
                       {"followup_date", T(TypeKind::date)},   {"entered_at", T(TypeKind::datetime)},
                       {"status", status},                     {"fever", T(TypeKind::bool_)},
                       {"visited_doctor", T(TypeKind::bool_)}, {"doctor_note", T(TypeKind::string)},
                       {"temperature", T(TypeKind::decimal)}};
    screening.name = "screening";
    screening.fields = {{"type", make_enum({"快篩", "PCR"})},
                        {"date", T(TypeKind::date)},
                        {"result", make_enum({"陰性", "陽性", "不明", "未檢測", "未完成", "完成"})}};
    cases.name = "cases";
    cases.fields = {{"entry_date", T(TypeKind::date)},    {"birth", T(TypeKind::date)},
                    {"id_no", T(TypeKind::string)},       {"note", T(TypeKind::string)},
                    {"temperature", T(TypeKind::decimal)}, {"visits", T(TypeKind::int_)},
                    {"status", status},                   {"arrived_at", T(TypeKind::datetime)},
                    {"left_at", T(TypeKind::datetime)},   {"checked_at", T(TypeKind::time)},
                    {"stay", T(TypeKind::duration)},      {"fever", T(TypeKind::bool_)},
                    {"isolated", T(TypeKind::bool_)}};
    env.row = &cases;
    env.sources = {{"followup", &followup}, {"screening", &screening}};
    DeadlineValue by{T(TypeKind::time), *TimeOfDay::from_hms(17, 0), {}, {}, {}};
    DeadlineValue window{make_range(T(TypeKind::time)), {}, *TimeOfDay::from_hms(8, 0), *TimeOfDay::from_hms(12, 0), {}};
    DeadlineValue within{T(TypeKind::duration), {}, {}, {}, Duration::hours(24)};
    env.deadlines = {{"followup-entry", by}, {"visit-window", window}, {"report-within", within}};
  }

  static SourceLocation locate(std::size_t offset, std::size_t length) {
    return SourceLocation{"expr", 1, static_cast<int>(offset), static_cast<int>(length)};
  }

  std::optional<Program> compile_ok(std::string_view text, Type expected = T(TypeKind::bool_)) {
    Diagnostics d;
    auto p = compile(text, env, expected, locate, d);
    EXPECT_TRUE(p.has_value()) << text << "\n" << (d.empty() ? "" : describe(d));
    return p;
  }

  static std::string describe(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d.items()) s += format_message(x.message, Lang::en, x.args) + "\n";
    return s;
  }

  // The diagnostics of a failing compile.
  std::vector<Found> errors(std::string_view text, Type expected = T(TypeKind::bool_)) {
    Diagnostics d;
    auto p = compile(text, env, expected, locate, d);
    EXPECT_FALSE(p.has_value()) << text;
    std::vector<Found> out;
    for (const auto& x : d.items()) {
      out.push_back({static_cast<std::size_t>(x.where.column), static_cast<std::size_t>(x.where.span),
                     format_message(x.message, Lang::zh_TW, x.args), format_message(x.message, Lang::en, x.args),
                     x.hint ? format_message(*x.hint, Lang::zh_TW, x.hint_args) : ""});
    }
    return out;
  }

  // The one error of a failing compile.
  Found error(std::string_view text, Type expected = T(TypeKind::bool_)) {
    auto e = errors(text, expected);
    EXPECT_EQ(e.size(), 1u) << text;
    return e.empty() ? Found{} : e[0];
  }

  Context context() {
    Context c;
    c.row = row.get();
    c.sources.resize(2);
    for (auto& r : followup_rows) c.sources[0].rows.push_back(r.get());
    for (auto& r : screening_rows) c.sources[1].rows.push_back(r.get());
    c.today = D(2021, 9, 1);
    return c;
  }

  Value eval(std::string_view text, Type expected) {
    auto p = compile_ok(text, expected);
    if (!p) return {};
    return evaluate(*p, context());
  }

  // Evaluates a bool expression: 1 true, 0 false, -1 null.
  int truth(std::string_view text) {
    Value v = eval(text, T(TypeKind::bool_));
    if (v.kind == ValueKind::null_) return -1;
    EXPECT_EQ(v.kind, ValueKind::bool_) << text;
    return v.b ? 1 : 0;
  }

  int64_t integer(std::string_view text) {
    Value v = eval(text, T(TypeKind::int_));
    EXPECT_EQ(v.kind, ValueKind::int_) << text;
    return v.i;
  }

  void set_row(std::map<std::string, Value> values) { row = std::make_unique<MemRow>(cases, std::move(values)); }
  void add_followup(std::map<std::string, Value> values) {
    followup_rows.push_back(std::make_unique<MemRow>(followup, std::move(values)));
  }
  void add_screening(std::map<std::string, Value> values) {
    screening_rows.push_back(std::make_unique<MemRow>(screening, std::move(values)));
  }

  RecordType followup, screening, cases;
  Environment env;
  std::unique_ptr<MemRow> row = std::make_unique<MemRow>(cases, std::map<std::string, Value>{});
  std::vector<std::unique_ptr<MemRow>> followup_rows, screening_rows;
};

}  // namespace fangyi::expr::testing

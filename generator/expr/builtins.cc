// Built-in functions: the table and the run-time implementations.
#include "expr/builtins.h"

#include "core/text.h"
#include "expr/taiwan_id.h"

namespace fangyi::expr {
namespace {

constexpr int64_t kDay = 86400;
// Days of 0001-01-01 and 9999-12-31: the calendar Date supports.
constexpr int64_t kMinDays = -719162, kMaxDays = 2932896;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

constexpr TypeMask kString = mask(TypeKind::string) | mask(TypeKind::enum_);
constexpr TypeMask kDate = mask(TypeKind::date);
constexpr TypeMask kDatetime = mask(TypeKind::datetime);
constexpr TypeMask kDuration = mask(TypeKind::duration);
constexpr TypeMask kAny = ~0u;

Value day_of(const Value* a, std::size_t, const BuiltinRun&) {
  if (a[0].kind != ValueKind::date) return {};
  int64_t d;
  if (a[1].kind == ValueKind::date) d = a[1].i;
  else if (a[1].kind == ValueKind::datetime) d = floor_div(a[1].i, kDay);
  else return {};
  int64_t r;
  if (__builtin_sub_overflow(d, a[0].i, &r)) return {};
  return Value::integer(r);
}

Value date_of(const Value* a, std::size_t, const BuiltinRun&) {
  if (a[0].kind != ValueKind::datetime) return {};
  Value v;
  v.kind = ValueKind::date;
  v.i = floor_div(a[0].i, kDay);
  return v;
}

Value time_of(const Value* a, std::size_t, const BuiltinRun&) {
  if (a[0].kind != ValueKind::datetime) return {};
  Value v;
  v.kind = ValueKind::time;
  v.i = a[0].i - floor_div(a[0].i, kDay) * kDay;
  return v;
}

Value today(const Value*, std::size_t, const BuiltinRun& run) { return Value::date(run.today); }

Value days(const Value* a, std::size_t, const BuiltinRun&) {
  return a[0].kind == ValueKind::duration ? Value::integer(a[0].i / kDay) : Value{};
}

Value hours(const Value* a, std::size_t, const BuiltinRun&) {
  return a[0].kind == ValueKind::duration ? Value::integer(a[0].i / 3600) : Value{};
}

Value len(const Value* a, std::size_t, const BuiltinRun&) {
  if (a[0].kind != ValueKind::string) return {};
  return Value::integer(static_cast<int64_t>(code_point_count(a[0].s)));
}

bool two_strings(const Value* a) { return a[0].kind == ValueKind::string && a[1].kind == ValueKind::string; }

Value contains(const Value* a, std::size_t, const BuiltinRun&) {
  return two_strings(a) ? Value::boolean(a[0].s.find(a[1].s) != std::string_view::npos) : Value{};
}
Value starts_with(const Value* a, std::size_t, const BuiltinRun&) {
  return two_strings(a) ? Value::boolean(a[0].s.starts_with(a[1].s)) : Value{};
}
Value ends_with(const Value* a, std::size_t, const BuiltinRun&) {
  return two_strings(a) ? Value::boolean(a[0].s.ends_with(a[1].s)) : Value{};
}

Value has(const Value* a, std::size_t, const BuiltinRun&) {
  if (a[0].kind == ValueKind::null_) return Value::boolean(false);
  if (a[0].kind == ValueKind::string) return Value::boolean(!a[0].s.empty());
  return Value::boolean(true);
}

Value age(const Value* a, std::size_t, const BuiltinRun&) {
  if (a[0].kind != ValueKind::date || a[1].kind != ValueKind::date) return {};
  for (int k = 0; k < 2; ++k)
    if (a[k].i < kMinDays || a[k].i > kMaxDays) return {};
  Date birth = Date::from_days(static_cast<int32_t>(a[0].i));
  Date on = Date::from_days(static_cast<int32_t>(a[1].i));
  int years = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --years;
  return Value::integer(years);
}

Value abs_(const Value* a, std::size_t, const BuiltinRun&) {
  Value v = a[0];
  switch (v.kind) {
    case ValueKind::int_:
    case ValueKind::duration:
      if (v.i == INT64_MIN) return {};
      if (v.i < 0) v.i = -v.i;
      return v;
    case ValueKind::decimal:
      if (v.d < 0) v.d = -v.d;
      return v;
    default: return {};
  }
}

Value id_kind(const Value* a, std::size_t, const BuiltinRun&) {
  if (a[0].kind != ValueKind::string) return {};
  return Value::string(kIdKindNames[static_cast<int>(classify_id(a[0].s))]);
}

Value id_valid(const Value* a, std::size_t, const BuiltinRun&) {
  if (a[0].kind != ValueKind::string) return {};
  return Value::boolean(id_is_valid(a[0].s));
}

using R = ResultRule;
using K = TypeKind;

constexpr Builtin kBuiltins[] = {
    {"day_of", 2, 2, {kDate, kDate | kDatetime}, R::fixed, K::int_, -1, true, day_of},
    {"date", 1, 1, {kDatetime}, R::fixed, K::date, -1, true, date_of},
    {"time", 1, 1, {kDatetime}, R::fixed, K::time, -1, true, time_of},
    {"today", 0, 0, {}, R::fixed, K::date, -1, true, today},
    {"days", 1, 1, {kDuration}, R::fixed, K::int_, -1, true, days},
    {"hours", 1, 1, {kDuration}, R::fixed, K::int_, -1, true, hours},
    {"len", 1, 1, {kString | mask(K::list)}, R::fixed, K::int_, -1, true, len},
    {"matches", 2, 2, {kString, kString}, R::fixed, K::bool_, 1, true, nullptr},
    {"contains", 2, 2, {kString, kString}, R::fixed, K::bool_, -1, true, contains},
    {"starts_with", 2, 2, {kString, kString}, R::fixed, K::bool_, -1, true, starts_with},
    {"ends_with", 2, 2, {kString, kString}, R::fixed, K::bool_, -1, true, ends_with},
    {"has", 1, 1, {kAny}, R::fixed, K::bool_, -1, false, has},
    {"age", 2, 2, {kDate, kDate}, R::fixed, K::int_, -1, true, age},
    {"abs", 1, 1, {mask(K::int_) | mask(K::decimal) | kDuration}, R::same, K::error, -1, true, abs_},
    {"id_kind", 1, 1, {kString}, R::id_kind, K::error, -1, true, id_kind},
    {"id_valid", 1, 1, {kString}, R::fixed, K::bool_, -1, true, id_valid},
    {"deadline", 1, 1, {kString}, R::deadline, K::error, 0, true, nullptr},
};

}  // namespace

std::span<const Builtin> builtins() { return kBuiltins; }

int find_builtin(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kBuiltins); ++i)
    if (kBuiltins[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string mask_name(TypeMask m) {
  static constexpr TypeKind kNamed[] = {K::bool_, K::int_,     K::decimal, K::string, K::date,
                                        K::datetime, K::time, K::duration, K::list};
  if (m == kAny) return "any";
  std::string s;
  for (TypeKind k : kNamed) {
    if (!(m & mask(k))) continue;
    if (!s.empty()) s += "|";
    s += k == K::list ? "list" : make_type(k).name();
  }
  return s;
}

Type id_kind_type() {
  return make_enum(std::vector<std::string>(std::begin(kIdKindNames), std::end(kIdKindNames)));
}

}  // namespace fangyi::expr

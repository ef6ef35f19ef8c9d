// The evaluator: a stack machine over the working form vm_code.h makes of
// verified bytecode.
// Every operation checks the kinds of its operands and yields null for a
// kind it does not expect or on integer overflow, so even a program that
// verified but was assembled by hand cannot cause undefined behaviour.
#include <cmath>
#include <memory>

#include <unicode/regex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "expr/builtins.h"
#include "expr/opcodes.h"
#include "expr/vm_code.h"

namespace fangyi::expr {

namespace {

constexpr int64_t kDay = 86400;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
// Loop steps one evaluation may take before giving up with null: a guard
// against hand-made programs whose loops reset their own counters.
constexpr int64_t kMaxSteps = int64_t{1} << 22;

Value with_kind(ValueKind k, int64_t i) {
  Value v;
  v.kind = k;
  v.i = i;
  return v;
}

bool is_num(const Value& v) { return v.kind == ValueKind::int_ || v.kind == ValueKind::decimal; }
double as_double(const Value& v) { return v.kind == ValueKind::int_ ? static_cast<double>(v.i) : v.d; }

// Kinds whose values are the int64 `i`, compared as numbers.
bool integer_like(ValueKind k) {
  return k == ValueKind::int_ || k == ValueKind::date || k == ValueKind::datetime || k == ValueKind::time ||
         k == ValueKind::duration;
}

// compare() for every pair but two values of one integer-like kind.
int compare_other(const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) {
    double x = as_double(a), y = as_double(b);
    if (std::isnan(x) || std::isnan(y)) return 2;
    return (x > y) - (x < y);
  }
  if (a.kind != b.kind) return 2;
  switch (a.kind) {
    case ValueKind::string: {
      int c = a.s.compare(b.s);
      return (c > 0) - (c < 0);
    }
    case ValueKind::bool_: return (a.b > b.b) - (a.b < b.b);
    default: return 2;
  }
}

// -1, 0, 1, or 2 when the values cannot be compared. Two values of one
// integer-like kind (days, seconds, counts), the common case, in line.
inline int compare(const Value& a, const Value& b) {
  if (a.kind == b.kind && integer_like(a.kind)) return (a.i > b.i) - (a.i < b.i);
  return compare_other(a, b);
}

Value int_op(OpCode op, int64_t x, int64_t y, ValueKind k) {
  int64_t r = 0;
  bool overflow = false;
  switch (op) {
    case OpCode::add: overflow = __builtin_add_overflow(x, y, &r); break;
    case OpCode::sub: overflow = __builtin_sub_overflow(x, y, &r); break;
    case OpCode::mul: overflow = __builtin_mul_overflow(x, y, &r); break;
    case OpCode::div:
    case OpCode::mod:
      if (y == 0 || (x == INT64_MIN && y == -1)) return {};
      r = op == OpCode::div ? x / y : x % y;
      break;
    default: return {};
  }
  return overflow ? Value{} : with_kind(k, r);
}

Value arith(OpCode op, const Value& a, const Value& b) {
  using K = ValueKind;
  if (a.kind == K::null_ || b.kind == K::null_) return {};
  if (a.kind == K::int_ && b.kind == K::int_) return int_op(op, a.i, b.i, K::int_);
  if (is_num(a) && is_num(b)) {
    double x = as_double(a), y = as_double(b);
    switch (op) {
      case OpCode::add: return Value::decimal(x + y);
      case OpCode::sub: return Value::decimal(x - y);
      case OpCode::mul: return Value::decimal(x * y);
      case OpCode::div: return y == 0 ? Value{} : Value::decimal(x / y);
      case OpCode::mod: return y == 0 ? Value{} : Value::decimal(std::fmod(x, y));
      default: return {};
    }
  }
  auto is = [&](K p, K q) { return a.kind == p && b.kind == q; };
  bool add = op == OpCode::add, sub = op == OpCode::sub;
  // Dates move by whole days: the partial day of a duration is dropped.
  if ((add || sub) && is(K::date, K::duration)) return int_op(op, a.i, b.i / kDay, K::date);
  if (add && is(K::duration, K::date)) return int_op(op, a.i / kDay, b.i, K::date);
  if ((add || sub) && (is(K::datetime, K::duration) || is(K::duration, K::duration)))
    return int_op(op, a.i, b.i, a.kind);
  if (add && is(K::duration, K::datetime)) return int_op(op, a.i, b.i, K::datetime);
  if (sub && is(K::date, K::date)) {
    Value d = int_op(op, a.i, b.i, K::duration);
    return d.kind == K::null_ ? d : int_op(OpCode::mul, d.i, kDay, K::duration);
  }
  if (sub && (is(K::datetime, K::datetime) || is(K::time, K::time))) return int_op(op, a.i, b.i, K::duration);
  if (op == OpCode::mul && is(K::duration, K::int_)) return int_op(op, a.i, b.i, K::duration);
  if (op == OpCode::mul && is(K::int_, K::duration)) return int_op(op, a.i, b.i, K::duration);
  if (op == OpCode::div && is(K::duration, K::int_)) return int_op(op, a.i, b.i, K::duration);
  return {};
}

Value negate(const Value& a) {
  switch (a.kind) {
    case ValueKind::int_:
    case ValueKind::duration: return a.i == INT64_MIN ? Value{} : with_kind(a.kind, -a.i);
    case ValueKind::decimal: return Value::decimal(-a.d);
    default: return {};
  }
}

// Kleene logic: 0 false, 1 true, 2 unknown.
int truth(const Value& v) { return v.kind == ValueKind::bool_ ? (v.b ? 1 : 0) : 2; }

// Results overwrite their operand in place, field by field. Building a Value
// aside and copying it in stalls the CPU: the copy's wide loads read bytes
// just written by narrow stores.
void set_bool(Value& v, bool b) {
  v.kind = ValueKind::bool_;
  v.i = b ? 1 : 0;
}
void set_null(Value& v) {
  v.kind = ValueKind::null_;
  v.i = 0;
}
void set_number(Value& v, ValueKind k, int64_t i) {
  v.kind = k;
  v.i = i;
}
void set_truth(Value& v, int t) { t == 2 ? set_null(v) : set_bool(v, t == 1); }

// Field `slot` of a row held as values, stored at `positions` by slot (see
// SourceRows): null when the row does not hold it.
inline void load_held(const Value* row, const std::vector<int>& positions, std::size_t slot, Value& out) {
  const int pos = slot < positions.size() ? positions[slot] : -1;
  if (pos >= 0) out = row[pos];
  else set_null(out);
}

}  // namespace

// Compiled patterns, by index into the program's string pool; compiled on
// first use so that a program without `matches` costs nothing.
struct Evaluator::Regexes {
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;
  std::vector<bool> tried;
  // The subject as UTF-16, in a buffer reused from match to match: over
  // UTF-16 text held in one piece ICU matches several times faster than
  // over UTF-8, which it decodes in chunks as it goes.
  std::vector<char16_t> subject;
  UText text = UTEXT_INITIALIZER;

  ~Regexes() { utext_close(&text); }

  // Full-match of `s` against pattern `index`; null when the pattern
  // cannot be compiled (only possible in a hand-made program).
  Value match(const Program& p, std::size_t index, std::string_view s) {
    if (matchers.empty()) {
      matchers.resize(p.strings.size());
      tried.resize(p.strings.size());
    }
    if (!tried[index]) {
      tried[index] = true;
      UErrorCode status = U_ZERO_ERROR;
      auto m = std::make_unique<icu::RegexMatcher>(icu::UnicodeString::fromUTF8(p.strings[index]), 0, status);
      if (U_SUCCESS(status)) matchers[index] = std::move(m);
    }
    icu::RegexMatcher* m = matchers[index].get();
    if (m == nullptr || s.size() > INT32_MAX) return {};
    UErrorCode status = U_ZERO_ERROR;
    // One UTF-16 unit per UTF-8 byte is always enough.
    if (subject.size() < s.size() + 1) subject.resize(s.size() + 1);
    int32_t length = 0;
    u_strFromUTF8WithSub(subject.data(), static_cast<int32_t>(subject.size()), &length, s.data(),
                         static_cast<int32_t>(s.size()), 0xFFFD, nullptr, &status);
    utext_openUChars(&text, subject.data(), length, &status);
    if (U_FAILURE(status)) return {};
    m->reset(&text);
    bool r = m->matches(status);
    return U_SUCCESS(status) ? Value::boolean(r) : Value{};
  }
};

// The hoisted sets of vm_code.h. Ints 0..63 (days of a period, mostly) are
// bits; other values are kept as they come and compared one by one.
struct Evaluator::Sets {
  struct Set {
    uint64_t built = 0;  // the evaluation that built it
    uint64_t small = 0;
    std::vector<Value> others;
  };
  std::vector<Set> sets;
  uint64_t evaluation = 0;

  void add(Set& s, const Value& v) {
    if (v.kind == ValueKind::null_) return;
    if (v.kind == ValueKind::int_ && v.i >= 0 && v.i < 64) s.small |= uint64_t{1} << v.i;
    else s.others.push_back(v);
  }
  // Whether `x == v` holds for some v of the set, as the VM's eq decides it.
  static bool has(const Set& s, const Value& x) {
    if (x.kind == ValueKind::null_) return false;
    int64_t small = -1;
    if (x.kind == ValueKind::int_) small = x.i;
    if (x.kind == ValueKind::decimal && x.d >= 0 && x.d < 64 && x.d == std::floor(x.d)) small = static_cast<int64_t>(x.d);
    if (small >= 0 && small < 64 && (s.small >> small & 1)) return true;
    for (const Value& v : s.others)
      if (compare(x, v) == 0) return true;
    return false;
  }
};

Evaluator::Evaluator(const Program& p)
    : p_(p), code_(std::make_unique<vm::Code>(vm::prepare(p))), stack_(p.max_stack), locals_(p.max_locals),
      regexes_(std::make_unique<Regexes>()), sets_(std::make_unique<Sets>()) {
  sets_->sets.resize(code_->sets);
}

Evaluator::~Evaluator() = default;

// Threaded dispatch: every instruction ends with its own indirect jump to the
// next one's handler, so the branch predictor learns each opcode's likely
// successor instead of sharing one jump among all of them.
Value Evaluator::run(const Context& ctx) {
  using vm::Extra;
  const vm::Insn* const base = code_->insns.data();
  const vm::Insn* ip = base;
  Value* sp = stack_.data();  // next free slot
  Value* locals = locals_.data();
  for (std::size_t i = 0; i < locals_.size(); ++i) locals[i] = Value{};
  const uint64_t evaluation = ++sets_->evaluation;
  int64_t steps = 0;
  const BuiltinRun brun{ctx.today};
  auto rows_of = [&](uint64_t src) -> const SourceRows* {
    return src < ctx.sources.size() ? &ctx.sources[src] : nullptr;
  };
  // A field of the bare row: straight from its values when the caller has
  // them in an array, else through the row.
  const Value* const values = ctx.values;
  const std::size_t value_count = ctx.value_count;
  const std::vector<int>* const positions = ctx.value_positions;
  auto load_field = [&](uint32_t slot, Value& out) {
    if (values != nullptr && positions != nullptr) {
      load_held(values, *positions, slot, out);
    } else if (values != nullptr) {
      if (slot < value_count) out = values[slot];
      else set_null(out);
    } else if (ctx.row != nullptr) {
      ctx.row->get_into(slot, out);
    } else {
      set_null(out);
    }
  };

  static const void* const kLabels[] = {
      &&op_ret, &&op_push_null, &&op_push_true, &&op_push_false, &&op_push_int, &&op_push_number,
      &&op_push_decimal, &&op_push_string, &&op_load_field, &&op_load_row_field, &&op_load_local,
      &&op_store_local, &&op_neg, &&op_not, &&op_arith, &&op_arith, &&op_arith, &&op_arith, &&op_arith,
      &&op_eq, &&op_ne, &&op_lt, &&op_le, &&op_gt, &&op_ge, &&op_and, &&op_or, &&op_is_null, &&op_in_range,
      &&op_in_list, &&op_match, &&op_call, &&op_jump, &&op_jump_if_false_keep, &&op_jump_if_true_keep,
      &&op_jump_if_true, &&op_jump_unless_true, &&op_branch, &&op_row_init, &&op_row_next, &&op_range_init,
      &&op_range_next, &&op_inc_local, &&op_acc_min, &&op_acc_max, &&op_acc_add, &&op_count_rows,
      &&op_in_field_list,
      // Extra
      &&op_end, &&op_field_eq_str, &&op_field_ne_str, &&op_field_has, &&op_has, &&op_day_of, &&op_date_of,
      &&op_set_begin, &&op_set_add, &&op_set_has};
  static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == vm::op(Extra::count_));

#define FANGYI_DISPATCH() goto* kLabels[ip->op]
#define FANGYI_NEXT() \
  do {                \
    ++ip;             \
    FANGYI_DISPATCH(); \
  } while (0)
#define FANGYI_JUMP(to)  \
  do {                   \
    ip = base + (to);    \
    FANGYI_DISPATCH();   \
  } while (0)
#define FANGYI_COMPARE(test)                              \
  do {                                                    \
    --sp;                                                 \
    int c = compare(sp[-1], sp[0]);                       \
    c == 2 ? set_null(sp[-1]) : set_bool(sp[-1], test);   \
    FANGYI_NEXT();                                        \
  } while (0)

  FANGYI_DISPATCH();

op_ret:
  return sp[-1];
op_end:
  return Value{};
op_push_null:
  set_null(*sp++);
  FANGYI_NEXT();
op_push_true:
  set_bool(*sp++, true);
  FANGYI_NEXT();
op_push_false:
  set_bool(*sp++, false);
  FANGYI_NEXT();
op_push_int:
  set_number(*sp++, ValueKind::int_, ip->x);
  FANGYI_NEXT();
op_push_number:
  set_number(*sp++, static_cast<ValueKind>(ip->kind), ip->x);
  FANGYI_NEXT();
op_push_decimal:
  sp->kind = ValueKind::decimal;
  sp++->d = p_.decimals[ip->a];
  FANGYI_NEXT();
op_push_string:
  sp->kind = ValueKind::string;
  sp++->s = p_.strings[ip->a];
  FANGYI_NEXT();
op_load_field:
  load_field(ip->a, *sp);
  ++sp;
  FANGYI_NEXT();
op_load_row_field: {
  const SourceRows* rows = rows_of(ip->a);
  const Value& at = locals[ip->b];
  if (rows == nullptr || at.kind != ValueKind::int_ || at.i < 0 || static_cast<uint64_t>(at.i) >= rows->size()) {
    set_null(*sp);
  } else if (rows->positions != nullptr) {
    load_held(rows->values[static_cast<std::size_t>(at.i)], *rows->positions, ip->c, *sp);
  } else {
    const Row* row = rows->rows[static_cast<std::size_t>(at.i)];
    row != nullptr ? row->get_into(ip->c, *sp) : set_null(*sp);
  }
  ++sp;
  FANGYI_NEXT();
}
op_load_local:
  *sp++ = locals[ip->a];
  FANGYI_NEXT();
op_store_local:
  locals[ip->a] = *--sp;
  FANGYI_NEXT();
op_neg:
  sp[-1] = negate(sp[-1]);
  FANGYI_NEXT();
op_not: {
  int t = truth(sp[-1]);
  set_truth(sp[-1], t == 2 ? 2 : 1 - t);
  FANGYI_NEXT();
}
op_arith:
  --sp;
  sp[-1] = arith(static_cast<OpCode>(ip->op), sp[-1], sp[0]);
  FANGYI_NEXT();
op_eq:
  FANGYI_COMPARE(c == 0);
op_ne:
  FANGYI_COMPARE(c != 0);
op_lt:
  FANGYI_COMPARE(c < 0);
op_le:
  FANGYI_COMPARE(c <= 0);
op_gt:
  FANGYI_COMPARE(c > 0);
op_ge:
  FANGYI_COMPARE(c >= 0);
op_and: {
  --sp;
  int a = truth(sp[-1]), b = truth(sp[0]);
  set_truth(sp[-1], a == 0 || b == 0 ? 0 : a == 2 || b == 2 ? 2 : 1);
  FANGYI_NEXT();
}
op_or: {
  --sp;
  int a = truth(sp[-1]), b = truth(sp[0]);
  set_truth(sp[-1], a == 1 || b == 1 ? 1 : a == 2 || b == 2 ? 2 : 0);
  FANGYI_NEXT();
}
op_is_null:
  set_bool(sp[-1], sp[-1].kind == ValueKind::null_);
  FANGYI_NEXT();
op_in_range: {
  sp -= 2;
  const Value &x = sp[-1], &lo = sp[0], &hi = sp[1];
  int a = compare(lo, x), b = compare(x, hi);
  a == 2 || b == 2 ? set_null(sp[-1]) : set_bool(sp[-1], a <= 0 && b <= 0);
  FANGYI_NEXT();
}
op_in_list: {
  uint64_t n = ip->a;
  sp -= n;
  Value& x = sp[-1];
  bool found = false;
  for (uint64_t k = 0; k < n && !found; ++k) found = compare(x, sp[k]) == 0;
  x.kind == ValueKind::null_ ? set_null(x) : set_bool(x, found);
  FANGYI_NEXT();
}
op_in_field_list: {
  --sp;
  Value& x = sp[-1];
  const Value& list = sp[0];
  if (x.kind != ValueKind::string || list.kind != ValueKind::string) {
    x = Value{};
    FANGYI_NEXT();
  }
  bool found = false;
  for (std::size_t start = 0; start <= list.s.size() && !found;) {
    std::size_t end = list.s.find(kListSeparator, start);
    if (end == std::string_view::npos) end = list.s.size();
    found = list.s.substr(start, end - start) == x.s;
    start = end + 1;
  }
  x = Value::boolean(found);
  FANGYI_NEXT();
}
op_match: {
  Value& s = sp[-1];
  s = s.kind == ValueKind::string ? regexes_->match(p_, ip->a, s.s) : Value{};
  FANGYI_NEXT();
}
op_call: {
  const Builtin& b = builtins()[ip->a];
  uint64_t argc = ip->b;
  sp -= argc;
  bool null_arg = false;
  for (uint64_t k = 0; k < argc; ++k) null_arg = null_arg || sp[k].kind == ValueKind::null_;
  *sp = null_arg && b.null_in_null_out ? Value{} : b.run(sp, argc, brun);
  ++sp;
  FANGYI_NEXT();
}
op_jump:
  FANGYI_JUMP(ip->a);
op_jump_if_false_keep:
  if (truth(sp[-1]) == 0) FANGYI_JUMP(ip->a);
  FANGYI_NEXT();
op_jump_if_true_keep:
  if (truth(sp[-1]) == 1) FANGYI_JUMP(ip->a);
  FANGYI_NEXT();
op_jump_if_true:
  if (truth(*--sp) == 1) FANGYI_JUMP(ip->a);
  FANGYI_NEXT();
op_jump_unless_true:
  if (truth(*--sp) != 1) FANGYI_JUMP(ip->a);
  FANGYI_NEXT();
op_branch: {
  int t = truth(*--sp);
  if (t == 0) FANGYI_JUMP(ip->a);
  if (t == 2) FANGYI_JUMP(ip->b);
  FANGYI_NEXT();
}
op_row_init:
  locals[ip->a] = Value::integer(-1);
  FANGYI_NEXT();
op_row_next: {
  const auto* rows = rows_of(ip->a);
  Value& at = locals[ip->b];
  int64_t n = rows ? static_cast<int64_t>(rows->size()) : 0;
  if (++steps > kMaxSteps) return Value{};
  if (at.kind != ValueKind::int_ || at.i < -1 || at.i >= n - 1) FANGYI_JUMP(ip->c);
  ++at.i;
  FANGYI_NEXT();
}
op_range_init: {
  sp -= 2;
  const Value &lo = sp[0], &hi = sp[1];
  int64_t span;
  if (lo.kind != ValueKind::int_ || hi.kind != ValueKind::int_ || lo.i == INT64_MIN ||
      (hi.i >= lo.i && (__builtin_sub_overflow(hi.i, lo.i, &span) || span >= kMaxRangeSteps)))
    FANGYI_JUMP(ip->c);
  locals[ip->a] = Value::integer(lo.i - 1);
  locals[ip->b] = hi;
  FANGYI_NEXT();
}
op_range_next: {
  Value& at = locals[ip->a];
  const Value& hi = locals[ip->b];
  if (++steps > kMaxSteps) return Value{};
  if (at.kind != ValueKind::int_ || hi.kind != ValueKind::int_ || at.i >= hi.i) FANGYI_JUMP(ip->c);
  ++at.i;
  FANGYI_NEXT();
}
op_inc_local: {
  Value& v = locals[ip->a];
  if (v.kind == ValueKind::int_ && v.i < INT64_MAX) ++v.i;
  else v = Value{};
  FANGYI_NEXT();
}
op_acc_min:
op_acc_max: {
  Value& acc = locals[ip->a];
  const Value& v = *--sp;
  if (v.kind != ValueKind::null_) {
    int c = acc.kind == ValueKind::null_ ? -2 : compare(v, acc);
    if (c == -2 || (c != 2 && (ip->op == vm::op(OpCode::acc_min) ? c < 0 : c > 0))) acc = v;
  }
  FANGYI_NEXT();
}
op_acc_add: {
  Value& acc = locals[ip->a];
  const Value& v = *--sp;
  if (v.kind != ValueKind::null_) acc = arith(OpCode::add, acc, v);
  FANGYI_NEXT();
}
op_count_rows: {
  const auto* rows = rows_of(ip->a);
  set_number(*sp++, ValueKind::int_, rows ? static_cast<int64_t>(rows->size()) : 0);
  FANGYI_NEXT();
}
op_field_eq_str:
op_field_ne_str: {
  load_field(ip->a, *sp);
  Value& v = *sp++;
  if (v.kind != ValueKind::string) {
    set_null(v);
  } else {
    bool same = v.s == std::string_view(p_.strings[ip->b]);
    set_bool(v, ip->op == vm::op(Extra::field_eq_str) ? same : !same);
  }
  FANGYI_NEXT();
}
op_field_has: {
  load_field(ip->a, *sp);
  Value& v = *sp++;
  set_bool(v, v.kind == ValueKind::string ? !v.s.empty() : v.kind != ValueKind::null_);
  FANGYI_NEXT();
}
op_has: {
  Value& v = sp[-1];
  set_bool(v, v.kind == ValueKind::string ? !v.s.empty() : v.kind != ValueKind::null_);
  FANGYI_NEXT();
}
op_day_of: {
  // day_of(date, date or datetime): whole days from the first to the second.
  --sp;
  Value& a = sp[-1];
  const Value& b = sp[0];
  int64_t d = 0, r = 0;
  bool ok = a.kind == ValueKind::date && (b.kind == ValueKind::date || b.kind == ValueKind::datetime);
  if (ok) d = b.kind == ValueKind::date ? b.i : floor_div(b.i, kDay);
  if (ok && !__builtin_sub_overflow(d, a.i, &r)) set_number(a, ValueKind::int_, r);
  else set_null(a);
  FANGYI_NEXT();
}
op_date_of: {
  Value& a = sp[-1];
  a.kind == ValueKind::datetime ? set_number(a, ValueKind::date, floor_div(a.i, kDay)) : set_null(a);
  FANGYI_NEXT();
}
op_set_begin: {
  Sets::Set& s = sets_->sets[ip->a];
  if (s.built == evaluation) FANGYI_JUMP(ip->b);
  s.built = evaluation;
  s.small = 0;
  s.others.clear();
  FANGYI_NEXT();
}
op_set_add:
  sets_->add(sets_->sets[ip->a], *--sp);
  FANGYI_NEXT();
op_set_has:
  set_bool(sp[-1], Sets::has(sets_->sets[ip->a], sp[-1]));
  FANGYI_NEXT();

#undef FANGYI_COMPARE
#undef FANGYI_JUMP
#undef FANGYI_NEXT
#undef FANGYI_DISPATCH
}

Value evaluate(const Program& p, const Context& ctx) { return Evaluator(p).run(ctx); }

}  // namespace fangyi::expr

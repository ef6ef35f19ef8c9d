// The evaluator: a switch-dispatched stack machine over verified bytecode.
// Every operation checks the kinds of its operands and yields null for a
// kind it does not expect or on integer overflow, so even a program that
// verified but was assembled by hand cannot cause undefined behaviour.
#include <cmath>
#include <memory>

#include <unicode/regex.h>
#include <unicode/utext.h>

#include "expr/builtins.h"
#include "expr/opcodes.h"

namespace fangyi::expr {

Value Value::boolean(bool v) {
  Value x;
  x.kind = ValueKind::bool_;
  x.i = v ? 1 : 0;  // the whole word: a later 16-byte copy can then be forwarded from the store
  return x;
}
Value Value::integer(int64_t v) {
  Value x;
  x.kind = ValueKind::int_;
  x.i = v;
  return x;
}
Value Value::decimal(double v) {
  Value x;
  x.kind = ValueKind::decimal;
  x.d = v;
  return x;
}
Value Value::string(std::string_view v) {
  Value x;
  x.kind = ValueKind::string;
  x.s = v;
  return x;
}
Value Value::date(Date v) {
  Value x;
  x.kind = ValueKind::date;
  x.i = v.days();
  return x;
}
Value Value::datetime(const DateTime& v) {
  Value x;
  x.kind = ValueKind::datetime;
  x.i = v.epoch_seconds();
  return x;
}
Value Value::time(TimeOfDay v) {
  Value x;
  x.kind = ValueKind::time;
  x.i = v.seconds;
  return x;
}
Value Value::duration(Duration v) {
  Value x;
  x.kind = ValueKind::duration;
  x.i = v.seconds;
  return x;
}

namespace {

constexpr int64_t kDay = 86400;
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

// -1, 0, 1, or 2 when the values cannot be compared.
int compare(const Value& a, const Value& b) {
  if (a.kind == ValueKind::int_ && b.kind == ValueKind::int_) return (a.i > b.i) - (a.i < b.i);
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
    case ValueKind::date:
    case ValueKind::datetime:
    case ValueKind::time:
    case ValueKind::duration: return (a.i > b.i) - (a.i < b.i);
    default: return 2;
  }
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

}  // namespace

// Compiled patterns, by index into the program's string pool; compiled on
// first use so that a program without `matches` costs nothing.
struct Evaluator::Regexes {
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers;
  std::vector<bool> tried;
  // Re-pointed at each subject string; reusing it avoids an allocation per
  // match.
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
    if (m == nullptr) return {};
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&text, s.empty() ? "" : s.data(), static_cast<int64_t>(s.size()), &status);
    if (U_FAILURE(status)) return {};
    m->reset(&text);
    bool r = m->matches(status);
    return U_SUCCESS(status) ? Value::boolean(r) : Value{};
  }
};

Evaluator::Evaluator(const Program& p)
    : p_(p), stack_(p.max_stack), locals_(p.max_locals), regexes_(std::make_unique<Regexes>()) {}

Evaluator::~Evaluator() = default;

Value Evaluator::run(const Context& ctx) {
  const uint8_t* code = p_.code.data();
  const std::size_t size = p_.code.size();
  std::size_t pc = 0;
  Value* sp = stack_.data();  // next free slot
  Value* locals = locals_.data();
  for (std::size_t i = 0; i < locals_.size(); ++i) locals[i] = Value{};
  int64_t steps = 0;
  const BuiltinRun brun{ctx.today};

  auto uvar = [&]() -> uint64_t {
    uint64_t v = 0;
    for (int shift = 0; shift < 64 && pc < size; shift += 7) {
      uint8_t b = code[pc++];
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) break;
    }
    return v;
  };
  auto rows_of = [&](uint64_t src) -> const std::vector<const Row*>* {
    return src < ctx.sources.size() ? &ctx.sources[src] : nullptr;
  };

  while (pc < size) {
    auto op = static_cast<OpCode>(code[pc++]);
    switch (op) {
      case OpCode::ret: return sp[-1];
      case OpCode::push_null: set_null(*sp++); break;
      case OpCode::push_true: set_bool(*sp++, true); break;
      case OpCode::push_false: set_bool(*sp++, false); break;
      case OpCode::push_int: {
        uint64_t u = uvar();
        set_number(*sp++, ValueKind::int_, static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1)));
        break;
      }
      case OpCode::push_number: {
        auto k = static_cast<ValueKind>(code[pc++]);
        set_number(*sp++, k, p_.numbers[uvar()]);
        break;
      }
      case OpCode::push_decimal:
        sp->kind = ValueKind::decimal;
        sp++->d = p_.decimals[uvar()];
        break;
      case OpCode::push_string:
        sp->kind = ValueKind::string;
        sp++->s = p_.strings[uvar()];
        break;
      case OpCode::load_field: {
        uint64_t slot = uvar();
        ctx.row ? ctx.row->get_into(slot, *sp) : set_null(*sp);
        ++sp;
        break;
      }
      case OpCode::load_row_field: {
        uint64_t src = uvar(), local = uvar(), slot = uvar();
        const auto* rows = rows_of(src);
        const Value& at = locals[local];
        bool ok = rows && at.kind == ValueKind::int_ && at.i >= 0 && static_cast<uint64_t>(at.i) < rows->size() &&
                  (*rows)[static_cast<std::size_t>(at.i)] != nullptr;
        ok ? (*rows)[static_cast<std::size_t>(at.i)]->get_into(slot, *sp) : set_null(*sp);
        ++sp;
        break;
      }
      case OpCode::load_local: *sp++ = locals[uvar()]; break;
      case OpCode::store_local: locals[uvar()] = *--sp; break;
      case OpCode::neg: sp[-1] = negate(sp[-1]); break;
      case OpCode::not_: {
        int t = truth(sp[-1]);
        set_truth(sp[-1], t == 2 ? 2 : 1 - t);
        break;
      }
      case OpCode::add:
      case OpCode::sub:
      case OpCode::mul:
      case OpCode::div:
      case OpCode::mod:
        --sp;
        sp[-1] = arith(op, sp[-1], sp[0]);
        break;
      case OpCode::eq:
      case OpCode::ne:
      case OpCode::lt:
      case OpCode::le:
      case OpCode::gt:
      case OpCode::ge: {
        --sp;
        int c = compare(sp[-1], sp[0]);
        if (c == 2) {
          set_null(sp[-1]);
          break;
        }
        bool r = op == OpCode::eq ? c == 0 : op == OpCode::ne ? c != 0 : op == OpCode::lt ? c < 0
                 : op == OpCode::le ? c <= 0 : op == OpCode::gt ? c > 0 : c >= 0;
        set_bool(sp[-1], r);
        break;
      }
      case OpCode::and_:
      case OpCode::or_: {
        --sp;
        int a = truth(sp[-1]), b = truth(sp[0]);
        int r = op == OpCode::and_ ? (a == 0 || b == 0 ? 0 : a == 2 || b == 2 ? 2 : 1)
                                   : (a == 1 || b == 1 ? 1 : a == 2 || b == 2 ? 2 : 0);
        set_truth(sp[-1], r);
        break;
      }
      case OpCode::is_null: set_bool(sp[-1], sp[-1].kind == ValueKind::null_); break;
      case OpCode::in_range: {
        sp -= 2;
        const Value &x = sp[-1], &lo = sp[0], &hi = sp[1];
        int a = compare(lo, x), b = compare(x, hi);
        a == 2 || b == 2 ? set_null(sp[-1]) : set_bool(sp[-1], a <= 0 && b <= 0);
        break;
      }
      case OpCode::in_list: {
        uint64_t n = uvar();
        sp -= n;
        Value& x = sp[-1];
        bool found = false;
        for (uint64_t k = 0; k < n && !found; ++k) found = compare(x, sp[k]) == 0;
        x.kind == ValueKind::null_ ? set_null(x) : set_bool(x, found);
        break;
      }
      case OpCode::in_field_list: {
        --sp;
        Value& x = sp[-1];
        const Value& list = sp[0];
        if (x.kind != ValueKind::string || list.kind != ValueKind::string) {
          x = Value{};
          break;
        }
        bool found = false;
        for (std::size_t start = 0; start <= list.s.size() && !found;) {
          std::size_t end = list.s.find(kListSeparator, start);
          if (end == std::string_view::npos) end = list.s.size();
          found = list.s.substr(start, end - start) == x.s;
          start = end + 1;
        }
        x = Value::boolean(found);
        break;
      }
      case OpCode::match: {
        uint64_t index = uvar();
        Value& s = sp[-1];
        s = s.kind == ValueKind::string ? regexes_->match(p_, index, s.s) : Value{};
        break;
      }
      case OpCode::call: {
        const Builtin& b = builtins()[uvar()];
        uint64_t argc = uvar();
        sp -= argc;
        bool null_arg = false;
        for (uint64_t k = 0; k < argc; ++k) null_arg = null_arg || sp[k].kind == ValueKind::null_;
        *sp = null_arg && b.null_in_null_out ? Value{} : b.run(sp, argc, brun);
        ++sp;
        break;
      }
      case OpCode::jump: pc = uvar(); break;
      case OpCode::jump_if_false_keep:
      case OpCode::jump_if_true_keep: {
        std::size_t to = uvar();
        if (truth(sp[-1]) == (op == OpCode::jump_if_true_keep ? 1 : 0)) pc = to;
        break;
      }
      case OpCode::jump_if_true:
      case OpCode::jump_unless_true: {
        std::size_t to = uvar();
        bool t = truth(*--sp) == 1;
        if (t == (op == OpCode::jump_if_true)) pc = to;
        break;
      }
      case OpCode::branch: {
        std::size_t on_false = uvar(), on_null = uvar();
        int t = truth(*--sp);
        if (t == 0) pc = on_false;
        else if (t == 2) pc = on_null;
        break;
      }
      case OpCode::row_init: locals[uvar()] = Value::integer(-1); break;
      case OpCode::row_next: {
        uint64_t src = uvar();
        Value& at = locals[uvar()];
        std::size_t done = uvar();
        const auto* rows = rows_of(src);
        int64_t n = rows ? static_cast<int64_t>(rows->size()) : 0;
        if (++steps > kMaxSteps) return Value{};
        if (at.kind != ValueKind::int_ || at.i < -1 || at.i >= n - 1) pc = done;
        else ++at.i;
        break;
      }
      case OpCode::range_init: {
        uint64_t v = uvar(), h = uvar();
        std::size_t on_null = uvar();
        sp -= 2;
        const Value &lo = sp[0], &hi = sp[1];
        int64_t span;
        if (lo.kind != ValueKind::int_ || hi.kind != ValueKind::int_ || lo.i == INT64_MIN ||
            (hi.i >= lo.i && (__builtin_sub_overflow(hi.i, lo.i, &span) || span >= kMaxRangeSteps))) {
          pc = on_null;
          break;
        }
        locals[v] = Value::integer(lo.i - 1);
        locals[h] = hi;
        break;
      }
      case OpCode::range_next: {
        Value& at = locals[uvar()];
        const Value& hi = locals[uvar()];
        std::size_t done = uvar();
        if (++steps > kMaxSteps) return Value{};
        if (at.kind != ValueKind::int_ || hi.kind != ValueKind::int_ || at.i >= hi.i) pc = done;
        else ++at.i;
        break;
      }
      case OpCode::inc_local: {
        Value& v = locals[uvar()];
        if (v.kind == ValueKind::int_ && v.i < INT64_MAX) ++v.i;
        else v = Value{};
        break;
      }
      case OpCode::acc_min:
      case OpCode::acc_max: {
        Value& acc = locals[uvar()];
        const Value& v = *--sp;
        if (v.kind == ValueKind::null_) break;
        int c = acc.kind == ValueKind::null_ ? -2 : compare(v, acc);
        if (c == -2 || (c != 2 && (op == OpCode::acc_min ? c < 0 : c > 0))) acc = v;
        break;
      }
      case OpCode::acc_add: {
        Value& acc = locals[uvar()];
        const Value& v = *--sp;
        if (v.kind != ValueKind::null_) acc = arith(OpCode::add, acc, v);
        break;
      }
      case OpCode::count_rows: {
        const auto* rows = rows_of(uvar());
        *sp++ = Value::integer(rows ? static_cast<int64_t>(rows->size()) : 0);
        break;
      }
      case OpCode::count_: return Value{};
    }
  }
  return Value{};
}

Value evaluate(const Program& p, const Context& ctx) { return Evaluator(p).run(ctx); }

}  // namespace fangyi::expr

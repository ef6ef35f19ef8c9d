// prepare(): bytecode -> the evaluator's working form, in three passes over
// instruction vectors: decode, hoist invariant lookups, fuse. Each rewrite
// keeps a map from old to new instruction indexes so jumps stay exact; the
// patterns rewritten are the shapes codegen.cc emits, and anything else is
// copied unchanged, so a program that matches none runs as written.
#include "expr/vm_code.h"

#include "expr/builtins.h"

namespace fangyi::expr::vm {
namespace {

constexpr uint32_t kUnmapped = UINT32_MAX;

bool is_bytecode(uint8_t o) { return o < op(OpCode::count_); }

// Pointers to the target operands of `in`.
int targets_of(Insn& in, uint32_t* out[2]) {
  int n = 0;
  if (in.op == op(Extra::set_begin)) {
    out[n++] = &in.b;
  } else if (is_bytecode(in.op)) {
    const OpInfo& info = kOps[in.op];
    uint32_t* fields[3] = {&in.a, &in.b, &in.c};
    int f = 0;
    for (Operand o : info.operands) {
      if (o == Operand::none) break;
      if (o == Operand::kind || o == Operand::s || o == Operand::number) continue;  // not kept in a/b/c
      if (o == Operand::target) out[n++] = fields[f];
      ++f;
    }
  }
  return n;
}

// How many jumps land on each instruction.
std::vector<uint32_t> jumps_to(std::vector<Insn>& insns) {
  std::vector<uint32_t> refs(insns.size(), 0);
  for (Insn& in : insns) {
    uint32_t* t[2];
    for (int k = targets_of(in, t) - 1; k >= 0; --k)
      if (*t[k] < refs.size()) ++refs[*t[k]];
  }
  return refs;
}

// Builds a new instruction vector from an old one. Copied instructions keep
// old targets until finish() maps them; emitted ones carry new targets.
class Rewriter {
 public:
  explicit Rewriter(std::size_t old_size) : map_(old_size, kUnmapped) {}

  // Old instruction `i` now starts at the next instruction out.
  void mark(std::size_t i) { map_[i] = here(); }
  uint32_t here() const { return static_cast<uint32_t>(out_.size()); }
  void copy(const Insn& in) {
    out_.push_back(in);
    fixed_.push_back(false);
  }
  uint32_t emit(const Insn& in) {
    out_.push_back(in);
    fixed_.push_back(true);
    return here() - 1;
  }
  Insn& at(uint32_t i) { return out_[i]; }

  std::vector<Insn> finish() {
    uint32_t end = here() - 1;  // every vector ends with Extra::end
    for (std::size_t i = 0; i < out_.size(); ++i) {
      if (fixed_[i]) continue;
      uint32_t* t[2];
      for (int k = targets_of(out_[i], t) - 1; k >= 0; --k)
        *t[k] = *t[k] < map_.size() && map_[*t[k]] != kUnmapped ? map_[*t[k]] : end;
    }
    return std::move(out_);
  }

 private:
  std::vector<uint32_t> map_;
  std::vector<Insn> out_;
  std::vector<bool> fixed_;
};

std::vector<Insn> decode_all(const Program& p) {
  const std::vector<uint8_t>& code = p.code;
  std::vector<Insn> insns;
  std::vector<uint32_t> index(code.size() + 1, kUnmapped);
  std::size_t pc = 0;
  bool truncated = false;
  auto uvar = [&]() -> uint64_t {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pc >= code.size()) {
        truncated = true;
        return 0;
      }
      uint8_t b = code[pc++];
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) break;
    }
    return v;
  };
  auto u32 = [](uint64_t v) { return v > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(v); };
  // A truncated or unknown instruction ends the code: it and whatever
  // jumps to it become the end.
  while (pc < code.size()) {
    index[pc] = static_cast<uint32_t>(insns.size());
    Insn in;
    uint8_t o = code[pc++];
    if (!is_bytecode(o)) break;
    in.op = o;
    uint32_t* fields[3] = {&in.a, &in.b, &in.c};
    int f = 0;
    for (Operand kind : kOps[o].operands) {
      if (kind == Operand::none) break;
      if (kind == Operand::kind) {
        if (pc >= code.size()) truncated = true;
        else in.kind = code[pc++];
      } else if (kind == Operand::s) {
        uint64_t u = uvar();
        in.x = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
      } else if (kind == Operand::number) {
        uint64_t i = uvar();
        if (i >= p.numbers.size()) truncated = true;
        else in.x = p.numbers[i];
      } else {
        *fields[f++] = u32(uvar());
      }
    }
    if (truncated) break;
    insns.push_back(in);
  }
  insns.push_back(Insn{});  // Extra::end
  const uint32_t end = static_cast<uint32_t>(insns.size() - 1);
  for (Insn& in : insns) {
    uint32_t* t[2];
    for (int k = targets_of(in, t) - 1; k >= 0; --k) {
      uint32_t to = *t[k] < index.size() ? index[*t[k]] : kUnmapped;
      *t[k] = to == kUnmapped || to > end ? end : to;
    }
  }
  return insns;
}


// Straight-line code the hoisting may move: no jumps, loops or stores.
bool straight(uint8_t o) {
  switch (static_cast<OpCode>(o)) {
    case OpCode::push_null:
    case OpCode::push_true:
    case OpCode::push_false:
    case OpCode::push_int:
    case OpCode::push_number:
    case OpCode::push_decimal:
    case OpCode::push_string:
    case OpCode::load_field:
    case OpCode::load_row_field:
    case OpCode::load_local:
    case OpCode::neg:
    case OpCode::not_:
    case OpCode::add:
    case OpCode::sub:
    case OpCode::mul:
    case OpCode::div:
    case OpCode::mod:
    case OpCode::eq:
    case OpCode::ne:
    case OpCode::lt:
    case OpCode::le:
    case OpCode::gt:
    case OpCode::ge:
    case OpCode::and_:
    case OpCode::or_:
    case OpCode::is_null:
    case OpCode::in_range:
    case OpCode::in_list:
    case OpCode::match:
    case OpCode::call:
    case OpCode::count_rows:
    case OpCode::in_field_list: return is_bytecode(o);
    default: return false;
  }
}

int stack_effect(const Insn& in) {
  const OpInfo& info = kOps[in.op];
  int pops = info.pops;
  if (in.op == op(OpCode::in_list)) pops = static_cast<int>(in.a) + 1;
  if (in.op == op(OpCode::call)) pops = static_cast<int>(in.b);
  return info.pushes - pops;
}

// An `exists(v in S, a == b)` found at insns[i]: codegen's loop
//   i      row_init c
//   i+1    row_next S c -> i+k+3        (k: the index of eq)
//   ...    a, then b                    (straight-line)
//   k      eq
//   k+1    jump_if_true -> k+5
//   k+2    jump -> i+1
//   k+3    push_false
//   k+4    jump -> k+6
//   k+5    push_true
// where a reads no local but the row of v, b does not read v, and the loop
// sits inside another loop (else one pass is all it takes anyway). Then the
// values of a are the same at every step of the outer loop: `b_at` is where
// b starts and `end` is k+6.
struct Invariant {
  std::size_t b_at = 0, eq = 0, end = 0;
};

bool invariant_exists(const std::vector<Insn>& insns, const std::vector<uint32_t>& refs, std::size_t i,
                      Invariant& found) {
  const std::size_t n = insns.size();
  if (insns[i].op != op(OpCode::row_init) || i + 1 >= n) return false;
  const Insn& next = insns[i + 1];
  const uint32_t counter = insns[i].a;
  if (next.op != op(OpCode::row_next) || next.b != counter) return false;
  const std::size_t k = next.c >= 3 ? next.c - 3 : 0;
  if (k <= i + 2 || k + 6 > n || insns[k].op != op(OpCode::eq)) return false;
  const Insn *jt = &insns[k + 1], *back = &insns[k + 2], *no = &insns[k + 3], *skip = &insns[k + 4],
             *yes = &insns[k + 5];
  if (jt->op != op(OpCode::jump_if_true) || jt->a != k + 5 || back->op != op(OpCode::jump) || back->a != i + 1 ||
      no->op != op(OpCode::push_false) || skip->op != op(OpCode::jump) || skip->a != k + 6 ||
      yes->op != op(OpCode::push_true))
    return false;
  // Nothing else jumps into the loop.
  for (std::size_t j = i + 1; j < k + 6; ++j) {
    uint32_t expected = j == i + 1 || j == k + 3 || j == k + 5 ? 1 : 0;
    if (refs[j] != expected) return false;
  }
  // The body: a leaves one value, b a second one on top of it.
  std::size_t b_at = 0;
  int depth = 0;
  for (std::size_t j = i + 2; j < k; ++j) {
    if (!straight(insns[j].op)) return false;
    if (depth == 1) b_at = j;
    depth += stack_effect(insns[j]);
    if (depth < 0) return false;
  }
  if (depth != 2 || b_at == 0) return false;
  for (std::size_t j = i + 2; j < k; ++j) {
    const Insn& in = insns[j];
    bool reads_v = (in.op == op(OpCode::load_row_field) && in.b == counter) ||
                   (in.op == op(OpCode::load_local) && in.a == counter);
    if (j < b_at) {
      bool other = in.op == op(OpCode::load_local) ||
                   (in.op == op(OpCode::load_row_field) && (in.b != counter || in.a != next.a));
      if (other) return false;
    } else if (reads_v) {
      return false;
    }
  }
  // Inside another loop: a later jump back to a loop head before i.
  bool nested = false;
  for (std::size_t j = k + 6; j < n && !nested; ++j) {
    const Insn& in = insns[j];
    nested = in.op == op(OpCode::jump) && in.a < i &&
             (insns[in.a].op == op(OpCode::row_next) || insns[in.a].op == op(OpCode::range_next));
  }
  if (!nested) return false;
  found = {b_at, k, k + 6};
  return true;
}

//   set_begin s -> B      (built already in this evaluation: straight to B)
//   row_init c
//   L: row_next S c -> B
//   a
//   set_add s
//   jump L
//   B: b
//   set_has s
std::vector<Insn> hoist(std::vector<Insn> insns, uint32_t& sets) {
  std::vector<uint32_t> refs = jumps_to(insns);
  Rewriter r(insns.size());
  for (std::size_t i = 0; i < insns.size();) {
    Invariant inv;
    if (!invariant_exists(insns, refs, i, inv)) {
      r.mark(i);
      r.copy(insns[i++]);
      continue;
    }
    for (std::size_t j = i; j < inv.end; ++j) r.mark(j);
    const uint32_t set = sets++;
    uint32_t begin = r.emit(Insn{op(Extra::set_begin), 0, set, 0, 0, 0});
    r.emit(insns[i]);
    Insn next = insns[i + 1];
    uint32_t loop = r.emit(next);
    for (std::size_t j = i + 2; j < inv.b_at; ++j) r.emit(insns[j]);
    r.emit(Insn{op(Extra::set_add), 0, set, 0, 0, 0});
    r.emit(Insn{op(OpCode::jump), 0, loop, 0, 0, 0});
    uint32_t b = r.here();
    r.at(begin).b = b;
    r.at(loop).c = b;
    for (std::size_t j = inv.b_at; j < inv.eq; ++j) r.emit(insns[j]);
    r.emit(Insn{op(Extra::set_has), 0, set, 0, 0, 0});
    i = inv.end;
  }
  return r.finish();
}

// One instruction for load_field + push_string + eq/ne, load_field + has(),
// and the most used builtins called directly.
std::vector<Insn> fuse(std::vector<Insn> insns) {
  std::vector<uint32_t> refs = jumps_to(insns);
  const int has = find_builtin("has"), day_of = find_builtin("day_of"), date = find_builtin("date");
  auto is_call = [&](const Insn& in, int builtin, uint32_t argc) {
    return in.op == op(OpCode::call) && static_cast<int>(in.a) == builtin && in.b == argc;
  };
  Rewriter r(insns.size());
  for (std::size_t i = 0; i < insns.size();) {
    const Insn& in = insns[i];
    r.mark(i);
    auto free = [&](std::size_t j) { return j < insns.size() && refs[j] == 0; };
    if (in.op == op(OpCode::load_field) && free(i + 1) && free(i + 2) &&
        insns[i + 1].op == op(OpCode::push_string) &&
        (insns[i + 2].op == op(OpCode::eq) || insns[i + 2].op == op(OpCode::ne))) {
      Extra e = insns[i + 2].op == op(OpCode::eq) ? Extra::field_eq_str : Extra::field_ne_str;
      r.mark(i + 1);
      r.mark(i + 2);
      r.copy(Insn{op(e), 0, in.a, insns[i + 1].a, 0, 0});
      i += 3;
    } else if (in.op == op(OpCode::load_field) && free(i + 1) && is_call(insns[i + 1], has, 1)) {
      r.mark(i + 1);
      r.copy(Insn{op(Extra::field_has), 0, in.a, 0, 0, 0});
      i += 2;
    } else {
      Insn out = in;
      if (is_call(in, has, 1)) out.op = op(Extra::has);
      if (is_call(in, day_of, 2)) out.op = op(Extra::day_of);
      if (is_call(in, date, 1)) out.op = op(Extra::date_of);
      r.copy(out);
      ++i;
    }
  }
  return r.finish();
}

}  // namespace

Code prepare(const Program& p) {
  Code c;
  c.insns = fuse(hoist(decode_all(p), c.sets));
  return c;
}

}  // namespace fangyi::expr::vm

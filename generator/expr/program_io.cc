// The binary form of a Program and its verifier. decode() trusts nothing:
// it bounds every count by the bytes left, checks every operand against the
// pools and the environment, and proves by data flow over the control-flow
// graph that each instruction sees one stack depth, within [0, max_stack].
#include <cstring>

#include "expr/builtins.h"
#include "expr/opcodes.h"
#include "expr/types.h"

namespace fangyi::expr {
namespace {

constexpr uint8_t kFormat = 1;
constexpr int kMaxTypeDepth = 4;

void encode_type(const Type& t, ByteWriter& w) {
  w.u8(static_cast<uint8_t>(t.kind));
  if (t.kind == TypeKind::enum_) {
    w.uvar(t.values.size());
    for (const auto& v : t.values) w.str(v);
  }
  if (t.kind == TypeKind::list || t.kind == TypeKind::range) encode_type(*t.element, w);
}

bool decode_type(ByteReader& r, Type& t, int depth) {
  if (depth > kMaxTypeDepth) return false;
  uint8_t k = r.u8();
  if (!r.ok() || k > static_cast<uint8_t>(TypeKind::range)) return false;
  t = make_type(static_cast<TypeKind>(k));
  if (t.kind == TypeKind::enum_) {
    std::size_t n = r.count(1);
    for (std::size_t i = 0; i < n && r.ok(); ++i) t.values.push_back(r.str());
  }
  if (t.kind == TypeKind::list || t.kind == TypeKind::range) {
    Type e;
    if (!decode_type(r, e, depth + 1)) return false;
    t.element = std::make_shared<const Type>(std::move(e));
  }
  return r.ok();
}

struct Insn {
  std::size_t pc = 0, next = 0;
  OpCode op{};
  uint64_t arg[3] = {0, 0, 0};
};

class Verifier {
 public:
  Verifier(const Program& p, const Environment& env, std::string* why) : p_(p), env_(env), why_(why) {}

  bool run() { return decode_all() && flow(); }

 private:
  bool fail(const std::string& reason) {
    if (why_) *why_ = reason;
    return false;
  }

  bool decode_all() {
    if (p_.code.empty()) return fail("empty code");
    ByteReader r(p_.code.data(), p_.code.size());
    index_.assign(p_.code.size(), -1);
    while (!r.at_end()) {
      Insn in;
      in.pc = r.pos();
      uint8_t op = r.u8();
      if (op >= static_cast<uint8_t>(OpCode::count_)) return fail("bad opcode at " + std::to_string(in.pc));
      in.op = static_cast<OpCode>(op);
      const OpInfo& info = kOps[op];
      for (int k = 0; k < 3 && info.operands[k] != Operand::none; ++k) {
        uint64_t v = info.operands[k] == Operand::kind ? r.u8() : r.uvar();
        if (!r.ok()) return fail("truncated instruction at " + std::to_string(in.pc));
        if (!operand_ok(info.operands[k], v, in, k)) return fail("bad operand of " + std::string(info.name) +
                                                                 " at " + std::to_string(in.pc));
        in.arg[k] = v;
      }
      in.next = r.pos();
      index_[in.pc] = static_cast<int>(insns_.size());
      insns_.push_back(in);
    }
    return true;
  }

  bool operand_ok(Operand kind, uint64_t v, const Insn& in, int k) {
    switch (kind) {
      case Operand::none:
      case Operand::s: return true;
      case Operand::u:
        if (in.op == OpCode::call) {
          const Builtin& b = builtins()[in.arg[0]];
          return v >= b.min_args && v <= b.max_args;
        }
        return v < kMaxStack;
      case Operand::kind: {
        auto vk = static_cast<ValueKind>(v);
        return vk == ValueKind::int_ || vk == ValueKind::date || vk == ValueKind::datetime || vk == ValueKind::time ||
               vk == ValueKind::duration;
      }
      case Operand::number: return v < p_.numbers.size();
      case Operand::decimal: return v < p_.decimals.size();
      case Operand::string: return v < p_.strings.size();
      case Operand::slot: return env_.row != nullptr && v < env_.row->fields.size();
      case Operand::source: return v < env_.sources.size() && env_.sources[v].second != nullptr;
      case Operand::row_slot: return k > 0 && v < env_.sources[in.arg[0]].second->fields.size();
      case Operand::local: return v < p_.max_locals;
      case Operand::target: return v < p_.code.size();
      case Operand::builtin: return v < builtins().size() && builtins()[v].run != nullptr;
    }
    return false;
  }

  // Abstract interpretation of stack depth over the control-flow graph.
  bool flow() {
    std::vector<int> depth(insns_.size(), -1);
    std::vector<std::size_t> work{0};
    depth[0] = 0;
    while (!work.empty()) {
      std::size_t i = work.back();
      work.pop_back();
      const Insn& in = insns_[i];
      const OpInfo& info = kOps[static_cast<std::size_t>(in.op)];
      int d = depth[i];
      int pops = info.pops;
      if (in.op == OpCode::in_list) pops = static_cast<int>(in.arg[0]) + 1;
      if (in.op == OpCode::call) pops = static_cast<int>(in.arg[1]);
      if (in.op == OpCode::jump_if_false_keep || in.op == OpCode::jump_if_true_keep) {
        if (d < 1) return fail("stack underflow at " + std::to_string(in.pc));
      }
      if (d < pops) return fail("stack underflow at " + std::to_string(in.pc));
      int after = d - pops + info.pushes;
      if (after > static_cast<int>(p_.max_stack)) return fail("stack overflow at " + std::to_string(in.pc));
      if (in.op == OpCode::ret) {
        if (d != 1) return fail("ret with stack depth " + std::to_string(d));
        continue;
      }
      std::size_t n_targets = 0;
      uint64_t targets[2];
      for (int k = 0; k < 3; ++k)
        if (info.operands[k] == Operand::target) targets[n_targets++] = in.arg[k];
      for (std::size_t t = 0; t < n_targets; ++t) {
        if (!reach(in, targets[t], after, depth, work)) return false;
      }
      if (in.op != OpCode::jump) {
        if (in.next >= p_.code.size()) return fail("code runs off its end");
        if (!reach(in, in.next, after, depth, work)) return false;
      }
    }
    return true;
  }

  bool reach(const Insn& from, uint64_t to, int d, std::vector<int>& depth, std::vector<std::size_t>& work) {
    int j = index_[to];
    if (j < 0) return fail("jump into the middle of an instruction at " + std::to_string(from.pc));
    // Only loop heads may be jumped back to; each of them advances a
    // counter toward its bound, so loops end.
    OpCode target_op = insns_[static_cast<std::size_t>(j)].op;
    if (to <= from.pc && target_op != OpCode::row_next && target_op != OpCode::range_next)
      return fail("backward jump to a non-loop instruction at " + std::to_string(from.pc));
    int& have = depth[static_cast<std::size_t>(j)];
    if (have < 0) {
      have = d;
      work.push_back(static_cast<std::size_t>(j));
    } else if (have != d) {
      return fail("inconsistent stack depth at " + std::to_string(to));
    }
    return true;
  }

  const Program& p_;
  const Environment& env_;
  std::string* why_;
  std::vector<Insn> insns_;
  std::vector<int> index_;  // pc -> instruction index, -1 inside an instruction
};

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

}  // namespace

bool operator==(const Program& a, const Program& b) {
  return a.code == b.code && a.strings == b.strings && a.numbers == b.numbers && same_bits(a.decimals, b.decimals) &&
         same_type(a.result, b.result) && a.max_stack == b.max_stack && a.max_locals == b.max_locals &&
         a.source == b.source;
}

void encode(const Program& p, ByteWriter& w) {
  w.u8(kFormat);
  w.str(p.source);
  encode_type(p.result, w);
  w.uvar(p.max_stack);
  w.uvar(p.max_locals);
  w.uvar(p.strings.size());
  for (const auto& s : p.strings) w.str(s);
  w.uvar(p.numbers.size());
  for (int64_t n : p.numbers) w.svar(n);
  w.uvar(p.decimals.size());
  for (double d : p.decimals) w.f64(d);
  w.uvar(p.code.size());
  w.bytes(p.code.data(), p.code.size());
}

bool decode(ByteReader& r, const Environment& env, Program& out, std::string* why) {
  auto fail = [&](const char* reason) {
    if (why) *why = reason;
    r.fail();
    return false;
  };
  Program p;
  if (r.u8() != kFormat) return fail("unknown program format");
  p.source = r.str();
  if (!decode_type(r, p.result, 0)) return fail("bad result type");
  uint64_t max_stack = r.uvar(), max_locals = r.uvar();
  if (!r.ok() || max_stack == 0 || max_stack > kMaxStack || max_locals > kMaxLocals) return fail("bad stack or locals size");
  p.max_stack = static_cast<uint32_t>(max_stack);
  p.max_locals = static_cast<uint32_t>(max_locals);
  std::size_t n = r.count(1);
  for (std::size_t i = 0; i < n && r.ok(); ++i) p.strings.push_back(r.str());
  n = r.count(1);
  for (std::size_t i = 0; i < n && r.ok(); ++i) p.numbers.push_back(r.svar());
  n = r.count(8);
  for (std::size_t i = 0; i < n && r.ok(); ++i) p.decimals.push_back(r.f64());
  n = r.count(1);
  if (!r.ok()) return fail("truncated program");
  if (n > kMaxCode) return fail("code too large");
  p.code.resize(n);
  for (std::size_t i = 0; i < n; ++i) p.code[i] = r.u8();
  if (!r.ok()) return fail("truncated program");
  if (!Verifier(p, env, why).run()) {
    r.fail();
    return false;
  }
  out = std::move(p);
  return true;
}

}  // namespace fangyi::expr

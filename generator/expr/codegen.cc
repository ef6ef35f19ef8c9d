// Code generation. Jump targets are written as fixed 4-byte LEB128 varints
// (padded with continuation bits) so forward jumps can be patched in place;
// everything else uses the shortest varint. Constants are pooled and
// deduplicated so equal expressions compile to equal bytes.
#include "expr/codegen.h"

#include <algorithm>
#include <cstring>

#include "expr/builtins.h"
#include "expr/opcodes.h"
#include "expr/types.h"

namespace fangyi::expr {
namespace {

class Codegen {
 public:
  Codegen(const Environment& env, Program& p) : env_(env), p_(p) {}

  void root(const Node& n) {
    expr(n);
    op(OpCode::ret);
    p_.max_stack = static_cast<uint32_t>(max_depth_);
  }

 private:
  using Label = std::size_t;  // position of a 4-byte target operand to patch

  void op(OpCode o) {
    p_.code.push_back(static_cast<uint8_t>(o));
    const OpInfo& info = kOps[static_cast<std::size_t>(o)];
    if (info.pops >= 0) stack(info.pushes - info.pops);
  }

  void stack(int delta) {
    depth_ += delta;
    max_depth_ = std::max(max_depth_, depth_);
  }

  void uvar(uint64_t v) {
    while (v >= 0x80) {
      p_.code.push_back(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    p_.code.push_back(static_cast<uint8_t>(v));
  }

  void svar(int64_t v) { uvar((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }

  Label target() {
    Label at = p_.code.size();
    p_.code.insert(p_.code.end(), {0x80, 0x80, 0x80, 0x00});
    return at;
  }

  void patch(Label at, std::size_t to) {
    for (int k = 0; k < 4; ++k) {
      uint8_t b = static_cast<uint8_t>((to >> (7 * k)) & 0x7F);
      p_.code[at + static_cast<std::size_t>(k)] = k < 3 ? static_cast<uint8_t>(b | 0x80) : b;
    }
  }

  void here(Label at) { patch(at, p_.code.size()); }

  // A target already known (a backward jump).
  void target_to(std::size_t to) { patch(target(), to); }

  template <class T>
  static std::size_t pool(std::vector<T>& v, const T& x) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (std::memcmp(&v[i], &x, sizeof x) == 0) return i;
    v.push_back(x);
    return v.size() - 1;
  }

  std::size_t string_index(const std::string& s) {
    auto it = std::find(p_.strings.begin(), p_.strings.end(), s);
    if (it != p_.strings.end()) return static_cast<std::size_t>(it - p_.strings.begin());
    p_.strings.push_back(s);
    return p_.strings.size() - 1;
  }

  void push_number(ValueKind k, int64_t v) {
    op(OpCode::push_number);
    p_.code.push_back(static_cast<uint8_t>(k));
    uvar(pool(p_.numbers, v));
  }

  void push_decimal(double d) {
    op(OpCode::push_decimal);
    uvar(pool(p_.decimals, d));
  }

  void literal(const Node& n) {
    switch (n.lit_kind) {
      case TypeKind::null_: op(OpCode::push_null); break;
      case TypeKind::bool_: op(n.i ? OpCode::push_true : OpCode::push_false); break;
      case TypeKind::int_:
        op(OpCode::push_int);
        svar(n.i);
        break;
      case TypeKind::decimal: push_decimal(n.d); break;
      case TypeKind::string:
        op(OpCode::push_string);
        uvar(string_index(n.s));
        break;
      default: push_number(value_kind(n.lit_kind), n.i); break;
    }
  }

  void expr(const Node& n) {
    switch (n.kind) {
      case NodeKind::literal: literal(n); break;
      case NodeKind::ident:
        if (n.ref == Ref::field) {
          op(OpCode::load_field);
          uvar(static_cast<uint64_t>(n.slot));
        } else {
          op(OpCode::load_local);
          uvar(static_cast<uint64_t>(n.local));
        }
        break;
      case NodeKind::member:
        op(OpCode::load_row_field);
        uvar(static_cast<uint64_t>(n.source));
        uvar(static_cast<uint64_t>(n.local));
        uvar(static_cast<uint64_t>(n.slot));
        break;
      case NodeKind::unary:
        expr(*n.kids[0]);
        op(n.op == Op::not_ ? OpCode::not_ : OpCode::neg);
        break;
      case NodeKind::binary: binary(n); break;
      case NodeKind::conditional: conditional(n); break;
      case NodeKind::call: call(n); break;
      case NodeKind::comprehension: comprehension(n); break;
      case NodeKind::list:
      case NodeKind::range: break;  // only reached through `in`, see membership()
    }
  }

  static bool is_null_literal(const Node& n) { return n.kind == NodeKind::literal && n.lit_kind == TypeKind::null_; }

  void binary(const Node& n) {
    const Node& l = *n.kids[0];
    const Node& r = *n.kids[1];
    switch (n.op) {
      case Op::and_:
      case Op::or_: {
        // Short circuit: false and _ = false, true or _ = true, even when _
        // is null; otherwise the Kleene and/or of both.
        expr(l);
        op(n.op == Op::and_ ? OpCode::jump_if_false_keep : OpCode::jump_if_true_keep);
        Label skip = target();
        expr(r);
        op(n.op == Op::and_ ? OpCode::and_ : OpCode::or_);
        here(skip);
        return;
      }
      case Op::in:
      case Op::not_in:
        membership(l, r);
        if (n.op == Op::not_in) op(OpCode::not_);
        return;
      case Op::eq:
      case Op::ne:
        if (is_null_literal(l) || is_null_literal(r)) {
          expr(is_null_literal(l) ? r : l);
          op(OpCode::is_null);
          if (n.op == Op::ne) op(OpCode::not_);
          return;
        }
        break;
      default: break;
    }
    expr(l);
    expr(r);
    static constexpr OpCode kCode[] = {OpCode::or_, OpCode::and_, OpCode::not_, OpCode::eq, OpCode::ne, OpCode::lt,
                                       OpCode::le,  OpCode::gt,   OpCode::ge,   OpCode::eq, OpCode::eq, OpCode::add,
                                       OpCode::sub, OpCode::mul,  OpCode::div,  OpCode::mod, OpCode::neg};
    op(kCode[static_cast<std::size_t>(n.op)]);
  }

  void membership(const Node& x, const Node& coll) {
    expr(x);
    if (coll.kind == NodeKind::list) {
      for (const auto& k : coll.kids) expr(*k);
      op(OpCode::in_list);
      uvar(coll.kids.size());
      stack(-static_cast<int>(coll.kids.size()));
      return;
    }
    if (coll.kind == NodeKind::ident || coll.kind == NodeKind::member) {
      expr(coll);
      op(OpCode::in_field_list);
      stack(-1);
      return;
    }
    if (coll.kind == NodeKind::range) {
      expr(*coll.kids[0]);
      expr(*coll.kids[1]);
    } else {
      // deadline("window"): a constant range of times.
      const DeadlineValue& d = env_.deadlines.at(coll.kids[0]->s);
      push_number(ValueKind::time, d.from.seconds);
      push_number(ValueKind::time, d.to.seconds);
    }
    op(OpCode::in_range);
  }

  // A branch of a decimal conditional may be an int: adding 0.0 widens it,
  // so the value's kind always matches the checked type.
  void widened(const Node& branch, const Type& to) {
    expr(branch);
    if (to.kind == TypeKind::decimal && branch.type.kind == TypeKind::int_) {
      push_decimal(0.0);
      op(OpCode::add);
    }
  }

  void conditional(const Node& n) {
    expr(*n.kids[0]);
    op(OpCode::branch);
    Label on_false = target(), on_null = target();
    int base = depth_;
    widened(*n.kids[1], n.type);
    op(OpCode::jump);
    Label end1 = target();
    here(on_false);
    depth_ = base;
    widened(*n.kids[2], n.type);
    op(OpCode::jump);
    Label end2 = target();
    here(on_null);
    depth_ = base;
    op(OpCode::push_null);
    here(end1);
    here(end2);
  }

  void call(const Node& n) {
    const Builtin& b = builtins()[static_cast<std::size_t>(n.builtin)];
    if (b.rule == ResultRule::deadline) {
      const DeadlineValue& d = env_.deadlines.at(n.kids[0]->s);
      if (n.type.kind == TypeKind::time) push_number(ValueKind::time, d.by.seconds);
      else push_number(ValueKind::duration, d.within.seconds);
      return;
    }
    if (b.name == "matches") {
      expr(*n.kids[0]);
      op(OpCode::match);
      uvar(string_index(n.kids[1]->s));
      return;
    }
    if (b.name == "len" && n.kids[0]->type.kind == TypeKind::list) {
      op(OpCode::push_int);
      svar(static_cast<int64_t>(n.kids[0]->kids.size()));
      return;
    }
    for (const auto& k : n.kids) expr(*k);
    op(OpCode::call);
    uvar(static_cast<uint64_t>(n.builtin));
    uvar(n.kids.size());
    stack(1 - static_cast<int>(n.kids.size()));
  }

  void local_op(OpCode o, int local) {
    op(o);
    uvar(static_cast<uint64_t>(local));
  }

  void comprehension(const Node& n) {
    bool rows = n.source >= 0;
    const std::string& fn = n.name;
    if (rows && fn == "count" && n.kids.size() == 1) {
      op(OpCode::count_rows);
      uvar(static_cast<uint64_t>(n.source));
      return;
    }
    Label on_null = 0;
    if (rows) {
      local_op(OpCode::row_init, n.local);
    } else {
      expr(*n.kids[0]->kids[0]);
      expr(*n.kids[0]->kids[1]);
      op(OpCode::range_init);
      uvar(static_cast<uint64_t>(n.local));
      uvar(static_cast<uint64_t>(n.local2));
      on_null = target();
    }
    // The accumulator's start: 0 for count and sum (of the body's type),
    // null for min and max (nothing seen yet).
    if (fn == "count" || (fn == "sum" && n.type.kind == TypeKind::int_)) {
      op(OpCode::push_int);
      svar(0);
    } else if (fn == "sum" && n.type.kind == TypeKind::decimal) {
      push_decimal(0.0);
    } else if (fn == "sum") {
      push_number(ValueKind::duration, 0);
    } else if (fn == "min" || fn == "max") {
      op(OpCode::push_null);
    }
    if (fn != "exists" && fn != "all") local_op(OpCode::store_local, n.local3);

    std::size_t loop = p_.code.size();
    if (rows) {
      op(OpCode::row_next);
      uvar(static_cast<uint64_t>(n.source));
      uvar(static_cast<uint64_t>(n.local));
    } else {
      op(OpCode::range_next);
      uvar(static_cast<uint64_t>(n.local));
      uvar(static_cast<uint64_t>(n.local2));
    }
    Label done = target();
    Label decided = 0;
    if (fn == "count") {
      if (n.kids.size() == 2) {
        expr(*n.kids[1]);
        op(OpCode::jump_unless_true);
        target_to(loop);
      }
      local_op(OpCode::inc_local, n.local3);
    } else if (fn == "exists" || fn == "all") {
      expr(*n.kids[1]);
      op(fn == "exists" ? OpCode::jump_if_true : OpCode::jump_unless_true);
      decided = target();
    } else {
      expr(*n.kids[1]);
      local_op(fn == "min" ? OpCode::acc_min : fn == "max" ? OpCode::acc_max : OpCode::acc_add, n.local3);
    }
    op(OpCode::jump);
    target_to(loop);

    here(done);
    int base = depth_;
    std::vector<Label> ends;
    if (fn == "exists" || fn == "all") {
      op(fn == "exists" ? OpCode::push_false : OpCode::push_true);
      op(OpCode::jump);
      ends.push_back(target());
      here(decided);
      depth_ = base;
      op(fn == "exists" ? OpCode::push_true : OpCode::push_false);
    } else {
      local_op(OpCode::load_local, n.local3);
    }
    if (!rows) {
      op(OpCode::jump);
      ends.push_back(target());
      here(on_null);
      depth_ = base;
      op(OpCode::push_null);
    }
    for (Label e : ends) here(e);
  }

  const Environment& env_;
  Program& p_;
  int depth_ = 0;
  int max_depth_ = 0;
};

}  // namespace

void generate(const Node& root, const Environment& env, Program& out) { Codegen(env, out).root(root); }

}  // namespace fangyi::expr

// Type rules of the expression language; see docs/expressions.md.
#include "expr/typecheck.h"

#include <memory>

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "core/text.h"
#include "expr/builtins.h"
#include "expr/types.h"

namespace fangyi::expr {
namespace {

constexpr std::string_view kComprehensions[] = {"count", "exists", "all", "min", "max", "sum"};

bool is_comprehension(std::string_view name) {
  for (auto c : kComprehensions)
    if (c == name) return true;
  return false;
}

std::string_view op_spelling(Op op) {
  switch (op) {
    case Op::or_: return "or";
    case Op::and_: return "and";
    case Op::not_: return "not";
    case Op::eq: return "==";
    case Op::ne: return "!=";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::in: return "in";
    case Op::not_in: return "not in";
    case Op::add: return "+";
    case Op::sub: return "-";
    case Op::mul: return "*";
    case Op::div: return "/";
    case Op::mod: return "%";
    case Op::neg: return "-";
  }
  return "?";
}

bool is_ordered(TypeKind k) {
  return is_numeric(k) || is_stringy(k) || k == TypeKind::date || k == TypeKind::datetime ||
         k == TypeKind::time || k == TypeKind::duration;
}

bool equatable(TypeKind a, TypeKind b) {
  if (is_numeric(a) && is_numeric(b)) return true;
  if (is_stringy(a) && is_stringy(b)) return true;
  return a == b && (a == TypeKind::bool_ || a == TypeKind::date || a == TypeKind::datetime || a == TypeKind::time ||
                    a == TypeKind::duration);
}

bool orderable(TypeKind a, TypeKind b) { return equatable(a, b) && is_ordered(a); }

struct Var {
  std::string name;
  bool row;    // bound to the rows of a source; else an int
  int source;  // when row
  int local;
};

class Checker {
 public:
  Checker(std::string_view text, const Environment& env, const Locator& locate, Diagnostics& diags)
      : text_(text), env_(env), locate_(locate), diags_(diags) {}

  int locals() const { return locals_; }

  // A type usable as a value: lists and ranges only make sense after `in`.
  Type value(Node& n) {
    Type t = check(n);
    if (t.kind == TypeKind::list || t.kind == TypeKind::range) {
      error(n.offset, n.length, Msg::expr_collection_misuse, {t.name()});
      return n.type = make_type(TypeKind::error);
    }
    return t;
  }

 private:
  Diagnostic& error(std::size_t offset, std::size_t length, Msg m, std::vector<std::string> args,
                    const std::string& hint = {}) {
    Diagnostic& d = diags_.error(locate_(offset, length), m, std::move(args));
    suggest(d, hint);
    return d;
  }

  std::string source_text(const Node& n) const { return std::string(text_.substr(n.offset, n.length)); }

  static Type err() { return make_type(TypeKind::error); }

  Type check(Node& n) {
    n.type = infer(n);
    return n.type;
  }

  Type infer(Node& n) {
    switch (n.kind) {
      case NodeKind::literal: return make_type(n.lit_kind);
      case NodeKind::list: return list(n);
      case NodeKind::range: return range(n);
      case NodeKind::ident: return ident(n);
      case NodeKind::member: return member(n);
      case NodeKind::unary: return unary(n);
      case NodeKind::binary: return binary(n);
      case NodeKind::conditional: return conditional(n);
      case NodeKind::call: return call(n);
      case NodeKind::comprehension: return comprehension(n);
    }
    return err();
  }

  // The common type of two operands that must agree (list elements, ?:
  // branches): numbers widen to decimal, an enum meets a string as string,
  // null meets anything.
  static std::optional<Type> unify(const Type& a, const Type& b) {
    if (a.kind == TypeKind::null_) return b;
    if (b.kind == TypeKind::null_) return a;
    if (same_type(a, b)) return a;
    if (is_numeric(a.kind) && is_numeric(b.kind)) return make_type(TypeKind::decimal);
    if (is_stringy(a.kind) && is_stringy(b.kind)) return make_type(TypeKind::string);
    return std::nullopt;
  }

  Type list(Node& n) {
    Type elem = make_type(TypeKind::null_);
    bool bad = false;
    for (auto& k : n.kids) {
      Type t = value(*k);
      if (t.kind == TypeKind::error) {
        bad = true;
        continue;
      }
      auto u = unify(elem, t);
      if (!u) {
        error(k->offset, k->length, Msg::expr_list_mixed, {elem.name(), t.name()});
        bad = true;
        continue;
      }
      elem = *u;
    }
    return bad ? err() : make_list(elem);
  }

  Type range(Node& n) {
    Type lo = value(*n.kids[0]), hi = value(*n.kids[1]);
    if (lo.kind == TypeKind::error || hi.kind == TypeKind::error) return err();
    auto u = unify(lo, hi);
    bool ok = u && lo.kind != TypeKind::null_ && hi.kind != TypeKind::null_ &&
              (is_numeric(u->kind) || u->kind == TypeKind::date || u->kind == TypeKind::time);
    if (!ok) {
      error(n.op_offset, n.op_length, Msg::expr_range_bounds, {lo.name(), hi.name()});
      return err();
    }
    return make_range(*u);
  }

  const Var* find_var(std::string_view name) const {
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }

  int find_source(std::string_view name) const {
    for (std::size_t i = 0; i < env_.sources.size(); ++i)
      if (env_.sources[i].first == name) return static_cast<int>(i);
    return -1;
  }

  Type ident(Node& n) {
    if (const Var* v = find_var(n.name)) {
      if (v->row) {
        error(n.offset, n.length, Msg::expr_row_as_value, {n.name});
        return err();
      }
      n.ref = Ref::local;
      n.local = v->local;
      return make_type(TypeKind::int_);
    }
    if (env_.row) {
      if (auto slot = env_.row->find(n.name)) {
        n.ref = Ref::field;
        n.slot = static_cast<int>(*slot);
        return env_.row->fields[*slot].type;
      }
    }
    if (find_source(n.name) >= 0) {
      error(n.offset, n.length, Msg::expr_source_as_value, {n.name});
      return err();
    }
    std::vector<std::string> names;
    for (const auto& v : scope_) names.push_back(v.name);
    if (env_.row)
      for (const auto& f : env_.row->fields) names.push_back(f.id);
    for (const auto& s : env_.sources) names.push_back(s.first);
    error(n.offset, n.length, Msg::expr_unknown_identifier, {n.name}, nearest(n.name, names));
    return err();
  }

  Type member(Node& n) {
    Node& obj = *n.kids[0];
    if (obj.kind == NodeKind::ident) {
      if (const Var* v = find_var(obj.name); v && v->row) {
        const RecordType& rec = *env_.sources[static_cast<std::size_t>(v->source)].second;
        auto slot = rec.find(n.name);
        if (!slot) {
          std::vector<std::string> names;
          for (const auto& f : rec.fields) names.push_back(f.id);
          error(n.op_offset, n.op_length, Msg::expr_unknown_field, {n.name, obj.name}, nearest(n.name, names));
          return err();
        }
        n.ref = Ref::row_field;
        n.source = v->source;
        n.local = v->local;
        n.slot = static_cast<int>(*slot);
        return rec.fields[*slot].type;
      }
    }
    Type t = value(obj);
    if (t.kind == TypeKind::error) return err();
    error(n.op_offset, n.op_length, Msg::expr_no_fields, {t.name()});
    return err();
  }

  // Reports a non-bool operand of a logical operator; null and error pass.
  void need_bool(const Node& operand, const Type& t, std::string_view what) {
    if (t.kind == TypeKind::bool_ || t.kind == TypeKind::error || t.kind == TypeKind::null_) return;
    error(operand.offset, operand.length, Msg::expr_need_bool, {std::string(what), t.name()});
  }

  Type unary(Node& n) {
    Type t = value(*n.kids[0]);
    if (n.op == Op::not_) {
      need_bool(*n.kids[0], t, "not");
      return make_type(TypeKind::bool_);
    }
    if (t.kind == TypeKind::error) return err();
    if (t.kind == TypeKind::int_ || t.kind == TypeKind::decimal || t.kind == TypeKind::duration) return t;
    error(n.op_offset, n.op_length, Msg::expr_bad_operand, {"-", t.name()});
    return err();
  }

  // `enum == "literal"`: the literal must be one of the enum's values.
  void check_enum_literal(const Node& enum_node, const Type& et, const Node& lit) {
    if (et.kind != TypeKind::enum_ || lit.kind != NodeKind::literal || lit.lit_kind != TypeKind::string) return;
    for (const auto& v : et.values)
      if (v == lit.s) return;
    std::string allowed;
    for (const auto& v : et.values) allowed += (allowed.empty() ? "" : "|") + v;
    error(lit.offset, lit.length, Msg::expr_enum_value, {lit.s, source_text(enum_node), allowed},
          nearest(lit.s, et.values));
  }

  static bool is_null_literal(const Node& n) { return n.kind == NodeKind::literal && n.lit_kind == TypeKind::null_; }

  Type binary(Node& n) {
    Node& l = *n.kids[0];
    Node& r = *n.kids[1];
    switch (n.op) {
      case Op::and_:
      case Op::or_: {
        Type a = value(l), b = value(r);
        need_bool(l, a, op_spelling(n.op));
        need_bool(r, b, op_spelling(n.op));
        return make_type(TypeKind::bool_);
      }
      case Op::in:
      case Op::not_in: return membership(n);
      case Op::eq:
      case Op::ne:
        if (is_null_literal(l) || is_null_literal(r)) {
          value(l);
          value(r);
          return make_type(TypeKind::bool_);
        }
        [[fallthrough]];
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        Type a = value(l), b = value(r);
        if (a.kind == TypeKind::error || b.kind == TypeKind::error) return make_type(TypeKind::bool_);
        bool ok = n.op == Op::eq || n.op == Op::ne ? equatable(a.kind, b.kind) : orderable(a.kind, b.kind);
        if (!ok) {
          error(n.op_offset, n.op_length, Msg::expr_cannot_compare, {a.name(), b.name()});
        } else {
          check_enum_literal(l, a, r);
          check_enum_literal(r, b, l);
        }
        return make_type(TypeKind::bool_);
      }
      default: return arithmetic(n);
    }
  }

  Type membership(Node& n) {
    Node& l = *n.kids[0];
    Node& r = *n.kids[1];
    Type a = value(l);
    Type b = check(r);
    if (b.kind == TypeKind::error) return make_type(TypeKind::bool_);
    if (b.kind != TypeKind::list && b.kind != TypeKind::range) {
      error(r.offset, r.length, Msg::expr_in_rhs, {b.name()});
      return make_type(TypeKind::bool_);
    }
    bool literal_collection = r.kind == NodeKind::list || r.kind == NodeKind::range ||
                              (r.kind == NodeKind::call && n.kids[1]->builtin >= 0);
    bool list_field = b.kind == TypeKind::list && (r.kind == NodeKind::ident || r.kind == NodeKind::member);
    if (!literal_collection && !list_field) {
      // Collections exist only as literals (and deadline windows): the
      // evaluator has no list values.
      error(r.offset, r.length, Msg::expr_in_rhs, {b.name()});
      return make_type(TypeKind::bool_);
    }
    if (a.kind == TypeKind::error) return make_type(TypeKind::bool_);
    const Type& elem = *b.element;
    if (b.kind == TypeKind::list) {
      if (elem.kind == TypeKind::null_ || a.kind == TypeKind::null_) return make_type(TypeKind::bool_);
      if (!equatable(a.kind, elem.kind)) {
        error(n.op_offset, n.op_length, Msg::expr_cannot_compare, {a.name(), elem.name()});
      } else if (r.kind == NodeKind::list) {
        for (const auto& k : r.kids) check_enum_literal(l, a, *k);
      }
    } else if (!orderable(a.kind, elem.kind)) {
      error(n.op_offset, n.op_length, Msg::expr_cannot_compare, {a.name(), elem.name()});
    }
    return make_type(TypeKind::bool_);
  }

  Type arithmetic(Node& n) {
    Type a = value(*n.kids[0]), b = value(*n.kids[1]);
    if (a.kind == TypeKind::error || b.kind == TypeKind::error) return err();
    using K = TypeKind;
    K x = a.kind, y = b.kind;
    if (is_numeric(x) && is_numeric(y))
      return make_type(x == K::int_ && y == K::int_ ? K::int_ : K::decimal);
    auto is = [&](K p, K q) { return x == p && y == q; };
    switch (n.op) {
      case Op::add:
        if (is(K::date, K::duration) || is(K::duration, K::date)) return make_type(K::date);
        if (is(K::datetime, K::duration) || is(K::duration, K::datetime)) return make_type(K::datetime);
        if (is(K::duration, K::duration)) return make_type(K::duration);
        break;
      case Op::sub:
        if (is(K::date, K::duration)) return make_type(K::date);
        if (is(K::datetime, K::duration)) return make_type(K::datetime);
        if (is(K::date, K::date) || is(K::datetime, K::datetime) || is(K::time, K::time) ||
            is(K::duration, K::duration))
          return make_type(K::duration);
        break;
      case Op::mul:
        if (is(K::duration, K::int_) || is(K::int_, K::duration)) return make_type(K::duration);
        break;
      case Op::div:
        if (is(K::duration, K::int_)) return make_type(K::duration);
        break;
      default: break;
    }
    error(n.op_offset, n.op_length, Msg::expr_bad_operands, {std::string(op_spelling(n.op)), a.name(), b.name()});
    return err();
  }

  Type conditional(Node& n) {
    Type c = value(*n.kids[0]);
    need_bool(*n.kids[0], c, "?:");
    Type a = value(*n.kids[1]), b = value(*n.kids[2]);
    if (a.kind == TypeKind::error || b.kind == TypeKind::error) return err();
    auto u = unify(a, b);
    if (!u) {
      error(n.op_offset, n.op_length, Msg::expr_branch_mismatch, {a.name(), b.name()});
      return err();
    }
    return *u;
  }

  Type call(Node& n) {
    if (is_comprehension(n.name)) {
      Node* first = n.kids.empty() ? nullptr : n.kids[0].get();
      if (first && first->kind == NodeKind::binary && first->op == Op::in &&
          first->kids[0]->kind == NodeKind::ident) {
        // Reshape to comprehension: name, var, kids = [source, body?].
        NodePtr in = std::move(n.kids[0]);
        n.kind = NodeKind::comprehension;
        n.s = in->kids[0]->name;
        n.kids[0] = std::move(in->kids[1]);
        return comprehension(n);
      }
      error(n.offset, n.length, Msg::expr_comprehension_form, {n.name});
      return err();
    }
    int index = find_builtin(n.name);
    if (index < 0) {
      std::vector<std::string> names;
      for (const auto& b : builtins()) names.emplace_back(b.name);
      for (auto c : kComprehensions) names.emplace_back(c);
      error(n.op_offset, n.op_length, Msg::expr_unknown_function, {n.name}, nearest(n.name, names));
      for (auto& k : n.kids) check(*k);
      return err();
    }
    const Builtin& b = builtins()[static_cast<std::size_t>(index)];
    n.builtin = index;
    std::size_t argc = n.kids.size();
    if (argc < b.min_args || argc > b.max_args) {
      std::string want = std::to_string(b.min_args);
      if (b.max_args != b.min_args) want += "-" + std::to_string(b.max_args);
      error(n.offset, n.length, Msg::expr_arg_count, {n.name, want, std::to_string(argc)});
      for (auto& k : n.kids) check(*k);
      return err();
    }
    bool bad = false;
    for (std::size_t i = 0; i < argc; ++i) {
      Node& a = *n.kids[i];
      if (static_cast<int>(i) == b.literal_arg && !(a.kind == NodeKind::literal && a.lit_kind == TypeKind::string)) {
        error(a.offset, a.length, Msg::expr_arg_literal, {n.name, std::to_string(i + 1)});
        bad = true;
        continue;
      }
      Type t = b.params[i] & mask(TypeKind::list) ? check(a) : value(a);
      if (t.kind == TypeKind::error) {
        bad = true;
      } else if (t.kind != TypeKind::null_ &&
                 (!(b.params[i] & mask(t.kind)) || (t.kind == TypeKind::list && a.kind != NodeKind::list))) {
        error(a.offset, a.length, Msg::expr_arg_type, {n.name, std::to_string(i + 1), mask_name(b.params[i]), t.name()});
        bad = true;
      }
    }
    if (bad) return err();
    if (n.name == "matches" && !regex_ok(*n.kids[1])) return err();
    switch (b.rule) {
      case ResultRule::fixed: return make_type(b.result);
      case ResultRule::same: return n.kids[0]->type;
      case ResultRule::id_kind: return id_kind_type();
      case ResultRule::deadline: {
        const Node& a = *n.kids[0];
        auto it = env_.deadlines.find(a.s);
        if (it == env_.deadlines.end()) {
          std::vector<std::string> names;
          for (const auto& [k, v] : env_.deadlines) names.push_back(k);
          error(a.offset, a.length, Msg::expr_unknown_deadline, {a.s}, nearest(a.s, names));
          return err();
        }
        return it->second.type;
      }
    }
    return err();
  }

  // Compiles the pattern once here so a bad one is a compile error; the
  // evaluator compiles it again from the program's string pool.
  bool regex_ok(const Node& lit) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe;
    std::unique_ptr<icu::RegexPattern> p(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(lit.s), 0, pe, status));
    if (U_SUCCESS(status)) return true;
    error(lit.offset, lit.length, Msg::expr_bad_regex, {u_errorName(status)});
    return false;
  }

  Type comprehension(Node& n) {
    bool counting = n.name == "count";
    std::size_t want = counting ? (n.kids.size() == 1 ? 1 : 2) : 2;
    if (n.kids.size() != want) {
      error(n.offset, n.length, Msg::expr_arg_count, {n.name, counting ? "1-2" : "2", std::to_string(n.kids.size())});
      return err();
    }
    Node& src = *n.kids[0];
    Var var{n.s, false, -1, -1};
    bool ok = true;
    if (src.kind == NodeKind::ident && find_source(src.name) >= 0) {
      var.row = true;
      var.source = n.source = find_source(src.name);
      src.type = make_type(TypeKind::null_);
    } else if (src.kind == NodeKind::ident && !find_var(src.name) && !(env_.row && env_.row->find(src.name))) {
      std::vector<std::string> names;
      for (const auto& s : env_.sources) names.push_back(s.first);
      error(src.offset, src.length, Msg::expr_unknown_source, {src.name}, nearest(src.name, names));
      ok = false;
    } else {
      Type t = check(src);
      if (t.kind == TypeKind::error) {
        ok = false;
      } else if (!(t.kind == TypeKind::range && t.element->kind == TypeKind::int_)) {
        error(src.offset, src.length, Msg::expr_comprehension_source, {t.name()});
        ok = false;
      }
    }
    n.local = locals_++;
    if (!var.row) n.local2 = locals_++;
    n.local3 = locals_++;
    var.local = n.local;
    if (!ok) return err();  // the body would only repeat the source's error
    if (n.kids.size() == 1) return make_type(TypeKind::int_);
    scope_.push_back(var);
    Node& body = *n.kids[1];
    Type t = value(body);
    scope_.pop_back();
    if (n.name == "count" || n.name == "exists" || n.name == "all") {
      need_bool(body, t, n.name);
      return make_type(n.name == "count" ? TypeKind::int_ : TypeKind::bool_);
    }
    if (t.kind == TypeKind::error || !ok) return err();
    bool fits = n.name == "sum" ? (is_numeric(t.kind) || t.kind == TypeKind::duration) : is_ordered(t.kind);
    if (!fits) {
      error(body.offset, body.length, Msg::expr_aggregate_type, {n.name, t.name()});
      return err();
    }
    return t;
  }

  std::string_view text_;
  const Environment& env_;
  const Locator& locate_;
  Diagnostics& diags_;
  std::vector<Var> scope_;
  int locals_ = 0;
};

}  // namespace

CheckOutcome typecheck(Node& root, std::string_view text, const Environment& env, const Locator& locate,
                       Diagnostics& diags) {
  Checker c(text, env, locate, diags);
  CheckOutcome out;
  out.result = c.value(root);
  out.locals = c.locals();
  return out;
}

}  // namespace fangyi::expr

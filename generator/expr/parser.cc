// Precedence climbing by one function per level, lowest first:
//   cond := or ('?' cond ':' cond)?
//   or := and (or and)*        and := not (and not)*
//   not := 'not' not | cmp     cmp := range (cmpop range)?   (non-associative)
//   range := add ('..' add)?   add := mul (('+'|'-') mul)*
//   mul := unary (('*'|'/'|'%') unary)*
//   unary := '-' unary | postfix      postfix := primary ('.' ident)*
//   primary := literal | ident | ident '(' args ')' | '(' cond ')' | '[' args ']'
#include "expr/parser.h"

#include <algorithm>

namespace fangyi::expr {
namespace {

// Thrown to unwind to parse() at the first error; the parser keeps no state
// worth recovering.
struct Abort {};

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> toks, SyntaxError& err)
      : text_(text), toks_(std::move(toks)), err_(err) {}

  NodePtr run() {
    if (peek().kind == Tok::end) fail(Msg::expr_empty, {}, peek());
    NodePtr n = cond();
    if (peek().kind != Tok::end) fail(Msg::expr_trailing, {token_text(peek())}, peek());
    return n;
  }

 private:
  // Counts recursion into the levels that can nest without creating a node.
  struct Depth {
    explicit Depth(Parser& p) : p_(p) {
      if (++p_.depth_ > kMaxNesting) p_.fail(Msg::expr_too_deep, {std::to_string(kMaxNesting)}, p_.peek());
    }
    ~Depth() { --p_.depth_; }
    Parser& p_;
  };

  const Token& peek(std::size_t k = 0) const { return toks_[std::min(pos_ + k, toks_.size() - 1)]; }
  const Token& take() { return toks_[std::min(pos_++, toks_.size() - 1)]; }
  bool accept(Tok k) {
    if (peek().kind != k) return false;
    ++pos_;
    return true;
  }

  std::string token_text(const Token& t) const { return std::string(text_.substr(t.offset, t.length)); }

  [[noreturn]] void fail(Msg m, std::vector<std::string> args, const Token& at) {
    err_ = SyntaxError{m, std::move(args), at.offset, at.length, {}};
    throw Abort{};
  }

  const Token& expect(Tok k) {
    const Token& t = peek();
    if (t.kind != k) {
      std::string want(spelling(k));
      if (t.kind == Tok::end) fail(Msg::expr_expected_at_end, {want}, t);
      fail(Msg::expr_expected, {want, token_text(t)}, t);
    }
    return take();
  }

  NodePtr make(NodeKind k, std::size_t offset, std::size_t end) {
    auto n = std::make_unique<Node>();
    n->kind = k;
    n->offset = offset;
    n->length = end - offset;
    return n;
  }

  // Adopts children, tracking tree height so that long operator chains
  // (1+1+1+...) are bounded as well as parentheses.
  void adopt(Node& n, NodePtr kid) {
    n.height = std::max(n.height, kid->height + 1);
    if (n.height > kMaxNesting) {
      err_ = SyntaxError{Msg::expr_too_deep, {std::to_string(kMaxNesting)}, n.offset, n.length, {}};
      throw Abort{};
    }
    n.kids.push_back(std::move(kid));
  }

  std::size_t end_of(const Node& n) const { return n.offset + n.length; }

  NodePtr binary(Op op, const Token& optok, NodePtr l, NodePtr r) {
    auto n = make(NodeKind::binary, l->offset, end_of(*r));
    n->op = op;
    n->op_offset = optok.offset;
    n->op_length = optok.length;
    adopt(*n, std::move(l));
    adopt(*n, std::move(r));
    return n;
  }

  NodePtr cond() {
    Depth guard(*this);
    NodePtr c = or_();
    if (peek().kind != Tok::question) return c;
    const Token& q = take();
    NodePtr a = cond();
    expect(Tok::colon);
    NodePtr b = cond();
    auto n = make(NodeKind::conditional, c->offset, end_of(*b));
    n->op_offset = q.offset;
    n->op_length = q.length;
    adopt(*n, std::move(c));
    adopt(*n, std::move(a));
    adopt(*n, std::move(b));
    return n;
  }

  NodePtr or_() {
    NodePtr l = and_();
    while (peek().kind == Tok::kw_or) {
      const Token& t = take();
      l = binary(Op::or_, t, std::move(l), and_());
    }
    return l;
  }

  NodePtr and_() {
    NodePtr l = not_();
    while (peek().kind == Tok::kw_and) {
      const Token& t = take();
      l = binary(Op::and_, t, std::move(l), not_());
    }
    return l;
  }

  NodePtr unary(Op op, const Token& t, NodePtr operand) {
    auto n = make(NodeKind::unary, t.offset, end_of(*operand));
    n->op = op;
    n->op_offset = t.offset;
    n->op_length = t.length;
    adopt(*n, std::move(operand));
    return n;
  }

  NodePtr not_() {
    if (peek().kind == Tok::kw_not) {
      Depth guard(*this);
      const Token& t = take();
      return unary(Op::not_, t, not_());
    }
    return cmp();
  }

  bool comparison_ahead(Op* op, std::size_t* ntok) const {
    *ntok = 1;
    switch (peek().kind) {
      case Tok::eq: *op = Op::eq; return true;
      case Tok::ne: *op = Op::ne; return true;
      case Tok::lt: *op = Op::lt; return true;
      case Tok::le: *op = Op::le; return true;
      case Tok::gt: *op = Op::gt; return true;
      case Tok::ge: *op = Op::ge; return true;
      case Tok::kw_in: *op = Op::in; return true;
      case Tok::kw_not:
        if (peek(1).kind != Tok::kw_in) return false;
        *op = Op::not_in;
        *ntok = 2;
        return true;
      default: return false;
    }
  }

  NodePtr cmp() {
    NodePtr l = range();
    Op op;
    std::size_t ntok;
    if (!comparison_ahead(&op, &ntok)) return l;
    Token optok = peek();
    if (ntok == 2) optok.length = peek(1).offset + peek(1).length - optok.offset;
    pos_ += ntok;
    NodePtr n = binary(op, optok, std::move(l), range());
    if (comparison_ahead(&op, &ntok)) fail(Msg::expr_chained_comparison, {}, peek());
    return n;
  }

  NodePtr range() {
    NodePtr lo = add();
    if (peek().kind != Tok::dotdot) return lo;
    const Token& t = take();
    NodePtr hi = add();
    auto n = make(NodeKind::range, lo->offset, end_of(*hi));
    n->op_offset = t.offset;
    n->op_length = t.length;
    adopt(*n, std::move(lo));
    adopt(*n, std::move(hi));
    return n;
  }

  NodePtr add() {
    NodePtr l = mul();
    while (peek().kind == Tok::plus || peek().kind == Tok::minus) {
      const Token& t = take();
      l = binary(t.kind == Tok::plus ? Op::add : Op::sub, t, std::move(l), mul());
    }
    return l;
  }

  NodePtr mul() {
    NodePtr l = neg();
    while (peek().kind == Tok::star || peek().kind == Tok::slash || peek().kind == Tok::percent) {
      const Token& t = take();
      Op op = t.kind == Tok::star ? Op::mul : t.kind == Tok::slash ? Op::div : Op::mod;
      l = binary(op, t, std::move(l), neg());
    }
    return l;
  }

  NodePtr neg() {
    if (peek().kind == Tok::minus) {
      Depth guard(*this);
      const Token& t = take();
      return unary(Op::neg, t, neg());
    }
    return postfix();
  }

  NodePtr postfix() {
    NodePtr n = primary();
    while (peek().kind == Tok::dot) {
      take();
      const Token& f = peek();
      if (f.kind != Tok::ident) fail(Msg::expr_expected_field, {f.kind == Tok::end ? "" : token_text(f)}, f);
      take();
      auto m = make(NodeKind::member, n->offset, f.offset + f.length);
      m->name = f.s;
      m->op_offset = f.offset;
      m->op_length = f.length;
      adopt(*m, std::move(n));
      n = std::move(m);
    }
    return n;
  }

  NodePtr literal(const Token& t, TypeKind k) {
    auto n = make(NodeKind::literal, t.offset, t.offset + t.length);
    n->lit_kind = k;
    n->i = t.i;
    n->d = t.d;
    n->s = t.s;
    n->op_offset = t.offset;
    n->op_length = t.length;
    return n;
  }

  // Comma-separated expressions up to `close`; the opening token is taken.
  void args(Node& n, Tok close) {
    if (accept(close)) return;
    while (true) {
      adopt(n, cond());
      if (accept(Tok::comma)) continue;
      expect(close);
      return;
    }
  }

  NodePtr primary() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::int_lit: take(); return literal(t, TypeKind::int_);
      case Tok::decimal_lit: take(); return literal(t, TypeKind::decimal);
      case Tok::string_lit: take(); return literal(t, TypeKind::string);
      case Tok::date_lit: take(); return literal(t, TypeKind::date);
      case Tok::datetime_lit: take(); return literal(t, TypeKind::datetime);
      case Tok::time_lit: take(); return literal(t, TypeKind::time);
      case Tok::duration_lit: take(); return literal(t, TypeKind::duration);
      case Tok::kw_true: take(); return make_bool(t, true);
      case Tok::kw_false: take(); return make_bool(t, false);
      case Tok::kw_null: take(); return literal(t, TypeKind::null_);
      case Tok::lparen: {
        take();
        NodePtr inner = cond();
        const Token& close = expect(Tok::rparen);
        // Parentheses widen the span so messages can quote "(a + b)".
        inner->offset = t.offset;
        inner->length = close.offset + close.length - t.offset;
        return inner;
      }
      case Tok::lbracket: {
        take();
        auto n = make(NodeKind::list, t.offset, t.offset);
        args(*n, Tok::rbracket);
        n->length = toks_[pos_ - 1].offset + toks_[pos_ - 1].length - t.offset;
        return n;
      }
      case Tok::ident: {
        take();
        if (peek().kind != Tok::lparen) {
          auto n = make(NodeKind::ident, t.offset, t.offset + t.length);
          n->name = t.s;
          n->op_offset = t.offset;
          n->op_length = t.length;
          return n;
        }
        take();
        auto n = make(NodeKind::call, t.offset, t.offset);
        n->name = t.s;
        n->op_offset = t.offset;
        n->op_length = t.length;
        args(*n, Tok::rparen);
        n->length = toks_[pos_ - 1].offset + toks_[pos_ - 1].length - t.offset;
        return n;
      }
      case Tok::end: fail(Msg::expr_expected_operand_at_end, {}, t);
      default: fail(Msg::expr_expected_operand, {token_text(t)}, t);
    }
  }

  NodePtr make_bool(const Token& t, bool v) {
    NodePtr n = literal(t, TypeKind::bool_);
    n->i = v ? 1 : 0;
    return n;
  }

  std::string_view text_;
  std::vector<Token> toks_;
  SyntaxError& err_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

NodePtr parse(std::string_view text, SyntaxError& err) {
  if (text.size() > kMaxExpressionBytes) {
    err = SyntaxError{Msg::expr_too_long, {std::to_string(text.size()), std::to_string(kMaxExpressionBytes)}, 0, 0, {}};
    return nullptr;
  }
  std::vector<Token> toks;
  if (!tokenize(text, toks, err)) return nullptr;
  try {
    return Parser(text, std::move(toks), err).run();
  } catch (const Abort&) {
    return nullptr;
  }
}

}  // namespace fangyi::expr

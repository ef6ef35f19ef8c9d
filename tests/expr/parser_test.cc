// Parsing: precedence, associativity, spans, and every syntax error with its
// exact message and offset.
#include <gtest/gtest.h>

#include "expr/parser.h"
#include "expr_test_util.h"

namespace fangyi::expr {
namespace {

std::string op_name(Op op) {
  static const char* kNames[] = {"or", "and", "not", "==", "!=", "<", "<=", ">", ">=",
                                 "in", "not in", "+", "-", "*", "/", "%", "neg"};
  return kNames[static_cast<int>(op)];
}

// The tree as an s-expression.
std::string dump(const Node& n) {
  auto kids = [&] {
    std::string s;
    for (const auto& k : n.kids) s += " " + dump(*k);
    return s;
  };
  switch (n.kind) {
    case NodeKind::literal:
      if (n.lit_kind == TypeKind::string) return "\"" + n.s + "\"";
      if (n.lit_kind == TypeKind::null_) return "null";
      if (n.lit_kind == TypeKind::bool_) return n.i ? "true" : "false";
      if (n.lit_kind == TypeKind::decimal) return std::to_string(n.d);
      return std::to_string(n.i);
    case NodeKind::list: return "[" + kids() + "]";
    case NodeKind::range: return "(.." + kids() + ")";
    case NodeKind::ident: return n.name;
    case NodeKind::member: return "(." + kids() + " " + n.name + ")";
    case NodeKind::call: return "(" + n.name + kids() + ")";
    case NodeKind::unary:
    case NodeKind::binary: return "(" + op_name(n.op) + kids() + ")";
    case NodeKind::conditional: return "(?" + kids() + ")";
    case NodeKind::comprehension: return "(comp)";
  }
  return "?";
}

std::string p(std::string_view text) {
  SyntaxError err;
  NodePtr n = parse(text, err);
  EXPECT_TRUE(n) << text << ": " << format_message(err.message, Lang::en, err.args);
  return n ? dump(*n) : "";
}

struct Err {
  std::string zh, en;
  std::size_t offset, length;
};

Err e(std::string_view text) {
  SyntaxError err;
  NodePtr n = parse(text, err);
  EXPECT_FALSE(n) << text;
  return {format_message(err.message, Lang::zh_TW, err.args), format_message(err.message, Lang::en, err.args),
          err.offset, err.length};
}

TEST(Parser, Precedence) {
  EXPECT_EQ(p("a or b and c"), "(or a (and b c))");
  EXPECT_EQ(p("a and b or c"), "(or (and a b) c)");
  EXPECT_EQ(p("a || b && c"), "(or a (and b c))");
  EXPECT_EQ(p("not a and b"), "(and (not a) b)");
  EXPECT_EQ(p("not a == b"), "(not (== a b))");
  EXPECT_EQ(p("!a"), "(not a)");
  EXPECT_EQ(p("a == b and c < d"), "(and (== a b) (< c d))");
  EXPECT_EQ(p("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(p("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(p("a / b % c"), "(% (/ a b) c)");
  EXPECT_EQ(p("-a * b"), "(* (neg a) b)");
  EXPECT_EQ(p("- -a"), "(neg (neg a))");
  EXPECT_EQ(p("(a + b) * c"), "(* (+ a b) c)");
  EXPECT_EQ(p("a + b < c * d"), "(< (+ a b) (* c d))");
  EXPECT_EQ(p("x in 1..14"), "(in x (.. 1 14))");
  EXPECT_EQ(p("x in a + 1..b - 1"), "(in x (.. (+ a 1) (- b 1)))");
  EXPECT_EQ(p("x not in [\"a\", \"b\"]"), "(not in x [ \"a\" \"b\"])");
  EXPECT_EQ(p("not x in []"), "(not (in x []))");
  EXPECT_EQ(p("a ? b : c ? d : e"), "(? a b (? c d e))");
  EXPECT_EQ(p("a or b ? c + 1 : d"), "(? (or a b) (+ c 1) d)");
  EXPECT_EQ(p("f.status == 'x'"), "(== (. f status) \"x\")");
  EXPECT_EQ(p("day_of(entry_date, f.date)"), "(day_of entry_date (. f date))");
  EXPECT_EQ(p("today()"), "(today)");
  EXPECT_EQ(p("count(f in followup, f.fever)"), "(count (in f followup) (. f fever))");
  EXPECT_EQ(p("x == null"), "(== x null)");
  EXPECT_EQ(p("[1, 2.5, true]"), "[ 1 2.500000 true]");
}

TEST(Parser, Spans) {
  SyntaxError err;
  NodePtr n = parse("a +  (b * c)", err);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->op_offset, 2u);
  EXPECT_EQ(n->kids[1]->offset, 5u);
  EXPECT_EQ(n->kids[1]->length, 7u);
  n = parse("x not  in y", err);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->op_offset, 2u);
  EXPECT_EQ(n->op_length, 7u);
}

TEST(Parser, Errors) {
  Err x = e("day_of(a, b");
  EXPECT_EQ(x.zh, "預期「)」，但運算式已結束");
  EXPECT_EQ(x.en, "expected ')' but the expression ended");
  EXPECT_EQ(x.offset, 11u);

  x = e("(a, b)");
  EXPECT_EQ(x.zh, "預期「)」，卻看到「,」");
  EXPECT_EQ(x.en, "expected ')' but found ','");
  EXPECT_EQ(x.offset, 2u);

  x = e("a ? b");
  EXPECT_EQ(x.en, "expected ':' but the expression ended");
  x = e("[1, 2");
  EXPECT_EQ(x.en, "expected ']' but the expression ended");

  x = e("a + ");
  EXPECT_EQ(x.zh, "預期運算元，但運算式已結束");
  EXPECT_EQ(x.en, "expected an operand but the expression ended");
  EXPECT_EQ(x.offset, 4u);

  x = e("a + )");
  EXPECT_EQ(x.zh, "預期運算元，卻看到「)」");
  EXPECT_EQ(x.en, "expected an operand but found ')'");
  EXPECT_EQ(x.offset, 4u);

  x = e("a b");
  EXPECT_EQ(x.zh, "運算式在「b」之前就已完整，多出了「b」");
  EXPECT_EQ(x.en, "unexpected 'b' after a complete expression");
  EXPECT_EQ(x.offset, 2u);

  x = e("f.1");
  EXPECT_EQ(x.zh, "「.」之後應為欄位名稱，卻看到「1」");
  EXPECT_EQ(x.en, "expected a field name after '.' but found '1'");
  EXPECT_EQ(x.offset, 2u);

  x = e("a < b < c");
  EXPECT_EQ(x.zh, "比較運算子不能連用，請用 and 連接，例如 a < b and b < c");
  EXPECT_EQ(x.en, "comparison operators cannot be chained; join them with 'and', e.g. a < b and b < c");
  EXPECT_EQ(x.offset, 6u);
  EXPECT_EQ(e("a in b in c").offset, 7u);

  x = e("   ");
  EXPECT_EQ(x.zh, "運算式是空的");
  EXPECT_EQ(x.en, "the expression is empty");

  x = e("a = b");
  EXPECT_EQ(x.en, "unexpected character '='");
}

TEST(Parser, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '(');
  Err x = e(deep + "1" + std::string(100000, ')'));
  EXPECT_EQ(x.en, "the expression is too long (200001 bytes, limit 65536)");

  std::string parens = std::string(30000, '(') + "1" + std::string(30000, ')');
  x = e(parens);
  EXPECT_EQ(x.zh, "運算式巢狀太深（上限 256 層）");
  EXPECT_EQ(x.en, "the expression is nested too deeply (limit 256 levels)");

  std::string chain = "1";
  for (int i = 0; i < 20000; ++i) chain += "+1";
  EXPECT_EQ(e(chain).en, "the expression is nested too deeply (limit 256 levels)");
  EXPECT_EQ(e(std::string(30000, '-') + "1").en, "the expression is nested too deeply (limit 256 levels)");
  EXPECT_EQ(e(std::string(20000, '!') + "a").en, "the expression is nested too deeply (limit 256 levels)");
  std::string lists = std::string(20000, '[') + std::string(20000, ']');
  EXPECT_EQ(e(lists).en, "the expression is nested too deeply (limit 256 levels)");

  // Within the limit it parses.
  EXPECT_EQ(p(std::string(100, '(') + "1" + std::string(100, ')')), "1");
}

}  // namespace
}  // namespace fangyi::expr

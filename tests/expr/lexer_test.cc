// Tokens, literal decoding and lexical errors.
#include <gtest/gtest.h>

#include "expr/lexer.h"
#include "expr_test_util.h"

namespace fangyi::expr {
namespace {

using testing::D;

std::vector<Token> lex(std::string_view text) {
  std::vector<Token> out;
  SyntaxError err;
  EXPECT_TRUE(tokenize(text, out, err)) << text;
  return out;
}

std::vector<Tok> kinds(std::string_view text) {
  std::vector<Tok> k;
  for (const auto& t : lex(text)) k.push_back(t.kind);
  return k;
}

SyntaxError lex_error(std::string_view text) {
  std::vector<Token> out;
  SyntaxError err;
  EXPECT_FALSE(tokenize(text, out, err)) << text;
  return err;
}

TEST(Lexer, OperatorsAndKeywords) {
  EXPECT_EQ(kinds("a == b != c < d <= e > f >= g"),
            (std::vector<Tok>{Tok::ident, Tok::eq, Tok::ident, Tok::ne, Tok::ident, Tok::lt, Tok::ident, Tok::le,
                              Tok::ident, Tok::gt, Tok::ident, Tok::ge, Tok::ident, Tok::end}));
  EXPECT_EQ(kinds("and && or || not ! in"), (std::vector<Tok>{Tok::kw_and, Tok::kw_and, Tok::kw_or, Tok::kw_or,
                                                             Tok::kw_not, Tok::kw_not, Tok::kw_in, Tok::end}));
  EXPECT_EQ(kinds("( ) [ ] , . .. ? : + - * / %"),
            (std::vector<Tok>{Tok::lparen, Tok::rparen, Tok::lbracket, Tok::rbracket, Tok::comma, Tok::dot, Tok::dotdot,
                              Tok::question, Tok::colon, Tok::plus, Tok::minus, Tok::star, Tok::slash, Tok::percent,
                              Tok::end}));
  EXPECT_EQ(kinds("true false null"), (std::vector<Tok>{Tok::kw_true, Tok::kw_false, Tok::kw_null, Tok::end}));
  EXPECT_EQ(kinds("android notes index _x1"),
            (std::vector<Tok>{Tok::ident, Tok::ident, Tok::ident, Tok::ident, Tok::end}));
}

TEST(Lexer, Numbers) {
  auto t = lex("14 38.0 1..14 9223372036854775807");
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].kind, Tok::int_lit);
  EXPECT_EQ(t[0].i, 14);
  EXPECT_EQ(t[1].kind, Tok::decimal_lit);
  EXPECT_DOUBLE_EQ(t[1].d, 38.0);
  EXPECT_EQ(t[2].kind, Tok::int_lit);
  EXPECT_EQ(t[3].kind, Tok::dotdot);
  EXPECT_EQ(t[4].i, 14);
  EXPECT_EQ(t[5].i, INT64_MAX);
}

TEST(Lexer, DatesTimesDurations) {
  auto t = lex("2020-01-26 14:00 08:00:30 8:05 2020-01-26T14:00 14d 24h 30m 2h30m 1d12h");
  ASSERT_EQ(t.size(), 11u);
  EXPECT_EQ(t[0].kind, Tok::date_lit);
  EXPECT_EQ(t[0].i, D(2020, 1, 26).days());
  EXPECT_EQ(t[1].kind, Tok::time_lit);
  EXPECT_EQ(t[1].i, 14 * 3600);
  EXPECT_EQ(t[2].i, 8 * 3600 + 30);
  EXPECT_EQ(t[3].i, 8 * 3600 + 5 * 60);
  EXPECT_EQ(t[4].kind, Tok::datetime_lit);
  EXPECT_EQ(t[4].i, int64_t(D(2020, 1, 26).days()) * 86400 + 14 * 3600);
  EXPECT_EQ(t[5].kind, Tok::duration_lit);
  EXPECT_EQ(t[5].i, 14 * 86400);
  EXPECT_EQ(t[6].i, 24 * 3600);
  EXPECT_EQ(t[7].i, 30 * 60);
  EXPECT_EQ(t[8].i, 2 * 3600 + 30 * 60);
  EXPECT_EQ(t[9].i, 86400 + 12 * 3600);
}

TEST(Lexer, DateRangeAndArithmetic) {
  EXPECT_EQ(kinds("2020-01-01..2020-01-31"), (std::vector<Tok>{Tok::date_lit, Tok::dotdot, Tok::date_lit, Tok::end}));
  // Spaces make it subtraction.
  EXPECT_EQ(kinds("2020 - 01 - 26"),
            (std::vector<Tok>{Tok::int_lit, Tok::minus, Tok::int_lit, Tok::minus, Tok::int_lit, Tok::end}));
}

TEST(Lexer, Strings) {
  auto t = lex(R"("未確認" '失聯' "a\"b\\c\n\t" 'it\'s')");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].s, "未確認");
  EXPECT_EQ(t[0].offset, 0u);
  EXPECT_EQ(t[0].length, 11u);
  EXPECT_EQ(t[1].s, "失聯");
  EXPECT_EQ(t[2].s, "a\"b\\c\n\t");
  EXPECT_EQ(t[3].s, "it's");
}

TEST(Lexer, Errors) {
  auto e = lex_error("a = b");
  EXPECT_EQ(format_message(e.message, Lang::zh_TW, e.args), "無法辨識的字元「=」");
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.hint, "==");
  e = lex_error("a & b");
  EXPECT_EQ(e.hint, "&&");
  e = lex_error("a | b");
  EXPECT_EQ(e.hint, "||");
  e = lex_error("a（b");
  EXPECT_EQ(format_message(e.message, Lang::en, e.args), "unexpected character '（'");
  EXPECT_EQ(e.offset, 1u);
  EXPECT_EQ(e.length, 3u);
  e = lex_error("x == \"abc");
  EXPECT_EQ(format_message(e.message, Lang::en, e.args), "unterminated string literal");
  EXPECT_EQ(e.offset, 5u);
  e = lex_error(R"("a\qb")");
  EXPECT_EQ(format_message(e.message, Lang::en, e.args), R"(unsupported escape sequence '\q' (use \\ \" \' \n \t))");
  EXPECT_EQ(e.offset, 2u);
  e = lex_error("2021-02-30");
  EXPECT_EQ(format_message(e.message, Lang::zh_TW, e.args), "「2021-02-30」不是有效的日期");
  e = lex_error("2021-02-01T25:00");
  EXPECT_EQ(format_message(e.message, Lang::en, e.args), "'2021-02-01T25:00' is not a valid date and time");
  e = lex_error("25:00");
  EXPECT_EQ(format_message(e.message, Lang::en, e.args), "'25:00' is not a valid time of day (expected HH:MM)");
  e = lex_error("14days");
  EXPECT_EQ(format_message(e.message, Lang::en, e.args), "'14days' is not a valid duration (e.g. 14d, 24h, 30m)");
  e = lex_error("30m2h");
  EXPECT_EQ(e.args[0], "30m2h");
  e = lex_error("12abc");
  EXPECT_EQ(format_message(e.message, Lang::en, e.args), "'12abc' is not a valid number");
  e = lex_error("99999999999999999999");
  EXPECT_EQ(e.message, Msg::expr_bad_number);
}

}  // namespace
}  // namespace fangyi::expr

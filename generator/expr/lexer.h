// Splits expression text into tokens. Literals (numbers, strings, dates,
// times, durations) are decoded here, so the parser only sees values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/messages.h"

namespace fangyi::expr {

enum class Tok : uint8_t {
  end,
  ident,
  int_lit,
  decimal_lit,
  string_lit,
  date_lit,      // i = days since epoch
  datetime_lit,  // i = epoch seconds
  time_lit,      // i = seconds since midnight
  duration_lit,  // i = seconds
  kw_true,
  kw_false,
  kw_null,
  kw_and,
  kw_or,
  kw_not,
  kw_in,
  lparen,
  rparen,
  lbracket,
  rbracket,
  comma,
  dot,
  dotdot,
  question,
  colon,
  plus,
  minus,
  star,
  slash,
  percent,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
};

struct Token {
  Tok kind = Tok::end;
  std::size_t offset = 0;  // bytes into the expression text
  std::size_t length = 0;
  int64_t i = 0;
  double d = 0;
  std::string s;  // decoded string literal
};

// A lexical or syntax error: the message, its arguments and where.
struct SyntaxError {
  Msg message{};
  std::vector<std::string> args;
  std::size_t offset = 0, length = 0;
  std::string hint;  // a "did you mean" word, or empty
};

// Tokenises all of `text`; the last token is always Tok::end. Returns false
// and fills `err` at the first lexical error.
bool tokenize(std::string_view text, std::vector<Token>& out, SyntaxError& err);

// How a token kind is spelled, for "expected ')'" messages.
std::string_view spelling(Tok t);

}  // namespace fangyi::expr

// Recursive-descent parser from tokens to the syntax tree. It stops at the
// first syntax error; nesting is bounded so no input can exhaust the stack.
#pragma once

#include <string_view>

#include "expr/ast.h"
#include "expr/lexer.h"

namespace fangyi::expr {

inline constexpr std::size_t kMaxExpressionBytes = 64 * 1024;
inline constexpr int kMaxNesting = 256;

// Parses the whole of `text`. Returns nullptr and fills `err` on error.
NodePtr parse(std::string_view text, SyntaxError& err);

}  // namespace fangyi::expr

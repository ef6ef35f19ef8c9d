// The type checker: resolves names to slots and locals, infers and checks
// every node's type in place, and reports every error it finds (an operand
// that already failed has type `error` and causes no further messages).
#pragma once

#include <string_view>

#include "expr/ast.h"

namespace fangyi::expr {

struct CheckOutcome {
  Type result;
  int locals = 0;  // comprehension locals allocated
};

// Errors point at an operator token for operator type mismatches, at the
// argument for function calls, and at the literal for enum values.
CheckOutcome typecheck(Node& root, std::string_view text, const Environment& env, const Locator& locate,
                       Diagnostics& diags);

}  // namespace fangyi::expr

// The public compile(): parse, type-check, check the result type, generate.
#include "expr/expr.h"

#include "expr/codegen.h"
#include "expr/parser.h"
#include "expr/typecheck.h"
#include "expr/types.h"

namespace fangyi::expr {
namespace {

// An enum value is usable where a string is expected; otherwise exact.
bool assignable(const Type& got, const Type& expected) {
  return same_type(got, expected) || (expected.kind == TypeKind::string && got.kind == TypeKind::enum_);
}

}  // namespace

std::optional<Program> compile(std::string_view text, const Environment& env, const Type& expected,
                               const Locator& locate, Diagnostics& diags) {
  SyntaxError err;
  NodePtr root = parse(text, err);
  if (!root) {
    Diagnostic& d = diags.error(locate(err.offset, err.length), err.message, err.args);
    suggest(d, err.hint);
    return std::nullopt;
  }
  std::size_t errors_before = diags.error_count();
  CheckOutcome checked = typecheck(*root, text, env, locate, diags);
  if (checked.result.kind != TypeKind::error && !assignable(checked.result, expected)) {
    diags.error(locate(0, text.size()), Msg::expr_result_type, {expected.name(), checked.result.name()});
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  Program p;
  p.source = std::string(text);
  p.result = checked.result;
  p.max_locals = static_cast<uint32_t>(checked.locals);
  generate(*root, env, p);
  return p;
}

}  // namespace fangyi::expr

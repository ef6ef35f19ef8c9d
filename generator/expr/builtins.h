// The built-in function table: each function's name, parameter types, result
// rule and implementation in one row, so adding a function is one entry here
// (plus its tests and a line in docs/expressions.md).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "expr/expr.h"

namespace fangyi::expr {

// A set of accepted argument types, as bits 1 << TypeKind.
using TypeMask = uint32_t;
constexpr TypeMask mask(TypeKind k) { return 1u << static_cast<unsigned>(k); }

// How a call's result type is found.
enum class ResultRule : uint8_t {
  fixed,     // Builtin::result
  same,      // the type of the first argument (abs)
  id_kind,   // the id_kind enum
  deadline,  // the type of env.deadlines[literal]
};

struct BuiltinRun {
  Date today;
};

// Arguments are on the evaluator's stack; a kind the function does not
// expect yields null rather than undefined behaviour.
using BuiltinFn = Value (*)(const Value* args, std::size_t argc, const BuiltinRun& run);

struct Builtin {
  std::string_view name;
  uint8_t min_args, max_args;
  TypeMask params[2];   // per argument position
  ResultRule rule;
  TypeKind result;      // for ResultRule::fixed
  int8_t literal_arg;   // index of an argument that must be a string literal, or -1
  bool null_in_null_out;  // any null argument makes the result null without calling
  BuiltinFn run;        // nullptr: compiled to dedicated code (matches, deadline)
};

std::span<const Builtin> builtins();
// Index into builtins(), or -1.
int find_builtin(std::string_view name);
// "date|datetime", for messages.
std::string mask_name(TypeMask m);
// The enum type id_kind() returns.
Type id_kind_type();

}  // namespace fangyi::expr

// The syntax tree the parser builds and the type checker annotates in place
// (types, slots, locals), so code generation reads one structure.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "expr/expr.h"

namespace fangyi::expr {

enum class NodeKind : uint8_t {
  literal,        // lit_kind + i / d / s
  list,           // [kids...]
  range,          // kids[0]..kids[1]
  ident,          // name
  member,         // kids[0].name
  call,           // name(kids...)
  unary,          // op kids[0]
  binary,         // kids[0] op kids[1]
  conditional,    // kids[0] ? kids[1] : kids[2]
  comprehension,  // name(s in kids[0][, kids[1]]): s is the variable
};

enum class Op : uint8_t { or_, and_, not_, eq, ne, lt, le, gt, ge, in, not_in, add, sub, mul, div, mod, neg };

// How an identifier or member was resolved by the type checker.
enum class Ref : uint8_t { none, field, local, row_field };

struct Node {
  NodeKind kind = NodeKind::literal;
  Op op = Op::add;
  std::size_t offset = 0, length = 0;        // the whole node in the text
  std::size_t op_offset = 0, op_length = 0;  // its operator or name token
  int height = 1;                            // nesting depth of this subtree
  std::string name;                          // ident / field / function / comprehension var
  TypeKind lit_kind = TypeKind::null_;       // literal
  int64_t i = 0;
  double d = 0;
  std::string s;                             // string literal; comprehension variable
  std::vector<std::unique_ptr<Node>> kids;

  // Filled by the type checker.
  Type type;
  Ref ref = Ref::none;
  int slot = -1;     // field slot
  int source = -1;   // source index (row_field, comprehension over rows)
  int local = -1;    // local of a variable, or a comprehension's counter
  int local2 = -1;   // comprehension: range upper bound
  int local3 = -1;   // comprehension: accumulator
  int builtin = -1;  // call: index in the builtin table
};

using NodePtr = std::unique_ptr<Node>;

}  // namespace fangyi::expr

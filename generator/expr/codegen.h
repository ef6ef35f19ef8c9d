// Code generation: from a type-checked tree to stack bytecode.
#pragma once

#include "expr/ast.h"

namespace fangyi::expr {

// Appends code for `root` (already checked, without errors) to `out`, which
// gets its constant pools, max_stack and a final `ret`.
void generate(const Node& root, const Environment& env, Program& out);

}  // namespace fangyi::expr

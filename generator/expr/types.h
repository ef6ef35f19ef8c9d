// Helpers over expression types shared by the checker, the code generator
// and the program decoder.
#pragma once

#include "expr/expr.h"

namespace fangyi::expr {

bool same_type(const Type& a, const Type& b);
bool is_numeric(TypeKind k);
bool is_stringy(TypeKind k);  // string or enum_: both are strings at run time
// The value kind a type has at run time (enums are strings).
ValueKind value_kind(TypeKind k);

}  // namespace fangyi::expr

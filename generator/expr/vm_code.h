// The evaluator's working form of a program, made once per Evaluator by
// prepare(): the bytecode decoded into fixed-size instructions whose jump
// targets are instruction indexes, a few frequent sequences fused into one
// instruction, and each loop-invariant `exists(v in S, a(v) == b)` inside
// another loop turned into a set of a(v) built once per evaluation. The VM
// then neither decodes varints nor re-walks S for every outer step.
#pragma once

#include <cstdint>
#include <vector>

#include "expr/expr.h"
#include "expr/opcodes.h"

namespace fangyi::expr::vm {

// Every OpCode keeps its value; the working form adds these after them.
enum class Extra : uint8_t {
  end = static_cast<uint8_t>(OpCode::count_),  // past the code: the result is null
  field_eq_str,  // a slot, b string: load_field a; push_string b; eq
  field_ne_str,  // likewise with ne
  field_has,     // a slot: load_field a; call has
  has,           // call has
  day_of,        // call day_of
  date_of,       // call date
  set_begin,     // a set, b target: jump to b if set a was built in this evaluation, else empty it
  set_add,       // a set; pops v into it
  set_has,       // a set; pops x, pushes whether some value of the set equals x (false for null)
  count_,
};

inline constexpr uint8_t op(Extra e) { return static_cast<uint8_t>(e); }
inline constexpr uint8_t op(OpCode o) { return static_cast<uint8_t>(o); }

struct Insn {
  uint8_t op = static_cast<uint8_t>(Extra::end);
  uint8_t kind = 0;     // push_number: its ValueKind
  uint32_t a = 0, b = 0, c = 0;  // operands in bytecode order; targets as instruction indexes
  int64_t x = 0;        // push_int, push_number: the value
};

struct Code {
  std::vector<Insn> insns;  // ends with Extra::end
  uint32_t sets = 0;        // number of hoisted sets
};

// The working form of `p`, which must have been verified (compile() or
// decode()); an operand or target out of range still only leads to `end`.
Code prepare(const Program& p);

}  // namespace fangyi::expr::vm

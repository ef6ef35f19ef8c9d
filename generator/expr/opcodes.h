// The bytecode: one uint8 opcode followed by its operands (LEB128 varints,
// signed ones zig-zag). kOps describes every opcode's operands and stack
// effect; the verifier in program_io.cc and the VM both follow it.
#pragma once

#include <cstdint>

namespace fangyi::expr {

enum class OpCode : uint8_t {
  ret,                 // end; the one value left on the stack is the result
  push_null,
  push_true,
  push_false,
  push_int,            // svar value
  push_number,         // kind (ValueKind: int/date/datetime/time/duration), numbers index
  push_decimal,        // decimals index
  push_string,         // strings index
  load_field,          // slot of env.row
  load_row_field,      // source, counter local, slot: field of the current row of a loop
  load_local,          // local
  store_local,         // local; pops
  neg,
  not_,
  add,
  sub,
  mul,
  div,
  mod,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  and_,                // Kleene and of two bools
  or_,                 // Kleene or
  is_null,             // pops x, pushes x == null
  in_range,            // pops x lo hi, pushes lo <= x <= hi
  in_list,             // n; pops x and n items, pushes x == any item
  match,               // strings index of the regex; pops a string
  call,                // builtin index, argc
  jump,                // target (a backward target must be a *_next)
  jump_if_false_keep,  // target; jumps if the top is false, keeping it
  jump_if_true_keep,   // target; jumps if the top is true, keeping it
  jump_if_true,        // target; pops
  jump_unless_true,    // target; pops; jumps on false or null
  branch,              // else target, null target; pops a condition
  row_init,            // counter local := -1
  row_next,            // source, counter local, done target: advance or leave the loop
  range_init,          // counter local, bound local, null target; pops lo hi
  range_next,          // counter local, bound local, done target
  inc_local,           // local: int += 1
  acc_min,             // local; pops v; local := min(local, v) skipping nulls
  acc_max,             // local; likewise max
  acc_add,             // local; pops v; local += v skipping nulls
  count_rows,          // source; pushes its number of rows
  in_field_list,       // pops x and a list field's value (elements joined by kListSeparator), pushes x == any element
  count_,              // (one past the last opcode)
};

// How a list-typed field arrives at run time: one string, its elements
// joined by this separator (the row reader splits cells with the dataset's
// own separator and joins them with this one).
inline constexpr char kListSeparator = '\x1F';

enum class Operand : uint8_t { none, u, s, kind, number, decimal, string, slot, row_slot, source, local, target, builtin };

struct OpInfo {
  const char* name;
  Operand operands[3];
  int8_t pops;  // -1: depends on operands (in_list, call)
  int8_t pushes;
};

// Indexed by OpCode.
inline constexpr OpInfo kOps[] = {
    {"ret", {}, 1, 0},
    {"push_null", {}, 0, 1},
    {"push_true", {}, 0, 1},
    {"push_false", {}, 0, 1},
    {"push_int", {Operand::s}, 0, 1},
    {"push_number", {Operand::kind, Operand::number}, 0, 1},
    {"push_decimal", {Operand::decimal}, 0, 1},
    {"push_string", {Operand::string}, 0, 1},
    {"load_field", {Operand::slot}, 0, 1},
    {"load_row_field", {Operand::source, Operand::local, Operand::row_slot}, 0, 1},
    {"load_local", {Operand::local}, 0, 1},
    {"store_local", {Operand::local}, 1, 0},
    {"neg", {}, 1, 1},
    {"not", {}, 1, 1},
    {"add", {}, 2, 1},
    {"sub", {}, 2, 1},
    {"mul", {}, 2, 1},
    {"div", {}, 2, 1},
    {"mod", {}, 2, 1},
    {"eq", {}, 2, 1},
    {"ne", {}, 2, 1},
    {"lt", {}, 2, 1},
    {"le", {}, 2, 1},
    {"gt", {}, 2, 1},
    {"ge", {}, 2, 1},
    {"and", {}, 2, 1},
    {"or", {}, 2, 1},
    {"is_null", {}, 1, 1},
    {"in_range", {}, 3, 1},
    {"in_list", {Operand::u}, -1, 1},
    {"match", {Operand::string}, 1, 1},
    {"call", {Operand::builtin, Operand::u}, -1, 1},
    {"jump", {Operand::target}, 0, 0},
    {"jump_if_false_keep", {Operand::target}, 0, 0},
    {"jump_if_true_keep", {Operand::target}, 0, 0},
    {"jump_if_true", {Operand::target}, 1, 0},
    {"jump_unless_true", {Operand::target}, 1, 0},
    {"branch", {Operand::target, Operand::target}, 1, 0},
    {"row_init", {Operand::local}, 0, 0},
    {"row_next", {Operand::source, Operand::local, Operand::target}, 0, 0},
    {"range_init", {Operand::local, Operand::local, Operand::target}, 2, 0},
    {"range_next", {Operand::local, Operand::local, Operand::target}, 0, 0},
    {"inc_local", {Operand::local}, 0, 0},
    {"acc_min", {Operand::local}, 1, 0},
    {"acc_max", {Operand::local}, 1, 0},
    {"acc_add", {Operand::local}, 1, 0},
    {"count_rows", {Operand::source}, 0, 1},
    {"in_field_list", {}, 2, 1},
};
static_assert(sizeof(kOps) / sizeof(kOps[0]) == static_cast<std::size_t>(OpCode::count_));

// Limits the decoder enforces, far above what real expressions need.
inline constexpr uint32_t kMaxStack = 4096;
inline constexpr uint32_t kMaxLocals = 4096;
inline constexpr std::size_t kMaxCode = 1 << 20;
// A loop over an int range may have at most this many steps; beyond, the
// comprehension is null (so a typo like 1..1000000000 cannot hang a check).
inline constexpr int64_t kMaxRangeSteps = 100'000;

}  // namespace fangyi::expr

// Lists the field loads of a program by walking its instructions with the
// operand table every other pass uses; a load straight into has() only tests
// the field.
#include <algorithm>
#include <cstdint>

#include "expr/builtins.h"
#include "expr/expr.h"
#include "expr/opcodes.h"

namespace fangyi::expr {

FieldsRead fields_read(const Program& p) {
  FieldsRead out;
  const int has = find_builtin("has");
  std::vector<std::size_t> valued;  // slots read for more than has()
  constexpr std::size_t kNone = SIZE_MAX;
  std::size_t pending = kNone;  // the slot of a load_field not yet known to feed has()
  ByteReader r(p.code.data(), p.code.size());
  while (r.ok() && !r.at_end()) {
    auto op = static_cast<OpCode>(r.u8());
    if (op >= OpCode::count_) break;
    const OpInfo& info = kOps[static_cast<std::size_t>(op)];
    uint64_t arg[3] = {0, 0, 0};
    for (int k = 0; k < 3 && info.operands[k] != Operand::none; ++k)
      arg[k] = info.operands[k] == Operand::kind ? r.u8() : r.uvar();
    const bool feeds_has = op == OpCode::call && arg[0] == static_cast<uint64_t>(has) && arg[1] == 1;
    if (pending != kNone && !feeds_has) valued.push_back(pending);
    pending = kNone;
    if (op == OpCode::load_field) {
      out.row.push_back(arg[0]);
      pending = arg[0];
    }
    if (op == OpCode::load_row_field) out.sources.emplace_back(arg[0], arg[2]);
  }
  if (pending != kNone) valued.push_back(pending);
  for (std::size_t slot : out.row)
    if (std::find(valued.begin(), valued.end(), slot) == valued.end() &&
        std::find(out.row_tested.begin(), out.row_tested.end(), slot) == out.row_tested.end())
      out.row_tested.push_back(slot);
  return out;
}

}  // namespace fangyi::expr

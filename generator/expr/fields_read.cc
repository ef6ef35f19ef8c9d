// Lists the field loads of a program by walking its instructions with the
// operand table every other pass uses.
#include "expr/expr.h"
#include "expr/opcodes.h"

namespace fangyi::expr {

FieldsRead fields_read(const Program& p) {
  FieldsRead out;
  ByteReader r(p.code.data(), p.code.size());
  while (r.ok() && !r.at_end()) {
    auto op = static_cast<OpCode>(r.u8());
    if (op >= OpCode::count_) break;
    const OpInfo& info = kOps[static_cast<std::size_t>(op)];
    uint64_t arg[3] = {0, 0, 0};
    for (int k = 0; k < 3 && info.operands[k] != Operand::none; ++k)
      arg[k] = info.operands[k] == Operand::kind ? r.u8() : r.uvar();
    if (op == OpCode::load_field) out.row.push_back(arg[0]);
    if (op == OpCode::load_row_field) out.sources.emplace_back(arg[0], arg[2]);
  }
  return out;
}

}  // namespace fangyi::expr

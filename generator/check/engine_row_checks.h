// The row checks of one dataset as one reading thread runs them, row after
// row. Interface: RowChecks::run. Each check's `when` and `require`
// programs are kept once however many checks share them, and a program that
// reads only enum and yes/no fields, or other fields only through has(), is
// answered from memory by those fields' codes (RowConverter): an export
// repeats a handful of such combinations (無症狀 and no symptom ticked, row
// after row), so most rows take one lookup instead of a run of the program.
// The codes a row's programs need are packed into one 64-bit word per row;
// each program looks up its own bits of it.
#pragma once

#include <memory>
#include <vector>

#include "check/cells.h"
#include "check/engine_plan.h"

namespace fangyi::check::engine {

class RowChecks {
 public:
  RowChecks(const Plan& plan, std::size_t dataset, const RowConverter& converter);

  // Calls violated(i), i an index into plan.checks, for each row check of
  // the dataset the row in `ctx` breaks, in the plan's order. `codes` are
  // the row's field codes (RowConverter::codes).
  template <class Fn>
  void run(const expr::Context& ctx, const uint16_t* codes, Fn&& violated) {
    ++row_;
    uint64_t packed = 0;
    for (const Packing& p : values_) packed |= uint64_t{codes[p.slot]} << p.shift;
    for (const Packing& p : presences_) packed |= static_cast<uint64_t>(codes[p.slot] != 0) << p.shift;
    for (const Check& c : checks_) {
      if (c.when >= 0 && !holds(static_cast<std::size_t>(c.when), ctx, packed)) continue;
      if (!holds(c.require, ctx, packed)) violated(c.plan_index);
    }
  }

 private:
  struct Check {
    std::size_t plan_index;
    int when;  // index into programs_, -1 for none
    std::size_t require;
  };
  // Where a field's code goes in the packed word: its value's bits (for an
  // enum or yes/no field a program reads), or a bit for has() (for a field
  // a program tests).
  struct Packing {
    uint32_t slot;
    uint32_t shift;
  };

  // A program and, when it remembers, its answers by its bits of the packed
  // word.
  class Program {
   public:
    explicit Program(const expr::Program& p) : program_(p), evaluator_(p) {}
    const expr::Program& program() const { return program_; }
    void remember(uint64_t mask);
    bool holds(const expr::Context& ctx, uint64_t packed);

   private:
    bool run(const expr::Context& ctx);
    const expr::Program& program_;
    expr::Evaluator evaluator_;
    uint64_t mask_ = 0;
    bool remembers_ = false;
    std::vector<uint64_t> keys_;  // the program's bits | kKnown, 0 empty; open addressing
    std::vector<uint8_t> answers_;
    std::size_t remembered_ = 0;
  };

  bool holds(std::size_t program, const expr::Context& ctx, uint64_t packed) {
    if (seen_[program] != row_) {
      seen_[program] = row_;
      answer_[program] = programs_[program]->holds(ctx, packed) ? 1 : 0;
    }
    return answer_[program] != 0;
  }
  std::size_t program_of(const expr::Program& p);
  void pack(const RowConverter& converter);

  std::vector<Check> checks_;
  std::vector<std::unique_ptr<Program>> programs_;
  std::vector<Packing> values_, presences_;
  std::vector<uint64_t> seen_;  // per program: the row its answer is for
  std::vector<uint8_t> answer_;
  uint64_t row_ = 0;
};

}  // namespace fangyi::check::engine

// The row checks of one dataset as one reading thread runs them, row after
// row. Interface: RowChecks::run. Each check's `when` and `require`
// programs are kept once however many checks share them, and a program that
// reads only enum and yes/no fields, or other fields only through has(), is
// answered from memory by those fields' codes (RowConverter): an export
// repeats a handful of such combinations (無症狀 and no symptom ticked, row
// after row), so most rows take one lookup instead of a run of the program.
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
    for (const Check& c : checks_) {
      if (c.when >= 0 && !holds(static_cast<std::size_t>(c.when), ctx, codes)) continue;
      if (!holds(c.require, ctx, codes)) violated(c.plan_index);
    }
  }

 private:
  struct Check {
    std::size_t plan_index;
    int when;  // index into programs_, -1 for none
    std::size_t require;
  };

  // A program with, when it reads only coded fields, its answers by the
  // codes packed into one number (mixed radix: each field's code times the
  // product of the code ranges before it).
  class Program {
   public:
    Program(const expr::Program& p, const RowConverter& converter);
    const expr::Program& program() const { return program_; }
    bool holds(const expr::Context& ctx, const uint16_t* codes);

   private:
    bool run(const expr::Context& ctx);
    const expr::Program& program_;
    expr::Evaluator evaluator_;
    struct Field {
      uint32_t slot;
      bool tested;  // only has() is asked of it: its code counts as 0 or 1
      uint64_t stride;
    };
    std::vector<Field> fields_;
    bool remembers_ = false;
    std::vector<uint64_t> keys_;  // key + 1, 0 empty; open addressing
    std::vector<uint8_t> answers_;
    std::size_t remembered_ = 0;
  };

  bool holds(std::size_t program, const expr::Context& ctx, const uint16_t* codes) {
    if (seen_[program] != row_) {
      seen_[program] = row_;
      answer_[program] = programs_[program]->holds(ctx, codes) ? 1 : 0;
    }
    return answer_[program] != 0;
  }
  std::size_t program_of(const expr::Program& p, const RowConverter& converter);

  std::vector<Check> checks_;
  std::vector<std::unique_ptr<Program>> programs_;
  std::vector<uint64_t> seen_;  // per program: the row its answer is for
  std::vector<uint8_t> answer_;
  uint64_t row_ = 0;
};

}  // namespace fangyi::check::engine

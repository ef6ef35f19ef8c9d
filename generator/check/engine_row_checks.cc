// Row checks with shared programs and answers remembered by field codes.
#include "check/engine_row_checks.h"

#include <algorithm>

namespace fangyi::check::engine {
namespace {

constexpr std::size_t kTableSize = 1024;  // a power of two
constexpr std::size_t kMaxRemembered = kTableSize / 2;  // then the program simply runs

std::size_t slot_of_key(uint64_t key) { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 54); }

}  // namespace

RowChecks::Program::Program(const expr::Program& p, const RowConverter& converter)
    : program_(p), evaluator_(p) {
  expr::FieldsRead reads = expr::fields_read(p);
  std::vector<std::size_t> read = reads.row;
  std::sort(read.begin(), read.end());
  read.erase(std::unique(read.begin(), read.end()), read.end());
  uint64_t stride = 1;
  for (std::size_t slot : read) {
    // A field only tested with has() counts by whether it has a value; any
    // other read needs codes that stand for the values.
    const bool tested = std::find(reads.row_tested.begin(), reads.row_tested.end(), slot) != reads.row_tested.end();
    const uint16_t codes = tested ? 1 : converter.code_count(slot);
    if (codes == 0) return;  // a value without a code: always run
    fields_.push_back({static_cast<uint32_t>(slot), tested, stride});
    if (__builtin_mul_overflow(stride, uint64_t{codes} + 1, &stride)) return;
  }
  remembers_ = true;
  keys_.assign(kTableSize, 0);
  answers_.assign(kTableSize, 0);
}

bool RowChecks::Program::run(const expr::Context& ctx) {
  expr::Value v = evaluator_.run(ctx);
  return v.kind == expr::ValueKind::bool_ && v.b;
}

bool RowChecks::Program::holds(const expr::Context& ctx, const uint16_t* codes) {
  if (!remembers_) return run(ctx);
  uint64_t key = 1;
  for (const Field& f : fields_) key += (f.tested ? codes[f.slot] != 0 : codes[f.slot]) * f.stride;
  std::size_t at = slot_of_key(key);
  for (; keys_[at] != 0; at = (at + 1) & (kTableSize - 1))
    if (keys_[at] == key) return answers_[at] != 0;
  bool answer = run(ctx);
  if (remembered_ < kMaxRemembered) {
    keys_[at] = key;
    answers_[at] = answer ? 1 : 0;
    ++remembered_;
  }
  return answer;
}

std::size_t RowChecks::program_of(const expr::Program& p, const RowConverter& converter) {
  for (std::size_t i = 0; i < programs_.size(); ++i)
    if (programs_[i]->program() == p) return i;
  programs_.push_back(std::make_unique<Program>(p, converter));
  return programs_.size() - 1;
}

RowChecks::RowChecks(const Plan& plan, std::size_t dataset, const RowConverter& converter) {
  for (std::size_t i = 0; i < plan.checks.size(); ++i) {
    const CompiledCheck& cc = plan.checks[i];
    if (cc.dataset != dataset || cc.check->scope != rules::Scope::row) continue;
    int when = cc.check->when.code.empty() ? -1 : static_cast<int>(program_of(cc.check->when, converter));
    checks_.push_back({i, when, program_of(cc.check->require, converter)});
  }
  seen_.assign(programs_.size(), 0);
  answer_.assign(programs_.size(), 0);
}

}  // namespace fangyi::check::engine

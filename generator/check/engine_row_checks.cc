// Row checks with shared programs and answers remembered by field codes.
#include "check/engine_row_checks.h"

#include <algorithm>
#include <bit>
#include <map>

namespace fangyi::check::engine {
namespace {

constexpr std::size_t kTableSize = 1024;  // a power of two
constexpr std::size_t kMaxRemembered = kTableSize / 2;  // then the program simply runs
constexpr uint64_t kKnown = uint64_t{1} << 63;  // marks a used entry: packed words use bits 0..62

std::size_t slot_of_key(uint64_t key) { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 54); }

}  // namespace

void RowChecks::Program::remember(uint64_t mask) {
  mask_ = mask;
  remembers_ = true;
  keys_.assign(kTableSize, 0);
  answers_.assign(kTableSize, 0);
}

bool RowChecks::Program::run(const expr::Context& ctx) {
  expr::Value v = evaluator_.run(ctx);
  return v.kind == expr::ValueKind::bool_ && v.b;
}

bool RowChecks::Program::holds(const expr::Context& ctx, uint64_t packed) {
  if (!remembers_) return run(ctx);
  const uint64_t key = (packed & mask_) | kKnown;
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

std::size_t RowChecks::program_of(const expr::Program& p) {
  for (std::size_t i = 0; i < programs_.size(); ++i)
    if (programs_[i]->program() == p) return i;
  programs_.push_back(std::make_unique<Program>(p));
  return programs_.size() - 1;
}

// Which programs can remember, and the packed word they read: a field only
// tested with has() needs its has() bit, any other read needs codes that
// stand for the values (enum and yes/no fields). When the fields do not fit
// in 63 bits, no program remembers.
void RowChecks::pack(const RowConverter& converter) {
  struct Need {
    bool value = false, presence = false;
  };
  std::map<uint32_t, Need> needs;  // by slot, in slot order
  std::vector<std::vector<std::pair<uint32_t, bool>>> reads(programs_.size());  // slot, tested
  std::vector<bool> can(programs_.size(), true);
  for (std::size_t i = 0; i < programs_.size(); ++i) {
    expr::FieldsRead r = expr::fields_read(programs_[i]->program());
    for (std::size_t slot : r.row) {
      const bool tested = std::find(r.row_tested.begin(), r.row_tested.end(), slot) != r.row_tested.end();
      if (!tested && converter.code_count(slot) == 0) can[i] = false;  // a value without a code: always run
      reads[i].emplace_back(static_cast<uint32_t>(slot), tested);
    }
    if (!can[i]) continue;
    for (auto [slot, tested] : reads[i]) (tested ? needs[slot].presence : needs[slot].value) = true;
  }
  uint32_t bits = 0;
  std::map<uint32_t, uint32_t> value_at, presence_at;  // by slot: shift
  for (auto [slot, need] : needs) {
    if (need.value) {
      value_at[slot] = bits;
      bits += static_cast<uint32_t>(std::bit_width(converter.code_count(slot)));
    }
    if (need.presence) presence_at[slot] = bits++;
  }
  if (bits > 63) return;
  for (auto [slot, shift] : value_at) values_.push_back({slot, shift});
  for (auto [slot, shift] : presence_at) presences_.push_back({slot, shift});
  for (std::size_t i = 0; i < programs_.size(); ++i) {
    if (!can[i]) continue;
    uint64_t mask = 0;
    for (auto [slot, tested] : reads[i]) {
      if (tested) mask |= uint64_t{1} << presence_at[slot];
      else mask |= ((uint64_t{1} << std::bit_width(converter.code_count(slot))) - 1) << value_at[slot];
    }
    programs_[i]->remember(mask);
  }
}

RowChecks::RowChecks(const Plan& plan, std::size_t dataset, const RowConverter& converter) {
  for (std::size_t i = 0; i < plan.checks.size(); ++i) {
    const CompiledCheck& cc = plan.checks[i];
    if (cc.dataset != dataset || cc.check->scope != rules::Scope::row) continue;
    int when = cc.check->when.code.empty() ? -1 : static_cast<int>(program_of(cc.check->when));
    checks_.push_back({i, when, program_of(cc.check->require)});
  }
  pack(converter);
  seen_.assign(programs_.size(), 0);
  answer_.assign(programs_.size(), 0);
}

}  // namespace fangyi::check::engine

// Fuzz target: the expression language — lexer, parser, type checker and
// code generator — in the environment of a case check of the default rules
// (the case list with its follow-up and screening rows). A program that
// compiles must also pass the verifying decoder, and is then run on rows of
// typed values drawn from the input (nulls included): one evaluator on
// case A, then B, then A again must give what fresh evaluators give, so a
// set hoisted out of a loop is never carried from one case to the next.
#include <cstring>
#include <memory>

#include "core/bytes.h"
#include "expr/opcodes.h"
#include "rules/compiler.h"
#include "rules/environment.h"

namespace {

struct Fixture {
  std::optional<fangyi::rules::RuleSet> rules;
  std::unique_ptr<fangyi::rules::Environments> environments;
  std::optional<fangyi::expr::Environment> env;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    using namespace fangyi;
    Fixture x;
    SourceMap sources;
    Diagnostics diags;
    rules::CompileOptions options;
    options.inputs = {std::string(FANGYI_SOURCE_DIR) + "/rules", std::string(FANGYI_SOURCE_DIR) + "/forms"};
    x.rules = rules::compile_rules(options, sources, diags);
    if (!x.rules) __builtin_trap();
    x.environments = std::make_unique<rules::Environments>(*x.rules);
    for (const auto& c : x.rules->checks)
      if (c.header.id == "followup-every-day") x.env = x.environments->for_check(c);
    if (!x.env) __builtin_trap();
    return x;
  }();
  return f;
}

// Values of each field's type, picked by the input's bytes.
class DrawnRow : public fangyi::expr::Row {
 public:
  DrawnRow(const fangyi::expr::RecordType& type, uint64_t seed) : type_(type), seed_(seed) {}
  fangyi::expr::Value get(std::size_t slot) const override {
    using fangyi::expr::TypeKind;
    using fangyi::expr::Value;
    using fangyi::expr::ValueKind;
    static const char* const kStrings[] = {"", "陰性", "快篩", "PCR", "已結案", "0912345678", "A123456789", "有症狀"};
    static const std::string kList = std::string("發燒") + fangyi::expr::kListSeparator + "咳嗽";
    uint64_t r = (seed_ + slot) * 0x9E3779B97F4A7C15ull;
    r ^= r >> 29;
    const auto& t = type_.fields[slot].type;
    Value v;
    if (r % 7 == 0) return v;  // null
    int64_t small = static_cast<int64_t>((r >> 8) % 40);
    switch (t.kind) {
      case TypeKind::bool_: v.kind = ValueKind::bool_, v.b = (r >> 8) & 1; break;
      case TypeKind::int_: v.kind = ValueKind::int_, v.i = small - 5; break;
      case TypeKind::decimal: v.kind = ValueKind::decimal, v.d = 34.0 + static_cast<double>(small) / 4; break;
      case TypeKind::enum_:
        v.kind = ValueKind::string;
        v.s = t.values.empty() || small % 5 == 0 ? std::string_view("其他") : std::string_view(t.values[small % t.values.size()]);
        break;
      case TypeKind::string: v.kind = ValueKind::string, v.s = kStrings[small % std::size(kStrings)]; break;
      case TypeKind::list: v.kind = ValueKind::string, v.s = kList; break;
      case TypeKind::date: v.kind = ValueKind::date, v.i = 18840 + small; break;  // 2021-08-01 on
      case TypeKind::datetime: v.kind = ValueKind::datetime, v.i = (18840 + small) * 86400 + small * 1800; break;
      case TypeKind::time: v.kind = ValueKind::time, v.i = small * 1800; break;
      case TypeKind::duration: v.kind = ValueKind::duration, v.i = small * 3600; break;
      default: break;
    }
    return v;
  }

 private:
  const fangyi::expr::RecordType& type_;
  uint64_t seed_;
};

// A case: its row and up to 15 rows of each source, all drawn from `seed`.
struct DrawnCase {
  std::vector<std::unique_ptr<DrawnRow>> rows;
  fangyi::expr::Context ctx;
  DrawnCase(const fangyi::expr::Environment& env, uint64_t seed) {
    rows.push_back(std::make_unique<DrawnRow>(*env.row, seed));
    ctx.row = rows.back().get();
    for (std::size_t s = 0; s < env.sources.size(); ++s) {
      ctx.sources.emplace_back();
      for (uint64_t n = 0; n < (seed >> (4 * s)) % 16; ++n) {
        rows.push_back(std::make_unique<DrawnRow>(*env.sources[s].second, seed * 31 + s * 1000 + n * 17));
        ctx.sources.back().rows.push_back(rows.back().get());
      }
    }
    ctx.today = fangyi::Date::from_days(18900 + static_cast<int32_t>(seed % 30));
  }
};

bool same(const fangyi::expr::Value& a, const fangyi::expr::Value& b) {
  return a.kind == b.kind && std::memcmp(&a.i, &b.i, sizeof a.i) == 0 && a.s == b.s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace fangyi;
  const Fixture& f = fixture();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Diagnostics diags;
  auto locate = [](std::size_t offset, std::size_t length) {
    return SourceLocation{"fuzz", 1, static_cast<int>(offset) + 1, static_cast<int>(length)};
  };
  auto program = expr::compile(text, *f.env, expr::make_type(expr::TypeKind::bool_), locate, diags);
  if (program) {
    ByteWriter w;
    expr::encode(*program, w);
    ByteReader r(w.data().data(), w.size());
    expr::Program back;
    std::string why;
    if (!expr::decode(r, *f.env, back, &why)) __builtin_trap();
    uint64_t seed = 1469598103934665603ull;
    for (uint8_t byte : text) seed = (seed ^ byte) * 1099511628211ull;
    DrawnCase a(*f.env, seed), b(*f.env, seed ^ 0x5bd1e995);
    expr::Evaluator one(*program);
    expr::Value first = one.run(a.ctx), second = one.run(b.ctx), again = one.run(a.ctx);
    if (!same(first, again) || !same(second, expr::evaluate(*program, b.ctx))) __builtin_trap();
  }
  return 0;
}

// Fuzz target: the expression language — lexer, parser, type checker and
// code generator — in the environment of a case check of the default rules
// (the case list with its follow-up and screening rows). A program that
// compiles must also pass the verifying decoder.
#include "core/bytes.h"
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
  }
  return 0;
}

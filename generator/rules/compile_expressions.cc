// Stage 3: compiles every `when`, `require` and `day0` expression against the
// environment of its rule, so type errors surface before any data is read.
#include "rules/environment.h"
#include "rules/verify.h"
#include "rules/yaml_reader.h"

namespace fangyi::rules {

void compile_expressions(Loaded& in, Diagnostics& diags) {
  Environments envs(in.rules);
  for (const ExprSite& site : in.exprs) {
    std::optional<expr::Environment> env;
    expr::Program* target = nullptr;
    if (site.kind == RuleKind::check && site.rule < in.rules.checks.size()) {
      Check& c = in.rules.checks[site.rule];
      env = envs.for_check(c);
      target = site.slot == ExprSlot::when ? &c.when : &c.require;
    } else if (site.kind == RuleKind::cohort && site.rule < in.rules.cohorts.size()) {
      Cohort& c = in.rules.cohorts[site.rule];
      if (site.branch >= c.branches.size()) continue;
      env = envs.for_cohort(c);
      target = site.slot == ExprSlot::day0 ? &c.branches[site.branch].day0 : &c.branches[site.branch].when;
    }
    if (!env || target == nullptr || site.source == nullptr) continue;  // a missing dataset is reported elsewhere
    YamlFile file(site.file, *site.source, diags);
    expr::Locator locate = [&file, &site](std::size_t offset, std::size_t length) {
      return file.inside(site.mark, site.text, offset, length);
    };
    expr::Type expected = expr::make_type(site.slot == ExprSlot::day0 ? expr::TypeKind::date : expr::TypeKind::bool_);
    if (auto program = expr::compile(site.text, *env, expected, locate, diags)) {
      *target = std::move(*program);
      target->source = site.text;
    }
  }
}

}  // namespace fangyi::rules

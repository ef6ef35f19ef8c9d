// Parses `kind: check`: scope, condition expressions, severity and message.
#include "rules/parse.h"

namespace fangyi::rules {
namespace {

const EnumNames<Scope> kScopes = {{"row", Scope::row}, {"case", Scope::case_}, {"organisation", Scope::organisation}};
const EnumNames<CheckSeverity> kSeverities = {{"info", CheckSeverity::info},
                                              {"warning", CheckSeverity::warning},
                                              {"error", CheckSeverity::error},
                                              {"serious", CheckSeverity::serious}};

}  // namespace

void parse_check(MapReader& r, Loaded& out) {
  Check c;
  const std::string path = path_of(RuleKind::check, out.rules.checks.size());
  parse_header(r, c.header, out, path);
  c.dataset = r.text("dataset", true);
  expect_ref(out, r, "dataset", RefKind::dataset, c.dataset);
  remember(out, path + "/scope", r, "scope");
  if (auto s = r.enumeration("scope", false, kScopes)) c.scope = *s;
  c.sources = r.strings("sources");
  remember(out, path + "/sources", r, "sources");
  for (const auto& s : c.sources) expect_ref(out, r, "sources", RefKind::dataset, s);
  if (auto s = r.enumeration("severity", true, kSeverities)) c.severity = *s;
  c.message = r.text("message", true);
  remember(out, path + "/message", r, "message");
  YAML::Node message = r.get("message");
  for (std::size_t p = c.message.find('{'); message.IsScalar() && p != std::string::npos; p = c.message.find('{', p + 1)) {
    std::size_t end = c.message.find('}', p);
    if (end == std::string::npos) break;
    out.places[path + "/message/" + c.message.substr(p + 1, end - p - 1)] = r.file().inside(message, p, end - p + 1);
  }
  c.field = r.text("field");
  expect_ref(out, r, "field", RefKind::field, c.field, c.dataset);
  ExprSite site;
  site.kind = RuleKind::check;
  site.rule = out.rules.checks.size();
  site.slot = ExprSlot::when;
  expect_expr(r, "when", false, site, out);
  site.slot = ExprSlot::require;
  expect_expr(r, "require", true, site, out);
  out.rules.checks.push_back(std::move(c));
}

}  // namespace fangyi::rules

// The engine's plan: checks resolved to datasets, projections, findings.
#include "check/engine_plan.h"

#include <ctime>

#include "check/mask.h"
#include "expr/opcodes.h"

namespace fangyi::check::engine {
namespace {

using rules::Check;
using rules::Dataset;
using rules::Scope;

bool holds(expr::Evaluator& e, const expr::Context& ctx) {
  expr::Value v = e.run(ctx);
  return v.kind == expr::ValueKind::bool_ && v.b;
}

Projection empty_projection(const Dataset& d) {
  Projection p;
  p.intern.assign(d.fields.size(), false);
  for (std::size_t s = 0; s < d.fields.size(); ++s) p.intern[s] = d.fields[s].type == rules::FieldType::enum_;
  return p;
}

// Marks what a case or organisation check needs kept of each dataset: the
// fields its programs read and, for case checks, the texts its finding shows.
void keep(const CompiledCheck& cc, std::vector<Projection>& keep) {
  const Check& c = *cc.check;
  keep[cc.dataset].rows = true;
  for (std::size_t s : cc.sources) keep[s].rows = true;
  for (const expr::Program* p : {&c.when, &c.require}) {
    expr::FieldsRead reads = expr::fields_read(*p);
    if (c.scope == Scope::case_)
      for (std::size_t slot : reads.row) keep[cc.dataset].keep_value(slot);
    for (auto [source, slot] : reads.sources)
      if (source < cc.sources.size()) keep[cc.sources[source]].keep_value(slot);
  }
  if (c.scope != Scope::case_) return;
  for (int slot : cc.message_slots)
    if (slot >= 0) keep[cc.dataset].keep_text(static_cast<std::size_t>(slot));
  if (cc.field_slot >= 0) keep[cc.dataset].keep_text(static_cast<std::size_t>(cc.field_slot));
}

}  // namespace

Evaluators::Evaluators(const Check& c)
    : when(c.when.code.empty() ? nullptr : std::make_unique<expr::Evaluator>(c.when)),
      require(std::make_unique<expr::Evaluator>(c.require)) {}

bool Evaluators::violated(const expr::Context& ctx) {
  if (when && !holds(*when, ctx)) return false;
  return !holds(*require, ctx);
}

int slot_of(const Dataset& d, const std::string& id) {
  const rules::DatasetField* f = d.field(id);
  return f == nullptr ? -1 : static_cast<int>(f - d.fields.data());
}

Plan::Plan(const rules::RuleSet& r, const CheckOptions& o) : rules(r), options(o) {
  today = options.today.value_or(local_today());
  auto index_of = [&](const std::string& id) {
    for (std::size_t i = 0; i < rules.datasets.size(); ++i)
      if (rules.datasets[i].header.id == id) return i;
    return rules.datasets.size();
  };
  for (const Dataset& d : rules.datasets) {
    case_keep.push_back(empty_projection(d));
    organisation_keep.push_back(empty_projection(d));
  }
  for (const Check& c : rules.checks) {
    CompiledCheck cc;
    cc.check = &c;
    cc.dataset = index_of(c.dataset);
    if (cc.dataset == rules.datasets.size()) continue;  // the compiler guarantees it exists
    const Dataset& d = rules.datasets[cc.dataset];
    if (c.scope == Scope::organisation) cc.sources.push_back(cc.dataset);
    for (const auto& s : c.sources) {
      if (c.scope == Scope::organisation && s == c.dataset) continue;
      cc.sources.push_back(index_of(s));
    }
    cc.field_slot = slot_of(d, c.field);
    for (std::size_t p = c.message.find('{'); p != std::string::npos; p = c.message.find('{', p + 1)) {
      std::size_t end = c.message.find('}', p);
      if (end == std::string::npos) break;
      cc.message_slots.push_back(slot_of(d, c.message.substr(p + 1, end - p - 1)));
    }
    if (c.scope == Scope::case_) keep(cc, case_keep);
    if (c.scope == Scope::organisation) keep(cc, organisation_keep);
    checks.push_back(std::move(cc));
    rule_infos[c.header.id] =
        RuleInfo{c.header.id, c.header.name, c.header.source.seed + " " + c.header.source.section, c.severity};
  }
  rule_infos["input.cell"] = RuleInfo{"input.cell", format_message(Msg::rule_input_cell, options.lang), "",
                                      rules::CheckSeverity::error};
  rule_infos["input.file"] = RuleInfo{"input.file", format_message(Msg::rule_input_file, options.lang), "",
                                      rules::CheckSeverity::error};
  rule_infos["input.unusable"] = RuleInfo{"input.unusable", format_message(Msg::rule_input_unusable, options.lang),
                                          "", rules::CheckSeverity::error};
}

std::string Plan::shown(const rules::DatasetField& f, std::string_view text) const {
  std::string s(text);
  if (f.type == rules::FieldType::list) {
    std::string sep = f.separator.empty() ? "、" : f.separator;
    std::string out;
    for (char c : s) c == expr::kListSeparator ? out += sep : out += c;
    s = out;
  }
  return f.personal && !options.show_personal ? mask_personal(s) : s;
}

Finding Plan::finding(const CompiledCheck& cc, const std::string& file, uint64_t line,
                      const std::function<std::string_view(std::size_t)>& text_of, std::string_view org,
                      std::string_view key) const {
  const Check& c = *cc.check;
  const Dataset& d = rules.datasets[cc.dataset];
  Finding f;
  f.file = file;
  f.line = line;
  f.rule = c.header.id;
  f.severity = c.severity;
  f.organisation = std::string(org);
  int key_slot = slot_of(d, d.key);
  f.case_key = key_slot >= 0 ? shown(d.fields[static_cast<std::size_t>(key_slot)], key) : std::string(key);
  if (cc.field_slot >= 0) {
    const auto& field = d.fields[static_cast<std::size_t>(cc.field_slot)];
    f.column = field.header;
    f.value = shown(field, text_of(static_cast<std::size_t>(cc.field_slot)));
  }
  // Fill {field} placeholders; the compiler checked they name fields.
  const std::string& t = c.message;
  std::size_t placeholder = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::size_t end = t[i] == '{' ? t.find('}', i) : std::string::npos;
    if (end == std::string::npos) {
      f.message += t[i];
      continue;
    }
    int slot = placeholder < cc.message_slots.size() ? cc.message_slots[placeholder++] : -1;
    std::string name = t.substr(i + 1, end - i - 1);
    if (name == "value") f.message += f.value;
    else if (slot >= 0) f.message += shown(d.fields[static_cast<std::size_t>(slot)], text_of(static_cast<std::size_t>(slot)));
    else f.message += t.substr(i, end - i + 1);
    i = end;
  }
  return f;
}

}  // namespace fangyi::check::engine

// Checks: scopes have what they need, and message placeholders name fields.
#include "core/text.h"
#include "rules/verify.h"

namespace fangyi::rules {

void verify_checks(const Loaded& in, Diagnostics& diags) {
  for (std::size_t i = 0; i < in.rules.checks.size(); ++i) {
    const Check& c = in.rules.checks[i];
    const std::string path = path_of(RuleKind::check, i);
    const Dataset* d = in.rules.dataset(c.dataset);
    if (!c.sources.empty() && c.scope == Scope::row)
      diags.error(in.place(path + "/sources", c.header.origin), Msg::sources_need_scope);
    if (d == nullptr) continue;  // reported as an unknown reference
    if (c.scope == Scope::case_ && d->key.empty())
      diags.error(in.place(path + "/scope", c.header.origin), Msg::case_needs_key, {d->header.id});
    if (c.scope == Scope::organisation && d->organisation.empty())
      diags.error(in.place(path + "/scope", c.header.origin), Msg::organisation_needs_field, {d->header.id});
    std::vector<std::string> names;
    for (const auto& f : d->fields) names.push_back(f.id);
    for (std::size_t p = c.message.find('{'); p != std::string::npos; p = c.message.find('{', p + 1)) {
      std::size_t end = c.message.find('}', p);
      if (end == std::string::npos) break;
      std::string name = c.message.substr(p + 1, end - p - 1);
      if (name == "value" || d->field(name) != nullptr) continue;
      if (c.scope == Scope::organisation && name == "organisation") continue;
      suggest(diags.error(in.place(path + "/message/" + name, c.header.origin), Msg::message_placeholder, {name, d->header.id}),
              nearest(name, names));
    }
  }
}

void verify_forms(const Loaded& in, Diagnostics& diags) {
  for (std::size_t i = 0; i < in.rules.forms.size(); ++i) {
    const Form& f = in.rules.forms[i];
    bool needs_days = f.layout == FormLayout::register_ || f.layout == FormLayout::daily_log || f.layout == FormLayout::notice;
    if (needs_days && f.scheme.empty())
      diags.error(in.place(path_of(RuleKind::form, i) + "/layout", f.header.origin), Msg::form_needs_scheme,
                  {f.layout == FormLayout::register_ ? "register" : f.layout == FormLayout::daily_log ? "daily_log" : "notice"});
  }
}

}  // namespace fangyi::rules

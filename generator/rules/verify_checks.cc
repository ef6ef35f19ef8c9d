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

namespace {

// The names a letter's {placeholders} may use besides the roster's fields.
bool computed_placeholder(const std::string& name) {
  for (const char* c : {"days", "day0", "period", "scheme", "release", "return_to_school", "phases", "tests"})
    if (name == c) return true;
  return false;
}

void verify_letter(const Loaded& in, std::size_t i, Diagnostics& diags) {
  const Form& f = in.rules.forms[i];
  const Dataset* roster = in.rules.dataset(f.roster);
  std::vector<std::string> names;
  if (roster)
    for (const auto& field : roster->fields) names.push_back(field.id);
  std::vector<std::pair<std::string, std::string>> texts;  // text, its key
  for (const std::string& note : f.notes) texts.push_back({note, "notes"});
  texts.push_back({f.title, "title"});
  for (const auto& [text, key] : texts)
    for (std::size_t p = text.find('{'); p != std::string::npos; p = text.find('{', p + 1)) {
      std::size_t end = text.find('}', p);
      if (end == std::string::npos) break;
      std::string name = text.substr(p + 1, end - p - 1);
      if (computed_placeholder(name) || (roster && roster->field(name))) continue;
      suggest(diags.error(in.place(path_of(RuleKind::form, i) + "/" + key, f.header.origin), Msg::form_placeholder,
                          {name, f.roster}),
              nearest(name, names));
    }
}

}  // namespace

void verify_forms(const Loaded& in, Diagnostics& diags) {
  for (std::size_t i = 0; i < in.rules.forms.size(); ++i) {
    const Form& f = in.rules.forms[i];
    bool needs_days = f.layout == FormLayout::register_ || f.layout == FormLayout::daily_log ||
                      f.layout == FormLayout::notice || f.layout == FormLayout::letter;
    if (needs_days && f.scheme.empty())
      diags.error(in.place(path_of(RuleKind::form, i) + "/layout", f.header.origin), Msg::form_needs_scheme,
                  {f.layout == FormLayout::register_ ? "register" : f.layout == FormLayout::daily_log ? "daily_log"
                                                          : f.layout == FormLayout::notice            ? "notice"
                                                                                                      : "letter"});
    if (f.layout == FormLayout::letter) verify_letter(in, i, diags);
  }
}

}  // namespace fangyi::rules

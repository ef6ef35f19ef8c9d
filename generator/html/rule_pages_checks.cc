// The checks page (every check with its message, severity, scope, dataset,
// conditions and source) and the "what changed" page (versions of each
// scheme family, and the policy diff against a previous rule binary).
#include <algorithm>
#include <map>

#include "core/text.h"
#include "html/escape.h"
#include "html/page_builder.h"
#include "html/rule_pages.h"
#include "rules/explain.h"

namespace fangyi::html {
namespace {

std::string msg(Msg m, Lang lang, const std::vector<std::string>& args = {}) { return format_message(m, lang, args); }

}  // namespace

Page checks_page(const RulePagesInput& in) {
  const Lang lang = in.lang;
  PageBuilder b("checks.html", msg(Msg::site_checks_title, lang), PageGroup::rules);
  b.paragraph(msg(Msg::site_checks_intro, lang, {std::to_string(in.rules.checks.size())}));
  std::map<std::string, rules::Description> described;
  for (auto& d : rules::describe_all(in.rules, lang))
    if (d.kind == rules::RuleKind::check) described[d.id] = std::move(d);

  // Grouped by the dataset they read, in the order the datasets are listed.
  for (const auto& ds : in.rules.datasets) {
    std::vector<const rules::Check*> checks;
    for (const auto& c : in.rules.checks)
      if (c.dataset == ds.header.id) checks.push_back(&c);
    if (checks.empty()) continue;
    b.heading(2, ds.header.name + "（" + ds.header.id + "）");
    b.html("<p>" + in.seeds.link(ds.header.source, lang) + "</p>\n");
    for (const rules::Check* c : checks) {
      b.heading(3, c->header.name);
      b.html("<p class=\"check-message sev-" + std::to_string(static_cast<int>(c->severity)) + "\">" +
             escape(c->message) + "</p>\n");
      b.html(facts_table(described[c->header.id], c->header, in));
    }
  }
  return b.finish();
}

Page changes_page(const RulePagesInput& in) {
  const Lang lang = in.lang;
  PageBuilder b("changes.html", msg(Msg::site_changes_title, lang), PageGroup::rules);

  b.heading(2, msg(Msg::site_changes_versions, lang));
  std::map<std::string, std::vector<const rules::Scheme*>> families;
  for (const auto& s : in.rules.schemes)
    if (!s.family.empty()) families[s.family].push_back(&s);
  bool any = false;
  for (auto& [family, versions] : families) {
    if (versions.size() < 2) continue;
    any = true;
    std::sort(versions.begin(), versions.end(), [](const rules::Scheme* a, const rules::Scheme* b) {
      return a->header.effective_from < b->header.effective_from;  // no start date sorts first
    });
    std::string steps;
    for (const rules::Scheme* s : versions) {
      if (!steps.empty()) steps += " → ";
      std::string when = s->header.effective_from ? msg(Msg::site_since, lang, {format_date(*s->header.effective_from)})
                                                  : "";
      steps += "<a href=\"" + escape(scheme_file(*s)) + "\">" + escape(s->header.name) + "</a>：" +
               escape(rules::length_in_words(*s, lang) + when);
    }
    b.heading(3, family);
    b.html("<p class=\"versions\">" + steps + "</p>\n<ul>");
    for (const rules::Scheme* s : versions) {
      std::string line = s->header.name;
      if (s->transition)
        line += "：" + msg(Msg::site_transition_text, lang,
                           {s->transition->from_scheme, std::to_string(s->transition->confined_more_than),
                            format_date(s->transition->release_on)});
      if (s->suspension) line += "；" + msg(Msg::site_suspension, lang, {std::to_string(s->suspension->days)});
      b.html("<li>" + escape(line) + " " + in.seeds.link(s->header.source, lang) + "</li>");
    }
    b.html("</ul>\n");
  }
  if (!any) b.paragraph(msg(Msg::site_changes_no_versions, lang));

  b.heading(2, msg(Msg::site_changes_previous, lang));
  if (!in.previous) {
    b.paragraph(msg(Msg::site_changes_no_previous, lang));
    return b.finish();
  }
  rules::PolicyDiff d = rules::diff(*in.previous, in.rules, lang);
  b.paragraph(msg(Msg::site_changes_against, lang, {in.previous_name}));
  if (d.empty()) {
    b.paragraph(msg(Msg::site_changes_none, lang));
    return b.finish();
  }
  std::string pre = "<pre class=\"diff\">";
  for (const auto& line : split_lines(d.text)) {
    std::string_view t = trim_view(line);
    const char* cls = t.empty() ? "" : t[0] == '+' ? "add" : t[0] == '-' ? "del" : t[0] == '~' ? "chg" : "";
    pre += *cls ? "<span class=\"" + std::string(cls) + "\">" + escape(line) + "</span>\n" : escape(line) + "\n";
  }
  b.html(pre + "</pre>\n");
  // Sources of the rules the diff names, so each change can be read in its seed.
  std::string sources = "<ul class=\"diff-sources\">";
  auto cite = [&](const rules::Header& h) {
    if (d.text.find(h.id) != std::string::npos)
      sources += "<li>" + escape(h.name) + " " + in.seeds.link(h.source, lang) + "</li>";
  };
  for (const auto& s : in.rules.schemes) cite(s.header);
  for (const auto& c : in.rules.cohorts) cite(c.header);
  for (const auto& x : in.rules.disinfections) cite(x.header);
  for (const auto& x : in.rules.deadlines) cite(x.header);
  for (const auto& x : in.rules.checks) cite(x.header);
  b.html(sources + "</ul>\n");
  return b.finish();
}

}  // namespace fangyi::html

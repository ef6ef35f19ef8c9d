// The generated pages, in the order the sidebar lists them, and the helpers
// they share.
#include "html/rule_pages.h"

#include "html/escape.h"
#include "html/page_builder.h"

namespace fangyi::html {

std::string scheme_file(const rules::Scheme& s) { return "scheme-" + s.header.id + ".html"; }

std::string scheme_href(const rules::RuleSet& rules, const std::string& family_or_id) {
  if (const rules::Scheme* s = rules.scheme(family_or_id)) return scheme_file(*s);
  const rules::Scheme* latest = nullptr;
  for (const auto& s : rules.schemes) {
    if (s.family != family_or_id) continue;
    if (!latest || (s.header.effective_from && (!latest->header.effective_from ||
                                                *latest->header.effective_from < *s.header.effective_from)))
      latest = &s;
  }
  return latest ? scheme_file(*latest) : "";
}

std::string facts_table(const rules::Description& d, const rules::Header& h, const RulePagesInput& in) {
  const std::string source_label = format_message(Msg::f_source, in.lang);
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : d.facts) {
    if (f.value.empty()) continue;
    std::string value = f.label == source_label ? in.seeds.link(h.source, in.lang) : escape(f.value);
    rows.push_back({escape(f.label), value});
  }
  return table_html({format_message(Msg::site_col_item, in.lang), format_message(Msg::site_col_content, in.lang)},
                    rows, "facts");
}

std::vector<Page> rule_pages(const RulePagesInput& in) {
  std::vector<Page> out;
  for (const auto& s : in.rules.schemes) out.push_back(scheme_page(s, in));
  out.push_back(cohorts_page(in));
  out.push_back(disinfection_page(in));
  out.push_back(deadlines_page(in));
  if (!in.rules.contact_tracings.empty()) out.push_back(contacts_page(in));
  out.push_back(checks_page(in));
  out.push_back(changes_page(in));
  return out;
}

}  // namespace fangyi::html

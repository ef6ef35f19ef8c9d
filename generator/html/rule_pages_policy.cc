// The cohort, disinfection and deadline pages.
#include <map>

#include "core/text.h"
#include "html/escape.h"
#include "html/page_builder.h"
#include "html/rule_pages.h"
#include "html/svg.h"

namespace fangyi::html {
namespace {

std::string msg(Msg m, Lang lang, const std::vector<std::string>& args = {}) { return format_message(m, lang, args); }

std::string agent_name(const rules::Disinfection& d, const std::string& id) {
  for (const auto& a : d.agents)
    if (a.id == id) return a.name;
  return id;
}

std::string dilution(int n, Lang lang) { return n > 0 ? msg(Msg::site_dilution, lang, {std::to_string(n)}) : ""; }

std::string contact_time(const std::optional<Duration>& d) {
  if (!d) return "";
  return format_duration(*d);
}

}  // namespace

Page cohorts_page(const RulePagesInput& in) {
  PageBuilder b("cohorts.html", msg(Msg::site_cohorts_title, in.lang), PageGroup::rules);
  b.paragraph(msg(Msg::site_cohorts_intro, in.lang));
  for (const auto& c : in.rules.cohorts) {
    b.heading(2, c.header.name);
    if (!c.header.description.empty()) b.paragraph(c.header.description, in.seeds.link(c.header.source, in.lang));
    auto href = [&](const std::string& scheme) { return scheme_href(in.rules, scheme); };
    b.html("<figure class=\"drawing\">" + cohort_svg(c, in.rules, href, in.lang) + "</figure>\n");
    std::vector<std::vector<std::string>> rows;
    for (const auto& br : c.branches) {
      std::string target = scheme_href(in.rules, br.scheme);
      std::string scheme = target.empty() ? escape(br.scheme)
                                          : "<a href=\"" + escape(target) + "\">" + escape(br.scheme) + "</a>";
      rows.push_back({escape(br.name), "<code>" + escape(br.when.source) + "</code>", scheme,
                      "<code>" + escape(br.day0.source) + "</code>", escape(br.note)});
    }
    b.html(table_html({msg(Msg::site_col_branch, in.lang), msg(Msg::site_col_condition, in.lang),
                       msg(Msg::site_col_scheme, in.lang), msg(Msg::site_col_day0, in.lang),
                       msg(Msg::site_col_note, in.lang)},
                      rows));
  }
  return b.finish();
}

Page disinfection_page(const RulePagesInput& in) {
  const Lang lang = in.lang;
  PageBuilder b("disinfection.html", msg(Msg::site_disinfection_title, lang), PageGroup::rules);
  for (const auto& d : in.rules.disinfections) {
    b.heading(2, d.header.name);
    std::vector<std::string> applies;
    for (const auto& a : d.applies_to) {
      std::string h = scheme_href(in.rules, a);
      applies.push_back(h.empty() ? escape(a) : "<a href=\"" + escape(h) + "\">" + escape(a) + "</a>");
    }
    b.html("<p>" + escape(d.header.description) + " " + in.seeds.link(d.header.source, lang) + "</p>\n");
    if (!applies.empty()) b.html("<p>" + escape(msg(Msg::site_applies_to, lang)) + join(applies, "、") + "</p>\n");

    for (const auto& p : d.principles) {
      b.heading(3, p.title);
      std::string list = "<ol>";
      for (const auto& item : p.items) list += "<li>" + escape(item) + "</li>";
      b.html(list + "</ol>\n");
    }

    b.heading(3, msg(Msg::site_disinfection_table, lang));
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : d.entries)
      rows.push_back({escape(e.place), escape(agent_name(d, e.agent)), escape(rules::to_string(e.concentration)),
                      escape(dilution(e.dilution, lang)), escape(e.method), escape(contact_time(e.contact_time))});
    b.html(table_html({msg(Msg::site_col_place, lang), msg(Msg::site_col_agent, lang),
                       msg(Msg::site_col_concentration, lang), msg(Msg::site_col_dilution, lang),
                       msg(Msg::site_col_method, lang), msg(Msg::site_col_contact_time, lang)},
                      rows, "disinfection"));

    if (!d.spills.empty()) {
      b.heading(3, msg(Msg::site_spills, lang));
      std::vector<std::vector<std::string>> spill_rows;
      for (const auto& s : d.spills) {
        std::string when = s.below_ml > 0 ? msg(Msg::site_spill_below, lang, {format_number(s.below_ml)})
                                          : msg(Msg::site_spill_above, lang, {format_number(s.above_ml)});
        spill_rows.push_back({escape(when), escape(agent_name(d, s.agent)), escape(rules::to_string(s.concentration)),
                              escape(dilution(s.dilution, lang))});
      }
      b.html(table_html({msg(Msg::site_col_volume, lang), msg(Msg::site_col_agent, lang),
                         msg(Msg::site_col_concentration, lang), msg(Msg::site_col_dilution, lang)},
                        spill_rows));
    }
    if (!d.agents.empty()) {
      std::string list = "<ul>";
      for (const auto& a : d.agents) {
        std::string v = a.name;
        if (a.stock_percent > 0) v += msg(Msg::site_agent_stock, lang, {format_number(a.stock_percent)});
        if (a.allowed) v += msg(Msg::site_agent_allowed, lang, {rules::to_string(*a.allowed)});
        list += "<li>" + escape(v) + "</li>";
      }
      b.heading(3, msg(Msg::site_agents, lang));
      b.html(list + "</ul>\n");
    }
    if (!d.notes.empty()) {
      std::string list = "<ul class=\"notes\">";
      for (const auto& n : d.notes) list += "<li>" + escape(n) + "</li>";
      b.html(list + "</ul>\n");
    }
  }
  return b.finish();
}

Page deadlines_page(const RulePagesInput& in) {
  const Lang lang = in.lang;
  PageBuilder b("deadlines.html", msg(Msg::site_deadlines_title, lang), PageGroup::rules);
  b.paragraph(msg(Msg::site_deadlines_intro, lang));
  std::map<std::string, rules::Description> described;
  for (auto& d : rules::describe_all(in.rules, lang))
    if (d.kind == rules::RuleKind::deadline) described[d.id] = std::move(d);
  std::vector<std::vector<std::string>> rows;
  const std::string when_label = msg(Msg::f_deadline, lang);
  for (const auto& d : in.rules.deadlines) {
    const std::string* when = described[d.header.id].value(when_label);
    rows.push_back({escape(d.header.name), "<strong>" + escape(when ? *when : "") + "</strong>", escape(d.applies_to),
                    escape(d.header.description), in.seeds.link(d.header.source, lang)});
  }
  b.html(table_html({msg(Msg::site_col_rule, lang), msg(Msg::site_col_deadline, lang), msg(Msg::site_col_applies, lang),
                     msg(Msg::site_col_note, lang), msg(Msg::site_col_source, lang)},
                    rows, "deadlines"));
  return b.finish();
}

}  // namespace fangyi::html

// The contact-tracing page: for each rule, who counts as a close contact
// and how, the window, the companion age, the seating rules and the papers.
#include "core/text.h"
#include "html/escape.h"
#include "html/page_builder.h"
#include "html/rule_pages.h"
#include "rules/describe.h"

namespace fangyi::html {
namespace {

std::string msg(Msg m, Lang lang, const std::vector<std::string>& args = {}) { return format_message(m, lang, args); }

std::string basis(const rules::ContactRelation& r, Lang lang) {
  std::string groups = join(r.groups, "、");
  switch (r.by) {
    case rules::RelationBasis::class_: return msg(Msg::site_contacts_by_class, lang);
    case rules::RelationBasis::group:
      return msg(r.nine_grid ? Msg::site_contacts_by_group_grid : Msg::site_contacts_by_group, lang, {groups});
    case rules::RelationBasis::timetable:
      return msg(groups.empty() ? Msg::site_contacts_by_lessons : Msg::site_contacts_by_lessons_groups, lang, {groups});
  }
  return {};
}

}  // namespace

Page contacts_page(const RulePagesInput& in) {
  const Lang lang = in.lang;
  PageBuilder b("contacts.html", msg(Msg::site_contacts_title, lang), PageGroup::rules);
  b.paragraph(msg(Msg::site_contacts_intro, lang));
  for (const auto& t : in.rules.contact_tracings) {
    b.heading(2, t.header.name);
    if (!t.header.description.empty()) b.paragraph(t.header.description, in.seeds.link(t.header.source, lang));
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : t.relations)
      rows.push_back({escape(r.name), escape(r.contact_type), escape(basis(r, lang)),
                      escape(msg(r.days == rules::ContactDays::every_day ? Msg::site_contacts_every_day
                                                                         : Msg::site_contacts_school_days,
                                 lang))});
    b.heading(3, msg(Msg::site_contacts_relations, lang));
    b.html(table_html({msg(Msg::site_col_relation, lang), msg(Msg::site_col_contact_type, lang),
                       msg(Msg::site_col_basis, lang), msg(Msg::site_col_days, lang)},
                      rows));
    b.heading(3, msg(Msg::site_contacts_details, lang));
    b.html(facts_table(rules::describe(t, lang), t.header, in));
  }
  return b.finish();
}

}  // namespace fangyi::html

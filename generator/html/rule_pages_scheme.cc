// A scheme's page: what it is and where it comes from, its day-by-day
// timeline (SVG and table), a worked example of its transition rule, and
// all its facts.
#include "core/text.h"
#include "html/escape.h"
#include "html/page_builder.h"
#include "html/rule_pages.h"
#include "html/svg.h"
#include "rules/schedule.h"

namespace fangyi::html {
namespace {

// An example day 0 for the timeline: the first day the version is in force,
// else (only an end date) the latest day 0 whose whole course fits before
// it; nullopt when the scheme has no dates at all.
std::optional<Date> example_day0(const rules::Scheme& s) {
  if (s.header.effective_from) return s.header.effective_from;
  if (s.header.effective_to) return s.header.effective_to->plus_days(-s.last_day());
  return std::nullopt;
}

std::string day_table(const rules::Schedule& sc, bool dates, Lang lang) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : sc.days) {
    std::vector<std::string> row{escape(format_message(Msg::site_day_n, lang, {std::to_string(d.day)}))};
    if (dates) row.push_back(escape(format_date(d.date)));
    row.push_back(escape(d.phase));
    row.push_back(escape(join(d.readings, "、")));
    row.push_back(escape(join(d.tests, "、")));
    rows.push_back(std::move(row));
  }
  std::vector<std::string> header{format_message(Msg::site_tl_day, lang)};
  if (dates) header.push_back(format_message(Msg::site_tl_date, lang));
  for (Msg m : {Msg::site_tl_phase, Msg::site_tl_readings, Msg::site_tl_tests}) header.push_back(format_message(m, lang));
  return table_html(header, rows, "days");
}

std::string legend(Lang lang) {
  std::string o = "<p class=\"legend\">";
  for (auto [cls, m] : {std::pair{"tl-confined", Msg::site_legend_confined}, std::pair{"tl-home", Msg::site_legend_home},
                        std::pair{"tl-school", Msg::site_legend_school}, std::pair{"tl-test", Msg::site_legend_test}})
    o += "<span class=\"swatch " + std::string(cls) + "\"></span>" + escape(format_message(m, lang)) + " ";
  return o + "</p>\n";
}

std::string key_dates(const rules::Schedule& sc, bool dates, Lang lang) {
  auto when = [&](Date d) {
    return dates ? format_date(d) : format_message(Msg::site_day_n, lang, {std::to_string(d - sc.day0)});
  };
  std::string o = "<ul class=\"key-dates\">";
  if (sc.release) o += "<li>" + escape(format_message(Msg::site_key_release, lang, {when(*sc.release)})) + "</li>";
  o += "<li>" + escape(format_message(Msg::site_key_end, lang, {when(sc.end)})) + "</li>";
  if (sc.return_to_school)
    o += "<li>" + escape(format_message(Msg::site_key_return, lang, {when(*sc.return_to_school)})) + "</li>";
  if (!sc.return_condition.empty())
    o += "<li>" + escape(format_message(Msg::site_key_condition, lang, {sc.return_condition})) + "</li>";
  return o + "</ul>\n";
}

}  // namespace

Page scheme_page(const rules::Scheme& s, const RulePagesInput& in) {
  PageBuilder b(scheme_file(s), s.header.name, PageGroup::schemes);
  const Lang lang = in.lang;
  if (!s.header.description.empty()) b.paragraph(s.header.description, in.seeds.link(s.header.source, lang));
  b.paragraph(format_message(Msg::site_scheme_summary, lang,
                             {rules::length_in_words(s, lang), s.applies_to.empty() ? s.header.id : s.applies_to}),
              in.seeds.link(s.header.source, lang));

  // Other versions of the same programme.
  std::vector<std::string> versions;
  for (const auto& other : in.rules.schemes) {
    if (&other == &s || other.family.empty() || other.family != s.family) continue;
    versions.push_back("<a href=\"" + escape(scheme_file(other)) + "\">" + escape(other.header.name) + "</a>");
  }
  if (!versions.empty())
    b.html("<p>" + escape(format_message(Msg::site_other_versions, lang)) + join(versions, "、") + "</p>\n");

  b.heading(2, format_message(Msg::site_timeline, lang));
  std::optional<Date> day0 = example_day0(s);
  bool dates = day0.has_value();
  Diagnostics ignored;  // a scheme that cannot be scheduled simply has no drawing
  auto sc = rules::make_schedule(in.rules, s.header.id, day0.value_or(Date::from_days(0)), ignored);
  if (sc) {
    if (dates) b.paragraph(format_message(Msg::site_example_day0, lang, {format_date(*day0)}));
    b.html("<figure class=\"drawing\">" + timeline_svg(*sc, dates, lang) + legend(lang) + "</figure>\n");
    b.html(key_dates(*sc, dates, lang));
    b.html("<details class=\"day-table\" open><summary>" + escape(format_message(Msg::site_day_by_day, lang)) +
           "</summary>\n" + day_table(*sc, dates, lang) + "</details>\n");
  }

  if (s.transition) {
    const auto& t = *s.transition;
    b.heading(2, format_message(Msg::site_transition, lang));
    Date example = t.release_on.plus_days(-(t.confined_more_than + 1));
    b.paragraph(format_message(Msg::site_transition_text, lang,
                               {t.from_scheme, std::to_string(t.confined_more_than), format_date(t.release_on)}),
                in.seeds.link(s.header.source, lang));
    Diagnostics none;
    if (auto tsc = rules::make_schedule(in.rules, t.from_scheme, example, none)) {
      b.paragraph(format_message(Msg::site_transition_example, lang, {format_date(example), tsc->scheme_name}));
      b.html("<figure class=\"drawing\">" + timeline_svg(*tsc, true, lang) + legend(lang) + "</figure>\n");
      b.html(key_dates(*tsc, true, lang));
    }
  }

  b.heading(2, format_message(Msg::site_rules_of, lang));
  b.html(facts_table(rules::describe(s, lang), s.header, in));
  return b.finish();
}

}  // namespace fangyi::html

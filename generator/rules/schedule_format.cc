// Renders a schedule as a table padded by display width (CJK is two cells
// wide) or as JSON with ISO dates.
#include "rules/schedule_format.h"

#include <algorithm>

#include "core/json.h"
#include "core/text.h"

namespace fangyi::rules {
namespace {

std::string t(Msg m, Lang lang, std::vector<std::string> args = {}) { return format_message(m, lang, args); }

std::string join(const std::vector<std::string>& v, Lang lang) { return fangyi::join(v, lang == Lang::en ? ", " : "、"); }

std::string pad(const std::string& s, int width) {
  return s + std::string(static_cast<std::size_t>(std::max(0, width - display_width(s))), ' ');
}

Msg weekday(int wd) {
  static constexpr Msg kDays[] = {Msg::wd_0, Msg::wd_1, Msg::wd_2, Msg::wd_3, Msg::wd_4, Msg::wd_5, Msg::wd_6};
  return kDays[wd];
}

}  // namespace

std::string schedule_table(const Schedule& s, Lang lang, DateStyle style) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({t(Msg::sch_col_day, lang), t(Msg::sch_col_date, lang), t(Msg::sch_col_weekday, lang),
                  t(Msg::sch_col_phase, lang), t(Msg::sch_col_readings, lang), t(Msg::sch_col_tests, lang),
                  t(Msg::sch_col_note, lang)});
  for (const auto& d : s.days) {
    std::vector<std::string> notes;
    if (d.day == 0) notes.push_back(t(Msg::sch_day0, lang));
    if (d.extended) notes.push_back(t(Msg::sch_extended, lang));
    if (s.release && d.date == *s.release) notes.push_back(t(Msg::sch_release, lang));
    rows.push_back({std::to_string(d.day), format_date(d.date, style), t(weekday(d.date.weekday()), lang), d.phase,
                    join(d.readings, lang), join(d.tests, lang), join(notes, lang)});
  }
  std::vector<int> widths(rows[0].size(), 0);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) widths[c] = std::max(widths[c], display_width(r[c]));
  std::string out = t(Msg::sch_title, lang, {s.scheme_name, s.scheme_id}) + "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string line;
    for (std::size_t c = 0; c < rows[i].size(); ++c) line += pad(rows[i][c], widths[c] + 2);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (i == 0) {
      std::string rule;
      for (std::size_t c = 0; c < widths.size(); ++c) rule += std::string(static_cast<std::size_t>(widths[c]), '-') + "  ";
      while (!rule.empty() && rule.back() == ' ') rule.pop_back();
      out += rule + "\n";
    }
  }
  std::string colon = lang == Lang::en ? ": " : "：";
  out += "\n";
  if (!s.transition_to.empty() && s.transition_release)
    out += t(Msg::sch_transition, lang, {s.transition_to, format_date(*s.transition_release, style)}) + "\n";
  if (s.release) out += t(Msg::sch_release, lang) + colon + format_date(*s.release, style) + "\n";
  out += t(Msg::sch_end, lang) + colon + format_date(s.end, style) + "\n";
  if (s.return_to_school) out += t(Msg::sch_return, lang) + colon + format_date(*s.return_to_school, style) + "\n";
  if (!s.return_condition.empty()) out += t(Msg::sch_return_condition, lang) + colon + s.return_condition + "\n";
  return out;
}

std::string schedule_json(const Schedule& s) {
  JsonWriter w;
  auto date_or_null = [&](const std::optional<Date>& d) {
    if (d) w.value(format_date(*d));
    else w.null();
  };
  w.begin_object();
  w.key("scheme").value(s.scheme_id);
  w.key("name").value(s.scheme_name);
  w.key("day0").value(format_date(s.day0));
  w.key("release");
  date_or_null(s.release);
  w.key("end").value(format_date(s.end));
  w.key("return_to_school");
  date_or_null(s.return_to_school);
  w.key("return_condition").value(s.return_condition);
  w.key("transition");
  if (s.transition_to.empty()) {
    w.null();
  } else {
    w.begin_object().key("to").value(s.transition_to).key("release_on");
    date_or_null(s.transition_release);
    w.end_object();
  }
  w.key("days").begin_array();
  for (const auto& d : s.days) {
    w.begin_object();
    w.key("day").value(d.day);
    w.key("date").value(format_date(d.date));
    w.key("phase").value(d.phase);
    w.key("confined").value(d.confined);
    w.key("at_school").value(d.at_school);
    w.key("extended").value(d.extended);
    w.key("readings").begin_array();
    for (const auto& r : d.readings) w.value(r);
    w.end_array();
    w.key("tests").begin_array();
    for (const auto& x : d.tests) w.value(x);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.str() + "\n";
}

}  // namespace fangyi::rules

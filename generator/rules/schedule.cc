// Computes per-day timelines from scheme rules.
#include "rules/schedule.h"

#include <algorithm>

#include "core/text.h"

namespace fangyi::rules {
namespace {

const Phase* phase_on(const Scheme& s, int day) {
  for (const auto& p : s.phases)
    if (day >= p.first_day && day <= p.last_day) return &p;
  return nullptr;
}

// A later version of the same family whose transition takes people from
// `from` while they are still confined when it starts.
const Scheme* transition_for(const RuleSet& rules, const Scheme& from, Date day0) {
  for (const auto& s : rules.schemes) {
    if (!s.transition || s.transition->from_scheme != from.header.id || !s.header.effective_from) continue;
    Date old_release = day0.plus_days(from.last_confined_day() + 1);
    if (old_release > *s.header.effective_from) return &s;
  }
  return nullptr;
}

}  // namespace

std::optional<Schedule> make_schedule(const RuleSet& rules, const std::string& scheme, Date day0, Diagnostics& diags) {
  const Scheme* s = rules.scheme_in_force(scheme, day0);
  if (s == nullptr) {
    bool known = false;
    std::vector<std::string> names;
    for (const auto& o : rules.schemes) {
      known = known || o.header.id == scheme || o.family == scheme;
      names.push_back(o.header.id);
      if (o.family != o.header.id) names.push_back(o.family);
    }
    if (known) {
      diags.error(SourceLocation{}, Msg::schedule_not_in_force, {scheme, format_date(day0)});
    } else {
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
      suggest(diags.error(SourceLocation{}, Msg::unknown_ref, {"scheme", scheme}), nearest(scheme, names));
    }
    return std::nullopt;
  }

  Schedule out;
  out.day0 = day0;
  const Scheme* follow = s;  // the version whose day numbering applies
  std::optional<Date> release;
  if (s->last_confined_day() > 0) release = day0.plus_days(s->last_confined_day() + 1);
  if (const Scheme* next = transition_for(rules, *s, day0)) {
    const Transition& t = *next->transition;
    follow = next;
    out.transition_to = next->header.id;
    int confined_days = t.release_on - day0;  // day 0 counts, as in the seed's example
    Date natural = day0.plus_days(next->last_confined_day() + 1);
    release = confined_days > t.confined_more_than ? t.release_on : natural;
    if (release && *release < natural) release = natural;
    out.transition_release = t.release_on;
  }
  out.scheme_id = follow->header.id;
  out.scheme_name = follow->header.name;
  out.release = release;
  out.return_condition = follow->return_condition;
  int last = follow->last_day();
  if (release) last = std::max(last, *release - day0 - 1);
  out.end = day0.plus_days(last + 1);
  // Dates past the year 9999 cannot be written back in any format fangyi
  // reads (nor do ROC forms have room for them): refuse rather than print them.
  const Date last_date = *Date::from_ymd(9999, 12, 31);
  if (out.end > last_date || (release && *release > last_date)) {
    diags.error(SourceLocation{}, Msg::limit_schedule_past_last_date, {format_date(day0), format_date(last_date)});
    return std::nullopt;
  }

  int last_away = 0;
  for (const auto& p : follow->phases)
    if (!p.at_school) last_away = std::max(last_away, p.last_day);
  if (release) last_away = std::max(last_away, *release - day0 - 1);
  if (last_away > 0) out.return_to_school = day0.plus_days(last_away + 1);

  const Phase* last_confined = nullptr;
  for (const auto& p : follow->phases)
    if (p.confined) last_confined = &p;
  for (int d = 0; d <= last; ++d) {
    ScheduleDay day;
    day.day = d;
    day.date = day0.plus_days(d);
    if (d > 0) {
      const Phase* p = phase_on(*follow, d);
      bool still_confined = release && day.date < *release;
      if ((p == nullptr || !p->confined) && still_confined && last_confined != nullptr) {
        day.extended = true;
        p = last_confined;
      }
      if (p != nullptr) {
        day.phase = p->name;
        day.confined = p->confined || still_confined;
        day.at_school = p->at_school && !still_confined;
      }
      for (const auto& r : follow->readings) day.readings.push_back(r.name);
      for (const auto& t : follow->tests)
        if (d >= t.first_day && d <= t.last_day) day.tests.push_back(t.name);
    }
    out.days.push_back(std::move(day));
  }
  return out;
}

}  // namespace fangyi::rules

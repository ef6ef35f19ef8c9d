// The relations, one function per basis. Days are a small set (the window is
// a few days long), so each relation intersects plain vectors of dates.
#include "contacts/tracer.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include "core/messages.h"
#include "core/text.h"

namespace fangyi::contacts {
namespace {

using rules::ContactDays;
using rules::ContactRelation;
using rules::RelationBasis;

// What the list says, in the language the health bureau reads.
std::string say(Msg m, std::vector<std::string> args = {}) { return format_message(m, Lang::zh_TW, args); }

class Tracer {
 public:
  Tracer(const rules::ContactTracing& tracing, const SchoolData& school, std::size_t case_person, Date from, Date to)
      : tracing_(tracing), school_(school), case_(case_person), from_(from), to_(to) {}

  void run() {
    for (const ContactRelation& rel : tracing_.relations) {
      switch (rel.by) {
        case RelationBasis::class_: same_class(rel); break;
        case RelationBasis::group: same_group(rel); break;
        case RelationBasis::timetable: lessons(rel); break;
      }
    }
  }

  std::map<std::size_t, Contact>& found() { return found_; }

 private:
  // The days of the window a relation counts: school days leave out
  // weekends and the school's holidays.
  std::vector<Date> days(const ContactRelation& rel) const {
    std::vector<Date> out;
    for (Date d = from_; d <= to_; d = d.plus_days(1)) {
      if (rel.days == ContactDays::school_days &&
          (d.weekday() == 0 || d.weekday() == 6 ||
           std::find(school_.holidays.begin(), school_.holidays.end(), d) != school_.holidays.end()))
        continue;
      out.push_back(d);
    }
    return out;
  }

  void add(std::size_t person, const ContactRelation& rel, std::string text, Date last) {
    if (person == case_) return;
    Contact& c = found_[person];
    c.person = person;
    if (c.reasons.empty() || c.last_contact < last) c.last_contact = last;
    // One reason per relation and text, and one per timetable relation: the
    // lessons shared with the case come down to the last one.
    for (Reason& r : c.reasons)
      if (r.relation == &rel && (r.text == text || rel.by == RelationBasis::timetable)) {
        if (r.last < last) r = {&rel, std::move(text), last};
        return;
      }
    c.reasons.push_back({&rel, std::move(text), last});
  }

  void same_class(const ContactRelation& rel) {
    const std::string& cls = school_.persons[case_].class_;
    std::vector<Date> d = days(rel);
    if (cls.empty() || d.empty()) return;
    for (const Person& p : school_.persons)
      if (p.class_ == cls) add(p.row, rel, say(Msg::contacts_reason_class, {cls}), d.back());
  }

  bool listed(const ContactRelation& rel, const std::string& type) const {
    return std::find(rel.groups.begin(), rel.groups.end(), type) != rel.groups.end();
  }

  void same_group(const ContactRelation& rel) {
    std::vector<Date> d = days(rel);
    if (d.empty()) return;
    // The case's groups of the relation's types: from the member lists and
    // from any chart of such a group the case sits on.
    std::set<std::pair<std::string, std::string>> groups;
    for (const Membership& m : school_.memberships)
      if (m.person == case_ && listed(rel, m.type)) groups.insert({m.type, m.group});
    for (const GroupChart& g : school_.charts)
      if (listed(rel, g.type) && g.chart.seat_of(school_.persons[case_].id)) groups.insert({g.type, g.group});
    for (const auto& [type, group] : groups) {
      bool charted = false;
      if (rel.nine_grid)
        for (const GroupChart& g : school_.charts)
          if (g.type == type && g.group == group) {
            charted = true;
            seat_neighbours(rel, g, d);
          }
      if (charted) continue;
      for (const Membership& m : school_.memberships)
        if (m.type == type && m.group == group) add(m.person, rel, say(Msg::contacts_reason_group, {rel.name, group}), d.back());
    }
  }

  void seat_neighbours(const ContactRelation& rel, const GroupChart& g, const std::vector<Date>& days) {
    const Seat* seat = g.chart.seat_of(school_.persons[case_].id);
    if (!seat) return;
    std::optional<Date> last;
    for (Date d : days)
      if (g.used_on(d)) last = d;
    if (!last) return;
    for (const Seat* n : neighbours(g.chart, *seat, tracing_.seating)) {
      auto person = school_.find(n->occupant);
      if (!person) continue;  // read_school refused unknown occupants
      add(*person, rel, say(Msg::contacts_reason_seat, {rel.name, g.group, seat_name(*n), seat_name(*seat)}), *last);
    }
  }

  // Everyone of a lesson: its teacher, the students of its class and the
  // members of a course group (of the relation's types) named like it.
  std::vector<std::size_t> participants(const ContactRelation& rel, const Lesson& l) const {
    std::vector<std::size_t> out;
    if (auto t = school_.find(l.teacher)) out.push_back(*t);
    for (const Person& p : school_.persons)
      if (p.class_ == l.class_) out.push_back(p.row);
    for (const Membership& m : school_.memberships)
      if (m.group == l.class_ && listed(rel, m.type)) out.push_back(m.person);
    return out;
  }

  void lessons(const ContactRelation& rel) {
    // Classmates of a lesson in the case's own class are listed by a class
    // relation already, when the rule has one; the lesson adds its teacher.
    const std::string& own_class = school_.persons[case_].class_;
    bool classmates_listed = std::any_of(tracing_.relations.begin(), tracing_.relations.end(),
                                         [](const ContactRelation& r) { return r.by == RelationBasis::class_; });
    std::vector<Date> d = days(rel);
    // The course groups (of the relation's types) the case is in, so that a
    // lesson without the case is passed over before participants() walks
    // the whole school for it: the same test as finding the case among them.
    std::set<std::string> case_groups;
    for (const Membership& m : school_.memberships)
      if (m.person == case_ && listed(rel, m.type)) case_groups.insert(m.group);
    for (const Lesson& l : school_.lessons) {
      std::optional<Date> last;
      for (Date day : d)
        if (l.date ? *l.date == day : l.weekday == day.weekday()) last = day;
      if (!last) continue;
      if (l.class_ != own_class && !case_groups.count(l.class_) && school_.find(l.teacher) != case_) continue;
      std::vector<std::size_t> who = participants(rel, l);
      const Person* teacher = school_.find(l.teacher) ? &school_.persons[*school_.find(l.teacher)] : nullptr;
      std::string text = say(Msg::contacts_reason_lesson, {l.class_, l.subject, teacher ? teacher->name : l.teacher,
                                                           std::to_string(last->month()) + "/" + std::to_string(last->day()),
                                                           l.period});
      for (std::size_t p : who)
        if (!(classmates_listed && !own_class.empty() && school_.persons[p].class_ == own_class && l.class_ == own_class))
          add(p, rel, text, *last);
    }
  }

  const rules::ContactTracing& tracing_;
  const SchoolData& school_;
  std::size_t case_;
  Date from_, to_;
  std::map<std::size_t, Contact> found_;
};

// The classes of students, in the order the people list first names them
// (which is the school's order; 六年二班 before 六年三班, unlike UTF-8).
std::vector<std::string> student_classes(const rules::ContactTracing& tracing, const SchoolData& school) {
  std::vector<std::string> classes;
  std::unordered_set<std::string_view> seen;  // a school has hundreds of classes
  for (const Person& p : school.persons)
    if (p.role == tracing.student_role && !p.class_.empty() && seen.insert(p.class_).second)
      classes.push_back(p.class_);
  return classes;
}

SuspensionDecision decide_suspension(const rules::RuleSet& rules, const rules::ContactTracing& tracing,
                                     const SchoolData& school, const std::vector<Contact>& contacts, Date case_isolated) {
  SuspensionDecision s;
  std::vector<std::string> classes = student_classes(tracing, school);
  std::set<std::string> hit;
  Date day0 = case_isolated;
  for (const Contact& c : contacts) {
    const Person& p = school.persons[c.person];
    if (p.role == tracing.student_role && !p.class_.empty()) hit.insert(p.class_);
    day0 = std::max(day0, c.last_contact);
  }
  s.classes = int(classes.size());
  for (const std::string& cls : classes)
    if (hit.count(cls)) s.contact_classes.push_back(cls);
  s.scheme = rules.scheme_in_force(tracing.scheme, day0);
  if (!s.scheme || !s.scheme->suspension) return s;
  const rules::Suspension& rule = *s.scheme->suspension;
  s.days = rule.days;
  s.whole_school = !hit.empty() && int(hit.size()) * rule.classes_denominator > s.classes * rule.classes_numerator;
  s.from = case_isolated.plus_days(1);
  s.to = s.from.plus_days(rule.days - 1);
  return s;
}

}  // namespace

int age_on(Date birth, Date on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

std::optional<Trace> trace(const rules::RuleSet& rules, const rules::ContactTracing& tracing, const SchoolData& school,
                           const CaseSpec& spec, Diagnostics& diags) {
  Trace t;
  std::optional<std::size_t> who = school.find(spec.who);
  if (!who && school.charts.size() == 1)
    if (auto rc = parse_seat_name(spec.who))
      if (const Seat* seat = school.charts.front().chart.seat_at(rc->first, rc->second)) who = school.find(seat->occupant);
  if (!who) {
    std::vector<std::string> ids;
    for (const Person& p : school.persons) ids.push_back(p.id);
    suggest(diags.error({}, Msg::contacts_unknown_case, {spec.who}), nearest(spec.who, ids));
    return std::nullopt;
  }
  if (!spec.onset && !spec.positive) {
    diags.error({}, Msg::contacts_no_onset);
    return std::nullopt;
  }
  t.case_person = *who;
  t.asymptomatic = !spec.onset;
  t.onset = spec.onset ? *spec.onset : *spec.positive;
  t.window_from = t.onset.plus_days(-tracing.days_before_onset);
  t.window_to = spec.isolated.value_or(spec.positive ? std::max(t.onset, *spec.positive) : t.onset);
  if (t.window_to < t.onset) {
    diags.error({}, Msg::contacts_isolated_before_onset, {format_date(t.window_to), format_date(t.onset)});
    return std::nullopt;
  }

  Tracer tracer(tracing, school, *who, t.window_from, t.window_to);
  tracer.run();
  for (auto& [person, c] : tracer.found()) {
    const Person& p = school.persons[person];
    for (const rules::ContactRelation& rel : tracing.relations)
      if (c.contact_type.empty())
        for (const Reason& r : c.reasons)
          if (r.relation == &rel) c.contact_type = rel.contact_type;
    if (p.birth) {
      c.age = age_on(*p.birth, c.last_contact);
      c.needs_companion = *c.age < tracing.companion_under_age;
    }
    t.contacts.push_back(std::move(c));
  }
  // Students by class in the school's order, then staff and anyone without a
  // class; in the people list's order (seat numbers) within each.
  std::map<std::string, std::size_t> class_order;
  for (const Person& p : school.persons) class_order.emplace(p.class_, class_order.size());
  auto rank = [&](const Person& p) { return p.class_.empty() ? class_order.size() : class_order[p.class_]; };
  std::sort(t.contacts.begin(), t.contacts.end(), [&](const Contact& a, const Contact& b) {
    const Person &x = school.persons[a.person], &y = school.persons[b.person];
    return std::pair(rank(x), x.row) < std::pair(rank(y), y.row);
  });
  t.suspension = decide_suspension(rules, tracing, school, t.contacts, t.window_to);
  return t;
}

}  // namespace fangyi::contacts

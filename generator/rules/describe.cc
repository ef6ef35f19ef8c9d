// Turns each rule kind into labelled facts.
#include "rules/describe.h"

#include "core/text.h"


namespace fangyi::rules {
namespace {

std::string t(Msg m, Lang lang, std::vector<std::string> args = {}) { return format_message(m, lang, args); }

std::string join(const std::vector<std::string>& items, Lang lang) {
  std::string out = fangyi::join(items, lang == Lang::en ? ", " : "、");
  return out.empty() ? t(Msg::v_none, lang) : out;
}

// "2 小時 30 分鐘" / "2 h 30 min".
std::string duration_words(Duration d, Lang lang) {
  int64_t s = d.seconds;
  std::string out;
  auto part = [&](int64_t n, Msg unit) {
    if (n > 0) out += (out.empty() ? "" : " ") + t(unit, lang, {std::to_string(n)});
  };
  // Whole days from two days up ("30 天"); below that, hours as policy
  // writes them ("24 小時內").
  if (s >= 2 * 86400 && s % 86400 == 0) return t(Msg::u_days, lang, {std::to_string(s / 86400)});
  part(s / 3600, Msg::u_hours);
  part(s % 3600 / 60, Msg::u_minutes);
  return out.empty() ? t(Msg::u_minutes, lang, {"0"}) : out;
}

class Builder {
 public:
  Builder(RuleKind kind, const Header& h, Lang lang) : lang_(lang) {
    d_.kind = kind;
    d_.id = h.id;
    d_.name = h.name;
    add(Msg::f_source, {}, h.source.seed + " " + h.source.section);
    add(Msg::f_defined, {}, h.origin.file + ":" + std::to_string(h.origin.line));
    if (h.effective_from && h.effective_to)
      add(Msg::f_effective, {}, t(Msg::f_effective_range, lang, {format_date(*h.effective_from), format_date(*h.effective_to)}));
    else if (h.effective_from)
      add(Msg::f_effective, {}, t(Msg::f_effective_from, lang, {format_date(*h.effective_from)}));
    else if (h.effective_to)
      add(Msg::f_effective, {}, t(Msg::f_effective_to, lang, {format_date(*h.effective_to)}));
    if (!h.description.empty()) add(Msg::f_description, {}, h.description);
  }
  void add(Msg label, std::vector<std::string> label_args, std::string value) {
    if (value.empty()) return;
    d_.facts.push_back({t(label, lang_, std::move(label_args)), std::move(value)});
  }
  Lang lang() const { return lang_; }
  Description take() { return std::move(d_); }

 private:
  Lang lang_;
  Description d_;
};

Msg day0_msg(Day0Basis b) {
  switch (b) {
    case Day0Basis::left_mainland: return Msg::day0_left_mainland;
    case Day0Basis::entry: return Msg::day0_entry;
    case Day0Basis::last_contact: return Msg::day0_last_contact;
    case Day0Basis::onset: return Msg::day0_onset;
    case Day0Basis::notice: return Msg::day0_notice;
    case Day0Basis::release: return Msg::day0_release;
  }
  return Msg::day0_entry;
}

Msg severity_msg(CheckSeverity s) {
  switch (s) {
    case CheckSeverity::info: return Msg::v_sev_info;
    case CheckSeverity::warning: return Msg::v_sev_warning;
    case CheckSeverity::error: return Msg::v_sev_error;
    case CheckSeverity::serious: return Msg::v_sev_serious;
  }
  return Msg::v_sev_error;
}

Msg scope_msg(Scope s) {
  switch (s) {
    case Scope::row: return Msg::v_scope_row;
    case Scope::case_: return Msg::v_scope_case;
    case Scope::organisation: return Msg::v_scope_organisation;
  }
  return Msg::v_scope_row;
}

const char* layout_name(FormLayout l) {
  switch (l) {
    case FormLayout::register_: return "register";
    case FormLayout::daily_log: return "daily_log";
    case FormLayout::notice: return "notice";
    case FormLayout::disinfection: return "disinfection";
    case FormLayout::checklist: return "checklist";
    case FormLayout::contact_list: return "contact_list";
    case FormLayout::letter: return "letter";
  }
  return "";
}

Description describe_cohort(const Cohort& c, Lang lang) {
  Builder b(RuleKind::cohort, c.header, lang);
  b.add(Msg::f_dataset, {}, c.dataset);
  for (const auto& br : c.branches)
    b.add(Msg::f_branch, {br.id}, t(Msg::f_branch_value, lang, {br.name, br.when.source, br.scheme, br.day0.source}));
  return b.take();
}

Description describe_disinfection(const Disinfection& d, Lang lang) {
  Builder b(RuleKind::disinfection, d.header, lang);
  b.add(Msg::f_applies_to, {}, join(d.applies_to, lang));
  for (const auto& a : d.agents) {
    std::string v = a.name;
    if (a.stock_percent > 0) v += "；" + t(Msg::f_stock, lang, {format_number(a.stock_percent)});
    if (a.allowed) v += "；" + t(Msg::f_allowed, lang, {to_string(*a.allowed)});
    b.add(Msg::f_agent, {a.id}, v);
  }
  auto agent_name = [&](const std::string& id) {
    for (const auto& a : d.agents)
      if (a.id == id) return a.name;
    return id;
  };
  for (const auto& e : d.entries) {
    std::string v = agent_name(e.agent) + " " + to_string(e.concentration);
    if (e.dilution > 0) v += t(Msg::f_dilution, lang, {std::to_string(e.dilution)});
    if (e.contact_time) v += "；" + t(Msg::f_contact_time, lang, {duration_words(*e.contact_time, lang)});
    v += "；" + e.method;
    b.add(Msg::f_entry, {e.place + (e.agent.empty() ? "" : " / " + e.agent)}, v);
  }
  for (const auto& s : d.spills) {
    std::string when = s.below_ml > 0 ? t(Msg::f_spill_below, lang, {format_number(s.below_ml)}) : t(Msg::f_spill_above, lang, {format_number(s.above_ml)});
    std::string v = agent_name(s.agent) + " " + to_string(s.concentration);
    if (s.dilution > 0) v += t(Msg::f_dilution, lang, {std::to_string(s.dilution)});
    b.add(Msg::f_spill, {when}, v);
  }
  for (const auto& p : d.principles) b.add(Msg::f_principle, {p.title}, join(p.items, lang));
  b.add(Msg::f_note, {}, join(d.notes, lang) == t(Msg::v_none, lang) ? "" : join(d.notes, lang));
  return b.take();
}

Description describe_deadline(const Deadline& d, Lang lang) {
  Builder b(RuleKind::deadline, d.header, lang);
  switch (d.kind) {
    case DeadlineKind::by: b.add(Msg::f_deadline, {}, t(Msg::f_deadline_by, lang, {format_time(d.by)})); break;
    case DeadlineKind::window:
      b.add(Msg::f_deadline, {}, t(Msg::f_deadline_window, lang, {format_time(d.from), format_time(d.to)}));
      break;
    case DeadlineKind::within:
      b.add(Msg::f_deadline, {}, t(Msg::f_deadline_within, lang, {duration_words(d.within, lang)}));
      break;
  }
  b.add(Msg::f_applies_to, {}, d.applies_to);
  return b.take();
}

Description describe_dataset(const Dataset& d, Lang lang) {
  Builder b(RuleKind::dataset, d.header, lang);
  b.add(Msg::f_key, {}, d.key);
  b.add(Msg::f_organisation, {}, d.organisation);
  for (const auto& f : d.fields) {
    std::string v = f.header + "（" + field_type_name(f.type);
    if (f.type == FieldType::enum_) v += "：" + join(f.values, lang);
    v += "）";
    if (f.required) v += " " + t(Msg::v_required, lang);
    if (f.personal) v += " " + t(Msg::v_personal, lang);
    b.add(Msg::f_field, {f.id}, v);
  }
  return b.take();
}

Description describe_check(const Check& c, Lang lang) {
  Builder b(RuleKind::check, c.header, lang);
  b.add(Msg::f_dataset, {}, c.dataset);
  b.add(Msg::f_scope, {}, t(scope_msg(c.scope), lang));
  if (!c.sources.empty()) b.add(Msg::f_sources, {}, join(c.sources, lang));
  b.add(Msg::f_when, {}, c.when.source);
  b.add(Msg::f_require, {}, c.require.source);
  b.add(Msg::f_severity, {}, t(severity_msg(c.severity), lang));
  b.add(Msg::f_message, {}, c.message);
  b.add(Msg::f_column, {}, c.field);
  return b.take();
}

Description describe_form(const Form& f, Lang lang) {
  Builder b(RuleKind::form, f.header, lang);
  auto labels = [&](const std::vector<FormField>& fs) {
    std::vector<std::string> l;
    for (const auto& x : fs) l.push_back(x.label);
    return join(l, lang);
  };
  b.add(Msg::f_attachment, {}, f.attachment);
  b.add(Msg::f_layout, {}, layout_name(f.layout));
  b.add(Msg::f_orientation, {}, t(f.orientation == Orientation::portrait ? Msg::v_portrait : Msg::v_landscape, lang));
  b.add(Msg::f_scheme, {}, f.scheme);
  b.add(Msg::f_roster, {}, f.roster);
  b.add(Msg::f_title, {}, f.title);
  if (!f.header_fields.empty()) b.add(Msg::f_header_fields, {}, labels(f.header_fields));
  std::vector<std::string> cols;
  for (const auto& c : f.columns) cols.push_back(c.label);
  if (!cols.empty()) b.add(Msg::f_columns, {}, join(cols, lang));
  if (!f.footer.empty()) b.add(Msg::f_footer, {}, labels(f.footer));
  if (!f.notes.empty()) b.add(Msg::f_note, {}, join(f.notes, lang));
  return b.take();
}

}  // namespace

const std::string* Description::value(const std::string& label) const {
  for (const auto& f : facts)
    if (f.label == label) return &f.value;
  return nullptr;
}

std::string kind_label(RuleKind k, Lang lang) {
  static constexpr Msg kMsgs[] = {Msg::kind_scheme,  Msg::kind_cohort, Msg::kind_disinfection, Msg::kind_deadline,
                                  Msg::kind_dataset, Msg::kind_check,  Msg::kind_form,   Msg::kind_contact_tracing};
  return t(kMsgs[static_cast<int>(k)], lang);
}

std::string length_in_words(const Scheme& s, Lang lang) {
  std::string parts;
  for (const auto& p : s.phases) parts += (parts.empty() ? "" : "+") + std::to_string(p.last_day - p.first_day + 1);
  return t(Msg::f_length_value, lang, {parts});
}

Description describe(const Scheme& s, Lang lang) {
  Builder b(RuleKind::scheme, s.header, lang);
  b.add(Msg::f_family, {}, s.family);
  b.add(Msg::f_applies_to, {}, s.applies_to);
  b.add(Msg::f_day0, {}, t(day0_msg(s.day0), lang));
  b.add(Msg::f_length, {}, length_in_words(s, lang));
  for (std::size_t i = 0; i < s.phases.size(); ++i) {
    const Phase& p = s.phases[i];
    std::string v = t(Msg::f_phase_value, lang,
                      {std::to_string(p.first_day), std::to_string(p.last_day), p.name,
                       t(p.confined ? Msg::v_confined : Msg::v_not_confined, lang),
                       t(p.at_school ? Msg::v_at_school : Msg::v_not_at_school, lang)});
    if (!p.rules.empty()) v += "；" + join(p.rules, lang);
    b.add(Msg::f_phase, {std::to_string(i + 1)}, v);
  }
  std::vector<std::string> readings;
  for (const auto& r : s.readings) readings.push_back(r.name);
  if (!readings.empty()) b.add(Msg::f_readings, {}, join(readings, lang));
  b.add(Msg::f_fever, {}, "≥ " + format_number(s.fever_threshold) + "°C");
  if (!s.symptoms.empty()) b.add(Msg::f_symptoms, {}, join(s.symptoms, lang));
  for (const auto& w : s.tests) {
    std::string v = t(Msg::f_test_value, lang, {w.name, std::to_string(w.first_day), std::to_string(w.last_day)});
    if (!w.results.empty()) v += "；" + t(Msg::f_test_results, lang, {join(w.results, lang)});
    if (!w.missed.empty()) v += "；" + t(Msg::f_test_missed, lang, {w.missed});
    if (!w.not_same_day_as.empty()) v += "；" + t(Msg::f_test_apart, lang, {w.not_same_day_as});
    if (!w.on_negative.empty()) v += "；" + t(Msg::f_test_negative, lang, {w.on_negative});
    if (!w.on_positive.empty()) v += "；" + t(Msg::f_test_positive, lang, {w.on_positive});
    b.add(Msg::f_test, {w.id}, v);
  }
  b.add(Msg::f_return, {}, s.return_condition);
  for (std::size_t i = 0; i < s.measures.size(); ++i) b.add(Msg::f_measure, {std::to_string(i + 1)}, s.measures[i]);
  if (!s.outing_approval.empty()) b.add(Msg::f_outing, {}, join(s.outing_approval, lang));
  if (!s.avoid_places.empty()) b.add(Msg::f_avoid, {}, join(s.avoid_places, lang));
  for (const auto& f : s.facilities) {
    std::string v = t(Msg::f_facility_value, lang, {f.text, t(f.level == Requirement::required ? Msg::v_required : Msg::v_preferred, lang)});
    if (!f.fallback.empty()) v += "；" + t(Msg::f_facility_fallback, lang, {f.fallback});
    b.add(Msg::f_facility, {f.id}, v);
  }
  if (!s.forms.empty()) b.add(Msg::f_forms, {}, join(s.forms, lang));
  if (s.transition)
    b.add(Msg::f_transition, {},
          t(Msg::f_transition_value, lang,
            {s.transition->from_scheme, std::to_string(s.transition->confined_more_than), format_date(s.transition->release_on)}));
  if (s.suspension)
    b.add(Msg::f_suspension, {},
          t(Msg::f_suspension_value, lang,
            {std::to_string(s.suspension->classes_numerator), std::to_string(s.suspension->classes_denominator),
             std::to_string(s.suspension->days)}));
  return b.take();
}

Description describe(const ContactTracing& c, Lang lang) {
  Builder b(RuleKind::contact_tracing, c.header, lang);
  b.add(Msg::f_window, {}, t(Msg::f_window_value, lang, {std::to_string(c.days_before_onset)}));
  b.add(Msg::f_scheme, {}, c.scheme);
  b.add(Msg::f_people, {}, c.people);
  b.add(Msg::f_groups, {}, c.groups);
  b.add(Msg::f_timetable, {}, c.timetable);
  b.add(Msg::f_list, {}, c.list);
  b.add(Msg::f_list_forms, {}, join(std::vector<std::string>{c.list_form, c.notice_form}, lang));
  b.add(Msg::f_companion, {}, t(Msg::f_companion_value, lang, {std::to_string(c.companion_under_age)}));
  b.add(Msg::f_seating, {},
        t(Msg::f_seating_value, lang,
          {std::to_string(c.seating.reach), t(c.seating.aisle_separates ? Msg::v_aisle_separates : Msg::v_aisle_joins, lang),
           join(c.seating.aisle, lang), join(c.seating.empty, lang)}));
  for (const ContactRelation& r : c.relations) {
    std::string v;
    if (r.by == RelationBasis::class_) v = t(Msg::f_relation_class, lang, {r.name, r.contact_type});
    else if (r.by == RelationBasis::group) v = t(Msg::f_relation_group, lang, {r.name, r.contact_type, join(r.groups, lang)});
    else v = t(Msg::f_relation_timetable, lang, {r.name, r.contact_type, join(r.groups, lang)});
    if (r.nine_grid) v += t(Msg::f_relation_nine_grid, lang);
    v += t(r.days == ContactDays::every_day ? Msg::f_relation_every_day : Msg::f_relation_school_days, lang);
    b.add(Msg::f_relation, {r.id}, v);
  }
  return b.take();
}

std::vector<Description> describe_all(const RuleSet& rules, Lang lang) {
  std::vector<Description> out;
  for (const auto& s : rules.schemes) out.push_back(describe(s, lang));
  for (const auto& c : rules.cohorts) out.push_back(describe_cohort(c, lang));
  for (const auto& d : rules.disinfections) out.push_back(describe_disinfection(d, lang));
  for (const auto& d : rules.deadlines) out.push_back(describe_deadline(d, lang));
  for (const auto& d : rules.datasets) out.push_back(describe_dataset(d, lang));
  for (const auto& c : rules.checks) out.push_back(describe_check(c, lang));
  for (const auto& f : rules.forms) out.push_back(describe_form(f, lang));
  for (const auto& c : rules.contact_tracings) out.push_back(describe(c, lang));
  return out;
}

}  // namespace fangyi::rules

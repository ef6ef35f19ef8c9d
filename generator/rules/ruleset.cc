// The small helpers of the rule model declared in model.h: names of enum
// values, derived scheme days, and lookups by id over a RuleSet.
#include <algorithm>


#include "rules/model.h"

#include "core/text.h"

namespace fangyi::rules {

const char* kind_name(RuleKind k) {
  switch (k) {
    case RuleKind::scheme: return "scheme";
    case RuleKind::cohort: return "cohort";
    case RuleKind::disinfection: return "disinfection";
    case RuleKind::deadline: return "deadline";
    case RuleKind::dataset: return "dataset";
    case RuleKind::check: return "check";
    case RuleKind::form: return "form";
    case RuleKind::contact_tracing: return "contact-tracing";
  }
  return "?";
}

const char* field_type_name(FieldType t) {
  switch (t) {
    case FieldType::string: return "string";
    case FieldType::int_: return "int";
    case FieldType::decimal: return "decimal";
    case FieldType::date: return "date";
    case FieldType::datetime: return "datetime";
    case FieldType::time: return "time";
    case FieldType::enum_: return "enum";
    case FieldType::bool_: return "bool";
    case FieldType::id_number: return "id-number";
    case FieldType::phone: return "phone";
    case FieldType::list: return "list";
  }
  return "?";
}

std::string to_string(const Concentration& c) {
  const char* unit = c.unit == ConcentrationUnit::ppm ? "ppm" : c.unit == ConcentrationUnit::percent ? "%" : "°C";
  std::string s = format_number(c.low);
  if (c.low != c.high) s += "-" + format_number(c.high);
  s += unit;
  if (c.at_least) s += "以上";
  return s;
}

int Scheme::last_day() const {
  int last = 0;
  for (const Phase& p : phases) last = std::max(last, p.last_day);
  return last;
}

int Scheme::last_confined_day() const {
  int last = 0;
  for (const Phase& p : phases)
    if (p.confined) last = std::max(last, p.last_day);
  return last;
}

const DatasetField* Dataset::field(std::string_view id) const {
  for (const DatasetField& f : fields)
    if (f.id == id) return &f;
  return nullptr;
}

namespace {

template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  for (const T& item : items)
    if (item.header.id == id) return &item;
  return nullptr;
}

template <class T>
void sort_by_id(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.header.id < b.header.id; });
}

}  // namespace

const Scheme* RuleSet::scheme(std::string_view id) const { return find_by_id(schemes, id); }
const Dataset* RuleSet::dataset(std::string_view id) const { return find_by_id(datasets, id); }
const Deadline* RuleSet::deadline(std::string_view id) const { return find_by_id(deadlines, id); }
const Form* RuleSet::form(std::string_view id) const { return find_by_id(forms, id); }
const Disinfection* RuleSet::disinfection(std::string_view id) const { return find_by_id(disinfections, id); }
const ContactTracing* RuleSet::contact_tracing(std::string_view id) const { return find_by_id(contact_tracings, id); }

const Scheme* RuleSet::scheme_in_force(std::string_view family_or_id, Date day0) const {
  if (const Scheme* exact = scheme(family_or_id)) return exact;
  for (const Scheme& s : schemes)
    if (s.family == family_or_id && s.header.in_force_on(day0)) return &s;
  return nullptr;
}

void RuleSet::canonicalize() {
  sort_by_id(schemes);
  sort_by_id(cohorts);
  sort_by_id(disinfections);
  sort_by_id(deadlines);
  sort_by_id(datasets);
  sort_by_id(checks);
  sort_by_id(forms);
  sort_by_id(contact_tracings);
}

}  // namespace fangyi::rules

// Builds expression environments from the datasets and deadlines of a rule set.
#include "rules/environment.h"

namespace fangyi::rules {

expr::Type field_type(const DatasetField& f) {
  using expr::TypeKind;
  switch (f.type) {
    case FieldType::string:
    case FieldType::id_number:
    case FieldType::phone: return expr::make_type(TypeKind::string);
    case FieldType::int_: return expr::make_type(TypeKind::int_);
    case FieldType::decimal: return expr::make_type(TypeKind::decimal);
    case FieldType::date: return expr::make_type(TypeKind::date);
    case FieldType::datetime: return expr::make_type(TypeKind::datetime);
    case FieldType::time: return expr::make_type(TypeKind::time);
    case FieldType::enum_: return expr::make_enum(f.values);
    case FieldType::bool_: return expr::make_type(TypeKind::bool_);
    case FieldType::list: return expr::make_list(expr::make_type(TypeKind::string));
  }
  return expr::make_type(TypeKind::error);
}

std::string source_name(std::string_view dataset_id) {
  std::string s(dataset_id);
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

const std::vector<std::string>& severity_names() {
  static const std::vector<std::string> kNames = {"info", "warning", "error", "serious"};
  return kNames;
}

Environments::Environments(const RuleSet& rules) {
  for (const Dataset& d : rules.datasets) {
    auto rec = std::make_unique<expr::RecordType>();
    rec->name = d.header.id;
    for (const DatasetField& f : d.fields) rec->fields.push_back({f.id, field_type(f)});
    records_.emplace(d.header.id, std::move(rec));
  }
  organisation_.name = "organisation";
  organisation_.fields = {{"organisation", expr::make_type(expr::TypeKind::string)}};
  findings_.name = "findings";
  findings_.fields = {{"rule", expr::make_type(expr::TypeKind::string)},
                      {"severity", expr::make_enum(severity_names())},
                      {"dataset", expr::make_type(expr::TypeKind::string)},
                      {"field", expr::make_type(expr::TypeKind::string)}};
  for (const Deadline& d : rules.deadlines) {
    expr::DeadlineValue v;
    switch (d.kind) {
      case DeadlineKind::by:
        v.type = expr::make_type(expr::TypeKind::time);
        v.by = d.by;
        break;
      case DeadlineKind::window:
        v.type = expr::make_range(expr::make_type(expr::TypeKind::time));
        v.from = d.from;
        v.to = d.to;
        break;
      case DeadlineKind::within:
        v.type = expr::make_type(expr::TypeKind::duration);
        v.within = d.within;
        break;
    }
    deadlines_.emplace(d.header.id, v);
  }
}

const expr::RecordType* Environments::record(std::string_view dataset_id) const {
  auto it = records_.find(dataset_id);
  return it == records_.end() ? nullptr : it->second.get();
}

std::optional<expr::Environment> Environments::for_check(const Check& c) const {
  expr::Environment env;
  env.deadlines = deadlines_;
  const expr::RecordType* primary = record(c.dataset);
  if (primary == nullptr) return std::nullopt;
  env.row = c.scope == Scope::organisation ? &organisation_ : primary;
  if (c.scope == Scope::organisation) env.sources.emplace_back(source_name(c.dataset), primary);
  for (const std::string& s : c.sources) {
    const expr::RecordType* r = record(s);
    if (r == nullptr) return std::nullopt;
    if (c.scope == Scope::organisation && s == c.dataset) continue;
    env.sources.emplace_back(source_name(s), r);
  }
  if (c.scope == Scope::organisation) env.sources.emplace_back("findings", &findings_);
  return env;
}

std::optional<expr::Environment> Environments::for_cohort(const Cohort& c) const {
  expr::Environment env;
  env.deadlines = deadlines_;
  env.row = record(c.dataset);
  if (env.row == nullptr) return std::nullopt;
  return env;
}

}  // namespace fangyi::rules

// Contact tracing: the datasets it reads and writes have the fields the
// tracer looks up by id (the contract in docs/contacts.md), relations are
// well formed, and every contact type is a value the list accepts.
#include <set>

#include "core/text.h"
#include "rules/verify.h"

namespace fangyi::rules {
namespace {

struct Needed {
  const char* field;
  std::vector<FieldType> types;  // any of
};

// The fields each role's dataset must have, by id.
const std::vector<Needed>& needed_by(std::string_view role) {
  static const std::vector<Needed> kPeople = {{"person", {FieldType::string, FieldType::id_number}},
                                              {"name", {FieldType::string}},
                                              {"role", {FieldType::string, FieldType::enum_}},
                                              {"class", {FieldType::string}},
                                              {"birth_date", {FieldType::date}}};
  static const std::vector<Needed> kGroups = {{"person", {FieldType::string, FieldType::id_number}},
                                              {"group_type", {FieldType::string, FieldType::enum_}},
                                              {"group", {FieldType::string}}};
  static const std::vector<Needed> kTimetable = {{"class", {FieldType::string}},
                                                 {"teacher", {FieldType::string, FieldType::id_number}}};
  static const std::vector<Needed> kList = {{"contact_type", {FieldType::string, FieldType::enum_}},
                                            {"last_contact", {FieldType::date}},
                                            {"case_onset", {FieldType::date}},
                                            {"reasons", {FieldType::string}},
                                            {"companion_name", {FieldType::string}}};
  if (role == "people") return kPeople;
  if (role == "groups") return kGroups;
  if (role == "timetable") return kTimetable;
  return kList;
}

std::string type_names(const std::vector<FieldType>& types) {
  std::vector<std::string> names;
  for (FieldType t : types) names.push_back(field_type_name(t));
  return join(names, " / ");
}

void verify_role(const Loaded& in, const std::string& path, const ContactTracing& t, std::string_view role,
                 const std::string& dataset_id, Diagnostics& diags) {
  const Dataset* d = in.rules.dataset(dataset_id);
  if (!d) return;  // an unknown reference, reported already
  SourceLocation at = in.place(path + "/" + std::string(role), t.header.origin);
  for (const Needed& n : needed_by(role)) {
    const DatasetField* f = d->field(n.field);
    if (!f)
      diags.error(at, Msg::tracing_field_missing, {d->header.id, n.field, type_names(n.types), std::string(role)});
    else if (std::find(n.types.begin(), n.types.end(), f->type) == n.types.end())
      diags.error(at, Msg::tracing_field_type, {d->header.id, n.field, type_names(n.types), field_type_name(f->type)});
  }
  if (role == "timetable" && !d->field("date") && !d->field("weekday"))
    diags.error(at, Msg::tracing_timetable_days, {d->header.id});
}

}  // namespace

void verify_contact_tracing(const Loaded& in, Diagnostics& diags) {
  for (std::size_t i = 0; i < in.rules.contact_tracings.size(); ++i) {
    const ContactTracing& t = in.rules.contact_tracings[i];
    const std::string path = path_of(RuleKind::contact_tracing, i);
    verify_role(in, path, t, "people", t.people, diags);
    verify_role(in, path, t, "groups", t.groups, diags);
    verify_role(in, path, t, "timetable", t.timetable, diags);
    verify_role(in, path, t, "list", t.list, diags);
    const Dataset* list = in.rules.dataset(t.list);
    const DatasetField* type_field = list ? list->field("contact_type") : nullptr;
    std::set<std::string> ids;
    for (std::size_t r = 0; r < t.relations.size(); ++r) {
      const ContactRelation& rel = t.relations[r];
      const std::string at = path + "/relations/" + std::to_string(r);
      if (!ids.insert(rel.id).second)
        diags.error(in.place(at + "/by", rel.origin), Msg::duplicate_id, {"relation", rel.id});
      bool group = rel.by == RelationBasis::group;
      if (group && rel.groups.empty())
        diags.error(in.place(at + "/by", rel.origin), Msg::tracing_group_needs_types, {rel.id});
      if ((rel.by == RelationBasis::class_ && !rel.groups.empty()) || (!group && rel.nine_grid))
        diags.error(in.place(at + "/by", rel.origin), Msg::tracing_groups_only_for_group, {rel.id});
      if (type_field && type_field->type == FieldType::enum_ &&
          std::find(type_field->values.begin(), type_field->values.end(), rel.contact_type) == type_field->values.end())
        suggest(diags.error(in.place(at + "/contact_type", rel.origin), Msg::tracing_contact_type,
                            {rel.contact_type, list->header.id}),
                nearest(rel.contact_type, type_field->values));
    }
    const Form* notice = in.rules.form(t.notice_form);
    if (notice && notice->roster != t.list)
      diags.error(in.place(path + "/list", t.header.origin), Msg::tracing_form_roster, {notice->header.id, t.list});
    const Form* list_form = in.rules.form(t.list_form);
    if (list_form && list_form->roster != t.list)
      diags.error(in.place(path + "/list", t.header.origin), Msg::tracing_form_roster, {list_form->header.id, t.list});
  }
}

}  // namespace fangyi::rules

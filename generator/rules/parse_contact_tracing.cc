// Parses `kind: contact-tracing`: who counts as a close contact of a
// confirmed case at school, in which window, and how the list is written.
#include "rules/parse.h"

namespace fangyi::rules {
namespace {

const EnumNames<RelationBasis> kBases = {
    {"class", RelationBasis::class_}, {"group", RelationBasis::group}, {"timetable", RelationBasis::timetable}};
const EnumNames<ContactDays> kDays = {{"school-days", ContactDays::school_days}, {"every-day", ContactDays::every_day}};

void parse_seating(MapReader& r, SeatingRules& s) {
  YAML::Node n = r.get("seating");
  if (!n.IsDefined() || n.IsNull()) return;
  MapReader m(n, r.file(), "seating");
  if (!m.ok()) return;
  if (auto reach = m.integer("reach", false, 1, 10)) s.reach = int(*reach);
  s.aisle_separates = m.boolean("aisle_separates").value_or(false);
  s.aisle = m.strings("aisle");
  s.empty = m.strings("empty");
  m.finish();
}

}  // namespace

void parse_contact_tracing(MapReader& r, Loaded& out) {
  ContactTracing t;
  const std::string path = path_of(RuleKind::contact_tracing, out.rules.contact_tracings.size());
  parse_header(r, t.header, out, path);
  if (auto d = r.integer("days_before_onset", true, 0, 30)) t.days_before_onset = int(*d);
  t.scheme = r.text("scheme", true);
  expect_ref(out, r, "scheme", RefKind::scheme, t.scheme);
  for (auto [key, slot] : {std::pair<const char*, std::string*>{"people", &t.people},
                           {"groups", &t.groups},
                           {"timetable", &t.timetable},
                           {"list", &t.list}}) {
    *slot = r.text(key, true);
    expect_ref(out, r, key, RefKind::dataset, *slot);
    remember(out, path + "/" + key, r, key);
  }
  t.list_form = r.text("list_form", true);
  t.notice_form = r.text("notice_form", true);
  expect_ref(out, r, "list_form", RefKind::form, t.list_form);
  expect_ref(out, r, "notice_form", RefKind::form, t.notice_form);
  if (auto age = r.integer("companion_under_age", true, 0, 150)) t.companion_under_age = int(*age);
  t.student_role = r.text("student_role", true);
  parse_seating(r, t.seating);
  for_each_map(r, "relations", "接觸關係", true, [&](MapReader& m) {
    ContactRelation rel;
    rel.origin = origin_of(m.file(), m.node());
    rel.id = m.text("id", true);
    rel.name = m.text("name", true);
    rel.contact_type = m.text("contact_type", true);
    if (auto b = m.enumeration("by", true, kBases)) rel.by = *b;
    rel.groups = m.strings("groups");
    rel.nine_grid = m.boolean("nine_grid").value_or(false);
    if (auto d = m.enumeration("days", false, kDays)) rel.days = *d;
    const std::string at = path + "/relations/" + std::to_string(t.relations.size());
    remember(out, at + "/by", m, "by");
    remember(out, at + "/contact_type", m, "contact_type");
    t.relations.push_back(std::move(rel));
  });
  out.rules.contact_tracings.push_back(std::move(t));
}

}  // namespace fangyi::rules

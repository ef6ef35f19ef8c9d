// Parses `kind: form`: the layout of a printable form.
#include "rules/parse.h"

namespace fangyi::rules {
namespace {

const EnumNames<FormLayout> kLayouts = {{"register", FormLayout::register_},
                                        {"daily_log", FormLayout::daily_log},
                                        {"notice", FormLayout::notice},
                                        {"disinfection", FormLayout::disinfection},
                                        {"checklist", FormLayout::checklist},
                                        {"contact_list", FormLayout::contact_list},
                                        {"letter", FormLayout::letter}};
const EnumNames<Orientation> kOrientations = {{"portrait", Orientation::portrait},
                                              {"landscape", Orientation::landscape}};

// A person's key dates, computed from their schedule (docs/forms.md).
bool computed_field(const std::string& f) {
  for (const char* c : {"day0", "period", "scheme", "release", "return_to_school", "phases", "tests"})
    if (f == c) return true;
  return false;
}

std::vector<FormField> form_fields(MapReader& r, std::string_view key, Loaded& loaded, const std::string& roster) {
  std::vector<FormField> fields;
  for_each_map(r, key, "欄位", false, [&](MapReader& m) {
    fields.push_back({m.text("label", true), m.text("field"), m.text("part")});
    const std::string& f = fields.back().field;
    if (!roster.empty() && !computed_field(f)) expect_ref(loaded, m, "field", RefKind::field, f, roster);
  });
  return fields;
}

bool computed_column(const std::string& f) {
  for (const char* c : {"day", "date", "phase", "day_grid", "facility", "measure", "check", "place", "agent", "concentration", "method"})
    if (f == c) return true;
  return false;
}

}  // namespace

void parse_form(MapReader& r, Loaded& out) {
  Form f;
  const std::string path = path_of(RuleKind::form, out.rules.forms.size());
  parse_header(r, f.header, out, path);
  f.attachment = r.text("attachment");
  if (auto l = r.enumeration("layout", true, kLayouts)) f.layout = *l;
  if (auto o = r.enumeration("orientation", false, kOrientations)) f.orientation = *o;
  f.scheme = r.text("scheme");
  f.roster = r.text("roster");
  f.disinfection = r.text("disinfection");
  expect_ref(out, r, "scheme", RefKind::scheme, f.scheme);
  expect_ref(out, r, "roster", RefKind::dataset, f.roster);
  expect_ref(out, r, "disinfection", RefKind::disinfection, f.disinfection);
  remember(out, path + "/layout", r, "layout");
  f.title = r.text("title");
  if (f.title.empty()) f.title = f.header.name;
  f.header_fields = form_fields(r, "header", out, f.roster);
  for_each_map(r, "columns", "表格欄", false, [&](MapReader& m) {
    FormColumn c;
    c.label = m.text("label", true);
    c.width = m.number("width", false, 1, 400).value_or(0);
    c.field = m.text("field");
    if (!f.roster.empty() && !computed_column(c.field)) expect_ref(out, m, "field", RefKind::field, c.field, f.roster);
    f.columns.push_back(std::move(c));
  });
  f.footer = form_fields(r, "footer", out, f.roster);
  remember(out, path + "/notes", r, "notes");
  remember(out, path + "/title", r, "title");
  f.notes = r.strings("notes");
  out.rules.forms.push_back(std::move(f));
}

}  // namespace fangyi::rules

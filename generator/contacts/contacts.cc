// Orchestrates `fangyi contacts`: pick the rule, read the school, trace,
// then write the list (CSV, XLSX), its PDF and the notices (through the
// forms module, reading the CSV just written, as a staff member would) and
// the summary into a staging folder that replaces the output folder.
#include "contacts/contacts.h"

#include "check/report.h"
#include "check/report_xlsx.h"
#include "core/file_io.h"
#include "core/staging_dir.h"
#include "core/text.h"
#include "pdf/forms.h"

namespace fangyi::contacts {
namespace {

namespace fs = std::filesystem;

const rules::ContactTracing* pick_tracing(const rules::RuleSet& rules, const std::string& id, Diagnostics& diags) {
  std::vector<std::string> ids;
  for (const auto& t : rules.contact_tracings) ids.push_back(t.header.id);
  if (!id.empty()) {
    if (const rules::ContactTracing* t = rules.contact_tracing(id)) return t;
    suggest(diags.error({}, Msg::unknown_ref, {"contact-tracing", id}), nearest(id, ids));
    return nullptr;
  }
  if (ids.size() == 1) return &rules.contact_tracings.front();
  if (ids.empty()) diags.error({}, Msg::contacts_no_tracing);
  else diags.error({}, Msg::contacts_which_tracing, {join(ids, "、")});
  return nullptr;
}

std::string default_group_type(const rules::ContactTracing& t) {
  for (const auto& r : t.relations)
    if (r.nine_grid && !r.groups.empty()) return r.groups.front();
  return {};
}

bool write_into(const fs::path& dir, const std::string& name, const std::string& data, Diagnostics& diags,
                std::vector<std::string>& files) {
  std::string error;
  if (!write_file_atomic((dir / name).string(), data, &error)) {
    diags.error(SourceLocation{(dir / name).string(), 0, 0, 1}, Msg::io_cannot_write, {(dir / name).string(), error});
    return false;
  }
  files.push_back(name);
  return true;
}

}  // namespace

std::vector<std::vector<std::string>> contact_list_rows(const rules::Dataset& list, const SchoolData& school,
                                                        const rules::ContactTracing& tracing, const Trace& trace,
                                                        DateStyle style) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header;
  for (const auto& f : list.fields) header.push_back(f.header);
  rows.push_back(std::move(header));
  // Where each list field comes from in the people table (same field id).
  std::vector<int> from(list.fields.size(), -1);
  if (school.people)
    for (std::size_t f = 0; f < list.fields.size(); ++f)
      for (std::size_t slot = 0; slot < school.people->dataset->fields.size(); ++slot)
        if (school.people->dataset->fields[slot].id == list.fields[f].id) from[f] = int(slot);
  for (const Contact& c : trace.contacts) {
    const Person& p = school.persons[c.person];
    std::vector<std::string> reasons;
    for (const Reason& r : c.reasons) reasons.push_back(r.text);
    std::vector<std::string>& row = rows.emplace_back();
    for (std::size_t f = 0; f < list.fields.size(); ++f) {
      const std::string& id = list.fields[f].id;
      std::string v;
      if (id == "contact_type") v = c.contact_type;
      else if (id == "last_contact") v = format_date(c.last_contact, style);
      else if (id == "case_onset") v = format_date(trace.onset, style);
      else if (id == "reasons") v = join(reasons, "；");
      else if (from[f] >= 0) v = school.people->display(school.people->rows[p.row], std::size_t(from[f]), style);
      else if (id == "name") v = p.name;
      if (id == "school" && v.empty()) v = school.school;
      row.push_back(std::move(v));
    }
    // The note asks for what is missing: a companion for a child without
    // one named, a birth date to tell.
    const rules::DatasetField* note = list.field("note");
    if (!note) continue;
    std::string& text = row[std::size_t(note - list.fields.data())];
    if (!text.empty()) continue;
    if (c.needs_companion && p.companion.empty())
      text = format_message(Msg::contacts_companion_needed, Lang::zh_TW, {std::to_string(tracing.companion_under_age)});
    else if (!c.age && p.role == tracing.student_role)
      text = format_message(Msg::contacts_birth_unknown, Lang::zh_TW);
  }
  return rows;
}

std::string summarize(const rules::ContactTracing& tracing, const SchoolData& school, const Trace& t, DateStyle style,
                      Lang lang) {
  auto say = [&](Msg m, std::vector<std::string> args = {}) { return format_message(m, lang, args) + "\n"; };
  auto date = [&](Date d) { return format_date(d, style); };
  const Person& who = school.persons[t.case_person];
  std::string out = trim(format_message(Msg::contacts_summary_title, lang, {school.school})) + "\n";
  out += say(Msg::contacts_summary_case, {who.name, who.class_.empty() ? "—" : who.class_,
                                          format_message(t.asymptomatic ? Msg::contacts_positive : Msg::contacts_onset, lang),
                                          date(t.onset)});
  out += say(Msg::contacts_summary_window,
             {date(t.window_from), date(t.window_to),
              format_message(Msg::f_window_value, lang, {std::to_string(tracing.days_before_onset)}), tracing.header.name});
  out += "\n" + say(Msg::contacts_summary_count, {std::to_string(t.contacts.size())});
  std::vector<std::string> companions;
  for (const Contact& c : t.contacts) {
    const Person& p = school.persons[c.person];
    std::vector<std::string> reasons;
    for (const Reason& r : c.reasons) reasons.push_back(r.text);
    out += say(Msg::contacts_summary_contact,
               {p.class_.empty() ? "—" : p.class_, p.name, c.contact_type, date(c.last_contact), join(reasons, "；")});
    if (c.needs_companion && p.companion.empty()) companions.push_back(p.name);
  }
  if (!companions.empty())
    out += "\n" + say(Msg::contacts_summary_companions, {std::to_string(tracing.companion_under_age), join(companions, "、")});
  const SuspensionDecision& s = t.suspension;
  out += "\n" + say(Msg::contacts_suspension_title, {s.scheme ? s.scheme->header.name : "—"});
  if (!s.scheme || !s.scheme->suspension) return out + say(Msg::contacts_suspension_none_scheme);
  if (s.contact_classes.empty()) return out + say(Msg::contacts_suspension_no_classes);
  const rules::Suspension& rule = *s.scheme->suspension;
  std::string verdict =
      format_message(s.whole_school ? Msg::contacts_suspension_whole : Msg::contacts_suspension_classes, lang,
                     {std::to_string(rule.classes_numerator), std::to_string(rule.classes_denominator),
                      std::to_string(s.days), date(s.from), date(s.to)});
  out += say(Msg::contacts_suspension_counts,
             {std::to_string(s.contact_classes.size()), std::to_string(s.classes), join(s.contact_classes, "、")});
  return out + verdict + "\n";
}

std::optional<ContactsResult> write_contacts(const rules::RuleSet& rules, const ContactsRequest& req, Diagnostics& diags) {
  const rules::ContactTracing* tracing = pick_tracing(rules, req.tracing, diags);
  if (!tracing) return std::nullopt;
  const rules::Dataset* list = rules.dataset(tracing->list);
  if (!list) return std::nullopt;  // the compiler guarantees it; a hand-made binary may not

  std::optional<SchoolData> school;
  if (!req.school.empty()) school = read_school(rules, *tracing, req.school, req.input, diags);
  else if (!req.seating.empty())
    school = school_from_charts(*tracing, req.seating, req.group_type.empty() ? default_group_type(*tracing) : req.group_type,
                                req.input, diags);
  else diags.error({}, Msg::contacts_no_school);
  if (!school) return std::nullopt;

  CaseSpec spec = school->case_spec;
  if (!req.case_spec.who.empty()) spec.who = req.case_spec.who;
  if (req.case_spec.onset || req.case_spec.positive) {
    spec.onset = req.case_spec.onset;
    spec.positive = req.case_spec.positive;
  }
  if (req.case_spec.isolated) spec.isolated = req.case_spec.isolated;
  std::optional<Trace> t = trace(rules, *tracing, *school, spec, diags);
  if (!t) return std::nullopt;

  ContactsResult result{std::move(*school), std::move(*t), {}, {}};
  result.summary = summarize(*tracing, result.school, result.trace, req.date_style, Lang::zh_TW);

  StagingDir staging(req.out_dir, diags);
  if (!staging.ok()) return std::nullopt;
  std::vector<std::vector<std::string>> rows = contact_list_rows(*list, result.school, *tracing, result.trace, req.date_style);
  std::vector<std::string> header = std::move(rows.front());
  rows.erase(rows.begin());
  const std::string base = format_message(Msg::contacts_list_file, Lang::zh_TW);
  const fs::path dir = staging.path();
  if (!write_into(dir, base + ".csv", check::render_csv_table(header, rows), diags, result.files)) return std::nullopt;
  if (!check::write_xlsx_table((dir / (base + ".xlsx")).string(), format_message(Msg::contacts_list_sheet, Lang::zh_TW),
                               header, rows, diags))
    return std::nullopt;
  result.files.push_back(base + ".xlsx");
  if (!rows.empty()) {
    pdf::FormsRequest forms;
    forms.roster = (dir / (base + ".csv")).string();
    forms.form_ids = {tracing->list_form, tracing->notice_form};
    forms.date_style = req.date_style;
    forms.font = req.font;
    forms.out_dir = dir.string();
    forms.created = req.created;
    forms.today = result.trace.window_to;
    auto written = pdf::write_forms(rules, forms, diags);
    if (!written) return std::nullopt;
    for (const pdf::WrittenForm& w : *written) result.files.push_back(fs::path(w.path).filename().string());
  }
  const std::string summary_name = format_message(Msg::contacts_summary_file, Lang::zh_TW) + ".txt";
  if (!write_into(dir, summary_name, result.summary, diags, result.files)) return std::nullopt;
  if (!staging.commit()) return std::nullopt;
  return result;
}

}  // namespace fangyi::contacts

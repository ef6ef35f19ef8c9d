// One function per layout, all built from the Typesetter's blocks. Column
// widths in the YAML are millimetres; a width of 0 shares what is left, and a
// day_grid column becomes one narrow column per day of the scheme.
#include "pdf/form_layout.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include "core/text.h"
#include "core/parallel.h"

namespace fangyi::pdf {
namespace {

constexpr double kTitleSize = 16, kFieldSize = 11, kTableSize = 10, kNoteSize = 10;

using rules::Form;
using rules::FormLayout;

// The days with a row on a form: day 1 to the scheme's last day.
std::vector<const rules::ScheduleDay*> form_days(const rules::Schedule& s) {
  std::vector<const rules::ScheduleDay*> days;
  for (const rules::ScheduleDay& d : s.days)
    if (d.day >= 1) days.push_back(&d);
  return days;
}

int day_count(const rules::Schedule& s) { return int(form_days(s).size()); }

// Dates already formatted, by day number.
using DateTexts = std::unordered_map<int32_t, std::string>;

class FormWriter {
 public:
  // `known`: dates formatted before the copies were split between threads.
  FormWriter(const FormInput& in, Document& doc, const Font& font, const DateTexts* known = nullptr)
      : in_(in), form_(*in.form), ts_(doc, font, form_.orientation == rules::Orientation::landscape), known_(known) {
    ts_.set_corner(form_.attachment);
  }

  void write() {
    switch (form_.layout) {
      case FormLayout::register_:
      case FormLayout::contact_list: register_(); break;
      case FormLayout::daily_log:
      case FormLayout::notice:
      case FormLayout::letter: copies(0, in_.people.size()); break;
      case FormLayout::disinfection: disinfection(); break;
      case FormLayout::checklist: checklist(); break;
    }
  }

  // The copies of people [first, last) of a per-person layout. Each copy
  // starts a page of its own and carries nothing over from the one before,
  // so copies can be laid out in separate runs and their pages joined.
  void copies(std::size_t first, std::size_t last) {
    for (std::size_t i = first; i < last; ++i) {
      const Person& p = in_.people[i];
      if (form_.layout == FormLayout::daily_log) daily_log(p);
      else if (form_.layout == FormLayout::notice) notice(p);
      else letter(p);
    }
  }

 private:
  bool dated(const Person& p) const { return p.row || !in_.blank_dates; }

  // Dates repeat across a form's copies; ROC formatting goes through an ICU
  // calendar, so each one is formatted once.
  const std::string& fmt(Date d) const {
    if (known_) {
      auto k = known_->find(d.days());
      if (k != known_->end()) return k->second;
    }
    auto it = dates_.find(d.days());
    if (it == dates_.end()) it = dates_.emplace(d.days(), format_date(d, in_.date_style)).first;
    return it->second;
  }

  // What `field` shows for person `p`.
  std::string value(const Person& p, const std::string& field) const {
    if (field.empty()) return {};
    if (field == "day0") return dated(p) ? fmt(p.schedule.day0) : std::string();
    if (field == "period") {
      auto days = form_days(p.schedule);
      if (!dated(p) || days.empty()) return {};
      return fmt(days.front()->date) + " 至 " + fmt(days.back()->date);
    }
    if (field == "scheme") return p.schedule.scheme_name;
    if (field == "release") return dated(p) && p.schedule.release ? fmt(*p.schedule.release) : std::string();
    if (field == "return_to_school")
      return dated(p) && p.schedule.return_to_school ? fmt(*p.schedule.return_to_school) : std::string();
    if (field == "phases") return dated(p) ? spans(p, [](const rules::ScheduleDay& d) { return std::vector{d.phase}; }) : "";
    if (field == "tests") return dated(p) ? spans(p, [](const rules::ScheduleDay& d) { return d.tests; }) : "";
    if (!p.row || !in_.roster) return {};
    const auto& fields = in_.roster->dataset->fields;
    for (std::size_t slot = 0; slot < fields.size(); ++slot)
      if (fields[slot].id == field) {
        if (auto d = in_.roster->date(*p.row, slot)) return fmt(*d);
        return p.row->cells[slot];
      }
    return {};
  }

  // "居家隔離 111/05/05 至 111/05/07；自主防疫 111/05/08 至 111/05/11":
  // each name `names_of` gives a day, with the first and last date it is given.
  template <class NamesOf>
  std::string spans(const Person& p, NamesOf names_of) const {
    std::vector<std::pair<std::string, std::pair<Date, Date>>> found;
    for (const rules::ScheduleDay* d : form_days(p.schedule))
      for (const std::string& name : names_of(*d)) {
        if (name.empty()) continue;
        auto it = std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.first == name; });
        if (it == found.end()) found.push_back({name, {d->date, d->date}});
        else it->second.second = d->date;
      }
    std::vector<std::string> parts;
    for (const auto& [name, range] : found)
      parts.push_back(name + " " + fmt(range.first) + (range.first == range.second ? "" : " 至 " + fmt(range.second)));
    return join(parts, "；");
  }

  // Replaces each {field} in `text` with what the field shows for `p`, and
  // {days} with the number of days of the person's scheme. Nullopt when a
  // placeholder shows nothing for a person: a sentence about a rapid-test
  // date has no place on the letter of a scheme without one. A blank form
  // keeps every sentence, with a line to write on.
  std::optional<std::string> filled(const std::string& text, const Person& p) const {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t open = text.find('{', at), close = open == std::string::npos ? open : text.find('}', open);
      if (close == std::string::npos) break;
      out.append(text, at, open - at);
      std::string name = text.substr(open + 1, close - open - 1);
      std::string shown = name == "days" ? std::to_string(day_count(p.schedule)) : value(p, name);
      if (shown.empty() && p.row) return std::nullopt;
      if (shown.empty()) shown = "＿＿＿＿";
      out += shown;
      at = close + 1;
    }
    out.append(text, std::min(at, text.size()));
    return out;
  }

  bool one_line(const std::string& field) const {
    if (!in_.roster) return false;
    const rules::DatasetField* f = in_.roster->dataset->field(field);
    return f && (f->id == "name" || f->type != rules::FieldType::string);
  }

  void field_rows(const std::vector<rules::FormField>& fields, const Person& p, std::size_t per_row,
                  const std::string& part = {}) {
    std::vector<LabeledField> row;
    for (const rules::FormField& f : fields) {
      if (form_.layout == FormLayout::notice && f.part != part) continue;
      row.push_back({f.label, value(p, f.field), 0});
      if (row.size() == per_row) {
        ts_.fields(row, kFieldSize);
        row.clear();
      }
    }
    if (!row.empty()) {
      // A short last row keeps the column widths of the full rows above it.
      double w = ts_.content_width() / double(per_row);
      for (LabeledField& f : row) f.width = w;
      row.back().width = 0;
      ts_.fields(row, kFieldSize);
    }
  }

  // Table columns in points, with day_grid expanded to `grid_days` columns.
  std::vector<TableColumn> columns(int grid_days) const {
    double fixed = 0;
    int shares = 0;
    for (const rules::FormColumn& c : form_.columns) {
      if (c.field == "day_grid") shares += grid_days;
      else if (c.width > 0) fixed += mm(c.width);
      else shares += 4;  // a free column takes four times a grid day
    }
    double avail = ts_.content_width();
    double scale = fixed > avail * 0.97 ? avail * 0.97 / fixed : 1.0;
    double unit = shares ? (avail - fixed * scale) / shares : 0;
    std::vector<TableColumn> out;
    for (const rules::FormColumn& c : form_.columns) {
      if (c.field == "day_grid") {
        for (int d = 1; d <= grid_days; ++d) out.push_back({unit, std::to_string(d), c.label});
      } else {
        out.push_back({c.width > 0 ? mm(c.width) * scale : unit * 4, c.label, {}});
      }
    }
    return out;
  }

  void notes(std::size_t from = 0, std::size_t to = SIZE_MAX) {
    for (std::size_t i = from; i < form_.notes.size() && i < to; ++i) ts_.paragraph(form_.notes[i], kNoteSize);
  }

  void footer(const Person& p) {
    if (form_.footer.empty()) return;
    ts_.space(6);
    field_rows(form_.footer, p, 3);
  }

  void register_() {
    int grid = 0;
    for (const Person& p : in_.people) grid = std::max(grid, day_count(p.schedule));
    Table t;
    t.columns = columns(grid);
    t.font_size = kTableSize - 1;
    t.min_row_height = mm(8);
    bool any = false;
    for (const Person& p : in_.people) {
      if (!p.row) continue;
      any = true;
      std::vector<Cell>& cells = t.rows.emplace_back();
      for (const rules::FormColumn& c : form_.columns) {
        if (c.field == "day_grid") {
          cells.insert(cells.end(), std::size_t(grid), Cell{});
        } else {
          cells.push_back({value(p, c.field), one_line(c.field) ? Align::center : Align::left, one_line(c.field)});
        }
      }
    }
    if (!any) t.rows.resize(15);  // a blank register: rows to fill by hand
    ts_.heading(form_.title, kTitleSize);
    if (!form_.header_fields.empty() && !in_.people.empty()) field_rows(form_.header_fields, in_.people.front(), 3);
    ts_.table(t);
    notes();
    footer(in_.people.empty() ? Person{} : in_.people.front());
  }

  Table day_table(const Person& p, bool numbered_words) {
    Table t;
    t.columns = columns(0);
    t.font_size = kTableSize;
    t.min_row_height = mm(9);
    for (const rules::ScheduleDay* d : form_days(p.schedule)) {
      std::vector<Cell>& cells = t.rows.emplace_back();
      for (const rules::FormColumn& c : form_.columns) {
        if (c.field == "day") {
          cells.push_back({numbered_words ? "第 " + std::to_string(d->day) + " 天" : std::to_string(d->day), Align::center, true});
        } else if (c.field == "date") {
          cells.push_back({dated(p) ? fmt(d->date) : "　　月　　日", Align::center, true});
        } else if (c.field == "phase") {
          cells.push_back({d->tests.empty() ? d->phase : d->phase + "（" + join(d->tests, "、") + "）", Align::left, false});
        } else {
          cells.push_back({value(p, c.field), Align::left, one_line(c.field)});
        }
      }
    }
    return t;
  }

  void daily_log(const Person& p) {
    ts_.new_page();
    ts_.heading(form_.title, kTitleSize);
    field_rows(form_.header_fields, p, 2);
    ts_.space(4);
    ts_.table(day_table(p, true));
    notes();
    footer(p);
  }

  // Notes of a notice: [0] under the upper part, [1] introduces the
  // numbered instructions, [2] is the title of the log table.
  void notice(const Person& p) {
    ts_.new_page();
    ts_.heading(form_.title, kTitleSize);
    field_rows(form_.header_fields, p, 2, "upper");
    notes(0, 1);
    ts_.dashed_rule();
    ts_.heading(form_.title, kTitleSize - 2);
    field_rows(form_.header_fields, p, 2, "lower");
    const rules::Scheme* scheme = in_.rules->scheme(p.schedule.scheme_id);
    if (form_.notes.size() > 1) ts_.paragraph(with_days(form_.notes[1], p), kNoteSize);
    if (scheme) {
      int n = 0;
      for (const std::string& m : scheme->measures) ts_.paragraph(m, kNoteSize, mm(2), chinese_number(++n) + "、");
    }
    if (form_.notes.size() > 2) {
      ts_.space(6);
      ts_.heading(form_.notes[2], kTitleSize - 3);
    }
    field_rows(form_.header_fields, p, 2, "log");
    ts_.table(day_table(p, false));
    notes(3);
    footer(p);
  }

  // A letter to one person: its fields, the notes with their placeholders
  // filled in, the scheme's measures numbered, the day table, the footer.
  void letter(const Person& p) {
    ts_.new_page();
    ts_.heading(filled(form_.title, p).value_or(form_.title), kTitleSize);
    field_rows(form_.header_fields, p, 2);
    ts_.space(3);
    for (const std::string& note : form_.notes)
      if (auto text = filled(note, p)) ts_.paragraph(*text, kFieldSize);
    if (const rules::Scheme* scheme = in_.rules->scheme(p.schedule.scheme_id)) {
      ts_.space(3);
      int n = 0;
      for (const std::string& m : scheme->measures) ts_.paragraph(m, kNoteSize, mm(2), chinese_number(++n) + "、");
    }
    if (!form_.columns.empty()) {
      ts_.space(4);
      ts_.table(day_table(p, true));
    }
    footer(p);
  }

  // "{days}" in a note stands for the number of days of the person's scheme.
  static std::string with_days(std::string text, const Person& p) {
    const std::string key = "{days}";
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at))
      text.replace(at, key.size(), std::to_string(day_count(p.schedule)));
    return text;
  }

  void disinfection() {
    const rules::Disinfection* d = in_.rules->disinfection(form_.disinfection);
    ts_.heading(form_.title, kTitleSize);
    if (!d) return;
    int section = 0;
    for (const rules::TextSection& s : d->principles) {
      ts_.space(3);
      ts_.paragraph(chinese_number(++section) + "、" + s.title, kFieldSize);
      for (const std::string& item : s.items) ts_.paragraph(item, kNoteSize, mm(6));
    }
    ts_.space(6);
    if (!form_.notes.empty()) ts_.heading(form_.notes.front(), kTitleSize - 3);
    Table t;
    t.columns = columns(0);
    t.font_size = kTableSize - 0.5;
    for (const rules::DisinfectionEntry& e : d->entries) {
      std::vector<Cell>& cells = t.rows.emplace_back();
      for (const rules::FormColumn& c : form_.columns) {
        std::string s;
        if (c.field == "place") s = e.place;
        else if (c.field == "agent") s = agent_name(*d, e.agent);
        else if (c.field == "concentration") s = rules::to_string(e.concentration) + (e.dilution ? "（1:" + std::to_string(e.dilution) + " 稀釋）" : "");
        else if (c.field == "method") s = e.method;
        cells.push_back({s, Align::left, false});
      }
    }
    ts_.table(t);
    for (const std::string& n : d->notes) ts_.paragraph(n, kNoteSize);
  }

  static std::string agent_name(const rules::Disinfection& d, const std::string& id) {
    for (const rules::Agent& a : d.agents)
      if (a.id == id) return a.name;
    return id;
  }

  void checklist() {
    const Person& p = in_.people.front();
    const rules::Scheme* scheme = in_.rules->scheme(p.schedule.scheme_id);
    ts_.heading(form_.title, kTitleSize);
    field_rows(form_.header_fields, p, 3);
    Table t;
    t.columns = columns(0);
    t.font_size = kTableSize;
    t.min_row_height = mm(10);
    if (scheme) {
      // Rows: the scheme's facility requirements, or its measures.
      std::vector<std::string> items;
      for (const rules::FormColumn& c : form_.columns) {
        if (c.field == "facility")
          for (const rules::Facility& f : scheme->facilities)
            items.push_back(f.text + (f.level == rules::Requirement::preferred && !f.fallback.empty() ? "\n（" + f.fallback + "）" : ""));
        if (c.field == "measure") items = scheme->measures;
      }
      for (const std::string& item : items) {
        std::vector<Cell>& cells = t.rows.emplace_back();
        for (const rules::FormColumn& c : form_.columns) {
          bool text = c.field == "facility" || c.field == "measure";
          cells.push_back({text ? item : c.field == "check" ? "□" : "", text ? Align::left : Align::center, false});
        }
      }
    }
    ts_.table(t);
    notes();
    footer(p);
  }

  const FormInput& in_;
  const Form& form_;
  Typesetter ts_;
  const DateTexts* known_;
  mutable DateTexts dates_;
};

}  // namespace

std::string chinese_number(int n) {
  static const char* const kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0 || n >= 100) return std::to_string(n);
  if (n < 10) return kDigits[n];
  std::string s = n / 10 == 1 ? "" : kDigits[n / 10];
  return s + "十" + kDigits[n % 10];
}

Document layout_form(const FormInput& in, const Font& font, std::size_t threads) {
  Document doc;
  doc.title = in.form->attachment.empty() ? in.form->title : in.form->attachment + " " + in.form->title;
  doc.subject = in.form->header.name;
  FormLayout layout = in.form->layout;
  bool per_person = layout == FormLayout::daily_log || layout == FormLayout::notice || layout == FormLayout::letter;
  // A few hundred copies are laid out in a few milliseconds: below that,
  // starting threads (and a line breaker each) is not worth it.
  constexpr std::size_t kCopiesPerRun = 64;
  std::size_t runs = std::min<std::size_t>(in.people.size() / kCopiesPerRun, std::size_t(threads) * 4);
  if (!per_person || runs < 2 || threads < 2) {
    FormWriter(in, doc, font).write();
    return doc;
  }
  // The dates of the day rows, formatted once rather than once per run.
  DateTexts known;
  for (const Person& p : in.people)
    for (const rules::ScheduleDay& d : p.schedule.days)
      if (known.find(d.date.days()) == known.end()) known.emplace(d.date.days(), format_date(d.date, in.date_style));
  std::vector<Document> parts(runs);
  parallel_for(runs, threads, [&](std::size_t r, std::size_t) {
    FormWriter(in, parts[r], font, &known).copies(in.people.size() * r / runs, in.people.size() * (r + 1) / runs);
  });
  std::size_t pages = 0;
  for (const Document& part : parts) pages += part.pages.size();
  doc.pages.reserve(pages);
  for (Document& part : parts) std::move(part.pages.begin(), part.pages.end(), std::back_inserter(doc.pages));
  return doc;
}

}  // namespace fangyi::pdf

// Reads the school's manifest and tables. Each table must match the dataset
// the contact-tracing rule names for it; cells are checked by the roster
// reader, so a bad date stops the run with its row and column.
#include "contacts/school_data.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "core/file_io.h"
#include "core/text.h"
#include "rules/yaml_reader.h"

namespace fangyi::contacts {
namespace {

namespace fs = std::filesystem;

// 星期一 … 星期日 as Date::weekday numbers (0 = Sunday).
std::optional<int> weekday_of(const std::string& text) {
  static const std::pair<const char*, int> kDays[] = {{"一", 1}, {"二", 2}, {"三", 3}, {"四", 4},
                                                      {"五", 5}, {"六", 6}, {"日", 0}, {"天", 0}};
  std::string t = text;
  for (const char* prefix : {"星期", "週", "周"})
    if (t.rfind(prefix, 0) == 0) t = t.substr(std::string(prefix).size());
  for (auto [name, day] : kDays)
    if (t == name) return day;
  return std::nullopt;
}

std::string cell(const pdf::Roster& r, const pdf::RosterRow& row, std::string_view field) {
  for (std::size_t slot = 0; slot < r.dataset->fields.size(); ++slot)
    if (r.dataset->fields[slot].id == field) return row.cells[slot];
  return {};
}

std::optional<Date> date_cell(const pdf::Roster& r, const pdf::RosterRow& row, std::string_view field) {
  for (std::size_t slot = 0; slot < r.dataset->fields.size(); ++slot)
    if (r.dataset->fields[slot].id == field) return r.date(row, slot);
  return std::nullopt;
}

// A table that must be of dataset `expected`.
std::optional<pdf::Roster> read_table(const rules::RuleSet& rules, const std::string& path, const std::string& expected,
                                      const check::InputOptions& options, Diagnostics& diags) {
  auto table = pdf::read_roster(rules, path, options, diags);
  if (!table) return std::nullopt;
  if (table->dataset->header.id != expected) {
    const rules::Dataset* want = rules.dataset(expected);
    diags.error({path, 1, 1}, Msg::contacts_wrong_table,
                {table->dataset->header.name, want ? want->header.name : expected, expected});
    return std::nullopt;
  }
  return table;
}

void index_people(SchoolData& s) {
  for (std::size_t i = 0; i < s.persons.size(); ++i) {
    s.by_id.emplace(s.persons[i].id, i);
    s.by_name[s.persons[i].name].push_back(i);
  }
}

std::vector<Date> dates_of(rules::MapReader& m, std::string_view key) {
  std::vector<Date> out;
  YAML::Node n = m.get(key);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) {
    m.file().error(n, Msg::expect_list, {std::string(key)});
    return out;
  }
  for (const YAML::Node& item : n) {
    std::string text = item.IsScalar() ? item.Scalar() : std::string();
    if (auto d = parse_date(text)) out.push_back(*d);
    else m.file().error(item, Msg::expect_date, {std::string(key), text});
  }
  return out;
}

std::string relative_to(const std::string& manifest, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (fs::path(manifest).parent_path() / path).lexically_normal().string();
}

}  // namespace

bool GroupChart::used_on(Date d) const {
  if (dates.empty() && weekdays.empty()) return true;
  return std::find(dates.begin(), dates.end(), d) != dates.end() ||
         std::find(weekdays.begin(), weekdays.end(), d.weekday()) != weekdays.end();
}

std::optional<std::size_t> SchoolData::find(const std::string& who) const {
  if (auto it = by_id.find(who); it != by_id.end()) return it->second;
  if (auto it = by_name.find(who); it != by_name.end() && it->second.size() == 1) return it->second.front();
  return std::nullopt;
}

std::optional<SchoolData> read_school(const rules::RuleSet& rules, const rules::ContactTracing& tracing,
                                      const std::string& manifest, const check::InputOptions& options,
                                      Diagnostics& diags) {
  std::string reason;
  auto text = read_file(manifest, &reason, std::size_t{1} << 20);
  if (!text) {
    diags.error({manifest}, Msg::io_cannot_read, {manifest, reason});
    return std::nullopt;
  }
  rules::YamlFile file(manifest, *text, diags);
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::Exception& e) {
    diags.error(file.at_mark(e.mark), Msg::yaml_syntax, {e.msg});
    return std::nullopt;
  }
  SchoolData s;
  std::size_t errors_before = diags.error_count();
  rules::MapReader m(root, file, "學校資料");
  if (!m.ok()) return std::nullopt;
  s.school = m.text("school", true);
  std::string people = relative_to(manifest, m.text("people", true));
  std::string groups = relative_to(manifest, m.text("groups"));
  std::string timetable = relative_to(manifest, m.text("timetable"));
  s.holidays = dates_of(m, "holidays");
  struct ChartSpec {
    std::string file, type, group;
    std::vector<Date> dates;
    std::vector<int> weekdays;
  };
  std::vector<ChartSpec> specs;
  YAML::Node seating = m.get("seating");
  if (seating.IsDefined() && !seating.IsNull()) {
    if (!seating.IsSequence()) file.error(seating, Msg::expect_list, {"seating"});
    else
      for (const YAML::Node& item : seating) {
        rules::MapReader c(item, file, "seating");
        if (!c.ok()) continue;
        ChartSpec spec{relative_to(manifest, c.text("file", true)), c.text("group_type", true), c.text("group", true), {}, {}};
        spec.dates = dates_of(c, "dates");
        for (const std::string& w : c.strings("weekdays")) {
          if (auto d = weekday_of(w)) spec.weekdays.push_back(*d);
          else file.error(c.get("weekdays"), Msg::contacts_bad_weekday, {w});
        }
        c.finish();
        specs.push_back(std::move(spec));
      }
  }
  YAML::Node case_node = m.get("case");
  if (case_node.IsDefined() && !case_node.IsNull()) {
    rules::MapReader c(case_node, file, "case");
    if (c.ok()) {
      s.case_spec.who = c.text("person");
      s.case_spec.onset = c.date("onset");
      s.case_spec.positive = c.date("positive_test");
      s.case_spec.isolated = c.date("isolated");
      c.finish();
    }
  }
  m.finish();
  if (diags.error_count() > errors_before) return std::nullopt;

  s.people = read_table(rules, people, tracing.people, options, diags);
  if (!s.people) return std::nullopt;
  for (std::size_t i = 0; i < s.people->rows.size(); ++i) {
    const pdf::RosterRow& row = s.people->rows[i];
    s.persons.push_back({i, cell(*s.people, row, "person"), cell(*s.people, row, "name"), cell(*s.people, row, "class"),
                         cell(*s.people, row, "role"), date_cell(*s.people, row, "birth_date"),
                         cell(*s.people, row, "companion_name")});
  }
  index_people(s);
  for (std::size_t i = 0; i < s.persons.size(); ++i)
    if (s.by_id[s.persons[i].id] != i) {
      const pdf::RosterRow& row = s.people->rows[i];
      diags.error({people, int(row.line), 0}, Msg::contacts_duplicate_person,
                  {s.persons[i].id, std::to_string(s.people->rows[s.by_id[s.persons[i].id]].line)});
    }

  auto person_of = [&](const std::string& who, const SourceLocation& where) -> std::optional<std::size_t> {
    if (auto it = s.by_id.find(who); it != s.by_id.end()) return it->second;
    diags.error(where, Msg::contacts_unknown_person, {who, people});
    return std::nullopt;
  };
  if (!groups.empty()) {
    auto table = read_table(rules, groups, tracing.groups, options, diags);
    if (!table) return std::nullopt;
    for (const pdf::RosterRow& row : table->rows) {
      auto p = person_of(cell(*table, row, "person"), {groups, int(row.line), 0});
      if (p) s.memberships.push_back({cell(*table, row, "group_type"), cell(*table, row, "group"), *p});
    }
  }
  if (!timetable.empty()) {
    auto table = read_table(rules, timetable, tracing.timetable, options, diags);
    if (!table) return std::nullopt;
    for (const pdf::RosterRow& row : table->rows) {
      Lesson l;
      l.where = {timetable, int(row.line), 0};
      l.date = date_cell(*table, row, "date");
      std::string weekday = cell(*table, row, "weekday");
      if (!weekday.empty()) l.weekday = weekday_of(weekday).value_or(-1);
      if (!l.date && l.weekday < 0) {
        diags.error(l.where, Msg::contacts_lesson_no_day);
        continue;
      }
      l.period = cell(*table, row, "period");
      l.class_ = cell(*table, row, "class");
      l.teacher = cell(*table, row, "teacher");
      l.subject = cell(*table, row, "subject");
      if (person_of(l.teacher, l.where)) s.lessons.push_back(std::move(l));
    }
  }
  for (ChartSpec& spec : specs) {
    auto chart = read_seating(spec.file, tracing.seating, options, diags);
    if (!chart) continue;
    for (const Seat& seat : chart->seats)
      if (!s.find(seat.occupant))
        diags.error({spec.file, seat.row, seat.column}, Msg::contacts_unknown_occupant, {seat.occupant, seat_name(seat), people});
    s.charts.push_back({spec.type, spec.group, std::move(*chart), std::move(spec.dates), std::move(spec.weekdays)});
  }
  if (diags.error_count() > errors_before) return std::nullopt;
  return s;
}

std::optional<SchoolData> school_from_charts(const rules::ContactTracing& tracing, const std::vector<std::string>& files,
                                             const std::string& group_type, const check::InputOptions& options,
                                             Diagnostics& diags) {
  SchoolData s;
  for (const std::string& path : files) {
    auto chart = read_seating(path, tracing.seating, options, diags);
    if (!chart) return std::nullopt;
    std::string group = fs::path(path).stem().string();
    for (const Seat& seat : chart->seats)
      if (!s.by_id.count(seat.occupant)) {
        s.by_id.emplace(seat.occupant, s.persons.size());
        s.by_name[seat.occupant].push_back(s.persons.size());
        s.persons.push_back({s.persons.size(), seat.occupant, seat.occupant, {}, {}, {}, {}});
      }
    s.charts.push_back({group_type, group, std::move(*chart), {}, {}});
  }
  return s;
}

}  // namespace fangyi::contacts

// Reads the whole roster into memory: rosters are class- or school-sized, and
// holding them lets every form be laid out before anything is written.
#include "pdf/roster.h"

#include <unordered_map>

#include "check/cells.h"
#include "check/dataset_match.h"
#include "core/text.h"

namespace fangyi::pdf {
namespace {

// Names, addresses and notes are well under this; a longer cell cannot be
// printed on a form and is almost always a paste gone wrong (docs/limits.md).
constexpr std::size_t kMaxRosterCellChars = 200;

}  // namespace

std::optional<Roster> read_roster(const rules::RuleSet& rules, const std::string& path,
                                  const check::InputOptions& options, Diagnostics& diags, bool keep_columns) {
  std::unique_ptr<check::TableReader> reader = check::open_table(path, options, diags);
  if (!reader) return std::nullopt;
  std::vector<std::string> headers;
  if (!reader->header(headers)) {
    if (reader->error()) diags.add(*reader->error());
    else diags.error({path}, Msg::forms_roster_empty, {path});
    return std::nullopt;
  }
  std::optional<check::DatasetMatch> match = check::match_dataset(rules, headers, path, diags);
  if (!match) return std::nullopt;

  Roster roster;
  roster.file = path;
  roster.dataset = match->dataset;
  roster.column_of_field = match->column_of_field;
  roster.headers = headers;
  const auto& fields = roster.dataset->fields;
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  bool bad = false;
  std::string scratch;
  // Converted dates by field and text: rosters repeat the same arrival dates,
  // and ROC dates are converted through an ICU calendar.
  std::unordered_map<std::string, Date> known_dates;
  while (reader->next(cells, line)) {
    RosterRow row;
    row.line = line;
    row.cells.resize(fields.size());
    row.dates.resize(fields.size());
    if (keep_columns) row.columns.assign(cells.begin(), cells.end());
    for (std::size_t slot = 0; slot < fields.size(); ++slot) {
      int column = roster.column_of_field[slot];
      if (column < 0 || std::size_t(column) >= cells.size()) continue;
      row.cells[slot] = trim(cells[std::size_t(column)]);
      if (std::size_t chars = code_point_count(row.cells[slot]); chars > kMaxRosterCellChars) {
        diags.error(roster.where(row, slot), Msg::limit_roster_cell_too_long,
                    {std::to_string(chars), std::to_string(kMaxRosterCellChars)});
        bad = true;
        row.cells[slot].clear();
        continue;
      }
      std::string date_key;
      if (fields[slot].type == rules::FieldType::date && !row.cells[slot].empty()) {
        date_key = std::to_string(slot) + ':' + row.cells[slot];
        if (auto hit = known_dates.find(date_key); hit != known_dates.end()) {
          row.dates[slot] = hit->second;
          continue;
        }
      }
      expr::Value value;
      if (auto err = check::convert_cell(fields[slot], row.cells[slot], scratch, value)) {
        diags.error(roster.where(row, slot), err->message, err->args);
        bad = true;
      } else if (value.kind == expr::ValueKind::date) {
        row.dates[slot] = Date::from_days(int32_t(value.i));
        if (!date_key.empty()) known_dates.emplace(std::move(date_key), *row.dates[slot]);
      }
    }
    for (const check::ReadIssue& issue : reader->issues()) {
      diags.error({path, int(issue.line), issue.column}, issue.message, issue.args);
      bad = true;
    }
    reader->issues().clear();
    roster.rows.push_back(std::move(row));
  }
  if (reader->error()) {
    diags.add(*reader->error());
    return std::nullopt;
  }
  if (bad) return std::nullopt;
  return roster;
}

std::string Roster::display(const RosterRow& row, std::size_t slot, DateStyle style) const {
  if (auto d = date(row, slot)) return format_date(*d, style);
  return row.cells[slot];
}

std::optional<Date> Roster::date(const RosterRow& row, std::size_t slot) const { return row.dates[slot]; }

SourceLocation Roster::where(const RosterRow& row, std::size_t slot) const {
  int column = column_of_field[slot];
  return {file, int(row.line), column >= 0 ? column + 1 : 0};
}

RosterRowView::RosterRowView(const Roster& roster, const RosterRow& row)
    : values_(row.cells.size()), scratch_(row.cells.size()) {
  // Cells were checked when the roster was read, so conversion succeeds;
  // dates were kept then, and parsing them again (ROC through ICU) is slow.
  for (std::size_t slot = 0; slot < row.cells.size(); ++slot) {
    if (row.dates[slot]) values_[slot] = expr::Value::date(*row.dates[slot]);
    else check::convert_cell(roster.dataset->fields[slot], row.cells[slot], scratch_[slot], values_[slot]);
  }
}

expr::Value RosterRowView::get(std::size_t slot) const {
  return slot < values_.size() ? values_[slot] : expr::Value::null();
}

}  // namespace fangyi::pdf

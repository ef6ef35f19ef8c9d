// Seating charts: the grid is small (a bus, a classroom), so it is read
// whole and neighbours are found by distance on compacted coordinates.
#include "contacts/seating.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "core/text.h"

namespace fangyi::contacts {
namespace {

// A canteen or a lecture hall has a few hundred rows at most; more is not a
// seating chart, and the grid is held whole.
constexpr std::size_t kMaxRows = 1000;

bool listed(const std::vector<std::string>& marks, const std::string& text) {
  return std::find(marks.begin(), marks.end(), text) != marks.end();
}

// Index of each row or column once aisle lines are taken out.
std::vector<int> compact(const std::vector<bool>& aisle, bool keep_aisles) {
  std::vector<int> at(aisle.size());
  int next = 0;
  for (std::size_t i = 0; i < aisle.size(); ++i) {
    at[i] = next;
    if (keep_aisles || !aisle[i]) ++next;
  }
  return at;
}

}  // namespace

const Seat* SeatingChart::seat_of(const std::string& who) const {
  for (const Seat& s : seats)
    if (s.occupant == who) return &s;
  return nullptr;
}

const Seat* SeatingChart::seat_at(int row, int column) const {
  for (const Seat& s : seats)
    if (s.row == row && s.column == column) return &s;
  return nullptr;
}

std::string seat_name(const Seat& s) { return "R" + std::to_string(s.row) + "C" + std::to_string(s.column); }

std::optional<std::pair<int, int>> parse_seat_name(const std::string& text) {
  if (text.size() < 4 || (text[0] != 'R' && text[0] != 'r')) return std::nullopt;
  std::size_t c = text.find_first_of("Cc", 1);
  if (c == std::string::npos || c == 1 || c + 1 == text.size() || c > 5 || text.size() - c > 5) return std::nullopt;
  auto number = [&](std::size_t from, std::size_t to) -> int {
    int n = 0;
    for (std::size_t i = from; i < to; ++i) {
      if (text[i] < '0' || text[i] > '9') return 0;
      n = n * 10 + (text[i] - '0');
    }
    return n;
  };
  int row = number(1, c), column = number(c + 1, text.size());
  if (row <= 0 || column <= 0) return std::nullopt;
  return std::pair{row, column};
}

std::optional<SeatingChart> read_seating(const std::string& path, const rules::SeatingRules& rules,
                                         const check::InputOptions& options, Diagnostics& diags) {
  std::unique_ptr<check::TableReader> reader = check::open_table(path, options, diags);
  if (!reader) return std::nullopt;
  SeatingChart chart;
  chart.file = path;
  std::vector<std::vector<std::string>> grid;
  std::vector<std::string> first;
  if (!reader->header(first)) {
    if (reader->error()) diags.add(*reader->error());
    else diags.error({path}, Msg::contacts_seating_empty, {path});
    return std::nullopt;
  }
  grid.push_back(first);
  std::vector<std::string_view> cells;
  uint64_t line = 0;
  while (reader->next(cells, line)) {
    grid.emplace_back(cells.begin(), cells.end());
    if (grid.size() > kMaxRows) {
      diags.error({path, int(line), 0}, Msg::contacts_seating_too_large, {std::to_string(kMaxRows)});
      return std::nullopt;
    }
  }
  if (reader->error()) {
    diags.add(*reader->error());
    return std::nullopt;
  }
  // A grid's rows may be of any length (a bus's last row is wider); every
  // other problem of the file stops the run.
  bool bad = false;
  for (const check::ReadIssue& issue : reader->issues()) {
    if (issue.message == Msg::csv_row_too_short || issue.message == Msg::csv_row_too_long) continue;
    diags.error({path, int(issue.line), issue.column}, issue.message, issue.args);
    bad = true;
  }
  if (bad) return std::nullopt;

  chart.rows = int(grid.size());
  for (const auto& row : grid) chart.columns = std::max(chart.columns, int(row.size()));
  chart.aisle_rows.assign(std::size_t(chart.rows), true);
  chart.aisle_columns.assign(std::size_t(chart.columns), true);
  std::map<std::string, const Seat*> seen;
  bool ok = true;
  for (int r = 0; r < chart.rows; ++r)
    for (int c = 0; c < chart.columns; ++c) {
      const auto& row = grid[std::size_t(r)];
      std::string text = std::size_t(c) < row.size() ? trim(row[std::size_t(c)]) : std::string();
      bool aisle = listed(rules.aisle, text);
      if (!aisle) chart.aisle_rows[std::size_t(r)] = chart.aisle_columns[std::size_t(c)] = false;
      if (aisle || text.empty() || listed(rules.empty, text)) continue;
      chart.seats.push_back({r + 1, c + 1, text});
    }
  for (const Seat& s : chart.seats) {
    auto [it, fresh] = seen.emplace(s.occupant, &s);
    if (!fresh) {
      diags.error({path, s.row, s.column}, Msg::contacts_seated_twice, {s.occupant, seat_name(*it->second), seat_name(s)});
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return chart;
}

std::vector<const Seat*> neighbours(const SeatingChart& chart, const Seat& seat, const rules::SeatingRules& rules) {
  std::vector<int> row_at = compact(chart.aisle_rows, rules.aisle_separates);
  std::vector<int> column_at = compact(chart.aisle_columns, rules.aisle_separates);
  auto row = [&](const Seat& s) { return row_at[std::size_t(s.row - 1)]; };
  auto column = [&](const Seat& s) { return column_at[std::size_t(s.column - 1)]; };
  std::vector<const Seat*> out;
  for (const Seat& other : chart.seats) {
    if (&other == &seat) continue;
    if (std::abs(row(other) - row(seat)) <= rules.reach && std::abs(column(other) - column(seat)) <= rules.reach)
      out.push_back(&other);
  }
  return out;
}

}  // namespace fangyi::contacts

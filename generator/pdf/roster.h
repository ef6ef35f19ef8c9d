// The roster that pre-fills forms: a CSV or XLSX export read with the same
// readers and dataset matching as `fangyi check`, every cell converted and
// checked up front so that a bad date stops the run (with its row and
// column) before any PDF is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check/inputs.h"
#include "core/date.h"
#include "core/diagnostic.h"
#include "expr/expr.h"
#include "rules/model.h"

namespace fangyi::pdf {

struct RosterRow {
  uint64_t line = 0;               // where the row starts in the file
  std::vector<std::string> cells;  // per dataset field, trimmed; "" when absent
  std::vector<std::optional<Date>> dates;  // per field: the date of a date field
  std::vector<std::string> columns;        // every cell as read, by column; only with keep_columns
};

struct Roster {
  std::string file;
  const rules::Dataset* dataset = nullptr;
  std::vector<int> column_of_field;  // per dataset field: 0-based column, -1 when absent
  std::vector<std::string> headers;  // every column's header as read
  std::vector<RosterRow> rows;

  // The text a form shows for field `slot` of `row`: dates in `style`, other
  // values as written.
  std::string display(const RosterRow& row, std::size_t slot, DateStyle style) const;
  // Field `slot` as a date, when it is a date field holding one.
  std::optional<Date> date(const RosterRow& row, std::size_t slot) const;
  // Where a cell is, for diagnostics.
  SourceLocation where(const RosterRow& row, std::size_t slot) const;
};

// `keep_columns` also keeps every cell untouched (RosterRow::columns), for
// writing the roster back (`fangyi classify`).
std::optional<Roster> read_roster(const rules::RuleSet& rules, const std::string& path,
                                  const check::InputOptions& options, Diagnostics& diags, bool keep_columns = false);

// A roster row as the expression evaluator sees it (for cohort predicates
// and day-0 expressions). Converted values view into the row and the view's
// own scratch, so the view must not outlive either.
class RosterRowView : public expr::Row {
 public:
  RosterRowView(const Roster& roster, const RosterRow& row);
  expr::Value get(std::size_t slot) const override;

 private:
  std::vector<expr::Value> values_;
  std::vector<std::string> scratch_;
};

}  // namespace fangyi::pdf

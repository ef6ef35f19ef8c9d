// Turning the text of a cell into a typed value for its dataset field: dates
// in any accepted spelling, enums checked against their values, yes/no,
// numbers, lists. A cell that does not convert is a finding, not a crash.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/messages.h"
#include "expr/expr.h"
#include "rules/model.h"

namespace fangyi::check {

struct CellError {
  Msg message{};
  std::vector<std::string> args;
};

// Remembers what the dates of a column parsed to: an export repeats the same
// few hundred dates row after row, and parse_date (full-width digits, ROC
// years, words) costs more than the rest of reading a cell. One per thread.
class DateMemo {
 public:
  // parse_date(text, formats), from memory when this text was seen.
  std::optional<Date> parse(std::string_view text, unsigned formats);

 private:
  struct Entry {
    char text[24];
    uint8_t size = 0xFF;  // none
    unsigned formats = 0;
    Date date;
  };
  Entry entries_[512];
};

// Converts `raw` (already trimmed) for field `f`. A string result may view
// `raw` or `scratch`; both must outlive the value's use. An empty cell is
// null.
std::optional<CellError> convert_cell(const rules::DatasetField& f, std::string_view raw, std::string& scratch,
                                      expr::Value& out);
// The same, with dates through `memo`.
std::optional<CellError> convert_cell(const rules::DatasetField& f, std::string_view raw, std::string& scratch,
                                      DateMemo& memo, expr::Value& out);

}  // namespace fangyi::check

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

// Converts `raw` (already trimmed) for field `f`. A string result may view
// `raw` or `scratch`; both must outlive the value's use. An empty cell is
// null.
std::optional<CellError> convert_cell(const rules::DatasetField& f, std::string_view raw, std::string& scratch,
                                      expr::Value& out);

}  // namespace fangyi::check

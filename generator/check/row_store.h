// Rows kept for case and organisation checks: each stored row owns the text
// of its cells and typed values viewing that text, at a stable address, so
// the evaluator can read them long after the file was read.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "expr/expr.h"

namespace fangyi::check {

class StoredRow : public expr::Row {
 public:
  expr::Value get(std::size_t slot) const override { return slot < values.size() ? values[slot] : expr::Value{}; }

  std::vector<std::string> text;     // per field: the cell text (lists joined by kListSeparator)
  std::vector<expr::Value> values;   // per field: typed; strings view `text`
  uint32_t file = 0;                 // index into the run's inputs
  uint64_t line = 0;
  std::string organisation;
  std::string key;
};

// The rows of one dataset, and indexes by case key and by organisation.
struct DatasetRows {
  std::deque<StoredRow> rows;  // deque: addresses stay put as it grows
  std::map<std::string, std::vector<const StoredRow*>, std::less<>> by_key;
  std::map<std::string, std::vector<const StoredRow*>, std::less<>> by_organisation;
};

}  // namespace fangyi::check

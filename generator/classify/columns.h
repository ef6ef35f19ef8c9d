// The columns classify appends. Their set depends only on the rules (every
// scheme version a cohort's branches can name), never on the people, so
// rosters of the same dataset always get the same columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/model.h"

namespace fangyi::classify {

struct AddedColumns {
  std::vector<std::string> phases;  // phase names, in first-seen order: 起/迄 each
  std::vector<std::string> tests;   // test window names, in first-seen order
  // All headers, in output order: 類別, 適用方案, 方案代碼, 第0天, phases,
  // tests, 解除日, 返校日, 方案轉換, 判定依據.
  std::vector<std::string> headers() const;
};

AddedColumns added_columns(const rules::RuleSet& rules, const rules::Cohort& cohort);

// Whether classify could have added a column with this header under these
// rules (for any cohort): such columns of an input that are not its
// dataset's own are replaced, so classifying twice gives the same result.
bool is_added_header(const rules::RuleSet& rules, std::string_view header);

}  // namespace fangyi::classify

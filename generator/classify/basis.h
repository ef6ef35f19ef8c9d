// 判定依據: the text that says why a person is in their cohort branch — the
// branch id and its `when` as written, with each field id replaced by the
// column header school staff see in their roster.
#pragma once

#include <string>
#include <string_view>

#include "rules/model.h"

namespace fangyi::classify {

// `has(entry_date) and entry_date < 2020-01-26` over student-arrivals reads
// `has(入境日期) and 入境日期 < 2020-01-26`; whitespace runs become one space.
std::string predicate_text(const rules::Dataset& dataset, std::string_view source);

}  // namespace fangyi::classify

// The words every report format shares, all from the message catalogue:
// severity names, the finding columns and their headers, and the names a
// report gives to schools and rules.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "check/finding.h"
#include "core/lang.h"
#include "core/messages.h"

namespace fangyi::check {

// The order reports list severities in: most severe first.
inline constexpr std::array<rules::CheckSeverity, 4> kSeveritiesMostSevereFirst = {
    rules::CheckSeverity::serious, rules::CheckSeverity::error, rules::CheckSeverity::warning,
    rules::CheckSeverity::info};

std::string severity_label(rules::CheckSeverity s, Lang lang);  // 嚴重, 錯誤, 警告, 提醒

// The columns a finding is written as in CSV, XLSX and HTML, in this order
// (the JSON Lines keys follow it too).
enum class Column { file, line, column, rule, severity, message, value, organisation, case_key };
inline constexpr std::array<Column, 9> kFindingColumns = {Column::file,     Column::line,    Column::column,
                                                           Column::rule,     Column::severity, Column::message,
                                                           Column::value,    Column::organisation, Column::case_key};

std::string column_header(Column c, Lang lang);
// The text of one column of `f`, as valid UTF-8 ("" for line 0: a finding
// about a whole file has no line).
std::string cell_text(const Finding& f, Column c, Lang lang);

// A school as reports name it: the organisation, or "（未註明學校）".
std::string organisation_label(std::string_view organisation, Lang lang);

// A rule's name from the rules that ran; "" for a rule the report does not
// describe.
std::string rule_name(const Report& report, std::string_view id);

}  // namespace fangyi::check

// Catalogue words for severities, columns, schools and rules in reports.
#include "check/report_labels.h"

#include "check/report_text.h"

namespace fangyi::check {

std::string severity_label(rules::CheckSeverity s, Lang lang) {
  switch (s) {
    case rules::CheckSeverity::serious: return format_message(Msg::report_severity_serious, lang);
    case rules::CheckSeverity::error: return format_message(Msg::report_severity_error, lang);
    case rules::CheckSeverity::warning: return format_message(Msg::report_severity_warning, lang);
    case rules::CheckSeverity::info: return format_message(Msg::report_severity_info, lang);
  }
  return format_message(Msg::report_severity_error, lang);
}

std::string column_header(Column c, Lang lang) {
  switch (c) {
    case Column::file: return format_message(Msg::report_col_file, lang);
    case Column::line: return format_message(Msg::report_col_line, lang);
    case Column::column: return format_message(Msg::report_col_column, lang);
    case Column::rule: return format_message(Msg::report_col_rule, lang);
    case Column::severity: return format_message(Msg::report_col_severity, lang);
    case Column::message: return format_message(Msg::report_col_message, lang);
    case Column::value: return format_message(Msg::report_col_value, lang);
    case Column::organisation: return format_message(Msg::report_col_organisation, lang);
    case Column::case_key: return format_message(Msg::report_col_case, lang);
  }
  return {};
}

std::string cell_text(const Finding& f, Column c, Lang lang) {
  switch (c) {
    case Column::file: return valid_utf8(f.file);
    case Column::line: return f.line == 0 ? std::string() : std::to_string(f.line);
    case Column::column: return valid_utf8(f.column);
    case Column::rule: return valid_utf8(f.rule);
    case Column::severity: return severity_label(f.severity, lang);
    case Column::message: return valid_utf8(f.message);
    case Column::value: return valid_utf8(f.value);
    case Column::organisation: return valid_utf8(f.organisation);
    case Column::case_key: return valid_utf8(f.case_key);
  }
  return {};
}

std::string organisation_label(std::string_view organisation, Lang lang) {
  return organisation.empty() ? format_message(Msg::report_no_organisation, lang) : valid_utf8(organisation);
}

std::string rule_name(const Report& report, std::string_view id) {
  auto it = report.rules.find(std::string(id));
  return it == report.rules.end() ? std::string() : valid_utf8(it->second.name);
}

}  // namespace fangyi::check

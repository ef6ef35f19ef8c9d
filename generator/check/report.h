// Writing a check Report in the format a reader works in: a grouped terminal
// report (coloured on a TTY), JSON Lines, CSV, XLSX, or one self-contained
// HTML file with charts. Files are written atomically; "-" is stdout (text
// formats only).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "check/finding.h"
#include "core/diagnostic.h"
#include "core/lang.h"

namespace fangyi::check {

enum class ReportFormat { terminal, jsonl, csv, xlsx, html };

struct ReportOptions {
  Lang lang = Lang::zh_TW;
  bool color = false;  // ANSI colours in the terminal format
  // Finding lines the terminal format shows per school and rule before
  // summing up the rest ("… 另有 K 筆"), so 10,000 findings stay readable;
  // 0 shows all. The file formats always list every finding.
  std::size_t terminal_limit = 20;
};

bool write_report(const Report& report, ReportFormat format, const ReportOptions& options, const std::string& out,
                  Diagnostics& diags);

// The text formats as strings (the XLSX format is binary and file-only).
std::string render_terminal(const Report& report, const ReportOptions& options);
std::string render_jsonl(const Report& report);
std::string render_csv(const Report& report, Lang lang);
// A cell as the CSV report writes it: formula-neutralised, quoted per RFC 4180
// when needed.
void append_csv_field(std::string& out, std::string_view text);
// Any table the same way: BOM, header row, CRLF line ends.
std::string render_csv_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows);
std::string render_html(const Report& report, Lang lang);

// A cell made safe for spreadsheets: text starting with = + - @ or a tab/CR
// would run as a formula when opened, so it gets a leading apostrophe. The
// full-width ＝ ＋ － ＠ count too (CJK input methods type them and some
// spreadsheet imports fold them to ASCII). Every report cell is text, so a
// negative number such as "-3" is neutralized as well, on purpose.
std::string neutralize_formula(std::string_view cell);

}  // namespace fangyi::check

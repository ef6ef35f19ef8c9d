// Formula-injection defence for spreadsheet cells (CSV and XLSX reports).
// A cell from an exported file such as =HYPERLINK("https://…","點我") must
// stay text when a supervisor opens the report in Excel or LibreOffice.
#include "check/report.h"

namespace fangyi::check {

std::string neutralize_formula(std::string_view cell) {
  // ASCII triggers (OWASP's list), then the full-width forms: Chinese input
  // methods type ＝ ＋ － ＠, and some spreadsheet imports fold them to
  // ASCII, so they are treated alike. A prefix is cheap; a missed formula
  // is not.
  static constexpr std::string_view kTriggers[] = {"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"};
  for (std::string_view t : kTriggers) {
    if (cell.starts_with(t)) return "'" + std::string(cell);
  }
  return std::string(cell);
}

}  // namespace fangyi::check

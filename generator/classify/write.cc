// Writing a classified roster: CSV for Excel or an XLSX workbook, through the
// check reports' table writers (check/report.h, check/report_xlsx.h), so the
// cells get the same formula neutralisation and the files the same atomic
// write as every other spreadsheet fangyi makes.
#include <algorithm>

#include "check/report.h"
#include "check/report_xlsx.h"
#include "classify/classify.h"
#include "core/file_io.h"
#include "core/messages.h"

namespace fangyi::classify {
namespace {

// An Excel sheet holds 1,048,576 rows, one of them the header. The table
// writer would stop there; a roster written back must not lose people.
constexpr std::size_t kMaxXlsxRows = 1048575;

bool is_xlsx(const std::string& path) {
  if (path.size() < 5) return false;
  std::string ext = path.substr(path.size() - 5);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return ext == ".xlsx";
}

}  // namespace

std::string classified_csv(const Classified& c) { return check::render_csv_table(c.headers, c.rows); }

bool write_classified(const Classified& c, const std::string& out, Diagnostics& diags) {
  if (out.empty() || out == "-") {
    std::string error;
    if (write_standard_output(classified_csv(c), &error)) return true;
    diags.error(SourceLocation{}, Msg::io_cannot_write_stdout, {error});
    return false;
  }
  if (c.file != "-" && same_file(c.file, out)) {
    diags.error(SourceLocation{out, 0, 0, 1}, Msg::io_would_overwrite_input, {out});
    return false;
  }
  if (is_xlsx(out)) {
    if (c.rows.size() > kMaxXlsxRows) {
      diags.error(SourceLocation{out, 0, 0, 1}, Msg::classify_xlsx_too_many_rows,
                  {std::to_string(c.rows.size()), std::to_string(kMaxXlsxRows)});
      return false;
    }
    return check::write_xlsx_table(out, format_message(Msg::classify_sheet, Lang::zh_TW), c.headers, c.rows, diags);
  }
  std::string error;
  if (write_file_atomic(out, classified_csv(c), &error)) return true;
  diags.error(SourceLocation{out, 0, 0, 1}, Msg::io_cannot_write, {out, error});
  return false;
}

}  // namespace fangyi::classify

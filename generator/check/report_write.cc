// Choosing the format and the destination of a report: "-" is standard
// output for the text formats; a file name is written atomically.
#include "check/report.h"
#include "check/report_xlsx.h"
#include "core/file_io.h"

namespace fangyi::check {

bool write_report(const Report& report, ReportFormat format, const ReportOptions& options, const std::string& out,
                  Diagnostics& diags) {
  std::string text;
  switch (format) {
    case ReportFormat::xlsx:
      if (out == "-") {
        diags.error(SourceLocation{}, Msg::report_xlsx_stdout);
        return false;
      }
      return write_xlsx(report, options.lang, out, diags);
    case ReportFormat::terminal: text = render_terminal(report, options); break;
    case ReportFormat::jsonl: text = render_jsonl(report); break;
    case ReportFormat::csv: text = render_csv(report, options.lang); break;
    case ReportFormat::html: text = render_html(report, options.lang); break;
  }
  std::string error;
  if (out == "-") {
    if (write_standard_output(text, &error)) return true;
    diags.error(SourceLocation{}, Msg::io_cannot_write_stdout, {error});
    return false;
  }
  if (write_file_atomic(out, text, &error)) return true;
  diags.error(SourceLocation{out, 0, 0, 1}, Msg::io_cannot_write, {out, error});
  return false;
}

}  // namespace fangyi::check

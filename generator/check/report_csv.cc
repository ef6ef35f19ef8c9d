// The CSV report for Excel: UTF-8 with a byte-order mark (without it Excel
// on Taiwanese Windows reads the file as Big5 and shows mojibake), headers in
// the reader's language, RFC 4180 quoting and CRLF line ends, and every cell
// protected against formula injection.
#include "check/report.h"
#include "check/report_labels.h"

namespace fangyi::check {

void append_csv_field(std::string& out, std::string_view text) {
  std::string cell = neutralize_formula(text);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string render_csv_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) out += ',';
      append_csv_field(out, cells[c]);
    }
    out += "\r\n";
  };
  line(headers);
  for (const auto& cells : rows) line(cells);
  return out;
}

namespace {

template <class CellOf>
void append_row(std::string& out, CellOf cell_of) {
  bool first = true;
  for (Column c : kFindingColumns) {
    if (!first) out += ',';
    first = false;
    append_csv_field(out, cell_of(c));
  }
  out += "\r\n";
}

}  // namespace

std::string render_csv(const Report& report, Lang lang) {
  std::string out = "\xEF\xBB\xBF";
  append_row(out, [&](Column c) { return column_header(c, lang); });
  for (const Finding& f : report.findings) append_row(out, [&](Column c) { return cell_text(f, c, lang); });
  return out;
}

}  // namespace fangyi::check

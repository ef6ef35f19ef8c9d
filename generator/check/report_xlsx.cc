// The XLSX report. Every cell of data is written with worksheet_write_string,
// which stores text and never a formula, and is still passed through
// neutralize_formula: defence in depth, and the same cell text as the CSV
// report, so a value copied out of Excel into another tool stays inert too.
// Only numbers we count ourselves (line numbers, totals) are numeric cells.
//
// libxlsxwriter can only write to a path. It writes a ScratchFile (unnamed
// where possible, so a killed run leaves nothing), which is then read back and handed to
// write_file_atomic, so the report gets the same guarantees as every other
// output (rename into place, kept permissions, symlinks, /dev/stdout-like
// devices refused or streamed) from one implementation.
#include "check/report_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <vector>

#include "check/report.h"
#include "check/report_labels.h"
#include "check/report_tally.h"
#include "check/report_text.h"
#include "core/file_io.h"
#include "core/text.h"

namespace fangyi::check {
namespace {

// Excel's limits: 1,048,576 rows per sheet (one is the header) and 32,767
// characters per cell; longer text is cut with room for the ellipsis.
constexpr std::size_t kMaxDataRows = LXW_ROW_MAX - 1;
constexpr std::size_t kMaxCellBytes = 32000;
// Column widths in characters, measured from the content within these bounds.
constexpr int kMinWidth = 6, kMaxWidth = 60;

struct Formats {
  lxw_format* header;
  lxw_format* total;
  lxw_format* severity[4];  // indexed by CheckSeverity
};

lxw_format* add_format(lxw_workbook* wb, bool bold, lxw_color_t font, lxw_color_t fill) {
  lxw_format* f = workbook_add_format(wb);
  if (bold) format_set_bold(f);
  if (font != LXW_COLOR_BLACK) format_set_font_color(f, font);
  if (fill != LXW_COLOR_WHITE) format_set_bg_color(f, fill);
  return f;
}

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.header = add_format(wb, true, LXW_COLOR_BLACK, 0xD9E1F2);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.total = add_format(wb, true, LXW_COLOR_BLACK, LXW_COLOR_WHITE);
  format_set_top(f.total, LXW_BORDER_THIN);
  // Excel's own "bad" and "neutral" cell styles for error and warning, a
  // solid red for serious: colours supervisors already read the same way.
  f.severity[static_cast<int>(rules::CheckSeverity::serious)] = add_format(wb, true, LXW_COLOR_WHITE, 0xC00000);
  f.severity[static_cast<int>(rules::CheckSeverity::error)] = add_format(wb, false, 0x9C0006, 0xFFC7CE);
  f.severity[static_cast<int>(rules::CheckSeverity::warning)] = add_format(wb, false, 0x9C5700, 0xFFEB9C);
  f.severity[static_cast<int>(rules::CheckSeverity::info)] = add_format(wb, false, 0x595959, 0xEDEDED);
  return f;
}

// One sheet being filled: remembers the first libxlsxwriter error and the
// widest text of each column. A sheet that could not be added records the
// error and ignores its cells.
class Sheet {
 public:
  Sheet(lxw_workbook* wb, const std::string& name, lxw_error& error)
      : ws_(workbook_add_worksheet(wb, name.c_str())), error_(error) {
    if (ws_ == nullptr && error_ == LXW_NO_ERROR) error_ = LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE;
  }

  void text(lxw_row_t row, lxw_col_t col, std::string_view s, lxw_format* format = nullptr) {
    if (ws_ == nullptr) return;
    std::string cell = neutralize_formula(s);
    if (cell.size() > kMaxCellBytes) {
      std::size_t cut = kMaxCellBytes;
      while (cut > 0 && (static_cast<unsigned char>(cell[cut]) & 0xC0) == 0x80) --cut;
      cell = cell.substr(0, cut) + "…";
    }
    measure(col, display_width(cell));
    check(worksheet_write_string(ws_, row, col, cell.c_str(), format));
  }
  void number(lxw_row_t row, lxw_col_t col, std::size_t n, lxw_format* format = nullptr) {
    if (ws_ == nullptr) return;
    measure(col, static_cast<int>(std::to_string(n).size()));
    check(worksheet_write_number(ws_, row, col, static_cast<double>(n), format));
  }
  void header(const std::vector<std::string>& names, const Formats& f) {
    for (std::size_t c = 0; c < names.size(); ++c) text(0, static_cast<lxw_col_t>(c), names[c], f.header);
  }
  // Frozen header, autofilter over the data rows, widths from the content;
  // printed landscape, one page wide, the header on every page.
  void finish(lxw_row_t last_data_row) {
    if (ws_ == nullptr) return;
    worksheet_freeze_panes(ws_, 1, 0);
    worksheet_set_landscape(ws_);
    worksheet_fit_to_pages(ws_, 1, 0);
    check(worksheet_repeat_rows(ws_, 0, 0));
    if (!widths_.empty()) {
      check(worksheet_autofilter(ws_, 0, 0, last_data_row, static_cast<lxw_col_t>(widths_.size() - 1)));
    }
    for (std::size_t c = 0; c < widths_.size(); ++c) {
      double width = std::clamp(widths_[c], kMinWidth, kMaxWidth) + 2;
      check(worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr));
    }
  }

 private:
  void measure(lxw_col_t col, int width) {
    if (widths_.size() <= col) widths_.resize(col + 1, 0);
    widths_[col] = std::max(widths_[col], width);
  }
  void check(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }
  lxw_worksheet* ws_;
  lxw_error& error_;
  std::vector<int> widths_;
};

std::vector<std::string> headers(std::initializer_list<Msg> ids, Lang lang) {
  std::vector<std::string> out;
  for (Msg id : ids) out.push_back(format_message(id, lang));
  return out;
}

std::size_t write_findings(Sheet& s, const Report& report, const Formats& f, Lang lang) {
  std::vector<std::string> names;
  for (Column c : kFindingColumns) names.push_back(column_header(c, lang));
  s.header(names, f);
  std::size_t rows = std::min(report.findings.size(), kMaxDataRows);
  for (std::size_t i = 0; i < rows; ++i) {
    const Finding& finding = report.findings[i];
    auto row = static_cast<lxw_row_t>(i + 1);
    for (std::size_t c = 0; c < kFindingColumns.size(); ++c) {
      auto col = static_cast<lxw_col_t>(c);
      switch (kFindingColumns[c]) {
        case Column::line:
          if (finding.line != 0) s.number(row, col, finding.line);
          break;
        case Column::severity:
          s.text(row, col, severity_label(finding.severity, lang), f.severity[static_cast<int>(finding.severity)]);
          break;
        default: s.text(row, col, cell_text(finding, kFindingColumns[c], lang));
      }
    }
  }
  s.finish(static_cast<lxw_row_t>(rows));
  return rows;
}

void write_rules(Sheet& s, const Tally& t, const Formats& f, Lang lang) {
  s.header(headers({Msg::report_col_rule, Msg::report_col_rule_name, Msg::report_col_severity,
                    Msg::report_col_citation, Msg::report_col_count},
                   lang),
           f);
  lxw_row_t row = 0;
  for (const RuleCount& r : t.rules) {
    ++row;
    s.text(row, 0, r.id);
    s.text(row, 1, r.name);
    s.text(row, 2, severity_label(r.severity, lang), f.severity[static_cast<int>(r.severity)]);
    s.text(row, 3, r.citation);
    s.number(row, 4, r.findings);
  }
  s.finish(row);
}

void write_organisations(Sheet& s, const Tally& t, const Formats& f, Lang lang) {
  std::vector<std::string> names = {format_message(Msg::report_col_organisation, lang)};
  for (rules::CheckSeverity sev : kSeveritiesMostSevereFirst) names.push_back(severity_label(sev, lang));
  names.push_back(format_message(Msg::report_col_total, lang));
  s.header(names, f);
  lxw_row_t row = 0;
  for (const OrganisationCount& o : t.organisations) {
    ++row;
    s.text(row, 0, organisation_label(o.organisation, lang));
    lxw_col_t col = 1;
    for (rules::CheckSeverity sev : kSeveritiesMostSevereFirst) s.number(row, col++, at(o.by_severity, sev));
    s.number(row, col, o.findings);
  }
  // The totals are values we computed, not a SUM formula: the workbook holds
  // no formula at all, so nothing in it ever recalculates or runs.
  lxw_row_t total = row + 1;
  s.text(total, 0, format_message(Msg::report_col_total, lang), f.total);
  lxw_col_t col = 1;
  std::size_t all = 0;
  for (rules::CheckSeverity sev : kSeveritiesMostSevereFirst) {
    s.number(total, col++, at(t.by_severity, sev), f.total);
    all += at(t.by_severity, sev);
  }
  s.number(total, col, all, f.total);
  s.finish(row);
}

void write_inputs(Sheet& s, const Report& report, const Formats& f, Lang lang) {
  s.header(headers({Msg::report_col_file, Msg::report_col_dataset, Msg::report_col_encoding, Msg::report_col_rows},
                   lang),
           f);
  lxw_row_t row = 0;
  for (const InputSummary& in : report.inputs) {
    ++row;
    s.text(row, 0, valid_utf8(in.file));
    s.text(row, 1, in.dataset.empty() ? format_message(Msg::report_no_dataset, lang) : valid_utf8(in.dataset));
    s.text(row, 2, valid_utf8(in.encoding));
    s.number(row, 3, in.rows);
  }
  s.finish(row);
}

// Creates a workbook in a temporary file beside `path`, lets `fill` add its
// sheets (recording the first libxlsxwriter error in the `error` it is
// given), closes it and moves it into place atomically.
template <class Fill>
bool write_workbook(const std::string& path, const std::string& title, const std::string& author, Diagnostics& diags,
                    Fill fill) {
  auto fail = [&](const std::string& reason) {
    diags.error(SourceLocation{path, 0, 0, 1}, Msg::report_xlsx_failed, {path, reason});
    return false;
  };
  ScratchFile temp(path);
  if (!temp.ok()) return fail(std::error_code(temp.error(), std::generic_category()).message());

  lxw_workbook* wb = workbook_new(temp.name().c_str());
  if (wb == nullptr) return fail(lxw_strerror(LXW_ERROR_CREATING_XLSX_FILE));
  std::string title_text = title, author_text = valid_utf8(author);
  lxw_doc_properties properties{};
  properties.title = title_text.data();
  properties.author = author_text.data();
  lxw_error error = workbook_set_properties(wb, &properties);
  fill(wb, make_formats(wb), error);

  // workbook_close writes the file and frees the workbook, so it runs even
  // after an error.
  lxw_error closed = workbook_close(wb);
  if (error == LXW_NO_ERROR) error = closed;
  if (error != LXW_NO_ERROR) return fail(lxw_strerror(error));

  std::string reason;
  auto bytes = read_file(temp.name(), &reason);
  if (!bytes) return fail(reason);
  if (!write_file_atomic(path, *bytes, &reason)) {
    diags.error(SourceLocation{path, 0, 0, 1}, Msg::io_cannot_write, {path, reason});
    return false;
  }
  return true;
}

}  // namespace

bool write_xlsx(const Report& report, Lang lang, const std::string& path, Diagnostics& diags) {
  std::size_t written = 0;
  bool ok = write_workbook(path, format_message(Msg::report_title, lang), report.generated_by, diags,
                           [&](lxw_workbook* wb, const Formats& formats, lxw_error& error) {
                             Tally t = tally(report);
                             Sheet findings(wb, format_message(Msg::report_sheet_findings, lang), error);
                             Sheet rules(wb, format_message(Msg::report_sheet_rules, lang), error);
                             Sheet organisations(wb, format_message(Msg::report_sheet_organisations, lang), error);
                             Sheet inputs(wb, format_message(Msg::report_sheet_inputs, lang), error);
                             written = write_findings(findings, report, formats, lang);
                             write_rules(rules, t, formats, lang);
                             write_organisations(organisations, t, formats, lang);
                             write_inputs(inputs, report, formats, lang);
                           });
  if (!ok) return false;
  if (written < report.findings.size()) {
    diags.warning(SourceLocation{path, 0, 0, 1}, Msg::report_xlsx_truncated, {std::to_string(written)});
  }
  return true;
}

bool write_xlsx_table(const std::string& path, const std::string& sheet, const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows, Diagnostics& diags) {
  return write_workbook(path, sheet, "fangyi " FANGYI_VERSION, diags,
                        [&](lxw_workbook* wb, const Formats& formats, lxw_error& error) {
                          Sheet s(wb, sheet, error);
                          s.header(headers, formats);
                          lxw_row_t row = 0;
                          for (const auto& cells : rows) {
                            if (++row > kMaxDataRows) break;
                            for (std::size_t c = 0; c < cells.size(); ++c) s.text(row, lxw_col_t(c), cells[c]);
                          }
                          s.finish(row);
                        });
}

}  // namespace fangyi::check

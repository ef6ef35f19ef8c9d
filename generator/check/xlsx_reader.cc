// open_xlsx: the archive, its workbook, the chosen sheet's styles and shared
// strings, then a streaming reader over the sheet.
#include "check/xlsx_reader.h"

#include "check/xlsx_sheet.h"
#include "check/xlsx_workbook.h"

namespace fangyi::check {

namespace {

std::unique_ptr<TableReader> open(const std::string& path, const std::string& wanted, const XlsxLimits& limits,
                                  std::optional<Diagnostic>& error) {
  std::unique_ptr<ZipArchive> zip = ZipArchive::open(path, limits, error);
  if (!zip) return nullptr;
  std::optional<XlsxWorkbook> workbook = read_workbook(*zip, error);
  if (!workbook) return nullptr;
  const XlsxSheet* sheet = select_sheet(*workbook, wanted, path, error);
  if (sheet == nullptr) return nullptr;
  if (sheet->part.empty() || !zip->has(sheet->part)) {
    error = xlsx_error(path, Msg::xlsx_sheet_missing, {path, sheet->name, sheet->part.empty() ? "r:id" : sheet->part});
    return nullptr;
  }
  std::vector<XlsxNumberFormat> formats;
  if (!workbook->styles.empty()) {
    auto read = read_cell_formats(*zip, workbook->styles, error);
    if (!read) return nullptr;
    formats = std::move(*read);
  }
  XlsxSharedStrings strings;
  if (!workbook->shared_strings.empty() && !strings.load(*zip, workbook->shared_strings, error)) return nullptr;
  std::unique_ptr<ZipEntryStream> in = zip->stream(sheet->part, error);
  if (!in) return nullptr;
  return std::make_unique<XlsxSheetReader>(std::move(zip), std::move(in), sheet->name, std::move(strings),
                                           std::move(formats), workbook->date1904);
}

}  // namespace

std::unique_ptr<TableReader> open_xlsx(const std::string& path, const std::string& sheet, Diagnostics& diags,
                                       const XlsxLimits& limits) {
  std::optional<Diagnostic> error;
  std::unique_ptr<TableReader> reader = open(path, sheet, limits, error);
  if (!reader) diags.add(std::move(*error));
  return reader;
}

}  // namespace fangyi::check

// The workbook of an XLSX package: where it is (package relationships, else
// [Content_Types].xml, else xl/workbook.xml), its sheets in order with the
// entries that hold them, its date system, and where its shared strings and
// styles are. Interface: read_workbook, select_sheet, resolve_part.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/xlsx_zip.h"
#include "core/diagnostic.h"

namespace fangyi::check {

struct XlsxSheet {
  std::string name;
  std::string part;        // the entry holding it; empty when no relationship names one
  bool visible = true;     // false for hidden and very hidden sheets
  bool worksheet = true;   // false for chart, dialog and macro sheets
};

struct XlsxWorkbook {
  std::vector<XlsxSheet> sheets;  // in workbook (tab) order
  bool date1904 = false;
  std::string shared_strings;     // entry names; empty when the workbook has none
  std::string styles;
};

// Null with `error` set when the archive holds no workbook (with a special
// message for OpenDocument spreadsheets) or its parts are malformed.
std::optional<XlsxWorkbook> read_workbook(ZipArchive& zip, std::optional<Diagnostic>& error);

// The sheet `wanted` names (see xlsx_reader.h); null with `error` set when
// there is no such worksheet.
const XlsxSheet* select_sheet(const XlsxWorkbook& workbook, const std::string& wanted, const std::string& path,
                              std::optional<Diagnostic>& error);

// The entry a relationship target names, relative to the folder `base` of
// its source ("xl/") or absolute ("/xl/…"); "" when "../" would climb out of
// the archive.
std::string resolve_part(std::string_view base, std::string_view target);

}  // namespace fangyi::check

// Reading one worksheet of an XLSX workbook as a table. Interface: open_xlsx.
//
// The worksheet XML is streamed (read from the zip entry in chunks and
// scanned with a small pull parser), so memory does not grow with the number
// of rows; the small parts (package and workbook relationships, workbook,
// styles) are read whole with pugixml, and the shared strings are streamed
// into one arena. Cells become text the way the checks want it:
//   - strings (shared, inline, rich text runs without phonetic runs; the
//     _xHHHH_ escapes of OOXML decoded; whitespace kept as written);
//   - numbers: integers without ".0", others in the shortest form that reads
//     back as the same double ("0.1", "1e+20");
//   - numbers whose style is a date/time format (built-in 14-22, 45-47, the
//     zh-TW locale built-ins 27-36 and 50-58, or a custom format with
//     y/m/d/e/g/h/s outside quotes and brackets): a date "2021-08-27", a
//     date-time "2021-08-27 14:00" ("…14:00:30" when there are seconds), a time
//     "14:00" / "14:00:30", an elapsed time ([h]:mm) "36:00"; the 1900 system
//     with Excel's fictitious 1900-02-29 (serial 60), or the 1904 system when
//     workbook.xml says so; an all-zero custom format ("0000000000", used for
//     phone numbers) pads the integer with leading zeros;
//   - booleans "true" / "false"; ISO dates (t="d") as above;
//   - formulas: their cached value; none saved → empty and an issue;
//   - error values (#N/A, #DIV/0!, …) → empty and an issue.
// Cells are placed by their reference (r="C5"); gaps are empty cells; a cell
// or row without a reference follows the previous one. Rows without any
// non-empty cell are skipped; the header is the first non-empty row; a data
// row has at least as many cells as the header. `line` is the sheet row.
//
// Selecting the sheet: empty → the first visible worksheet; otherwise a sheet
// name (exact, then ignoring case and surrounding spaces), else a 1-based
// number in workbook order (hidden sheets count). An unknown sheet is an
// error listing the workbook's sheets.
//
// Hostile input. The file may come from any system, so:
//   - every zip entry read is capped (XlsxLimits): uncompressed bytes per
//     entry and in all (1 GiB each), bytes of a part read whole (64 MiB), and
//     the compression ratio (200:1) of entries past 8 MiB — checked against
//     the sizes the archive declares before reading and against the bytes
//     actually inflated while reading, so a lying header does not help;
//   - entry names are only ever looked up, never used as file paths, and
//     relationship targets are resolved inside the archive ("../" cannot
//     climb out of it); nothing is written anywhere;
//   - XML: no entity is ever expanded (the streamed parts refuse DOCTYPE,
//     pugixml skips it); tags and text runs of streamed parts are capped at
//     16 MiB, nesting at 256 levels; malformed XML is an error naming the
//     entry and the byte where it went wrong, never a crash.
// open_xlsx reports what stops it from opening (not a zip, an .xls or .ods
// file, no workbook, unknown sheet, …) in `diags` and returns null; problems
// while streaming rows set error() of the reader; cell-level problems are
// issues().
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "check/table.h"
#include "core/diagnostic.h"

namespace fangyi::check {

struct XlsxLimits {
  uint64_t max_entry_bytes = uint64_t{1} << 30;  // uncompressed bytes read from one entry
  uint64_t max_total_bytes = uint64_t{1} << 30;  // uncompressed bytes read from the whole file
  uint64_t max_part_bytes = uint64_t{64} << 20;  // workbook, relationships, styles: read whole
  uint64_t max_ratio = 200;                      // uncompressed : compressed, above which …
  uint64_t ratio_min_bytes = uint64_t{8} << 20;  // … an entry this large is taken for a zip bomb
};

std::unique_ptr<TableReader> open_xlsx(const std::string& path, const std::string& sheet, Diagnostics& diags,
                                       const XlsxLimits& limits = {});

}  // namespace fangyi::check

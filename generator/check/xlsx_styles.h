// Which cells hold dates: the number format of each cell style (cellXfs in
// styles.xml), classified as a date, date-time, time, elapsed time, zero-
// padded integer or plain number. Interface: XlsxNumberFormat,
// classify_number_format, builtin_number_format, read_cell_formats.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/xlsx_zip.h"
#include "core/diagnostic.h"

namespace fangyi::check {

enum class XlsxNumberKind : uint8_t { number, date, datetime, time, elapsed, zero_padded };

struct XlsxNumberFormat {
  XlsxNumberKind kind = XlsxNumberKind::number;
  uint8_t digits = 0;  // zero_padded: the width
  friend bool operator==(const XlsxNumberFormat&, const XlsxNumberFormat&) = default;
};

// A format code ("yyyy/m/d", "[h]:mm", "0000000000"), by its first section:
// y, d, e (era year) or g (era) make it a date; h or s a time; m is minutes
// next to h or s and a month otherwise; [h]/[m]/[s] an elapsed time. Quoted
// text, escaped characters, other [...] sections, "General", AM/PM and the
// exponent of 0.00E+00 do not count.
XlsxNumberFormat classify_number_format(std::string_view code);

// The built-in formats a workbook may use by id alone: 14-22 and 45-47, and
// the zh-TW locale's 27-36 and 50-58 (ROC and 年月日 dates, 時分 times).
XlsxNumberFormat builtin_number_format(int id);

// The number format of every cell style, by the cell's s="N". Null with
// `error` set when the part is malformed.
std::optional<std::vector<XlsxNumberFormat>> read_cell_formats(ZipArchive& zip, const std::string& part,
                                                               std::optional<Diagnostic>& error);

}  // namespace fangyi::check

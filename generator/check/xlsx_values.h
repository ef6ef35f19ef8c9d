// Turning the raw values stored in cells into the text the checks read:
// numbers, Excel date serials, ISO dates, and OOXML strings. Interface: the
// functions below; each appends to `out`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "check/xlsx_styles.h"

namespace fangyi::check {

// A number as stored in <v> ("44435", "0.1", "1.5E-3"); nullopt when it is
// not a finite number.
std::optional<double> parse_xlsx_number(std::string_view text);

// Integers without ".0", others in the shortest form that reads back exactly.
void append_number(double value, std::string& out);

// `value` shown as `format` says: a date, date-time, time or elapsed time
// from an Excel serial in the 1900 (with its fictitious 1900-02-29) or 1904
// date system, a zero-padded integer, or a plain number. False, with nothing
// appended, when a serial is outside 1900-01-01 (1904-01-01) .. 9999-12-31
// or negative.
bool append_formatted(double value, XlsxNumberFormat format, bool date1904, std::string& out);

// An ISO 8601 date or date-time (cells of type "d"); a date-time at midnight
// shows as a date unless the format asks for a time. False when not ISO.
bool append_iso_date(std::string_view iso, XlsxNumberFormat format, std::string& out);

// Text with the _xHHHH_ escapes of OOXML decoded (_x000D_ is a carriage
// return, _x005F_ an underscore) and invalid UTF-8 replaced by U+FFFD.
void append_ooxml_text(std::string_view text, std::string& out);

}  // namespace fangyi::check

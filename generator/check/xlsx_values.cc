// Numbers, serial dates and strings of cells as text.
#include "check/xlsx_values.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "core/date.h"
#include "core/text.h"

namespace fangyi::check {

namespace {

constexpr int64_t kSecondsPerDay = 86400;
constexpr double kLastSerial1900 = 2958465;  // 9999-12-31
constexpr double kSerials1904 = 1462;        // 1904-01-01 is serial 1462 of the 1900 system
constexpr int32_t kDays1900To1970 = 25569;   // serial of 1970-01-01 in the 1900 system
constexpr int32_t kDays1904To1970 = 24107;   // serial of 1970-01-01 in the 1904 system

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The UTF-16 code unit of an _xHHHH_ escape at text[i], or -1.
int escape_at(std::string_view text, std::size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') return -1;
  int unit = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    int d = hex_digit(text[k]);
    if (d < 0) return -1;
    unit = unit * 16 + d;
  }
  return unit;
}

}  // namespace

std::optional<double> parse_xlsx_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t')) text.remove_suffix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

void append_number(double value, std::string& out) {
  if (value == 0) {
    out += '0';  // also -0
  } else if (std::trunc(value) == value && std::fabs(value) < 9007199254740992.0) {
    out += std::to_string(static_cast<int64_t>(value));
  } else {
    char buf[32];
    auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
  }
}

bool append_formatted(double value, XlsxNumberFormat format, bool date1904, std::string& out) {
  switch (format.kind) {
    case XlsxNumberKind::number:
      append_number(value, out);
      return true;
    case XlsxNumberKind::zero_padded:
      if (std::trunc(value) != value || std::fabs(value) >= 1e15) {
        append_number(value, out);
      } else {
        int64_t n = static_cast<int64_t>(value);
        out += fmt::format("{}{:0{}}", n < 0 ? "-" : "", n < 0 ? -n : n, format.digits);
      }
      return true;
    default:
      break;
  }
  double last = date1904 ? kLastSerial1900 - kSerials1904 : kLastSerial1900;
  if (value < 0 || value >= last + 1) return false;
  int64_t total = std::llround(value * kSecondsPerDay);
  int64_t serial = total / kSecondsPerDay;
  TimeOfDay time{static_cast<int32_t>(total % kSecondsPerDay)};
  if (format.kind == XlsxNumberKind::elapsed) {
    int64_t h = total / 3600, m = total / 60 % 60, s = total % 60;
    out += s != 0 ? fmt::format("{}:{:02}:{:02}", h, m, s) : fmt::format("{}:{:02}", h, m);
    return true;
  }
  if (format.kind == XlsxNumberKind::time) {
    out += format_time(time);
    return true;
  }
  if (serial > static_cast<int64_t>(last) || (!date1904 && serial == 0)) return false;
  std::string date;
  if (date1904) {
    date = format_date(Date::from_days(static_cast<int32_t>(serial) - kDays1904To1970));
  } else if (serial == 60) {
    date = "1900-02-29";  // Excel's fictitious leap day
  } else {
    // Serials before the fictitious day count one day too few.
    date = format_date(Date::from_days(static_cast<int32_t>(serial) - kDays1900To1970 + (serial < 60 ? 1 : 0)));
  }
  out += date;
  if (format.kind == XlsxNumberKind::datetime) out += " " + format_time(time);
  return true;
}

bool append_iso_date(std::string_view iso, XlsxNumberFormat format, std::string& out) {
  std::optional<Date> date = parse_date(iso.substr(0, 10), kDateIso);
  std::string_view rest = date ? iso.substr(10) : iso;
  if (date && !rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return false;
    rest.remove_prefix(1);
  }
  std::optional<TimeOfDay> time;
  if (!rest.empty() && !(time = parse_time(rest.substr(0, 8)))) return false;  // ignores fractions and zones
  if (!date && !time) return false;
  bool show_date = date && format.kind != XlsxNumberKind::time;
  bool show_time = time && (format.kind == XlsxNumberKind::time || format.kind == XlsxNumberKind::datetime ||
                            (format.kind != XlsxNumberKind::date && time->seconds != 0) || !date);
  if (show_date) out += format_date(*date);
  if (show_date && show_time) out += ' ';
  if (show_time) out += format_time(*time);
  return true;
}

void append_ooxml_text(std::string_view text, std::string& out) {
  bool valid = is_valid_utf8(text);
  if (valid && text.find("_x") == std::string_view::npos) {
    out.append(text);
    return;
  }
  for (std::size_t i = 0; i < text.size();) {
    int unit = escape_at(text, i);
    if (unit < 0) {
      if (valid) out += text[i++];
      else append_utf8(out, next_code_point(text, i));
      continue;
    }
    i += 7;
    char32_t cp = static_cast<char32_t>(unit);
    int low = unit >= 0xD800 && unit <= 0xDBFF ? escape_at(text, i) : -1;
    if (low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + static_cast<char32_t>(low - 0xDC00);
      i += 7;
    } else if ((unit >= 0xD800 && unit <= 0xDFFF) || unit == 0) {
      cp = 0xFFFD;
    }
    append_utf8(out, cp);
  }
}

}  // namespace fangyi::check

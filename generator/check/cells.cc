// Cell conversion by field type.
#include "check/cells.h"

#include <charconv>
#include <cstring>
#include <iterator>

#include "core/text.h"
#include "expr/opcodes.h"

namespace fangyi::check {
namespace {

CellError bad(Msg m, const rules::DatasetField& f, std::string_view raw, std::string extra = {}) {
  CellError e{m, {f.header, std::string(raw)}};
  if (!extra.empty()) e.args.push_back(std::move(extra));
  return e;
}

std::string_view strip_unit(std::string_view s) {
  for (std::string_view unit : {"°C", "℃", "度", "C"}) {
    if (s.size() > unit.size() && s.substr(s.size() - unit.size()) == unit) {
      s.remove_suffix(unit.size());
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      break;
    }
  }
  return s;
}

// Printable ASCII but for at most one space (at `*space`, else npos): text
// that ascii_digits and trim leave as it is.
bool plain_ascii(std::string_view s, std::size_t* space) {
  *space = std::string_view::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' && *space == std::string_view::npos && i > 0 && i + 1 < s.size()) *space = i;
    else if (c <= ' ' || c >= 0x7F) return false;
  }
  return true;
}

int digit(char c) { return c >= '0' && c <= '9' ? c - '0' : -1; }

// H:MM, HH:MM, H:MM:SS or HH:MM:SS in ASCII digits: what parse_time reads
// from such text, without its copies. False for any other shape.
bool ascii_time(std::string_view s, std::optional<TimeOfDay>& out) {
  std::size_t h_digits = s.size() >= 2 && s[1] == ':' ? 1 : 2;
  if (s.size() != h_digits + 3 && s.size() != h_digits + 6) return false;
  int v[3] = {0, 0, 0};
  std::size_t at = 0;
  for (int part = 0; at < s.size(); ++part) {
    std::size_t n = part == 0 ? h_digits : 2;
    for (std::size_t k = 0; k < n; ++k) {
      int d = digit(s[at++]);
      if (d < 0) return false;
      v[part] = v[part] * 10 + d;
    }
    if (at < s.size() && s[at++] != ':') return false;
  }
  out = TimeOfDay::from_hms(v[0], v[1], v[2]);
  return true;
}

// A Gregorian or ISO date in exactly the form parse_numeric reads for a
// four-digit year (2021/8/7, 2021/08/07, 2021-08-07) and nothing around it:
// what parse_date gives, without its copies. False for anything else,
// including a date that does not exist: the full parse then decides.
bool fixed_date(std::string_view s, unsigned formats, Date& out) {
  // yyyy/mm/dd or yyyy-mm-dd, the spelling of nearly every export, first.
  const bool sep_ok = s.size() == 10 && s[4] == s[7] &&
                      (s[4] == '/' ? (formats & kDateGregorian) != 0 : s[4] == '-' && (formats & kDateIso) != 0);
  if (sep_ok) {
    unsigned d[8];
    const std::size_t at[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int k = 0; k < 8; ++k) {
      d[k] = static_cast<unsigned>(s[at[k]]) - '0';
      if (d[k] > 9) return false;
    }
    auto date = Date::from_ymd(static_cast<int>(d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]),
                               static_cast<int>(d[4] * 10 + d[5]), static_cast<int>(d[6] * 10 + d[7]));
    if (!date) return false;
    out = *date;
    return true;
  }
  if (s.size() < 8 || s.size() > 10) return false;
  int y = 0;
  for (int k = 0; k < 4; ++k) {
    int d = digit(s[static_cast<std::size_t>(k)]);
    if (d < 0) return false;
    y = y * 10 + d;
  }
  const char sep = s[4];
  const bool iso = sep == '-' && (formats & kDateIso), gregorian = sep == '/' && (formats & kDateGregorian);
  if (!iso && !gregorian) return false;
  std::size_t at = 5;
  int part[2] = {0, 0};
  for (int k = 0; k < 2; ++k) {
    std::size_t begin = at;
    while (at < s.size() && at - begin < 2 && digit(s[at]) >= 0) part[k] = part[k] * 10 + digit(s[at++]);
    std::size_t n = at - begin;
    if (n == 0 || (iso && n != 2)) return false;
    if (k == 0 && (at >= s.size() || s[at++] != sep)) return false;
  }
  if (at != s.size()) return false;
  auto d = Date::from_ymd(y, part[0], part[1]);
  if (!d) return false;
  out = *d;
  return true;
}

// A datetime cell in the common plain form, date and time split at the one
// space as parse_datetime splits them; nullopt when it takes the full parse.
std::optional<DateTime> quick_datetime(std::string_view raw, unsigned formats, DateMemo& memo) {
  // A four-digit-year date is 8 to 10 bytes: its space is at one of these,
  // and what fixed_date and ascii_time accept holds no other space or 'T'.
  for (std::size_t at : {10, 9, 8}) {
    if (raw.size() <= at || raw[at] != ' ') continue;
    Date d;
    std::optional<TimeOfDay> t;
    if (fixed_date(raw.substr(0, at), formats, d) && ascii_time(raw.substr(at + 1), t) && t) return DateTime{d, *t};
    break;
  }
  std::size_t space;
  if (!plain_ascii(raw, &space) || space == std::string_view::npos || raw.find('T') != std::string_view::npos)
    return std::nullopt;
  std::optional<TimeOfDay> t;
  if (!ascii_time(raw.substr(space + 1), t) || !t) return std::nullopt;
  Date fixed;
  if (fixed_date(raw.substr(0, space), formats, fixed)) return DateTime{fixed, *t};
  auto d = memo.parse(raw.substr(0, space), formats);
  if (!d) return std::nullopt;
  return DateTime{*d, *t};
}

}  // namespace

void RowConverter::WordTable::add(std::string_view word, const expr::Value& value, uint16_t code) {
  for (const auto& w : words_)
    if (w.text == word) return;
  words_.push_back({word, value, code});
  std::size_t size = 16;
  while (size < 2 * words_.size()) size *= 2;
  index_.assign(size, 0);
  for (std::size_t i = 0; i < words_.size(); ++i) {
    std::size_t h = hash(words_[i].text) & (size - 1);
    while (index_[h] != 0) h = (h + 1) & (size - 1);
    index_[h] = static_cast<uint32_t>(i + 1);
  }
}

RowConverter::RowConverter(const rules::Dataset& d) : fields_(d.fields.size()), codes_(d.fields.size(), 0) {
  using rules::FieldType;
  for (std::size_t i = 0; i < d.fields.size(); ++i) {
    const rules::DatasetField& f = d.fields[i];
    Field& c = fields_[i];
    c.field = &f;
    switch (f.type) {
      case FieldType::string:
      case FieldType::id_number:
      case FieldType::phone: c.how = How::text; break;
      case FieldType::enum_:
        if (f.values.size() >= UINT16_MAX) break;  // left to convert_cell, coded as other fields
        c.how = How::word;
        c.codes = static_cast<uint16_t>(f.values.size());
        for (std::size_t k = 0; k < f.values.size(); ++k)
          c.words.add(f.values[k], expr::Value::string(f.values[k]), static_cast<uint16_t>(k + 1));
        break;
      case FieldType::bool_:
        c.how = How::word;
        c.codes = 2;
        for (const auto& v : f.true_values) c.words.add(v, expr::Value::boolean(true), 2);
        for (const auto& v : f.false_values) c.words.add(v, expr::Value::boolean(false), 1);
        break;
      default: c.how = How::other;
    }
  }
}

std::optional<Date> DateMemo::parse(std::string_view text, unsigned formats) {
  if (text.size() > sizeof(Entry::text)) return parse_date(text, formats);
  uint32_t h = 2166136261u ^ formats;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  Entry& e = entries_[h % std::size(entries_)];
  if (e.size == text.size() && e.formats == formats && std::memcmp(e.text, text.data(), text.size()) == 0)
    return e.date;
  auto d = parse_date(text, formats);
  if (d) {
    std::memcpy(e.text, text.data(), text.size());
    e.size = static_cast<uint8_t>(text.size());
    e.formats = formats;
    e.date = *d;
  }
  return d;
}

std::optional<CellError> convert_cell(const rules::DatasetField& f, std::string_view raw, std::string& scratch,
                                      DateMemo& memo, expr::Value& out) {
  if (!raw.empty() && f.type == rules::FieldType::date) {
    if (Date d; fixed_date(raw, f.date_formats, d)) {
      out = expr::Value::date(d);
      return std::nullopt;
    }
    std::size_t space;
    if (plain_ascii(raw, &space) && space == std::string_view::npos) {
      if (auto d = memo.parse(raw, f.date_formats)) {
        out = expr::Value::date(*d);
        return std::nullopt;
      }
    }
  }
  if (!raw.empty() && f.type == rules::FieldType::datetime) {
    if (auto dt = quick_datetime(raw, f.date_formats, memo)) {
      out = expr::Value::datetime(*dt);
      return std::nullopt;
    }
  }
  return convert_cell(f, raw, scratch, out);
}

std::optional<CellError> convert_cell(const rules::DatasetField& f, std::string_view raw, std::string& scratch,
                                      expr::Value& out) {
  using rules::FieldType;
  out = expr::Value::null();
  if (raw.empty()) return std::nullopt;
  switch (f.type) {
    case FieldType::string:
    case FieldType::id_number:
    case FieldType::phone: out = expr::Value::string(raw); return std::nullopt;
    case FieldType::int_: {
      int64_t v = 0;
      auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
      if (ec != std::errc() || end != raw.data() + raw.size()) return bad(Msg::cell_bad_int, f, raw);
      out = expr::Value::integer(v);
      return std::nullopt;
    }
    case FieldType::decimal: {
      std::string_view s = strip_unit(raw);
      double v = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || end != s.data() + s.size()) return bad(Msg::cell_bad_decimal, f, raw);
      out = expr::Value::decimal(v);
      return std::nullopt;
    }
    case FieldType::date: {
      auto d = parse_date(raw, f.date_formats);
      if (!d) {
        // Exports often put a time after a date column's value.
        if (auto dt = parse_datetime(raw, f.date_formats)) d = dt->date;
      }
      if (!d) return bad(Msg::cell_bad_date, f, raw);
      out = expr::Value::date(*d);
      return std::nullopt;
    }
    case FieldType::datetime: {
      auto dt = parse_datetime(raw, f.date_formats);
      if (!dt) {
        if (auto d = parse_date(raw, f.date_formats)) dt = DateTime{*d, TimeOfDay{}};
      }
      if (!dt) return bad(Msg::cell_bad_datetime, f, raw);
      out = expr::Value::datetime(*dt);
      return std::nullopt;
    }
    case FieldType::time: {
      auto t = parse_time(raw);
      if (!t) return bad(Msg::cell_bad_time, f, raw);
      out = expr::Value::time(*t);
      return std::nullopt;
    }
    case FieldType::enum_: {
      for (const auto& v : f.values) {
        if (v == raw) {
          out = expr::Value::string(raw);
          return std::nullopt;
        }
      }
      return bad(Msg::cell_bad_enum, f, raw, join(f.values, "、"));
    }
    case FieldType::bool_: {
      for (const auto& v : f.true_values)
        if (v == raw) return out = expr::Value::boolean(true), std::nullopt;
      for (const auto& v : f.false_values)
        if (v == raw) return out = expr::Value::boolean(false), std::nullopt;
      return bad(Msg::cell_bad_bool, f, raw);
    }
    case FieldType::list: {
      scratch.clear();
      std::string_view rest = raw;
      const std::string& sep = f.separator.empty() ? std::string("、") : f.separator;
      while (true) {
        std::size_t p = rest.find(sep);
        std::string item = trim(rest.substr(0, p));
        if (!item.empty()) {
          if (!scratch.empty()) scratch += expr::kListSeparator;
          scratch += item;
        }
        if (p == std::string_view::npos) break;
        rest.remove_prefix(p + sep.size());
      }
      out = expr::Value::string(scratch);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace fangyi::check

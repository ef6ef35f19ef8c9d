// Cell conversion by field type.
#include "check/cells.h"

#include <charconv>

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

}  // namespace

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

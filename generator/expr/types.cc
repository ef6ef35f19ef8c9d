// Expression types: construction, names for messages, and comparison.
#include "expr/types.h"

namespace fangyi::expr {

Type make_type(TypeKind k) {
  Type t;
  t.kind = k;
  return t;
}

Type make_enum(std::vector<std::string> values) {
  Type t = make_type(TypeKind::enum_);
  t.values = std::move(values);
  return t;
}

Type make_list(Type element) {
  Type t = make_type(TypeKind::list);
  t.element = std::make_shared<const Type>(std::move(element));
  return t;
}

Type make_range(Type element) {
  Type t = make_type(TypeKind::range);
  t.element = std::make_shared<const Type>(std::move(element));
  return t;
}

std::string Type::name() const {
  auto elem = [&] { return element ? element->name() : std::string("?"); };
  switch (kind) {
    case TypeKind::error: return "error";
    case TypeKind::null_: return "null";
    case TypeKind::bool_: return "bool";
    case TypeKind::int_: return "int";
    case TypeKind::decimal: return "decimal";
    case TypeKind::string: return "string";
    case TypeKind::date: return "date";
    case TypeKind::datetime: return "datetime";
    case TypeKind::time: return "time";
    case TypeKind::duration: return "duration";
    case TypeKind::enum_: {
      std::string s = "enum(";
      for (std::size_t i = 0; i < values.size(); ++i) s += (i ? "|" : "") + values[i];
      return s + ")";
    }
    case TypeKind::list: return "list<" + elem() + ">";
    case TypeKind::range: return "range<" + elem() + ">";
  }
  return "?";
}

std::optional<std::size_t> RecordType::find(std::string_view id) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].id == id) return i;
  return std::nullopt;
}

bool same_type(const Type& a, const Type& b) {
  if (a.kind != b.kind || a.values != b.values) return false;
  if (!a.element || !b.element) return !a.element && !b.element;
  return same_type(*a.element, *b.element);
}

bool is_numeric(TypeKind k) { return k == TypeKind::int_ || k == TypeKind::decimal; }
bool is_stringy(TypeKind k) { return k == TypeKind::string || k == TypeKind::enum_; }

ValueKind value_kind(TypeKind k) {
  switch (k) {
    case TypeKind::bool_: return ValueKind::bool_;
    case TypeKind::int_: return ValueKind::int_;
    case TypeKind::decimal: return ValueKind::decimal;
    case TypeKind::string:
    case TypeKind::enum_: return ValueKind::string;
    case TypeKind::date: return ValueKind::date;
    case TypeKind::datetime: return ValueKind::datetime;
    case TypeKind::time: return ValueKind::time;
    case TypeKind::duration: return ValueKind::duration;
    default: return ValueKind::null_;
  }
}

}  // namespace fangyi::expr

// Classifying number formats and reading the cell styles of styles.xml.
#include "check/xlsx_styles.h"

#include <charconv>
#include <map>

#include "check/xlsx_part.h"

namespace fangyi::check {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_folded(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != prefix[i]) return false;
  return true;
}

int to_int(std::string_view s) {
  int value = -1;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size() ? value : -1;
}

}  // namespace

XlsxNumberFormat classify_number_format(std::string_view code) {
  bool date = false, time = false, month = false, elapsed = false, only_zeros = true;
  int zeros = 0;
  for (std::size_t i = 0; i < code.size() && code[i] != ';'; ++i) {
    char c = lower(code[i]);
    if (c != '0') only_zeros = false;
    if (c == '"') {
      std::size_t close = code.find('"', i + 1);
      i = close == std::string_view::npos ? code.size() : close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal
    } else if (c == '[') {
      std::size_t close = code.find(']', i + 1);
      std::string_view inside = code.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
      elapsed = elapsed || (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos);
      i = close == std::string_view::npos ? code.size() : close;
    } else if (starts_with_folded(code.substr(i), "general")) {
      i += 6;
    } else if (starts_with_folded(code.substr(i), "am/pm") || starts_with_folded(code.substr(i), "a/p")) {
      time = true;
      i += code[i + 1] == '/' ? 2 : 4;
    } else if (c == 'e' && i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) {
      ++i;  // scientific notation
    } else if (c == 'y' || c == 'd' || c == 'e' || c == 'g') {
      date = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    } else if (c == 'm') {
      month = true;
    } else if (c == '0') {
      ++zeros;
    }
  }
  if (elapsed && !date) return {XlsxNumberKind::elapsed};
  if (date && time) return {XlsxNumberKind::datetime};
  if (date || (month && !time)) return {XlsxNumberKind::date};
  if (time) return {XlsxNumberKind::time};
  if (only_zeros && zeros >= 2 && zeros <= 30) return {XlsxNumberKind::zero_padded, static_cast<uint8_t>(zeros)};
  return {};
}

XlsxNumberFormat builtin_number_format(int id) {
  switch (id) {
    case 14: case 15: case 16: case 17:
    case 27: case 28: case 29: case 30: case 31: case 36:
    case 50: case 51: case 54: case 57: case 58:
      return {XlsxNumberKind::date};
    case 18: case 19: case 20: case 21: case 45: case 47:
    case 32: case 33: case 34: case 35:
    case 52: case 53: case 55: case 56:
      return {XlsxNumberKind::time};
    case 22:
      return {XlsxNumberKind::datetime};
    case 46:
      return {XlsxNumberKind::elapsed};
    default:
      return {};
  }
}

std::optional<std::vector<XlsxNumberFormat>> read_cell_formats(ZipArchive& zip, const std::string& part,
                                                               std::optional<Diagnostic>& error) {
  pugi::xml_document doc;
  if (!parse_part(zip, part, doc, error)) return std::nullopt;
  pugi::xml_node root = doc.document_element();
  std::map<int, XlsxNumberFormat> custom;
  for (pugi::xml_node f : child(root, "numFmts").children())
    if (is_named(f, "numFmt"))
      custom[to_int(attribute(f, "numFmtId"))] = classify_number_format(attribute(f, "formatCode"));
  std::vector<XlsxNumberFormat> formats;
  for (pugi::xml_node xf : child(root, "cellXfs").children()) {
    if (!is_named(xf, "xf")) continue;
    int id = to_int(attribute(xf, "numFmtId"));
    auto c = custom.find(id);
    formats.push_back(c != custom.end() ? c->second : builtin_number_format(id));
  }
  return formats;
}

}  // namespace fangyi::check

// Typed access to YAML mappings, reporting every problem at its exact place.
#include "rules/yaml_reader.h"

#include <algorithm>
#include <charconv>

#include "core/text.h"

namespace fangyi::rules {

std::string scalar_text(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull() || !n.IsScalar()) return "";
  return n.Scalar();
}

YamlFile::YamlFile(std::string name, const std::string& text, Diagnostics& diags)
    : name_(std::move(name)), text_(text), diags_(diags) {}

std::size_t YamlFile::line_start(std::size_t byte) const {
  std::size_t b = std::min(byte, text_.size());
  while (b > 0 && text_[b - 1] != '\n') --b;
  return b;
}

SourceLocation YamlFile::at_mark(const YAML::Mark& mark, int span) const {
  SourceLocation loc{name_, mark.line + 1, 1, span};
  if (mark.pos >= 0 && static_cast<std::size_t>(mark.pos) <= text_.size()) {
    std::size_t start = line_start(static_cast<std::size_t>(mark.pos));
    loc.column = column_of_byte(std::string_view(text_).substr(start), static_cast<std::size_t>(mark.pos) - start);
  }
  return loc;
}

SourceLocation YamlFile::at(const YAML::Node& node) const {
  int span = 1;
  if (node.IsDefined() && node.IsScalar()) {
    std::string s = node.Scalar();
    if (s.find('\n') == std::string::npos) {
      span = static_cast<int>(code_point_count(s));
      if (node.Tag() == "!" && node.Mark().pos >= 0 && static_cast<std::size_t>(node.Mark().pos) < text_.size()) {
        char q = text_[static_cast<std::size_t>(node.Mark().pos)];
        if (q == '"' || q == '\'') span += 2;
      }
    }
  }
  return at_mark(node.Mark(), std::max(1, span));
}

SourceLocation YamlFile::inside(const YAML::Node& node, std::size_t offset, std::size_t length) const {
  return inside(node.Mark(), node.IsScalar() ? node.Scalar() : "", offset, length);
}

SourceLocation YamlFile::inside(const YAML::Mark& mark, const std::string& value, std::size_t offset,
                                std::size_t length) const {
  if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return at_mark(mark);
  std::size_t p = static_cast<std::size_t>(mark.pos);
  char first = text_[p];
  bool double_quoted = first == '"';
  std::size_t block_indent = 0;  // a block scalar's content indentation
  if (first == '"' || first == '\'') {
    ++p;
  } else if (first == '|' || first == '>') {
    std::size_t nl = text_.find('\n', p);
    if (nl == std::string::npos) return at_mark(mark);
    p = nl + 1;
    while (p < text_.size() && text_[p] == ' ') ++p, ++block_indent;
  }
  // Walk the parsed value and the source together: equal bytes advance both;
  // folded white space (a newline plus indentation in the source) and escape
  // sequences are skipped on the source side.
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::size_t i = 0;
  offset = std::min(offset, value.size());
  while (i < offset && p < text_.size()) {
    if (value[i] == text_[p]) {
      ++i, ++p;
      // A literal block keeps its newlines; the next line's indentation is
      // in the source but not in the value.
      if (text_[p - 1] == '\n')
        for (std::size_t k = 0; k < block_indent && p < text_.size() && text_[p] == ' '; ++k) ++p;
    } else if (is_space(value[i]) && is_space(text_[p])) {
      while (i < offset && is_space(value[i])) ++i;
      while (p < text_.size() && is_space(text_[p])) ++p;
    } else if (double_quoted && text_[p] == '\\' && p + 1 < text_.size()) {
      p += 2, ++i;
    } else if (first == '\'' && text_[p] == '\'' && p + 1 < text_.size() && text_[p + 1] == '\'') {
      p += 2, ++i;
    } else {
      ++i, ++p;
    }
  }
  std::size_t start = line_start(p);
  int line = 1;
  for (std::size_t k = 0; k < start; ++k)
    if (text_[k] == '\n') ++line;
  std::string_view src_line = std::string_view(text_).substr(start);
  int col = column_of_byte(src_line, p - start);
  std::string_view piece = std::string_view(value).substr(offset, length);
  int span = std::max<int>(1, static_cast<int>(code_point_count(piece.substr(0, piece.find('\n')))));
  return SourceLocation{name_, line, col, span};
}

Diagnostic& YamlFile::error(const YAML::Node& node, Msg m, std::vector<std::string> args) {
  return diags_.error(at(node), m, std::move(args));
}

MapReader::MapReader(const YAML::Node& node, YamlFile& file, std::string_view what) : node_(node), file_(file) {
  if (!node.IsDefined() || !node.IsMap()) {
    file_.error(node, Msg::expect_mapping, {std::string(what)});
    return;
  }
  ok_ = true;
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    std::string k = scalar_text(it->first);
    if (!seen.insert(k).second) file_.error(it->first, Msg::duplicate_key, {k});
    entries_.emplace_back(std::move(k), it->second);
  }
}

bool MapReader::has(std::string_view key) const {
  for (const auto& [k, v] : entries_)
    if (k == key) return !v.IsNull();
  return false;
}

YAML::Node MapReader::get(std::string_view key) {
  asked_.emplace_back(key);
  for (const auto& [k, v] : entries_)
    if (k == key) return v;
  return YAML::Node(YAML::NodeType::Undefined);
}

std::optional<std::string> MapReader::scalar(std::string_view key, bool required, Msg wrong_type) {
  YAML::Node n = get(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required && ok_) {
      SourceLocation where = file_.at(node_);
      where.span = 1;
      file_.diags().error(where, Msg::missing_key, {std::string(key)});
    }
    return std::nullopt;
  }
  if (!n.IsScalar()) {
    file_.error(n, wrong_type, {std::string(key), ""});
    return std::nullopt;
  }
  return n.Scalar();
}

std::optional<std::string> MapReader::string(std::string_view key, bool required) {
  return scalar(key, required, Msg::expect_string);
}

std::optional<long long> MapReader::integer(std::string_view key, bool required, long long min, long long max) {
  auto s = scalar(key, required, Msg::expect_int);
  if (!s) return std::nullopt;
  long long v = 0;
  auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || end != s->data() + s->size()) {
    file_.error(get(key), Msg::expect_int, {std::string(key), *s});
    return std::nullopt;
  }
  if (v < min || v > max) {
    file_.error(get(key), Msg::value_out_of_range, {std::string(key), *s, std::to_string(min), std::to_string(max)});
    return std::nullopt;
  }
  return v;
}

std::optional<double> MapReader::number(std::string_view key, bool required, double min, double max) {
  auto s = scalar(key, required, Msg::expect_number);
  if (!s) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
  if (ec != std::errc() || end != s->data() + s->size()) {
    file_.error(get(key), Msg::expect_number, {std::string(key), *s});
    return std::nullopt;
  }
  if (v < min || v > max) {
    file_.error(get(key), Msg::value_out_of_range, {std::string(key), *s, format_number(min), format_number(max)});
    return std::nullopt;
  }
  return v;
}

std::optional<bool> MapReader::boolean(std::string_view key, bool required) {
  auto s = scalar(key, required, Msg::expect_bool);
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  file_.error(get(key), Msg::expect_bool, {std::string(key), *s});
  return std::nullopt;
}

std::optional<Date> MapReader::date(std::string_view key, bool required) {
  auto s = scalar(key, required, Msg::expect_date);
  if (!s) return std::nullopt;
  if (auto d = parse_date(*s)) return d;
  Diagnostic& d = file_.error(get(key), Msg::expect_date, {std::string(key), *s});
  d.hint = Msg::date_formats_hint;
  return std::nullopt;
}

std::optional<TimeOfDay> MapReader::time(std::string_view key, bool required) {
  auto s = scalar(key, required, Msg::expect_time);
  if (!s) return std::nullopt;
  if (auto t = parse_time(*s)) return t;
  file_.error(get(key), Msg::expect_time, {std::string(key), *s});
  return std::nullopt;
}

std::optional<Duration> MapReader::duration(std::string_view key, bool required) {
  auto s = scalar(key, required, Msg::expect_duration);
  if (!s) return std::nullopt;
  if (auto d = parse_duration(*s)) return d;
  file_.error(get(key), Msg::expect_duration, {std::string(key), *s});
  return std::nullopt;
}

std::vector<std::string> MapReader::strings(std::string_view key, bool required) {
  YAML::Node n = get(key);
  std::vector<std::string> out;
  if (!n.IsDefined() || n.IsNull()) {
    if (required && ok_) file_.diags().error(file_.at(node_), Msg::missing_key, {std::string(key)});
    return out;
  }
  if (!n.IsSequence()) {
    file_.error(n, Msg::expect_list, {std::string(key)});
    return out;
  }
  for (const auto& e : n) {
    if (!e.IsScalar()) {
      file_.error(e, Msg::expect_string, {std::string(key)});
      continue;
    }
    out.push_back(e.Scalar());
  }
  return out;
}

std::optional<std::pair<int, int>> MapReader::day_range(std::string_view key, bool required) {
  auto s = scalar(key, required, Msg::expect_day_range);
  if (!s) return std::nullopt;
  auto parse_int = [](std::string_view t, int& out) {
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc() && end == t.data() + t.size() && out >= 0 && out <= 3650;
  };
  std::string t = trim(*s);
  std::size_t dots = t.find("..");
  int lo = 0, hi = 0;
  bool ok = dots == std::string::npos ? parse_int(t, lo) && (hi = lo, true)
                                      : parse_int(trim(t.substr(0, dots)), lo) && parse_int(trim(t.substr(dots + 2)), hi);
  if (!ok) {
    file_.error(get(key), Msg::expect_day_range, {std::string(key), *s});
    return std::nullopt;
  }
  if (lo > hi) {
    file_.error(get(key), Msg::range_reversed, {std::to_string(lo), std::to_string(hi)});
    return std::nullopt;
  }
  return std::pair{lo, hi};
}

void MapReader::report_enum(std::string_view key, const std::string& value, const std::vector<std::string>& valid) {
  suggest_among(file_.error(get(key), Msg::unknown_value, {value, std::string(key)}), value, valid, Msg::valid_values);
}

void MapReader::finish() {
  if (!ok_) return;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    std::string k = scalar_text(it->first);
    if (std::find(asked_.begin(), asked_.end(), k) != asked_.end()) continue;
    Diagnostic& d = file_.error(it->first, Msg::unknown_key, {k});
    std::vector<std::string> valid(asked_.begin(), asked_.end());
    std::sort(valid.begin(), valid.end());
    valid.erase(std::unique(valid.begin(), valid.end()), valid.end());
    suggest_among(d, k, valid, Msg::valid_keys);
  }
}

}  // namespace fangyi::rules

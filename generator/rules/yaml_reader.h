// Reading YAML nodes into typed values with precise diagnostics. A MapReader
// wraps one mapping: each getter marks its key as known and reports a wrong
// type at the value's line and column; finish() then reports every key that
// no getter asked for, suggesting the nearest valid key.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/date.h"
#include "core/diagnostic.h"

namespace fangyi::rules {

// One file being read: its name, text (for columns) and the diagnostics sink.
class YamlFile {
 public:
  YamlFile(std::string name, const std::string& text, Diagnostics& diags);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  Diagnostics& diags() { return diags_; }

  // The location of a node: 1-based line, code-point column; the span covers
  // a scalar's text on its line.
  SourceLocation at(const YAML::Node& node) const;
  SourceLocation at_mark(const YAML::Mark& mark, int span = 1) const;
  // The location of byte `offset` (with `length` bytes) inside the value of
  // scalar `node`, for errors inside expressions. Works for plain, quoted and
  // block scalars by walking the source alongside the parsed text.
  SourceLocation inside(const YAML::Node& node, std::size_t offset, std::size_t length) const;
  // The same for a scalar known by its start and parsed value, so callers can
  // let the YAML tree go.
  SourceLocation inside(const YAML::Mark& mark, const std::string& value, std::size_t offset,
                        std::size_t length) const;

  Diagnostic& error(const YAML::Node& node, Msg m, std::vector<std::string> args = {});

 private:
  std::size_t line_start(std::size_t byte) const;
  std::string name_;
  const std::string& text_;
  Diagnostics& diags_;
};

template <class E>
using EnumNames = std::vector<std::pair<std::string, E>>;

class MapReader {
 public:
  // `what` names the mapping in an "must be a mapping" error (e.g. "規則").
  MapReader(const YAML::Node& node, YamlFile& file, std::string_view what);

  bool ok() const { return ok_; }
  const YAML::Node& node() const { return node_; }
  YamlFile& file() { return file_; }

  // The raw value of `key` (undefined node when absent), marking it known.
  YAML::Node get(std::string_view key);
  bool has(std::string_view key) const;

  std::optional<std::string> string(std::string_view key, bool required = false);
  std::string text(std::string_view key, bool required = false) { return string(key, required).value_or(""); }
  std::optional<long long> integer(std::string_view key, bool required, long long min, long long max);
  std::optional<double> number(std::string_view key, bool required, double min, double max);
  std::optional<bool> boolean(std::string_view key, bool required = false);
  std::optional<Date> date(std::string_view key, bool required = false);
  std::optional<TimeOfDay> time(std::string_view key, bool required = false);
  std::optional<Duration> duration(std::string_view key, bool required = false);
  std::vector<std::string> strings(std::string_view key, bool required = false);
  // "10..12" or a single day "7": inclusive day numbers.
  std::optional<std::pair<int, int>> day_range(std::string_view key, bool required = false);

  template <class E>
  std::optional<E> enumeration(std::string_view key, bool required, const EnumNames<E>& names) {
    auto s = string(key, required);
    if (!s) return std::nullopt;
    for (const auto& [n, v] : names)
      if (n == *s) return v;
    report_enum(key, *s, names_of(names));
    return std::nullopt;
  }

  // Reports unknown keys; call after every getter.
  void finish();

 private:
  template <class E>
  static std::vector<std::string> names_of(const EnumNames<E>& names) {
    std::vector<std::string> out;
    for (const auto& n : names) out.push_back(n.first);
    return out;
  }
  void report_enum(std::string_view key, const std::string& value, const std::vector<std::string>& valid);
  // The scalar text of `key`, or nullopt (with an error) when it is missing
  // but required, or not a scalar.
  std::optional<std::string> scalar(std::string_view key, bool required, Msg wrong_type);

  YAML::Node node_;
  YamlFile& file_;
  bool ok_ = false;
  std::vector<std::pair<std::string, YAML::Node>> entries_;  // the mapping's keys, read once
  std::vector<std::string> asked_;
};

// A YAML scalar as text; "" for null.
std::string scalar_text(const YAML::Node& n);

}  // namespace fangyi::rules

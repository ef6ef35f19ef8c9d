// Errors as values. A Diagnostic names a place in a source file (line, column
// and span, in code points, 1-based) and a catalogue message with arguments,
// plus an optional hint. render() prints it the way compilers do:
//
//   rules/scheme.yaml:12:5: 錯誤：未知的鍵「phses」
//    12 |     phses:
//       |     ^~~~~
//     提示：您是不是要寫「phases」？
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/lang.h"
#include "core/messages.h"

namespace fangyi {

enum class Severity { error, warning, note };

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when the place is a whole file
  int column = 0;  // 1-based code-point column; 0 when unknown
  int span = 1;    // code points to underline
};

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation where;
  Msg message{};
  std::vector<std::string> args;
  std::optional<Msg> hint;
  std::vector<std::string> hint_args;
};

// Source texts by file name, so diagnostics can quote the offending line.
class SourceMap {
 public:
  void add(const std::string& file, std::string text);
  // The line (1-based) of `file` without its newline; empty if unknown.
  std::string line(const std::string& file, int line) const;
  const std::string* text(const std::string& file) const;

 private:
  std::map<std::string, std::string> texts_;
};

// A list of diagnostics gathered during one run; every stage appends to it
// and keeps going, so one run reports all errors, not only the first.
class Diagnostics {
 public:
  Diagnostic& add(Diagnostic d);
  Diagnostic& error(SourceLocation where, Msg message, std::vector<std::string> args = {});
  Diagnostic& warning(SourceLocation where, Msg message, std::vector<std::string> args = {});

  bool has_errors() const;
  std::size_t error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  void append(const Diagnostics& other);
  // Stable order: by file, line, column, then insertion.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// Sets the hint of `d` to "did you mean X?" when `nearest_word` is non-empty.
void suggest(Diagnostic& d, const std::string& nearest_word);
// The nearest of `valid` to `word` as "did you mean", or, when none is close,
// all of them under `list_hint` ("valid keys: …").
void suggest_among(Diagnostic& d, std::string_view word, const std::vector<std::string>& valid, Msg list_hint);

std::string render(const Diagnostic& d, const SourceMap& sources, Lang lang);
std::string render_all(const Diagnostics& ds, const SourceMap& sources, Lang lang);

}  // namespace fangyi

// Collecting and rendering diagnostics with the source line and a caret.
#include "core/diagnostic.h"

#include <algorithm>

#include "core/text.h"

namespace fangyi {

void SourceMap::add(const std::string& file, std::string text) { texts_[file] = std::move(text); }

const std::string* SourceMap::text(const std::string& file) const {
  auto it = texts_.find(file);
  return it == texts_.end() ? nullptr : &it->second;
}

std::string SourceMap::line(const std::string& file, int line) const {
  const std::string* t = text(file);
  if (t == nullptr || line < 1) return "";
  std::size_t start = 0;
  for (int l = 1; l < line; ++l) {
    std::size_t nl = t->find('\n', start);
    if (nl == std::string::npos) return "";
    start = nl + 1;
  }
  std::size_t end = t->find('\n', start);
  std::string s = t->substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

Diagnostic& Diagnostics::add(Diagnostic d) {
  items_.push_back(std::move(d));
  return items_.back();
}

Diagnostic& Diagnostics::error(SourceLocation where, Msg message, std::vector<std::string> args) {
  return add(Diagnostic{Severity::error, std::move(where), message, std::move(args), std::nullopt, {}});
}

Diagnostic& Diagnostics::warning(SourceLocation where, Msg message, std::vector<std::string> args) {
  return add(Diagnostic{Severity::warning, std::move(where), message, std::move(args), std::nullopt, {}});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(),
                                                [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::sort() {
  // A note belongs to the diagnostic before it ("first defined here"): sort
  // groups of a diagnostic and its notes by the diagnostic's place.
  std::vector<std::vector<Diagnostic>> groups;
  for (auto& d : items_) {
    if (d.severity == Severity::note && !groups.empty()) groups.back().push_back(std::move(d));
    else groups.push_back({std::move(d)});
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return std::tie(a[0].where.file, a[0].where.line, a[0].where.column) <
           std::tie(b[0].where.file, b[0].where.line, b[0].where.column);
  });
  items_.clear();
  for (auto& g : groups)
    for (auto& d : g) items_.push_back(std::move(d));
}

void suggest(Diagnostic& d, const std::string& nearest_word) {
  if (nearest_word.empty()) return;
  d.hint = Msg::did_you_mean;
  d.hint_args = {nearest_word};
}

void suggest_among(Diagnostic& d, std::string_view word, const std::vector<std::string>& valid, Msg list_hint) {
  std::string near = nearest(word, valid);
  if (!near.empty()) {
    suggest(d, near);
    return;
  }
  d.hint = list_hint;
  d.hint_args = {join(valid, ", ")};
}

namespace {

Msg severity_label(Severity s) {
  switch (s) {
    case Severity::error: return Msg::severity_error;
    case Severity::warning: return Msg::severity_warning;
    case Severity::note: return Msg::severity_note;
  }
  return Msg::severity_error;
}

// Chinese text uses a full-width colon after a label; English a colon and space.
std::string label(Msg m, Lang lang) {
  return std::string(message_template(m, lang)) + (lang == Lang::en ? ": " : "：");
}

}  // namespace

std::string render(const Diagnostic& d, const SourceMap& sources, Lang lang) {
  std::string out = d.where.file;
  if (d.where.line > 0) {
    out += ":" + std::to_string(d.where.line);
    if (d.where.column > 0) out += ":" + std::to_string(d.where.column);
  }
  if (!out.empty()) out += ": ";
  out += label(severity_label(d.severity), lang);
  out += format_message(d.message, lang, d.args);
  out += "\n";
  std::string src = d.where.line > 0 ? sources.line(d.where.file, d.where.line) : "";
  if (!src.empty()) {
    std::string num = std::to_string(d.where.line);
    std::string gutter(num.size(), ' ');
    out += " " + num + " | " + src + "\n";
    if (d.where.column > 0) {
      // Pad with the display width of what precedes the column, keeping tabs
      // as tabs, so the caret sits under the right character even after CJK.
      std::string pad;
      std::size_t end = byte_of_column(src, d.where.column);
      for (std::size_t i = 0; i < end;) {
        char32_t cp = next_code_point(src, i);
        if (cp == '\t') pad += '\t';
        else pad.append(static_cast<std::size_t>(display_width(cp)), ' ');
      }
      int width = 0;
      std::size_t i = end;
      for (int k = 0; k < std::max(1, d.where.span) && i < src.size(); ++k) width += display_width(next_code_point(src, i));
      width = std::max(1, width);
      out += " " + gutter + " | " + pad + "^" + std::string(static_cast<std::size_t>(width - 1), '~') + "\n";
    }
  }
  if (d.hint) out += "  " + label(Msg::label_hint, lang) + format_message(*d.hint, lang, d.hint_args) + "\n";
  return out;
}

std::string render_all(const Diagnostics& ds, const SourceMap& sources, Lang lang) {
  std::string out;
  for (const auto& d : ds.items()) out += render(d, sources, lang);
  return out;
}

}  // namespace fangyi

// A small scan of the expression text rather than a print of the parsed
// tree: the rule author's own wording (parentheses, line breaks aside) is what
// a reader can find again in the YAML.
#include "classify/basis.h"

#include <algorithm>

namespace fangyi::classify {
namespace {

bool word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool word_char(char c) { return word_start(c) || (c >= '0' && c <= '9'); }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string predicate_text(const rules::Dataset& dataset, std::string_view src) {
  std::string out;
  std::size_t i = 0;
  while (i < src.size()) {
    char c = src[i];
    if (space(c)) {
      while (i < src.size() && space(src[i])) ++i;
      if (!out.empty() && i < src.size()) out += ' ';
    } else if (c == '"' || c == '\'') {
      // A string literal is copied as written, escapes and all.
      std::size_t end = i + 1;
      while (end < src.size() && src[end] != c) end += src[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, src.size());
      out.append(src.substr(i, end - i));
      i = end;
    } else if (word_char(c)) {
      // A number's unit (14d) or a date's digits stay with the number: only a
      // word that starts with a letter can be a field.
      std::size_t end = i;
      while (end < src.size() && word_char(src[end])) ++end;
      std::string_view word = src.substr(i, end - i);
      const rules::DatasetField* field = word_start(c) ? dataset.field(word) : nullptr;
      if (field) out += field->header;
      else out.append(word);
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace fangyi::classify

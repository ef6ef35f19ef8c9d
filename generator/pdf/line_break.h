// Breaking text into lines that fit a width, at the break opportunities of
// ICU's line breaker for zh_TW (UAX #14 with CJK rules: never before 」，。
// and never after 「), measuring with the font's own advances. A word wider
// than the line is broken between characters rather than overflowing.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pdf/font.h"

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace fangyi::pdf {

class LineBreaker {
 public:
  explicit LineBreaker(const Font& font);
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // The lines of `text` at `size` points within `width` points. Newlines in
  // the text are kept as line ends. Empty text gives no lines.
  std::vector<std::string> wrap(std::string_view text, double size, double width);

  const Font& font() const { return font_; }

 private:
  void wrap_paragraph(std::string_view text, double size, double width, std::vector<std::string>& out);
  const Font& font_;
  std::unique_ptr<icu::BreakIterator> breaker_;
  // Text that needed breaking, by size, width and text: the labels and
  // notes of a form repeat on every copy.
  std::unordered_map<std::string, std::vector<std::string>> cache_;
};

}  // namespace fangyi::pdf

// Greedy filling over ICU break opportunities; UTF-16 boundaries from ICU are
// mapped back to UTF-8 byte offsets of the caller's text.
#include "pdf/line_break.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "core/text.h"

namespace fangyi::pdf {
namespace {

// Characters that may not open a line (the CJK kinsoku set ICU applies);
// needed again where a too-long segment is cut between characters.
bool no_line_start(char32_t cp) {
  static constexpr std::u32string_view kClosing = U"，。、；：！？）」』】〉》〕…‧·,.;:!?)]}%°";
  return kClosing.find(cp) != std::u32string_view::npos;
}

}  // namespace

LineBreaker::LineBreaker(const Font& font) : font_(font) {
  UErrorCode status = U_ZERO_ERROR;
  breaker_.reset(icu::BreakIterator::createLineInstance(icu::Locale("zh_TW"), status));
  if (U_FAILURE(status)) breaker_.reset();  // falls back to breaking between characters
}

LineBreaker::~LineBreaker() = default;

std::vector<std::string> LineBreaker::wrap(std::string_view text, double size, double width) {
  if (text.find('\n') == std::string_view::npos && font_.width(text, size) <= width) {
    if (text.empty()) return {};
    return {std::string(text)};
  }
  std::string key = std::to_string(size) + '/' + std::to_string(width) + '/';
  key += text;
  auto hit = cache_.find(key);
  if (hit != cache_.end()) return hit->second;
  if (cache_.size() > 4096) cache_.clear();  // bounded: rosters make many distinct long cells
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string_view para = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!para.empty() && para.back() == '\r') para.remove_suffix(1);
    if (para.empty()) {
      if (nl != std::string_view::npos) lines.emplace_back();
    } else {
      wrap_paragraph(para, size, width, lines);
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  cache_.emplace(std::move(key), lines);
  return lines;
}

void LineBreaker::wrap_paragraph(std::string_view text, double size, double width, std::vector<std::string>& out) {
  if (font_.width(text, size) <= width) {
    out.emplace_back(text);
    return;
  }
  // Byte offset of every UTF-16 offset that starts a code point.
  std::vector<std::size_t> byte_at;
  byte_at.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    char32_t cp = next_code_point(text, i);
    byte_at.push_back(at);
    if (cp > 0xFFFF) byte_at.push_back(at);
  }
  byte_at.push_back(text.size());

  // Break opportunities as byte offsets, ascending, ending with text.size().
  std::vector<std::size_t> breaks;
  if (breaker_) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    breaker_->setText(u);
    for (int32_t b = breaker_->next(); b != icu::BreakIterator::DONE; b = breaker_->next())
      breaks.push_back(std::size_t(b) < byte_at.size() ? byte_at[std::size_t(b)] : text.size());
  }
  if (breaks.empty() || breaks.back() != text.size()) breaks.push_back(text.size());

  std::size_t line_start = 0;
  double line_width = 0;
  std::size_t seg_start = 0;
  for (std::size_t b : breaks) {
    std::string_view seg = text.substr(seg_start, b - seg_start);
    // Trailing spaces of a segment hang past the line end: they never force a break.
    std::string_view visible = seg;
    while (!visible.empty() && visible.back() == ' ') visible.remove_suffix(1);
    double seg_width = font_.width(seg, size);
    double visible_width = font_.width(visible, size);
    if (line_width + visible_width <= width) {
      line_width += seg_width;
      seg_start = b;
      continue;
    }
    if (seg_start > line_start) {  // the segment goes to a new line
      out.emplace_back(trim_view(text.substr(line_start, seg_start - line_start)));
      line_start = seg_start;
      line_width = 0;
    }
    if (visible_width <= width) {
      line_width = seg_width;
      seg_start = b;
      continue;
    }
    // A segment wider than a whole line: cut it between characters, moving
    // the cut back (over closing marks) rather than open a line with one.
    struct Char {
      std::size_t at;
      char32_t cp;
      double w;
    };
    std::vector<Char> chars;
    for (std::size_t i = seg_start; i < b;) {
      std::size_t at = i;
      char32_t cp = next_code_point(text, i);
      chars.push_back({at, cp, font_.advance(cp) * size});
    }
    for (std::size_t k = 0; k < chars.size(); ++k) {
      if (line_width + chars[k].w > width && chars[k].at > line_start) {
        std::size_t cut = k;
        while (no_line_start(chars[cut].cp) && cut > 0 && chars[cut - 1].at > line_start) --cut;
        // No cut leaves both lines legal: the mark hangs past the margin,
        // as CJK typesetting does.
        if (!no_line_start(chars[cut].cp)) {
          out.emplace_back(text.substr(line_start, chars[cut].at - line_start));
          line_start = chars[cut].at;
          line_width = 0;
          for (std::size_t m = cut; m < k; ++m) line_width += chars[m].w;
        }
      }
      line_width += chars[k].w;
    }
    seg_start = b;
  }
  if (line_start < text.size()) out.emplace_back(trim_view(text.substr(line_start)));
}

}  // namespace fangyi::pdf

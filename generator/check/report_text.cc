// Text clean-up for reports: valid UTF-8, visible control characters and
// display-width padding.
#include "check/report_text.h"

#include <cstdio>

#include "core/text.h"

namespace fangyi::check {
namespace {

bool is_bidi_control(char32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

}  // namespace

std::string valid_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) append_utf8(out, next_code_point(s, i));
  return out;
}

std::string visible_controls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::string fit_width(std::string_view s, int cells) {
  if (display_width(s) <= cells) return std::string(s);
  std::string out;
  int used = 0;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = next_code_point(s, i);
    int w = display_width(cp);
    if (used + w > cells - 1) break;  // keep one cell for the ellipsis
    append_utf8(out, cp);
    used += w;
  }
  return out + "…";
}

std::string pad_right(std::string_view s, int cells) {
  std::string out(s);
  for (int w = display_width(s); w < cells; ++w) out += ' ';
  return out;
}

std::string pad_left(std::string_view s, int cells) {
  std::string out;
  for (int w = display_width(s); w < cells; ++w) out += ' ';
  return out + std::string(s);
}

}  // namespace fangyi::check

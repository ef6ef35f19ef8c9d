// Numbers are written from integers (hundredths of a point, thousandths for
// type sizes), exactly and without trailing zeros; text positions are
// relative moves (Td) computed on those integers, so they never drift.
#include "pdf/content_stream.h"

#include <cmath>
#include <cstdint>

#include "core/text.h"

namespace fangyi::pdf {
namespace {

// `units` in 1/`scale` of a point, written as a decimal number.
void append_fixed(std::string& out, int64_t units, int64_t scale) {
  if (units < 0) {
    out += '-';
    units = -units;
  }
  out += std::to_string(units / scale);
  int64_t frac = units % scale;
  if (frac == 0) return;
  out += '.';
  for (int64_t digit = scale / 10; frac; digit /= 10) {
    out += char('0' + frac / digit);
    frac %= digit;
  }
}

int64_t hundredths(double v) { return std::llround(v * 100); }

void append_point(std::string& out, int64_t x, int64_t y) {
  append_fixed(out, x, 100);
  out += ' ';
  append_fixed(out, y, 100);
}

// One byte of a literal string: the delimiters and the backslash are
// escaped, and so are line ends, which a reader would otherwise normalize.
void append_literal_byte(std::string& out, unsigned char b) {
  switch (b) {
    case '(': out += "\\("; break;
    case ')': out += "\\)"; break;
    case '\\': out += "\\\\"; break;
    case '\r': out += "\\r"; break;
    case '\n': out += "\\n"; break;
    default: out += char(b);
  }
}

}  // namespace

void append_content(std::string& out, const std::vector<const Rule*>& rules, const std::vector<const TextRun*>& texts,
                    double height, std::string_view font) {
  bool any_dashed = false;
  for (int dashed = 0; dashed < 2; ++dashed) {
    double width = -1;
    bool open = false;
    for (const Rule* r : rules) {
      if (r->dashed != bool(dashed)) continue;
      if (r->width != width) {
        if (open) out += "S\n";
        width = r->width;
        append_fixed(out, hundredths(width), 100);
        out += " w\n";
        if (dashed && !any_dashed) out += "[4 3] 0 d\n";
        any_dashed = any_dashed || dashed;
      }
      append_point(out, hundredths(r->x1), hundredths(height - r->y1));
      out += " m ";
      append_point(out, hundredths(r->x2), hundredths(height - r->y2));
      out += " l\n";
      open = true;
    }
    if (open) out += "S\n";
  }
  if (any_dashed) out += "[] 0 d\n";
  if (texts.empty()) return;
  out += "BT\n";
  double size = -1;
  int64_t at_x = 0, at_y = 0;  // start of the current text line
  for (const TextRun* t : texts) {
    if (t->size != size) {
      size = t->size;
      out += '/';
      out += font;
      out += ' ';
      append_fixed(out, std::llround(size * 1000), 1000);
      out += " Tf\n";
    }
    int64_t x = hundredths(t->x), y = hundredths(height - t->baseline);
    append_point(out, x - at_x, y - at_y);
    out += " Td (";
    at_x = x;
    at_y = y;
    for (std::size_t i = 0; i < t->text.size();) {
      char32_t cp = next_code_point(t->text, i);
      append_literal_byte(out, (cp >> 8) & 0xFF);
      append_literal_byte(out, cp & 0xFF);
    }
    out += ") Tj\n";
  }
  out += "ET\n";
}

}  // namespace fangyi::pdf

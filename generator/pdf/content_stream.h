// The operators of a page content stream, written directly rather than
// through libharu's page API: libharu formats every number through a
// zero-filled 512-byte buffer and measures every string again to track the
// text position, which made drawing most of the cost of a 2,000-page
// document. Text is for a Type0 font with Identity-H encoding whose CIDs
// are the Unicode code points (what libharu's UTF-8 encoder makes), so a
// run is a literal string of big-endian 16-bit code points; the text must
// lie in the Basic Multilingual Plane. Coordinates are rounded to a
// hundredth of a point; the y axis is flipped from the layout's top-left
// origin to PDF's bottom-left.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pdf/page.h"

namespace fangyi::pdf {

// Appends to `out` the operators drawing `rules` (solid first, one path per
// line width, then dashed) and then `texts` in font resource `font` on a
// page `height` points tall. The stream leaves no state behind (the dash
// pattern is reset, text objects are closed), so streams can be
// concatenated in a page's content array.
void append_content(std::string& out, const std::vector<const Rule*>& rules, const std::vector<const TextRun*>& texts,
                    double height, std::string_view font);

}  // namespace fangyi::pdf

// Text clean-up every report format needs before showing data it did not
// write itself: exported files can hold broken UTF-8, control characters
// and terminal escape sequences.
#pragma once

#include <string>
#include <string_view>

namespace fangyi::check {

// `s` with every invalid UTF-8 sequence replaced by U+FFFD, so JSON, XML
// and HTML output stays well-formed whatever the input held.
std::string valid_utf8(std::string_view s);

// `s` made safe and one-line for a terminal: control characters (C0, DEL,
// C1) and bidirectional overrides are shown as \n, \t, \x1b, \u202e, so a
// cell can neither move the cursor, recolour the screen nor reorder text.
std::string visible_controls(std::string_view s);

// `s` cut to at most `cells` terminal cells (CJK = 2), ending in "…" when cut.
std::string fit_width(std::string_view s, int cells);

// `s` followed by spaces up to `cells` terminal cells.
std::string pad_right(std::string_view s, int cells);
std::string pad_left(std::string_view s, int cells);

}  // namespace fangyi::check

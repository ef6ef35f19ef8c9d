// Horizontal bar charts drawn as inline SVG (rects and text, no library and
// no script), for the HTML report's findings per rule and per school.
#pragma once

#include <string>
#include <vector>

#include "check/report_tally.h"

namespace fangyi::check {

struct Bar {
  std::string label;   // shown, cut to fit; plain text (escaped here)
  SeverityCounts counts{};  // drawn as segments, most severe first
};

// An <svg> element with one bar per entry, in the given order, scaled to
// the largest total. `title` is its accessible name (plain text).
std::string bar_chart_svg(const std::vector<Bar>& bars, const std::string& title);

}  // namespace fangyi::check

// Inline SVG bar charts for the HTML report. Sizes are in a fixed viewBox so
// the chart scales with the page and prints; the label column is sized from
// the labels' display width (CJK characters are twice as wide).
#include "check/report_svg.h"

#include <algorithm>
#include <cstdio>

#include "check/report_labels.h"
#include "check/report_text.h"
#include "core/text.h"

namespace fangyi::check {
namespace {

constexpr int kWidth = 880;
constexpr int kRowHeight = 26, kBarHeight = 18, kPad = 6;
constexpr int kCountWidth = 64;  // room right of the longest bar for its number
constexpr int kLabelCells = 60;  // longer labels are cut (the full text is the tooltip)
constexpr double kCellPx = 6.8;  // one terminal cell at the chart's 13px font

const char* fill(rules::CheckSeverity s) {
  switch (s) {
    case rules::CheckSeverity::serious: return "#a50e1f";
    case rules::CheckSeverity::error: return "#e0474c";
    case rules::CheckSeverity::warning: return "#e8a317";
    case rules::CheckSeverity::info: return "#9aa0a6";
  }
  return "#e0474c";
}

std::string px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string bar_chart_svg(const std::vector<Bar>& bars, const std::string& title) {
  std::size_t max_total = 1;
  int label_cells = 0;
  for (const Bar& b : bars) {
    std::size_t total = 0;
    for (std::size_t n : b.counts) total += n;
    max_total = std::max(max_total, total);
    label_cells = std::max(label_cells, display_width(fit_width(b.label, kLabelCells)));
  }
  const double label_width = label_cells * kCellPx + 12;
  const double bar_left = label_width + 4, bar_span = kWidth - bar_left - kCountWidth;
  const int height = static_cast<int>(bars.size()) * kRowHeight + 2 * kPad;

  std::string out = "<svg class=\"chart\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) +
                    "\" role=\"img\" aria-label=\"" + escape_html(title) + "\">\n";
  out += "<line x1=\"" + px(bar_left) + "\" y1=\"" + std::to_string(kPad - 2) + "\" x2=\"" + px(bar_left) +
         "\" y2=\"" + std::to_string(height - kPad + 2) + "\" stroke=\"#888\" stroke-width=\"1\"/>\n";
  int y = kPad;
  for (const Bar& b : bars) {
    std::size_t total = 0;
    for (std::size_t n : b.counts) total += n;
    const double text_y = y + kRowHeight / 2.0 + 4.5;
    out += "<g><title>" + escape_html(b.label) + " — " + std::to_string(total) + "</title>";
    out += "<text x=\"" + px(label_width) + "\" y=\"" + px(text_y) + "\" text-anchor=\"end\">" +
           escape_html(fit_width(b.label, kLabelCells)) + "</text>";
    double x = bar_left;
    for (rules::CheckSeverity s : kSeveritiesMostSevereFirst) {
      std::size_t n = at(b.counts, s);
      if (n == 0) continue;
      // At least one pixel, so a bar of 1 beside a bar of 10,000 is still seen.
      double w = std::max(1.0, bar_span * static_cast<double>(n) / static_cast<double>(max_total));
      out += "<rect x=\"" + px(x) + "\" y=\"" + std::to_string(y + (kRowHeight - kBarHeight) / 2) + "\" width=\"" +
             px(w) + "\" height=\"" + std::to_string(kBarHeight) + "\" fill=\"" + fill(s) + "\"/>";
      x += w;
    }
    out += "<text x=\"" + px(x + 6) + "\" y=\"" + px(text_y) + "\" class=\"count\">" + std::to_string(total) +
           "</text></g>\n";
    y += kRowHeight;
  }
  return out + "</svg>\n";
}

}  // namespace fangyi::check

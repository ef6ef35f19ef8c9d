// What a form looks like once laid out: pages of positioned text and ruled
// lines, in points from the page's top-left corner. The layout code produces
// it, the PDF writer draws it, and tests can inspect it without a PDF.
#pragma once

#include <string>
#include <vector>

namespace fangyi::pdf {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
inline double mm(double v) { return v * kPointsPerMm; }

struct TextRun {
  double x = 0, baseline = 0;  // from the top-left corner
  double size = 10;            // points
  std::string text;            // UTF-8, one line
};

struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
  bool dashed = false;
};

struct Page {
  double width = 0, height = 0;  // points
  std::vector<TextRun> texts;
  std::vector<Rule> rules;
};

// One PDF: its pages and metadata.
struct Document {
  std::string title;
  std::string subject;
  std::vector<Page> pages;
};

}  // namespace fangyi::pdf

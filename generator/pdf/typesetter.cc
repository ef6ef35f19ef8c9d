// Block layout on A4 with a 15 mm margin. Every block asks ensure() for its
// height first, so nothing is ever drawn past the bottom margin except a
// single table row taller than a whole page.
#include "pdf/typesetter.h"

#include <algorithm>

namespace fangyi::pdf {
namespace {

constexpr double kA4Short = 595.276, kA4Long = 841.89;
constexpr double kLeading = 1.3;    // line height / font size
constexpr double kAscent = 0.86;    // baseline below the top of a line box, per point of size
constexpr double kCellPadX = 2.0, kCellPadY = 2.5;
constexpr double kMinShrink = 0.55;  // a one-line cell's type never goes below this share

double line_height(double size) { return size * kLeading; }

}  // namespace

Typesetter::Typesetter(Document& doc, const Font& font, bool landscape)
    : doc_(doc),
      breaker_(font),
      page_width_(landscape ? kA4Long : kA4Short),
      page_height_(landscape ? kA4Short : kA4Long),
      margin_(mm(15)) {}

void Typesetter::new_page() {
  doc_.pages.push_back(Page{page_width_, page_height_, {}, {}});
  have_page_ = true;
  y_ = margin_;
  if (!corner_.empty()) {
    double size = 9;
    text(page_width_ - margin_ - font().width(corner_, size), margin_ * 0.6, size, corner_);
  }
}

Page& Typesetter::page() {
  if (!have_page_) new_page();
  return doc_.pages.back();
}

void Typesetter::ensure(double height) {
  if (!have_page_ || (y_ + height > page_height_ - margin_ && y_ > margin_)) new_page();
}

void Typesetter::space(double points) { y_ += points; }

void Typesetter::text(double x, double baseline, double size, std::string s) {
  if (s.empty()) return;
  page().texts.push_back({x, baseline, size, std::move(s)});
}

void Typesetter::line(double x1, double y1, double x2, double y2, double width, bool dashed) {
  page().rules.push_back({x1, y1, x2, y2, width, dashed});
}

void Typesetter::heading(const std::string& s, double size) {
  std::vector<std::string> lines = breaker_.wrap(s, size, content_width());
  ensure(lines.size() * line_height(size) + size);
  for (const std::string& l : lines) {
    double x = margin_ + (content_width() - font().width(l, size)) / 2;
    text(x, y_ + size * kAscent, size, l);
    y_ += line_height(size);
  }
  y_ += size * 0.5;
}

void Typesetter::paragraph(const std::string& s, double size, double indent, const std::string& hanging) {
  double prefix = hanging.empty() ? 0 : font().width(hanging, size);
  std::vector<std::string> lines = breaker_.wrap(s, size, content_width() - indent - prefix);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    ensure(line_height(size));
    double baseline = y_ + size * kAscent;
    if (i == 0 && !hanging.empty()) text(margin_ + indent, baseline, size, hanging);
    text(margin_ + indent + prefix, baseline, size, lines[i]);
    y_ += line_height(size);
  }
}

void Typesetter::fields(const std::vector<LabeledField>& row, double size) {
  double fixed = 0;
  int shared = 0;
  for (const LabeledField& f : row) {
    fixed += f.width;
    if (f.width <= 0) ++shared;
  }
  double share = shared ? std::max(0.0, content_width() - fixed) / shared : 0;
  double height = size * 2.0;
  ensure(height);
  double x = margin_;
  double baseline = y_ + size * 1.2;
  for (const LabeledField& f : row) {
    double w = f.width > 0 ? f.width : share;
    std::string label = f.label + "：";
    double lw = font().width(label, size);
    text(x, baseline, size, label);
    double blank = std::max(0.0, w - lw - size);  // a gap before the next field
    line(x + lw, baseline + 2, x + lw + blank, baseline + 2, 0.4);
    if (!f.value.empty()) {
      double vs = size;
      double vw = font().width(f.value, vs);
      if (vw > blank - 2 && vw > 0) vs = std::max(size * kMinShrink, size * (blank - 2) / vw);
      // Still too wide at the smallest type: cut it, visibly, at the blank's
      // end rather than run over the next field and off the page.
      std::string shown = f.value;
      if (font().width(shown, vs) > blank - 2) {
        const std::string ellipsis = "…";
        auto lines = breaker_.wrap(f.value, vs, std::max(1.0, blank - 2 - font().width(ellipsis, vs)));
        shown = (lines.empty() ? std::string() : lines.front()) + ellipsis;
      }
      text(x + lw + 1, baseline, vs, shown);
    }
    x += w;
  }
  y_ += height;
}

void Typesetter::dashed_rule() {
  ensure(12);
  y_ += 6;
  line(margin_, y_, page_width_ - margin_, y_, 0.6, true);
  y_ += 6;
}

double Typesetter::header_height(const Table& t, double size) {
  bool grouped = std::any_of(t.columns.begin(), t.columns.end(), [](const TableColumn& c) { return !c.group.empty(); });
  double top = 0, bottom = 0, single = 0;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const TableColumn& c = t.columns[i];
    double inner = std::max(1.0, c.width - 2 * kCellPadX);
    double h = breaker_.wrap(c.label, size, inner).size() * line_height(size) + 2 * kCellPadY;
    if (c.group.empty()) {
      single = std::max(single, h);
    } else {
      bottom = std::max(bottom, h);
      if (i == 0 || t.columns[i - 1].group != c.group) {
        double span = 0;
        for (std::size_t j = i; j < t.columns.size() && t.columns[j].group == c.group; ++j) span += t.columns[j].width;
        top = std::max(top, breaker_.wrap(c.group, size, span - 2 * kCellPadX).size() * line_height(size) + 2 * kCellPadY);
      }
    }
  }
  return grouped ? std::max(single, top + bottom) : single;
}

void Typesetter::draw_header(const Table& t, const std::vector<double>& xs, double size) {
  double h = header_height(t, size);
  bool grouped = std::any_of(t.columns.begin(), t.columns.end(), [](const TableColumn& c) { return !c.group.empty(); });
  double group_h = 0;
  if (grouped) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const TableColumn& c = t.columns[i];
      if (c.group.empty() || (i > 0 && t.columns[i - 1].group == c.group)) continue;
      double span = 0;
      for (std::size_t j = i; j < t.columns.size() && t.columns[j].group == c.group; ++j) span += t.columns[j].width;
      group_h = std::max(group_h, breaker_.wrap(c.group, size, span - 2 * kCellPadX).size() * line_height(size) + 2 * kCellPadY);
    }
  }
  double top = y_;
  auto centred = [&](const std::string& s, double x0, double w, double y0, double box) {
    std::vector<std::string> lines = breaker_.wrap(s, size, std::max(1.0, w - 2 * kCellPadX));
    double y = y0 + (box - lines.size() * line_height(size)) / 2;
    for (const std::string& l : lines) {
      text(x0 + (w - font().width(l, size)) / 2, y + (line_height(size) - size) / 2 + size * kAscent, size, l);
      y += line_height(size);
    }
  };
  line(xs.front(), top, xs.back(), top, 0.8);
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const TableColumn& c = t.columns[i];
    double x0 = xs[i], w = c.width;
    if (c.group.empty()) {
      centred(c.label, x0, w, top, h);
    } else {
      bool first = i == 0 || t.columns[i - 1].group != c.group;
      if (first) {
        std::size_t j = i;
        double span = 0;
        for (; j < t.columns.size() && t.columns[j].group == c.group; ++j) span += t.columns[j].width;
        centred(c.group, x0, span, top, group_h);
        line(x0, top + group_h, x0 + span, top + group_h);
      }
      centred(c.label, x0, w, top + group_h, h - group_h);
    }
    // The border left of a grouped column starts below the group label.
    bool inside_group = !c.group.empty() && i > 0 && t.columns[i - 1].group == c.group;
    line(x0, inside_group ? top + group_h : top, x0, top + h);
  }
  line(xs.back(), top, xs.back(), top + h);
  line(xs.front(), top + h, xs.back(), top + h, 0.8);
  y_ += h;
}

void Typesetter::table(const Table& t) {
  const double size = t.font_size;
  std::vector<double> xs{margin_};
  for (const TableColumn& c : t.columns) xs.push_back(xs.back() + c.width);

  ensure(header_height(t, size) + std::max(t.min_row_height, line_height(size) + 2 * kCellPadY));
  draw_header(t, xs, size);

  struct Laid {
    double size;
    std::vector<std::string> lines;
  };
  std::vector<Laid> laid(t.columns.size());
  // Column borders run from the header to the last row on each page: one
  // line per column instead of one per cell keeps the PDF small and fast.
  double body_top = y_;
  auto close_columns = [&] {
    if (y_ > body_top)
      for (double x : xs) line(x, body_top, x, y_);
  };
  for (const std::vector<Cell>& row : t.rows) {
    double h = t.min_row_height;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const Cell* cell = i < row.size() ? &row[i] : nullptr;
      double inner = std::max(1.0, t.columns[i].width - 2 * kCellPadX);
      Laid& l = laid[i];
      l.size = size;
      l.lines.clear();
      if (!cell || cell->text.empty()) continue;
      if (cell->one_line) {
        double w = font().width(cell->text, size);
        if (w > inner) l.size = std::max(size * kMinShrink, size * inner / w);
      }
      l.lines = breaker_.wrap(cell->text, l.size, inner);
      h = std::max(h, l.lines.size() * line_height(l.size) + 2 * kCellPadY);
    }
    h = std::max(h, line_height(size) + 2 * kCellPadY);
    if (y_ + h > page_height_ - margin_) {
      close_columns();
      new_page();
      draw_header(t, xs, size);
      body_top = y_;
    }
    double top = y_;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const Laid& l = laid[i];
      Align align = i < row.size() ? row[i].align : Align::left;
      double lh = line_height(l.size);
      double y = top + (h - l.lines.size() * lh) / 2;
      for (const std::string& s : l.lines) {
        double w = font().width(s, l.size);
        double x = align == Align::left     ? xs[i] + kCellPadX
                   : align == Align::center ? xs[i] + (t.columns[i].width - w) / 2
                                            : xs[i + 1] - kCellPadX - w;
        text(x, y + (lh - l.size) / 2 + l.size * kAscent, l.size, s);
        y += lh;
      }
    }
    line(xs.front(), top + h, xs.back(), top + h);
    y_ += h;
  }
  close_columns();
  y_ += 4;
}

}  // namespace fangyi::pdf

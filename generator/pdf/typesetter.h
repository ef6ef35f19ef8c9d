// Flowing blocks down A4 pages: headings, wrapped paragraphs, label-and-blank
// fields, and ruled tables whose rows grow to fit their wrapped cells, whose
// header repeats on every page, and whose single-line cells (names) shrink
// their type rather than clip. Fills a Document; knows nothing of forms.
#pragma once

#include <string>
#include <vector>

#include "pdf/line_break.h"
#include "pdf/page.h"

namespace fangyi::pdf {

enum class Align { left, center, right };

struct Cell {
  std::string text;
  Align align = Align::left;
  bool one_line = false;  // shrink the type to keep it on one line
};

struct TableColumn {
  double width = 0;   // points
  std::string label;
  std::string group;  // columns sharing a group get a spanning label above
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<Cell>> rows;
  double font_size = 9;
  double min_row_height = 0;  // room to write by hand
};

// A label followed by its value (or a blank line to write on).
struct LabeledField {
  std::string label;
  std::string value;
  double width = 0;  // points; 0 = share the line
};

class Typesetter {
 public:
  Typesetter(Document& doc, const Font& font, bool landscape);

  double content_width() const { return page_width_ - 2 * margin_; }
  double left() const { return margin_; }
  // Starts a new page (the first block starts one by itself).
  void new_page();
  void space(double points);
  // Header text on each page of the current copy, top right (e.g. 附件3).
  void set_corner(std::string text) { corner_ = std::move(text); }

  void heading(const std::string& text, double size);
  // A wrapped paragraph; `indent` shifts every line, `hanging` is a prefix
  // (一、) set before the first line with later lines aligned after it.
  void paragraph(const std::string& text, double size, double indent = 0, const std::string& hanging = {});
  // Fields in a row, each "label：value" with the value underlined.
  void fields(const std::vector<LabeledField>& row, double size);
  void table(const Table& t);
  void dashed_rule();

  const Font& font() const { return breaker_.font(); }
  LineBreaker& breaker() { return breaker_; }

 private:
  Page& page();
  void ensure(double height);
  void text(double x, double baseline, double size, std::string s);
  void line(double x1, double y1, double x2, double y2, double width = 0.5, bool dashed = false);
  void draw_header(const Table& t, const std::vector<double>& xs, double size);
  double header_height(const Table& t, double size);

  Document& doc_;
  LineBreaker breaker_;
  double page_width_, page_height_;
  double margin_;
  double y_ = 0;  // next free y on the current page
  bool have_page_ = false;
  std::string corner_;
};

}  // namespace fangyi::pdf

// Draws a Schedule as an SVG grid of days.
#include <algorithm>
#include <map>

#include "core/text.h"
#include "html/escape.h"
#include "html/svg.h"

namespace fangyi::html {
namespace {

constexpr int kLabelWidth = 96;
constexpr int kRow = 22;

std::string num(double v) { return format_number(v); }

std::string text_el(double x, double y, const std::string& s, const std::string& cls, const char* anchor = "middle") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" class=\"" + cls + "\" text-anchor=\"" + anchor + "\">" +
         escape(s) + "</text>";
}

std::string rect(double x, double y, double w, double h, const std::string& cls) {
  return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\" class=\"" +
         cls + "\"/>";
}

const char* day_class(const rules::ScheduleDay& d) {
  if (d.phase.empty()) return "tl-none";
  if (d.confined) return d.extended ? "tl-confined tl-extended" : "tl-confined";
  return d.at_school ? "tl-school" : "tl-home";
}

}  // namespace

std::string timeline_svg(const rules::Schedule& s, bool dates, Lang lang) {
  // One column per day, plus one for the day after the end, where release or
  // return to school often falls.
  const int columns = static_cast<int>(s.days.size()) + 1;
  const int cell = std::clamp(680 / std::max(columns, 1), 24, 52);
  std::vector<std::string> tests;
  for (const auto& d : s.days)
    for (const auto& t : d.tests)
      if (std::find(tests.begin(), tests.end(), t) == tests.end()) tests.push_back(t);

  const int y_day = 0, y_date = kRow, y_phase = (dates ? 2 : 1) * kRow, y_read = y_phase + kRow + 6;
  const int y_tests = y_read + kRow;
  const int y_marks = y_tests + static_cast<int>(tests.size()) * kRow + 4;
  const int height = y_marks + 2 * kRow + 4;
  const int width = kLabelWidth + columns * cell + 8;

  std::string o;
  o += "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
       std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" role=\"img\" aria-label=\"" +
       escape(format_message(Msg::site_timeline_label, lang, {s.scheme_name})) + "\">\n";
  o += "<title>" + escape(format_message(Msg::site_timeline_label, lang, {s.scheme_name})) + "</title>\n";
  o += text_el(4, y_day + 15, format_message(Msg::site_tl_day, lang), "tl-label", "start");
  if (dates) o += text_el(4, y_date + 15, format_message(Msg::site_tl_date, lang), "tl-label", "start");
  o += text_el(4, y_phase + 15, format_message(Msg::site_tl_phase, lang), "tl-label", "start");
  o += text_el(4, y_read + 15, format_message(Msg::site_tl_readings, lang), "tl-label", "start");
  for (std::size_t t = 0; t < tests.size(); ++t)
    o += text_el(4, y_tests + static_cast<int>(t) * kRow + 15, tests[t], "tl-label", "start");
  o += "\n";

  auto x_of = [&](int column) { return kLabelWidth + column * cell; };
  for (int c = 0; c < columns; ++c) {
    bool after = c == static_cast<int>(s.days.size());
    Date date = after ? s.end : s.days[c].date;
    double cx = x_of(c) + cell / 2.0;
    o += text_el(cx, y_day + 15, after ? "→" : std::to_string(s.days[c].day), "tl-day");
    std::string md = format_date(date).substr(5);  // MM-DD
    std::replace(md.begin(), md.end(), '-', '/');
    if (dates) o += text_el(cx, y_date + 15, md, "tl-date");
    o += rect(x_of(c) + 1, y_phase, cell - 2, kRow, after ? "tl-none" : day_class(s.days[c]));
    if (!after) {
      const auto& readings = s.days[c].readings;
      for (std::size_t r = 0; r < readings.size(); ++r) {
        double rx = cx + (static_cast<double>(r) - (readings.size() - 1) / 2.0) * 9;
        o += "<circle cx=\"" + num(rx) + "\" cy=\"" + num(y_read + 11) + "\" r=\"3.5\" class=\"tl-reading\"><title>" +
             escape(readings[r]) + "</title></circle>";
      }
      for (std::size_t t = 0; t < tests.size(); ++t) {
        if (std::find(s.days[c].tests.begin(), s.days[c].tests.end(), tests[t]) != s.days[c].tests.end())
          o += rect(x_of(c) + 1, y_tests + static_cast<int>(t) * kRow + 4, cell - 2, kRow - 8, "tl-test");
      }
    }
    o += "\n";
  }
  // Phase names over their runs of days.
  for (std::size_t i = 0; i < s.days.size();) {
    std::size_t j = i;
    while (j < s.days.size() && s.days[j].phase == s.days[i].phase) ++j;
    if (!s.days[i].phase.empty()) {
      double mid = (x_of(static_cast<int>(i)) + x_of(static_cast<int>(j))) / 2.0;
      o += text_el(mid, y_phase + 15, s.days[i].phase, "tl-phase-name");
    }
    i = j;
  }
  // Release and return-to-school markers on the column of their date.
  auto mark = [&](const std::optional<Date>& when, Msg label, int row, const char* cls) {
    if (!when) return;
    int c = static_cast<int>(*when - s.day0);
    if (c < 0 || c >= columns) return;
    double x = x_of(c) + 2;
    o += "<line x1=\"" + num(x) + "\" y1=\"" + num(y_phase) + "\" x2=\"" + num(x) + "\" y2=\"" +
         num(y_marks + row * kRow + 16) + "\" class=\"" + cls + "\"/>";
    bool near_end = x > width - 160;  // keep the label inside the drawing
    o += text_el(near_end ? x - 3 : x + 3, y_marks + row * kRow + 15,
                 format_message(label, lang) + " " +
                     (dates ? format_date(*when) : format_message(Msg::site_day_n, lang, {std::to_string(c)})),
                 std::string(cls) + "-text",
                 near_end ? "end" : "start");
  };
  mark(s.release, Msg::site_tl_release, 0, "tl-release");
  mark(s.return_to_school, Msg::site_tl_return, 1, "tl-return");
  o += "</svg>\n";
  return o;
}

}  // namespace fangyi::html

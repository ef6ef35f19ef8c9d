// Draws a cohort's ordered branches as a decision chart.
#include "core/text.h"
#include "html/escape.h"
#include "html/svg.h"

namespace fangyi::html {
namespace {

constexpr int kWidth = 760;
constexpr int kLeftX = 10, kLeftW = 440;
constexpr int kRightX = 500, kRightW = 250;
constexpr int kLine = 17;
constexpr int kGap = 34;

// Lines of at most `cells` terminal cells (CJK counts two), broken anywhere:
// expressions and Chinese have no spaces to break at.
std::vector<std::string> wrap(std::string_view text, int cells) {
  std::vector<std::string> lines(1);
  int used = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    char32_t cp = next_code_point(text, i);
    int w = display_width(cp);
    if (used + w > cells) {
      lines.emplace_back();
      used = 0;
    }
    lines.back().append(text, at, i - at);
    used += w;
  }
  return lines;
}

std::string text_lines(int x, int y, const std::vector<std::string>& lines, const char* cls) {
  std::string o;
  for (std::size_t i = 0; i < lines.size(); ++i)
    o += "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y + static_cast<int>(i) * kLine) +
         "\" class=\"" + cls + "\">" + escape(lines[i]) + "</text>";
  return o;
}

std::string box(int x, int y, int w, int h, const char* cls) {
  return "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(w) +
         "\" height=\"" + std::to_string(h) + "\" rx=\"6\" class=\"" + cls + "\"/>";
}

std::string arrow(int x1, int y1, int x2, int y2, const std::string& head) {
  return "<line x1=\"" + std::to_string(x1) + "\" y1=\"" + std::to_string(y1) + "\" x2=\"" + std::to_string(x2) +
         "\" y2=\"" + std::to_string(y2) + "\" class=\"ch-arrow\" marker-end=\"url(#" + head + ")\"/>";
}

}  // namespace

std::string cohort_svg(const rules::Cohort& c, const rules::RuleSet& rules,
                       const std::function<std::string(const std::string&)>& scheme_href, Lang lang) {
  // Marker ids are per chart: a page holds several charts.
  const std::string head = "ch-head-" + c.header.id;
  std::string body;
  int y = 10;
  std::vector<std::string> start = wrap(format_message(Msg::site_cohort_start, lang, {c.dataset}), 52);
  int h = static_cast<int>(start.size()) * kLine + 14;
  body += box(kLeftX, y, kLeftW, h, "ch-start") + text_lines(kLeftX + 10, y + 19, start, "ch-text");
  y += h;
  for (const auto& br : c.branches) {
    body += arrow(kLeftX + kLeftW / 2, y, kLeftX + kLeftW / 2, y + kGap - 2, head);
    if (&br != &c.branches.front())
      body += "<text x=\"" + std::to_string(kLeftX + kLeftW / 2 + 6) + "\" y=\"" + std::to_string(y + 20) +
              "\" class=\"ch-no\">" + escape(format_message(Msg::site_cohort_no, lang)) + "</text>";
    y += kGap;
    std::vector<std::string> title = wrap(br.name, 52);
    std::vector<std::string> cond = wrap(format_message(Msg::site_cohort_when, lang, {br.when.source}), 58);
    int lh = static_cast<int>(title.size() + cond.size()) * kLine + 16;

    // A family names its versions; the chart shows the family's latest name.
    const rules::Scheme* s = rules.scheme(br.scheme);
    for (const auto& sc : rules.schemes)
      if (sc.family == br.scheme && (!s || (sc.header.effective_from && (!s->header.effective_from ||
                                                                        *s->header.effective_from < *sc.header.effective_from))))
        s = &sc;
    std::vector<std::string> target = wrap(s ? s->header.name : br.scheme, 28);
    std::vector<std::string> day0 = wrap(format_message(Msg::site_cohort_day0, lang, {br.day0.source}), 34);
    int rh = static_cast<int>(target.size() + day0.size()) * kLine + 16;
    int row = std::max(lh, rh);

    body += box(kLeftX, y, kLeftW, row, "ch-branch");
    body += text_lines(kLeftX + 10, y + 20, title, "ch-title");
    body += text_lines(kLeftX + 10, y + 20 + static_cast<int>(title.size()) * kLine, cond, "ch-code");
    body += arrow(kLeftX + kLeftW, y + row / 2, kRightX - 2, y + row / 2, head);
    body += "<text x=\"" + std::to_string(kLeftX + kLeftW + 12) + "\" y=\"" + std::to_string(y + row / 2 - 6) +
            "\" class=\"ch-yes\">" + escape(format_message(Msg::site_cohort_yes, lang)) + "</text>";
    std::string href = scheme_href(br.scheme);
    std::string target_box = box(kRightX, y, kRightW, row, "ch-scheme") +
                             text_lines(kRightX + 10, y + 20, target, "ch-title") +
                             text_lines(kRightX + 10, y + 20 + static_cast<int>(target.size()) * kLine, day0, "ch-code");
    body += href.empty() ? target_box : "<a href=\"" + escape(href) + "\">" + target_box + "</a>";
    y += row;
  }
  body += arrow(kLeftX + kLeftW / 2, y, kLeftX + kLeftW / 2, y + kGap - 2, head);
  body += "<text x=\"" + std::to_string(kLeftX + kLeftW / 2 + 6) + "\" y=\"" + std::to_string(y + 20) +
          "\" class=\"ch-no\">" + escape(format_message(Msg::site_cohort_no, lang)) + "</text>";
  y += kGap;
  std::vector<std::string> none = wrap(format_message(Msg::site_cohort_none, lang), 52);
  h = static_cast<int>(none.size()) * kLine + 14;
  body += box(kLeftX, y, kLeftW, h, "ch-none") + text_lines(kLeftX + 10, y + 19, none, "ch-text");
  y += h + 10;

  std::string label = format_message(Msg::site_cohort_chart, lang, {c.header.name});
  return "<svg class=\"cohort-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(kWidth) +
         " " + std::to_string(y) + "\" width=\"" + std::to_string(kWidth) + "\" role=\"img\" aria-label=\"" +
         escape(label) + "\">\n<title>" + escape(label) +
         "</title>\n<defs><marker id=\"" + head + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
         "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"ch-head\"/></marker></defs>\n" +
         body + "</svg>\n";
}

}  // namespace fangyi::html

// Generated page bodies.
#include "html/page_builder.h"

#include "html/escape.h"

namespace fangyi::html {

PageBuilder::PageBuilder(std::string file, std::string title, PageGroup group) {
  page_.file = std::move(file);
  page_.title = std::move(title);
  page_.group = group;
  std::string id = heading_id(page_.title, taken_);
  page_.headings.push_back(Heading{1, page_.title, id});
  page_.body = "<h1 id=\"" + escape(id) + "\">" + escape(page_.title) + "</h1>\n";
}

std::string PageBuilder::heading(int level, std::string_view text) {
  std::string id = heading_id(text, taken_);
  page_.headings.push_back(Heading{level, std::string(text), id});
  std::string n = std::to_string(level);
  page_.body += "<h" + n + " id=\"" + escape(id) + "\">" + escape(text) + "<a class=\"anchor\" href=\"#" + escape(id) +
                "\" aria-hidden=\"true\">#</a></h" + n + ">\n";
  return id;
}

void PageBuilder::paragraph(std::string_view text, std::string_view extra_html) {
  page_.body += "<p>" + escape(text);
  if (!extra_html.empty()) page_.body += std::string(" ") + std::string(extra_html);
  page_.body += "</p>\n";
}

std::string table_html(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       std::string_view cls) {
  std::string o = cls.empty() ? "<table>\n" : "<table class=\"" + escape(cls) + "\">\n";
  o += "<thead><tr>";
  for (const auto& h : header) o += "<th>" + escape(h) + "</th>";
  o += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    o += "<tr>";
    for (const auto& cell : row) o += "<td>" + cell + "</td>";
    o += "</tr>\n";
  }
  return o + "</tbody>\n</table>\n";
}

}  // namespace fangyi::html

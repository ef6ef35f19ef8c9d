// Builds the body of a generated page: headings with unique ids (collected
// for the sidebar and print view), escaped text and ready-made HTML.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "html/page.h"

namespace fangyi::html {

class PageBuilder {
 public:
  PageBuilder(std::string file, std::string title, PageGroup group);
  // A heading of `level` (2..4); returns its id.
  std::string heading(int level, std::string_view text);
  void html(std::string_view fragment) { page_.body += fragment; }
  void paragraph(std::string_view text, std::string_view extra_html = "");
  Page finish() { return std::move(page_); }

 private:
  Page page_;
  std::vector<std::string> taken_;
};

// <table> with a header row; cells are HTML (escape text before).
std::string table_html(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       std::string_view cls = "");

}  // namespace fangyi::html

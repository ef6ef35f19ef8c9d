// Lays pages out with the templates in templates/ (mustache, via
// kainjow/mustache): page.html for each page, print.html for the one-page
// print view. Also writes nav.js, the sidebar's data, which the shared
// toc.js turns into the table of contents on every page — one copy of the
// contents for the whole site instead of one per page.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/lang.h"
#include "html/page.h"

namespace fangyi::html {

class Layout {
 public:
  // Reads and parses DIR/page.html and DIR/print.html; errors name the file.
  static std::optional<Layout> load(const std::string& templates_dir, Lang lang, Diagnostics& diags);
  Layout(Layout&&) noexcept;
  ~Layout();

  // Both may be called from several threads at once.
  std::string page(const Page& p, const Page* prev, const Page* next) const;
  std::string print(const std::vector<Page>& pages) const;

 private:
  struct Templates;
  explicit Layout(std::unique_ptr<Templates> t, Lang lang);
  std::unique_ptr<Templates> t_;
  Lang lang_;
};

// window.FANGYI_NAV: the groups, their pages and each page's headings.
std::string nav_js(const std::vector<Page>& pages, Lang lang);


}  // namespace fangyi::html

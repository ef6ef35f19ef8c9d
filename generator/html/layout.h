// Lays pages out with the templates in templates/ (mustache, via
// kainjow/mustache): page.html for each page, print.html for the one-page
// print view. Also writes nav.js, the sidebar's data, which the shared
// toc.js turns into the table of contents on every page — one copy of the
// contents for the whole site instead of one per page.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
  // page.html for `p`, appended to `out`.
  void page(const Page& p, const Page* prev, const Page* next, std::string& out) const;
  // print.html for `pages`, appended to `parts`: each chapter's body as it
  // is, in pieces with its anchors scoped (html/anchor_scope.h), and the
  // text around them kept in `texts`, a deque so that what it already holds
  // stays where it is. The print view is megabytes; it is written from the
  // parts, not copied.
  void print(const std::vector<Page>& pages, std::deque<std::string>& texts,
             std::vector<std::string_view>& parts) const;

 private:
  struct Templates;
  explicit Layout(std::unique_ptr<Templates> t, Lang lang);
  std::unique_ptr<Templates> t_;
  Lang lang_;
};

// window.FANGYI_NAV: the groups, their pages and each page's headings.
std::string nav_js(const std::vector<Page>& pages, Lang lang);

}  // namespace fangyi::html

// Markdown to HTML for the handbook's hand-written pages: cmark-gfm with the
// GFM extensions (tables, autolinks, strikethrough, task lists) and raw HTML
// filtered out (no CMARK_OPT_UNSAFE, plus the tagfilter extension). Every
// heading gets an id and a self-link, so pages can be linked into.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fangyi::html {

// A hand-written page larger than this is refused when it is read: the
// handbook's pages are a few KB, and cmark-gfm holds a page's whole tree.
inline constexpr std::size_t kMaxPageBytes = std::size_t{4} << 20;

struct Heading {
  int level = 1;
  std::string text;
  std::string id;
};

struct RenderedMarkdown {
  std::string title;  // the first level-1 heading; empty when there is none
  std::string html;
  std::vector<Heading> headings;
};

// Safe to call from several threads at once.
RenderedMarkdown render_markdown(std::string_view markdown);

// An anchor id for a heading: letters, digits and CJK characters kept
// (lower-cased), spaces and other characters folded to single '-'. `taken`
// holds the ids used so far on the page; a repeat gets -2, -3, ...
std::string heading_id(std::string_view text, std::vector<std::string>& taken);

}  // namespace fangyi::html

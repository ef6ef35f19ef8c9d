// The handbook's full-text search index, built when the site is rendered and
// shipped as a script (search-index.js sets window.FANGYI_SEARCH), because a
// page opened from file:// may not fetch JSON. Terms are the words ICU's
// word segmentation finds (zh_TW dictionary) plus every pair of adjacent CJK
// characters, so a query matches even where the dictionary split differently
// (快篩, 自主防疫, 漂白水, 九宮格). search.js splits queries the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fangyi::html {

struct SearchDoc {
  std::string url;
  std::string title;
  std::string text;    // the page's readable text
  std::string headings;  // its section headings, joined: terms there weigh more
  bool source = false; // a seed page: ranked below handbook pages
};

// Lower-cased ICU words (punctuation and spaces dropped) followed by the CJK
// bigrams of `text`, in order, with repeats.
std::vector<std::string> index_terms(std::string_view text);

// window.FANGYI_SEARCH = {docs: [[url, title, text, source]...],
//                         terms: {term: [doc, weight, doc, weight, ...]}}
// Weight: occurrences in the text, plus 5 per occurrence in a heading and 10
// in the title: a page with the word in a heading is about it.
std::string search_index_js(const std::vector<SearchDoc>& docs);

}  // namespace fangyi::html

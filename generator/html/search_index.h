// The handbook's full-text search index, built when the site is rendered and
// shipped as a script (search-index.js sets window.FANGYI_SEARCH), because a
// page opened from file:// may not fetch JSON. Terms are the words ICU's
// word segmentation finds (zh_TW dictionary) plus every pair of adjacent CJK
// characters, so a query matches even where the dictionary split differently
// (快篩, 自主防疫, 漂白水, 九宮格). search.js splits queries the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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

// Hash and equality that look strings up by string_view, with no copy.
struct TermHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
struct TermEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};
template <class V>
using TermMap = std::unordered_map<std::string, V, TermHash, TermEq>;

// A document's terms with their weights (see search_index_js), in no
// order; the views point into the TermCounter that counted them.
using DocTerms = std::vector<std::pair<std::string_view, int>>;

// Counts documents' terms, one thread per counter. Handbook text repeats
// itself (the same sentences in pages, headings and titles; generated pages
// repeat their phrases) and dictionary segmentation is the index's main
// cost, so a counter segments each piece of text once: texts are cut
// before spaces that certainly end a word, and pieces up to 512 bytes are
// remembered as the numbers of their terms, which are counted in an array.
class TermCounter {
 public:
  DocTerms count(const SearchDoc& doc);

 private:
  static constexpr std::size_t kMaxCached = 512;
  uint32_t id(std::string_view term);
  void add(uint32_t id, int weight);
  void add_text(std::string_view text, int weight);
  void add_piece(std::string_view piece, int weight);

  TermMap<uint32_t> ids_;
  std::deque<std::string> terms_;  // by id; a deque, so views stay valid
  TermMap<std::vector<uint32_t>> pieces_;
  std::vector<int> weights_;       // by id, for the document being counted
  std::vector<uint32_t> touched_;  // the ids with a weight, in order
};

// window.FANGYI_SEARCH = {docs: [[url, title, text, source]...],
//                         terms: {term: [doc, weight, doc, weight, ...]}}
// Weight: occurrences in the text, plus 5 per occurrence in a heading and 10
// in the title: a page with the word in a heading is about it.
// `jobs` threads segment the documents (0: one per core); the output is the
// same for any number.
std::string search_index_js(const std::vector<SearchDoc>& docs, std::size_t jobs = 0);
// The same from terms already counted, counted[d] for docs[d].
std::string search_index_js(const std::vector<SearchDoc>& docs, std::vector<DocTerms> counted);

}  // namespace fangyi::html

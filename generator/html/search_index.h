// The handbook's full-text search index, built when the site is rendered and
// shipped as a script (search-index.js sets window.FANGYI_SEARCH), because a
// page opened from file:// may not fetch JSON. Terms are the words ICU's
// word segmentation finds (zh_TW dictionary) plus every pair of adjacent CJK
// characters, so a query matches even where the dictionary split differently
// (快篩, 自主防疫, 漂白水, 九宮格). search.js splits queries the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "html/page.h"

namespace fangyi::html {

struct SearchDoc {
  std::string url;
  std::string title;
  std::string text;    // the page's readable text
  std::string headings;  // its section headings, joined: terms there weigh more
  bool source = false; // a seed page: ranked below handbook pages
};

// A page as the index takes it: its text, and its headings below the title.
SearchDoc search_doc(const Page& p);

// Lower-cased ICU words (punctuation and spaces dropped) followed by the CJK
// bigrams of `text`, in order, with repeats.
std::vector<std::string> index_terms(std::string_view text);

// A document's terms with their weights (see the index script below), in no
// order, as the numbers the TermCounter that counted them gave its terms.
using DocTerms = std::vector<std::pair<uint32_t, int>>;

// Strings numbered in the order they were first added, looked up by
// string_view with no copy: an open-addressing table of hashes, numbers and
// places over one buffer holding the strings end to end. The index looks
// terms and text pieces up hundreds of thousands of times; node-based maps
// spent most of that time chasing pointers.
class StringNumbers {
 public:
  // The number of `s`, adding it when new (its number is then size() - 1).
  uint32_t number(std::string_view s);
  std::size_t size() const { return starts_.size() - 1; }
  // Valid until the next string is added.
  std::string_view operator[](uint32_t n) const {
    return std::string_view(text_).substr(starts_[n], starts_[n + 1] - starts_[n]);
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t number = kEmpty;
    uint32_t start = 0;
    uint32_t size = 0;
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;
  void grow();
  std::vector<Slot> slots_;
  std::string text_;                    // the strings, end to end
  std::vector<uint32_t> starts_{0};     // string n is text_[starts_[n], starts_[n + 1])
};

// Counts documents' terms, one thread per counter. Handbook text repeats
// itself (the same sentences in pages, headings and titles; generated pages
// repeat their phrases) and dictionary segmentation is the index's main
// cost, so a counter segments each piece of text once: texts are cut
// before spaces that certainly end a word, between CJK characters and CJK
// punctuation, and at line feeds, and pieces up to 512 bytes are
// remembered as the numbers of their terms, which are counted in an array.
class TermCounter {
 public:
  DocTerms count(const SearchDoc& doc);
  // The terms, by number.
  const StringNumbers& terms() const { return terms_; }

 private:
  static constexpr std::size_t kMaxCached = 512;
  uint32_t id(std::string_view term);
  void add(uint32_t id, int weight);
  void add_text(std::string_view text, int weight);
  void add_piece(std::string_view piece, int weight);

  StringNumbers terms_;
  StringNumbers pieces_;
  // The terms of piece n: piece_terms_[piece_starts_[n] .. piece_starts_[n + 1]).
  std::vector<uint32_t> piece_starts_{0};
  std::vector<uint32_t> piece_terms_;
  std::vector<int> piece_weights_;        // by piece, for the document being counted
  std::vector<uint32_t> touched_pieces_;  // the pieces with a weight
  std::vector<int> weights_;       // by id, for the document being counted
  std::vector<uint32_t> touched_;  // the ids with a weight, in order
};

// The index is the script
//   window.FANGYI_SEARCH = {docs: [[url, title, text, source]...],
//                           terms: {term: [doc, weight, doc, weight, ...]}}
// Weight: occurrences in the text, plus 5 per occurrence in a heading and 10
// in the title: a page with the word in a heading is about it. It is made
// in parts, so that the documents' texts (megabytes) are written from
// where they are.

// A document of the index: views of its strings as the list shows them,
// and its terms as counters[counted_by] numbered them.
struct IndexDoc {
  std::string_view url, title, text;
  bool source = false;
  DocTerms terms;
  std::size_t counted_by = 0;
};
// The script, appended to `parts`: views of the documents' strings (their
// runs that need no escaping) and of `terms`, where the terms object is
// made, with the JSON around and between them. The documents' strings and
// `terms` must outlive the parts. The same whichever counter counted which
// document.
void search_index_parts(const std::vector<TermCounter>& counters, const std::vector<IndexDoc>& docs,
                        std::string& terms, std::vector<std::string_view>& parts);
// The whole script in one string, `docs` counted on `jobs` threads (0: one
// per core); the same for any number.
std::string search_index_js(const std::vector<SearchDoc>& docs, std::size_t jobs = 0);

}  // namespace fangyi::html

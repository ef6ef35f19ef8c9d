// Segments text with ICU and writes the index script.
#include "html/search_index.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <unordered_map>
#include <memory>

#include "core/json.h"
#include "core/text.h"
#include "html/parallel.h"

namespace fangyi::html {
namespace {

bool is_cjk(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FA1F);
}

bool is_word_char(char32_t cp) {
  return is_cjk(cp) || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7);
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// One segmenter per thread: creating a dictionary break iterator is costly,
// and render_site indexes many pages.
icu::BreakIterator* word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale("zh_TW"), status));
    return U_FAILURE(status) ? nullptr : std::move(bi);
  }();
  return it.get();
}

// Calls `emit` with each term of `text`: the ICU words, then the bigrams.
// ICU reads the UTF-8 text in place (UText), so its break positions are
// byte offsets into `text` and words need no conversion.
template <class Emit>
void for_each_term(std::string_view text, Emit&& emit) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  icu::BreakIterator* bi = word_iterator();
  if (bi && U_SUCCESS(status)) {
    bi->setText(ut, status);
    std::string lowered;
    int32_t start = bi->first();
    for (int32_t end = bi->next(); U_SUCCESS(status) && end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
      // Rule status 0 (UBRK_WORD_NONE) is spaces and punctuation.
      if (bi->getRuleStatus() == UBRK_WORD_NONE) continue;
      std::string_view word = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
      std::size_t i = 0;
      if (word.empty() || !is_word_char(next_code_point(word, i))) continue;
      if (std::any_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        lowered = lower_ascii(std::string(word));
        emit(std::string_view(lowered));
      } else {
        emit(word);
      }
    }
  }
  utext_close(ut);
  // Bigrams over each run of CJK characters.
  bool prev_cjk = false;
  std::size_t prev_at = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    bool cjk = is_cjk(next_code_point(text, i));
    if (cjk && prev_cjk) emit(text.substr(prev_at, i - prev_at));
    prev_cjk = cjk;
    prev_at = at;
  }
}

}  // namespace

std::vector<std::string> index_terms(std::string_view text) {
  std::vector<std::string> terms;
  for_each_term(text, [&](std::string_view t) { terms.emplace_back(t); });
  return terms;
}

namespace {

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

}  // namespace

std::string search_index_js(const std::vector<SearchDoc>& docs) {
  // Each document's terms are counted on their own (in parallel: ICU's
  // segmentation is most of the cost), then appended in document order, so
  // the postings need no sorting and the output does not depend on timing.
  std::vector<std::vector<std::pair<std::string, int>>> counted(docs.size());
  parallel_for(docs.size(), [&](std::size_t d) {
    TermMap<int> counts;
    auto add = [&counts](int weight) {
      return [&counts, weight](std::string_view t) {
        auto it = counts.find(t);
        if (it == counts.end()) it = counts.emplace(std::string(t), 0).first;
        it->second += weight;
      };
    };
    for_each_term(docs[d].text, add(1));
    for_each_term(docs[d].headings, add(5));
    for_each_term(docs[d].title, add(10));
    counted[d].reserve(counts.size());
    for (auto& [term, weight] : counts) counted[d].emplace_back(term, weight);
  });
  TermMap<std::vector<std::pair<uint32_t, int>>> postings;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    for (auto& [term, weight] : counted[d]) {
      auto it = postings.find(term);
      if (it == postings.end()) it = postings.emplace(std::move(term), std::vector<std::pair<uint32_t, int>>{}).first;
      it->second.emplace_back(static_cast<uint32_t>(d), weight);
    }
    counted[d].clear();
    counted[d].shrink_to_fit();
  }
  std::vector<const std::string*> terms;
  terms.reserve(postings.size());
  for (const auto& [term, hits] : postings) terms.push_back(&term);
  std::sort(terms.begin(), terms.end(), [](const std::string* a, const std::string* b) { return *a < *b; });

  std::string out = "window.FANGYI_SEARCH={\"docs\":[";
  for (std::size_t d = 0; d < docs.size(); ++d) {
    if (d) out += ",\n";
    out += "[" + json_escape(docs[d].url) + "," + json_escape(docs[d].title) + "," + json_escape(docs[d].text) + "," +
           (docs[d].source ? "1" : "0") + "]";
  }
  out += "],\n\"terms\":{";
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i) out += ",";
    out += "\n" + json_escape(*terms[i]) + ":[";
    const auto& hits = postings.find(*terms[i])->second;
    for (std::size_t h = 0; h < hits.size(); ++h) {
      if (h) out += ",";
      out += std::to_string(hits[h].first) + "," + std::to_string(hits[h].second);
    }
    out += "]";
  }
  return out + "}};\n";
}

}  // namespace fangyi::html

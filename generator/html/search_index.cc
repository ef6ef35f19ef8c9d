// Segments text with ICU and writes the index script.
#include "html/search_index.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "core/json.h"
#include "core/text.h"
#include "core/parallel.h"

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

// Whether ICU's word segmentation certainly breaks before a space that
// follows `cp`, with nothing before the space changing how the text after
// it is segmented: true after ASCII letters, digits and punctuation, CJK
// characters and CJK and full-width punctuation; not after another space
// (spaces stay together), nor after anything else (joiners, marks, other
// scripts), where the space is left alone.
bool splits_before_space(char32_t cp) {
  return (cp > ' ' && cp < 0x7F) || is_cjk(cp) || (cp > 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF5E);
}

}  // namespace

uint32_t TermCounter::id(std::string_view term) {
  auto it = ids_.find(term);
  if (it != ids_.end()) return it->second;
  auto n = static_cast<uint32_t>(terms_.size());
  terms_.emplace_back(term);
  weights_.push_back(0);
  ids_.emplace(std::string(term), n);
  return n;
}

void TermCounter::add(uint32_t id, int weight) {
  if (weights_[id] == 0) touched_.push_back(id);
  weights_[id] += weight;
}

// Texts are cut before a space where segmentation certainly breaks (see
// above), so the terms of the pieces are exactly the terms of the whole: no
// word spans such a space, no CJK bigram crosses one.
void TermCounter::add_text(std::string_view text, int weight) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (i < text.size() && text[i] == ' ' && splits_before_space(cp)) {
      add_piece(text.substr(start, i - start), weight);
      start = i;
    }
  }
  add_piece(text.substr(start), weight);
}

void TermCounter::add_piece(std::string_view piece, int weight) {
  if (piece.size() > kMaxCached) {
    for_each_term(piece, [&](std::string_view t) { add(id(t), weight); });
    return;
  }
  auto it = pieces_.find(piece);
  if (it == pieces_.end()) {
    std::vector<uint32_t> ids;
    for_each_term(piece, [&](std::string_view t) { ids.push_back(id(t)); });
    it = pieces_.emplace(std::string(piece), std::move(ids)).first;
  }
  for (uint32_t n : it->second) add(n, weight);
}

DocTerms TermCounter::count(const SearchDoc& doc) {
  add_text(doc.text, 1);
  add_text(doc.headings, 5);
  add_text(doc.title, 10);
  DocTerms terms;
  terms.reserve(touched_.size());
  for (uint32_t n : touched_) {
    terms.emplace_back(terms_[n], weights_[n]);
    weights_[n] = 0;
  }
  touched_.clear();
  return terms;
}

std::string search_index_js(const std::vector<SearchDoc>& docs, std::size_t jobs) {
  const std::size_t workers = std::min(worker_count(jobs), std::max<std::size_t>(docs.size(), 1));
  std::vector<TermCounter> counters(workers);
  std::vector<DocTerms> counted(docs.size());
  parallel_for(docs.size(), workers, [&](std::size_t d, std::size_t worker) { counted[d] = counters[worker].count(docs[d]); });
  return search_index_js(docs, std::move(counted));
}

std::string search_index_js(const std::vector<SearchDoc>& docs, std::vector<DocTerms> counted) {
  // Each document's terms were counted on their own, possibly in parallel;
  // they are appended in document order, so the postings need no sorting
  // and the output does not depend on timing.
  TermMap<std::vector<std::pair<uint32_t, int>>> postings;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    for (const auto& [term, weight] : counted[d]) {
      auto it = postings.find(term);
      if (it == postings.end()) it = postings.emplace(std::string(term), std::vector<std::pair<uint32_t, int>>{}).first;
      it->second.emplace_back(static_cast<uint32_t>(d), weight);
    }
    counted[d].clear();
    counted[d].shrink_to_fit();
  }
  using Entry = std::pair<const std::string, std::vector<std::pair<uint32_t, int>>>;
  std::vector<const Entry*> terms;
  terms.reserve(postings.size());
  std::size_t hits = 0, text_bytes = 0;
  for (const auto& entry : postings) {
    terms.push_back(&entry);
    hits += entry.second.size();
  }
  std::sort(terms.begin(), terms.end(), [](const Entry* a, const Entry* b) { return a->first < b->first; });
  for (const auto& doc : docs) text_bytes += doc.url.size() + doc.title.size() + doc.text.size() + 16;

  // Appended piece by piece into one buffer sized for it: the index is
  // megabytes, and temporaries per document or per number would copy it.
  std::string out;
  out.reserve(text_bytes + text_bytes / 8 + hits * 10 + terms.size() * 16 + 64);
  out += "window.FANGYI_SEARCH={\"docs\":[";
  for (std::size_t d = 0; d < docs.size(); ++d) {
    if (d) out += ",\n";
    out += '[';
    out += json_escape(docs[d].url);
    out += ',';
    out += json_escape(docs[d].title);
    out += ',';
    out += json_escape(docs[d].text);
    out += docs[d].source ? ",1]" : ",0]";
  }
  out += "],\n\"terms\":{";
  char number[16];
  auto append_number = [&](long long n) {
    auto end = std::to_chars(number, number + sizeof number, n).ptr;
    out.append(number, static_cast<std::size_t>(end - number));
  };
  for (std::size_t i = 0; i < terms.size(); ++i) {
    out += i ? ",\n" : "\n";
    out += json_escape(terms[i]->first);
    out += ":[";
    const auto& postings_of = terms[i]->second;
    for (std::size_t h = 0; h < postings_of.size(); ++h) {
      if (h) out += ',';
      append_number(postings_of[h].first);
      out += ',';
      append_number(postings_of[h].second);
    }
    out += ']';
  }
  out += "}};\n";
  return out;
}

}  // namespace fangyi::html

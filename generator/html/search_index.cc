// Segments text with ICU and writes the index script.
#include "html/search_index.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <memory>

#include "core/json.h"
#include "core/text.h"
#include "core/parallel.h"
#include "html/escape.h"

namespace fangyi::html {
namespace {

constexpr bool is_cjk(char32_t cp) {
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
  // On the stack: opening it allocates nothing.
  UText stack_text = UTEXT_INITIALIZER;
  UText* ut = utext_openUTF8(&stack_text, text.data(), static_cast<int64_t>(text.size()), &status);
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
constexpr bool splits_before_space(char32_t cp) {
  return (cp > ' ' && cp < 0x7F) || is_cjk(cp) || (cp > 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF5E);
}

// CJK and full-width punctuation: ideographic comma and full stop,
// brackets and quotes, full-width ！（），：；？ and the like; not the
// iteration marks, 〇 or full-width letters and digits, which are letters.
constexpr bool is_cjk_punctuation(char32_t cp) {
  return (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) || (cp >= 0x3014 && cp <= 0x301F) ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
         (cp >= 0xFF5B && cp <= 0xFF64);
}

// What add_text asks of a character, as bits.
constexpr uint8_t kIdeograph = 1, kCjkPunctuation = 2, kEndsWordBeforeSpace = 4, kLineFeed = 8, kMixedBlock = 16;

constexpr uint8_t char_class(char32_t cp) {
  return static_cast<uint8_t>((is_cjk(cp) ? kIdeograph : 0) | (is_cjk_punctuation(cp) ? kCjkPunctuation : 0) |
                              (splits_before_space(cp) ? kEndsWordBeforeSpace : 0) | (cp == '\n' ? kLineFeed : 0));
}

// The class of every character of each block of 64 in the Basic
// Multilingual Plane where they all have the same, else kMixedBlock: a
// look-up instead of a dozen range tests per character.
constexpr std::array<uint8_t, 0x400> kBlockClass = [] {
  std::array<uint8_t, 0x400> blocks{};
  for (char32_t block = 0; block < blocks.size(); ++block) {
    const uint8_t first = char_class(block << 6);
    bool same = true;
    for (char32_t cp = block << 6; cp < (block + 1) << 6; ++cp) same = same && char_class(cp) == first;
    blocks[block] = same ? first : kMixedBlock;
  }
  return blocks;
}();

inline uint8_t class_of(char32_t cp) {
  const uint8_t block = cp < 0x10000 ? kBlockClass[cp >> 6] : kMixedBlock;
  return block == kMixedBlock ? char_class(cp) : block;
}

// Whether segmentation certainly breaks between two characters, either
// way round, with nothing before changing what comes after: between a CJK
// character and CJK punctuation, as the ideographs' dictionary runs end at
// the punctuation and the rules that keep punctuation inside a word (3.5,
// U.S.A) need a letter or digit on both sides; and before and after a line
// feed, where a word always ends (UAX #29, WB3a and WB3b: the headings of
// a page are counted one per line). Sentences are cut here too, so a
// sentence that recurs in other company is segmented once.
inline bool splits_between(uint8_t before, uint8_t after) {
  return ((before & kIdeograph) && (after & kCjkPunctuation)) || ((before & kCjkPunctuation) && (after & kIdeograph)) ||
         ((before | after) & kLineFeed);
}

}  // namespace

namespace {

// `bytes` (at most eight) bytes at `at` as the low bytes of a word.
inline uint64_t load(const char* at, std::size_t bytes) {
  uint64_t word = 0;
  std::memcpy(&word, at, bytes);
  return word;
}

// A hash of a string, eight bytes at a time: the strings numbered are
// pieces of sentences and words, a few to a few dozen bytes, looked up
// hundreds of thousands of times.
inline uint32_t hash_of(std::string_view s) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15u;
  const char* p = s.data();
  const std::size_t n = s.size();
  uint64_t h = n * kMultiplier;
  auto mix = [&](uint64_t word) {
    h = (h ^ word) * kMultiplier;
    h ^= h >> 29;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) mix(load(p + i, 8));
  // The rest in one word: the last eight bytes, overlapping what came
  // before, or for a short string its first and last four, or its first,
  // middle and last byte.
  if (i < n) {
    if (n >= 8)
      mix(load(p + n - 8, 8));
    else if (n >= 4)
      mix(load(p, 4) | (load(p + n - 4, 4) << 32));
    else
      mix(load(p, 1) | (load(p + n / 2, 1) << 8) | (load(p + n - 1, 1) << 16));
  }
  return static_cast<uint32_t>(h ^ (h >> 32));
}

// Whether `a` and `b`, of the same size, are equal: eight bytes at a time,
// in line, for the short strings numbered here (memcmp is a call away).
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  if (n < 8) {
    if (n >= 4) return load(a, 4) == load(b, 4) && load(a + n - 4, 4) == load(b + n - 4, 4);
    return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
  }
  for (std::size_t i = 0; i + 8 < n; i += 8)
    if (load(a + i, 8) != load(b + i, 8)) return false;
  return load(a + n - 8, 8) == load(b + n - 8, 8);
}

}  // namespace

uint32_t StringNumbers::number(std::string_view s) {
  if (size() * 2 >= slots_.size()) grow();
  const uint32_t hash = hash_of(s);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.number == kEmpty) {
      // Offsets are 32 bits: the index of a handbook is megabytes.
      slot = Slot{hash, static_cast<uint32_t>(size()), static_cast<uint32_t>(text_.size()),
                  static_cast<uint32_t>(s.size())};
      text_ += s;
      starts_.push_back(static_cast<uint32_t>(text_.size()));
      return slot.number;
    }
    if (slot.hash == hash && slot.size == s.size() && same_bytes(text_.data() + slot.start, s.data(), s.size()))
      return slot.number;
  }
}

// Doubles the table (a power of two, at most half full), placing every
// number again by its kept hash.
void StringNumbers::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(64, old.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.number == kEmpty) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].number != kEmpty) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

uint32_t TermCounter::id(std::string_view term) {
  uint32_t n = terms_.number(term);
  if (n == weights_.size()) weights_.push_back(0);
  return n;
}

void TermCounter::add(uint32_t id, int weight) {
  if (weights_[id] == 0) touched_.push_back(id);
  weights_[id] += weight;
}

// next_code_point, with what nearly all handbook text is (ASCII, and
// three-byte characters that cannot be overlong or surrogates: CJK,
// punctuation) decoded in line.
inline char32_t decode(std::string_view text, std::size_t& i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && i + 2 < text.size()) {
    const auto c1 = static_cast<unsigned char>(text[i + 1]), c2 = static_cast<unsigned char>(text[i + 2]);
    if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
      i += 3;
      return (char32_t(c & 0x0F) << 12) | (char32_t(c1 & 0x3F) << 6) | char32_t(c2 & 0x3F);
    }
  }
  return next_code_point(text, i);
}

// The end of the run of characters of the same class as the one that ends
// at `i`, in the two classes most text is made of: printable ASCII other
// than the space (class kEndsWordBeforeSpace), and ideographs of U+4E00 to
// U+9FFF (kIdeograph and kEndsWordBeforeSpace), three bytes each. Inside such
// a run no cut can fall, so only its ends are looked at.
inline std::size_t run_end(std::string_view text, std::size_t i, uint8_t run) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  if (run == kEndsWordBeforeSpace) {
    while (i < n && s[i] > ' ' && s[i] < 0x7F) ++i;
  } else if (run == (kIdeograph | kEndsWordBeforeSpace)) {
    while (i + 2 < n && ((s[i] >= 0xE5 && s[i] <= 0xE9) || (s[i] == 0xE4 && s[i + 1] >= 0xB8)) &&
           (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80)
      i += 3;
  }
  return i;
}

// Texts are cut before a space, between CJK characters and punctuation and
// at line feeds where segmentation certainly breaks (see above), so the
// terms of the pieces are exactly the terms of the whole: no word spans such
// a cut, no CJK bigram crosses one.
void TermCounter::add_text(std::string_view text, int weight) {
  std::size_t start = 0;
  uint8_t before = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    const uint8_t now = class_of(decode(text, i));
    if (at > start && splits_between(before, now)) {
      add_piece(text.substr(start, at - start), weight);
      start = at;
    }
    i = run_end(text, i, now);
    if ((now & kEndsWordBeforeSpace) && i < text.size() && text[i] == ' ') {
      add_piece(text.substr(start, i - start), weight);
      start = i;
    }
    before = now;
  }
  add_piece(text.substr(start), weight);
}

void TermCounter::add_piece(std::string_view piece, int weight) {
  if (piece.size() > kMaxCached) {
    for_each_term(piece, [&](std::string_view t) { add(id(t), weight); });
    return;
  }
  uint32_t n = pieces_.number(piece);
  if (n + 1 == piece_starts_.size()) {
    for_each_term(piece, [&](std::string_view t) { piece_terms_.push_back(id(t)); });
    piece_starts_.push_back(static_cast<uint32_t>(piece_terms_.size()));
    piece_weights_.push_back(0);
  }
  // A page repeats its sentences: their terms are added once per piece, by
  // its weight in the document, when the document is done.
  if (piece_weights_[n] == 0) touched_pieces_.push_back(n);
  piece_weights_[n] += weight;
}

DocTerms TermCounter::count(const SearchDoc& doc) {
  add_text(doc.text, 1);
  add_text(doc.headings, 5);
  add_text(doc.title, 10);
  for (uint32_t n : touched_pieces_) {
    for (uint32_t i = piece_starts_[n]; i < piece_starts_[n + 1]; ++i) add(piece_terms_[i], piece_weights_[n]);
    piece_weights_[n] = 0;
  }
  touched_pieces_.clear();
  DocTerms terms;
  terms.reserve(touched_.size());
  for (uint32_t n : touched_) {
    terms.emplace_back(n, weights_[n]);
    weights_[n] = 0;
  }
  touched_.clear();
  return terms;
}

namespace {

// The terms object, from every document's terms.
std::string search_terms_json(const std::vector<TermCounter>& counters, const std::vector<IndexDoc>& docs) {
  // Every counter numbered its own terms: they get one number each, once
  // per counter and term rather than per document, then a rank in the
  // sorted order the index lists them in.
  StringNumbers all;
  std::vector<std::vector<uint32_t>> global(counters.size());
  for (std::size_t c = 0; c < counters.size(); ++c) {
    const StringNumbers& terms = counters[c].terms();
    global[c].resize(terms.size());
    for (uint32_t n = 0; n < terms.size(); ++n) global[c][n] = all.number(terms[n]);
  }
  std::vector<uint32_t> order(all.size());
  for (uint32_t n = 0; n < order.size(); ++n) order[n] = n;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return all[a] < all[b]; });
  std::vector<uint32_t> rank(all.size());
  for (uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;

  // The postings, term by term in one array: counted, then placed. Documents
  // are taken in order, so each term's postings are in document order and
  // the output does not depend on which counter counted what.
  std::vector<uint32_t> start(all.size() + 1, 0);
  for (const IndexDoc& doc : docs)
    for (const auto& [n, weight] : doc.terms) ++start[rank[global[doc.counted_by][n]] + 1];
  for (std::size_t r = 0; r < all.size(); ++r) start[r + 1] += start[r];
  std::vector<std::pair<uint32_t, int>> postings(start.back());
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (std::size_t d = 0; d < docs.size(); ++d)
    for (const auto& [n, weight] : docs[d].terms)
      postings[fill[rank[global[docs[d].counted_by][n]]]++] = {static_cast<uint32_t>(d), weight};

  // Appended into one buffer sized for it; each term's postings are
  // written as text into a scratch buffer first, number by number, and
  // appended at once.
  std::string out;
  out.reserve(postings.size() * 10 + all.size() * 16 + 8);
  out += '{';
  constexpr std::size_t kPostingChars = 1 + 10 + 1 + 11;  // ",doc,weight" at most
  std::string scratch;
  for (std::size_t r = 0; r < order.size(); ++r) {
    out += r ? ",\n" : "\n";
    append_json_string(out, all[order[r]]);
    const std::size_t need = (start[r + 1] - start[r]) * kPostingChars + 3;
    if (scratch.size() < need) scratch.resize(need);
    char* p = scratch.data();
    char* const end = p + need;
    *p++ = ':';
    *p++ = '[';
    for (uint32_t h = start[r]; h < start[r + 1]; ++h) {
      if (h != start[r]) *p++ = ',';
      p = std::to_chars(p, end, postings[h].first).ptr;
      *p++ = ',';
      p = std::to_chars(p, end, postings[h].second).ptr;
    }
    *p++ = ']';
    out.append(scratch.data(), static_cast<std::size_t>(p - scratch.data()));
  }
  out += '}';
  return out;
}

}  // namespace

void search_index_parts(const std::vector<TermCounter>& counters, const std::vector<IndexDoc>& docs,
                        std::string& terms, std::vector<std::string_view>& parts) {
  terms = search_terms_json(counters, docs);
  parts.push_back("window.FANGYI_SEARCH={\"docs\":[");
  for (std::size_t d = 0; d < docs.size(); ++d) {
    parts.push_back(d ? ",\n[" : "[");
    append_json_string_parts(parts, docs[d].url);
    parts.push_back(",");
    append_json_string_parts(parts, docs[d].title);
    parts.push_back(",");
    append_json_string_parts(parts, docs[d].text);
    parts.push_back(docs[d].source ? ",1]" : ",0]");
  }
  parts.push_back("],\n\"terms\":");
  parts.push_back(terms);
  parts.push_back("};\n");
}

std::string search_index_js(const std::vector<SearchDoc>& docs, std::size_t jobs) {
  const std::size_t workers = std::min(worker_count(jobs), std::max<std::size_t>(docs.size(), 1));
  std::vector<TermCounter> counters(workers);
  std::vector<IndexDoc> listed(docs.size());
  parallel_for(docs.size(), workers, [&](std::size_t d, std::size_t worker) {
    listed[d] = IndexDoc{docs[d].url, docs[d].title, docs[d].text, docs[d].source, counters[worker].count(docs[d]),
                         worker};
  });
  std::string terms;
  std::vector<std::string_view> parts;
  search_index_parts(counters, listed, terms, parts);
  return concat(parts);
}

SearchDoc search_doc(const Page& p) {
  std::string headings;
  for (const auto& h : p.headings)
    if (h.level > 1) headings += h.text + "\n";
  return SearchDoc{p.file, p.title, text_of(p.body), std::move(headings), p.group == PageGroup::seeds};
}

}  // namespace fangyi::html

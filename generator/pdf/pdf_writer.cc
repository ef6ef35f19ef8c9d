// libharu builds the document (pages, font, metadata, cross-references);
// the page content streams are written by append_content and compressed by
// our own zlib calls, on several threads, and handed to libharu as finished
// FlateDecode streams. libharu loads TrueType only from a file, so the
// subset goes through a private temporary file that is removed as soon as
// the font is parsed.
#include "pdf/pdf_writer.h"

#include <hpdf.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "pdf/content_stream.h"
#include "pdf/deflate.h"
#include "pdf/font.h"

namespace fangyi::pdf {
namespace {

// The name libharu gives the first font of a page's resources; the content
// streams are written before the pages exist, so the writer checks that
// libharu agrees.
constexpr const char* kFontResource = "F1";

// zlib's fastest level: at the default level 6, compressing page streams
// was a fifth of all the time, and the files are far under the size target.
constexpr int kDeflateLevel = 1;

// libharu reports errors through a callback; record the first one instead
// of jumping out of the library.
struct HaruError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<HaruError*>(user);
  if (e->code == HPDF_OK) *e = {code, detail};
}

std::string describe(const HaruError& e) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "libharu error 0x%04X (detail %u)", unsigned(e.code), unsigned(e.detail));
  return buf;
}

struct DocHandle {
  HPDF_Doc doc;
  ~DocHandle() { HPDF_Free(doc); }
};

// Writes `bytes` to a new private file; returns its path, or "" on failure.
std::string write_temp(const std::string& bytes) {
  std::string pattern = (std::filesystem::temp_directory_path() / "fangyi-font-XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) return {};
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      std::remove(pattern.c_str());
      return {};
    }
    done += std::size_t(n);
  }
  ::close(fd);
  return pattern;
}

HPDF_Date pdf_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  HPDF_Date d{};
  d.year = tm.tm_year + 1900;
  d.month = tm.tm_mon + 1;
  d.day = tm.tm_mday;
  d.hour = tm.tm_hour;
  d.minutes = tm.tm_min;
  d.seconds = tm.tm_sec;
  d.ind = 'Z';
  return d;
}

// ---- What pages share

// Elements compare by what they draw: coordinates to a hundredth of a
// point and type sizes to a thousandth, the precision of append_content.
int64_t hundredths(double v) { return std::llround(v * 100); }
int64_t thousandths(double v) { return std::llround(v * 1000); }

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 29);
}

uint64_t element_hash(const Rule& r) {
  uint64_t h = r.dashed ? 'D' : 'R';
  for (double v : {r.x1, r.y1, r.x2, r.y2, r.width}) h = mix(h, uint64_t(hundredths(v)));
  return h;
}

uint64_t element_hash(const TextRun& t) {
  uint64_t h = mix('T', std::hash<std::string_view>{}(t.text));
  h = mix(h, uint64_t(hundredths(t.x)));
  h = mix(h, uint64_t(hundredths(t.baseline)));
  return mix(h, uint64_t(thousandths(t.size)));
}

bool same(const Rule& a, const Rule& b) {
  return a.dashed == b.dashed && hundredths(a.x1) == hundredths(b.x1) && hundredths(a.y1) == hundredths(b.y1) &&
         hundredths(a.x2) == hundredths(b.x2) && hundredths(a.y2) == hundredths(b.y2) &&
         hundredths(a.width) == hundredths(b.width);
}

bool same(const TextRun& a, const TextRun& b) {
  return hundredths(a.x) == hundredths(b.x) && hundredths(a.baseline) == hundredths(b.baseline) &&
         thousandths(a.size) == thousandths(b.size) && a.text == b.text;
}

// Some of a page's elements, in the page's order.
struct Part {
  std::vector<const Rule*> rules;
  std::vector<const TextRun*> texts;
  double height = 0;
  bool empty() const { return rules.empty() && texts.empty(); }
};

// Which content streams the pages draw: what the copies of a form have in
// common (its title, labels and grid) is one shared stream; each page's own
// stream holds what differs (a person's name, dates).
struct StreamPlan {
  std::vector<Part> shared;
  std::vector<int> shared_of;  // per page: its shared stream, or -1
  std::vector<Part> own;       // per page
};

StreamPlan plan_streams(const Document& doc, std::size_t threads) {
  const std::size_t n = doc.pages.size();
  StreamPlan plan;
  plan.shared_of.assign(n, -1);
  plan.own.resize(n);
  auto everything_own = [&](std::size_t i) {
    const Page& p = doc.pages[i];
    Part& own = plan.own[i];
    own = {{}, {}, p.height};
    for (const Rule& r : p.rules) own.rules.push_back(&r);
    for (const TextRun& t : p.texts) own.texts.push_back(&t);
  };
  if (n < 2) {
    for (std::size_t i = 0; i < n; ++i) everything_own(i);
    return plan;
  }

  // Each element's hash, on every thread: a page's elements are hashed
  // independently of the others.
  std::vector<std::vector<uint64_t>> hashes(n);
  parallel_for(n, threads, [&](std::size_t i, std::size_t) {
    const Page& p = doc.pages[i];
    hashes[i].reserve(p.rules.size() + p.texts.size());
    for (const Rule& r : p.rules) hashes[i].push_back(element_hash(r));
    for (const TextRun& t : p.texts) hashes[i].push_back(element_hash(t));
  });
  // How many pages draw each element (twice on one page counts once),
  // counted by hash: a collision can only make an element look common, and
  // which pages share a stream is decided below by exact comparison. An
  // open-addressing table: a 2,000-page document has some 300,000 elements,
  // and a node per distinct one made the counting as slow as the hashing.
  struct Seen {
    uint64_t hash = 0;
    uint32_t pages = 0, last = UINT32_MAX;
  };
  std::size_t elements = 0;
  for (const std::vector<uint64_t>& h : hashes) elements += h.size();
  std::size_t capacity = 16;
  while (capacity < 2 * elements) capacity *= 2;
  std::vector<Seen> seen(capacity);
  std::vector<std::vector<uint32_t>> marks(n);  // per element, its slot in `seen`
  for (std::size_t i = 0; i < n; ++i) {
    marks[i].reserve(hashes[i].size());
    for (uint64_t h : hashes[i]) {
      h = h ? h : 1;  // 0 marks an empty slot
      std::size_t slot = h & (capacity - 1);
      while (seen[slot].hash != 0 && seen[slot].hash != h) slot = (slot + 1) & (capacity - 1);
      Seen& s = seen[slot];
      s.hash = h;
      if (s.last != i) ++s.pages, s.last = uint32_t(i);
      marks[i].push_back(uint32_t(slot));
    }
  }
  // What the copies of a form have in common is on every copy: on an eighth
  // of the pages at least, for copies up to eight pages long. Values that
  // merely recur (a class, a date of arrival, a school) stay in each page's
  // own stream; sharing them would split the copies into many small groups
  // with a near-complete page in each shared stream.
  const std::size_t min_pages = std::max<std::size_t>(2, (n + 7) / 8);

  // A page's common part: the indices of its elements on enough pages.
  struct Common {
    std::vector<uint32_t> rules, texts;
    uint64_t key = 0;
  };
  std::vector<Common> common(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Page& p = doc.pages[i];
    Common& c = common[i];
    std::size_t e = 0;
    for (uint32_t k = 0; k < p.rules.size(); ++k, ++e)
      if (seen[marks[i][e]].pages >= min_pages) c.rules.push_back(k), c.key = mix(c.key, hashes[i][e]);
    for (uint32_t k = 0; k < p.texts.size(); ++k, ++e)
      if (seen[marks[i][e]].pages >= min_pages) c.texts.push_back(k), c.key = mix(c.key, hashes[i][e]);
  }
  marks.clear();
  seen.clear();
  hashes.clear();

  auto same_common = [&](std::size_t a, std::size_t b) {
    const Common &ca = common[a], &cb = common[b];
    if (ca.rules.size() != cb.rules.size() || ca.texts.size() != cb.texts.size()) return false;
    const Page &pa = doc.pages[a], &pb = doc.pages[b];
    if (pa.height != pb.height) return false;  // the same elements, flipped elsewhere
    for (std::size_t k = 0; k < ca.rules.size(); ++k)
      if (!same(pa.rules[ca.rules[k]], pb.rules[cb.rules[k]])) return false;
    for (std::size_t k = 0; k < ca.texts.size(); ++k)
      if (!same(pa.texts[ca.texts[k]], pb.texts[cb.texts[k]])) return false;
    return true;
  };
  // Groups of pages with exactly the same common part; a group of one is
  // not worth a shared stream.
  std::vector<std::size_t> first_page;  // per group
  std::vector<std::size_t> members;
  std::vector<int> group_of(n, -1);
  std::unordered_map<uint64_t, std::vector<int>> groups_by_key;
  for (std::size_t i = 0; i < n; ++i) {
    if (common[i].rules.empty() && common[i].texts.empty()) continue;
    std::vector<int>& candidates = groups_by_key[common[i].key];
    for (int g : candidates)
      if (same_common(i, first_page[std::size_t(g)])) {
        group_of[i] = g;
        break;
      }
    if (group_of[i] < 0) {
      group_of[i] = int(first_page.size());
      candidates.push_back(group_of[i]);
      first_page.push_back(i);
      members.push_back(0);
    }
    ++members[std::size_t(group_of[i])];
  }

  std::vector<int> stream_of_group(first_page.size(), -1);
  for (std::size_t i = 0; i < n; ++i) {
    int g = group_of[i];
    if (g < 0 || members[std::size_t(g)] < 2) {
      everything_own(i);
      continue;
    }
    const Page& p = doc.pages[i];
    int& stream = stream_of_group[std::size_t(g)];
    if (stream < 0) {
      stream = int(plan.shared.size());
      Part& part = plan.shared.emplace_back();
      part.height = p.height;
      for (uint32_t k : common[i].rules) part.rules.push_back(&p.rules[k]);
      for (uint32_t k : common[i].texts) part.texts.push_back(&p.texts[k]);
    }
    plan.shared_of[i] = stream;
    Part& own = plan.own[i];
    own.height = p.height;
    const Common& c = common[i];
    std::size_t next = 0;
    for (uint32_t k = 0; k < p.rules.size(); ++k)
      if (next < c.rules.size() && c.rules[next] == k) ++next;
      else own.rules.push_back(&p.rules[k]);
    next = 0;
    for (uint32_t k = 0; k < p.texts.size(); ++k)
      if (next < c.texts.size() && c.texts[next] == k) ++next;
      else own.texts.push_back(&p.texts[k]);
  }
  return plan;
}

// ---- Encoding the streams

// The compressed content of each part ("" for an empty part), encoded on
// up to `threads` threads; false when zlib fails.
bool encode(const std::vector<const Part*>& parts, std::size_t threads, std::vector<std::string>& out) {
  out.assign(parts.size(), {});
  std::vector<std::unique_ptr<Deflater>> deflaters(std::max<std::size_t>(1, threads));
  std::vector<std::string> scratch(deflaters.size());
  std::atomic<bool> failed{false};
  parallel_for(parts.size(), threads, [&](std::size_t i, std::size_t worker) {
    const Part& part = *parts[i];
    if (part.empty()) return;
    if (!deflaters[worker]) deflaters[worker] = std::make_unique<Deflater>(kDeflateLevel);
    std::string& text = scratch[worker];
    text.clear();
    append_content(text, part.rules, part.texts, part.height, kFontResource);
    if (!deflaters[worker]->compress(text, out[i])) failed = true;
  });
  return !failed;
}

// Dict_Write drops a Filter entry from a stream libharu does not compress
// itself, so the entry for our already-compressed bytes is written here.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

// Puts finished bytes into a stream object libharu will write as they are.
HPDF_STATUS fill(HPDF_Dict stream, const std::string& deflated) {
  stream->filter = HPDF_STREAM_FILTER_NONE;
  if (deflated.empty()) return HPDF_OK;
  stream->write_fn = write_flate_filter;
  return HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                           HPDF_UINT(deflated.size()));
}

}  // namespace

std::set<char32_t> characters(const Document& doc, std::size_t threads) {
  // A bitmap of the BMP per thread: documents repeat the same few hundred
  // characters hundreds of thousands of times.
  constexpr std::size_t kPagesPerItem = 64;
  std::size_t items = (doc.pages.size() + kPagesPerItem - 1) / kPagesPerItem;
  std::vector<std::vector<bool>> bmp(std::max<std::size_t>(1, threads));
  std::vector<std::set<char32_t>> beyond(bmp.size());
  parallel_for(items, threads, [&](std::size_t item, std::size_t worker) {
    std::vector<bool>& seen = bmp[worker];
    if (seen.empty()) seen.resize(0x10000);
    for (std::size_t i = item * kPagesPerItem; i < doc.pages.size() && i < (item + 1) * kPagesPerItem; ++i)
      for (const TextRun& t : doc.pages[i].texts)
        for (std::size_t at = 0; at < t.text.size();) {
          char32_t cp = next_code_point(t.text, at);
          if (cp < 0x10000) seen[cp] = true;
          else beyond[worker].insert(cp);
        }
  });
  std::set<char32_t> chars;
  for (std::size_t w = 0; w < bmp.size(); ++w) {
    chars.insert(beyond[w].begin(), beyond[w].end());
    if (bmp[w].empty()) continue;
    for (char32_t cp = 0; cp < 0x10000; ++cp)
      if (bmp[w][cp]) chars.insert(cp);
  }
  return chars;
}

std::set<char32_t> unprintable(const std::set<char32_t>& chars, const Font& font) {
  std::set<char32_t> bad;
  for (char32_t cp : chars)
    if (cp > 0xFFFF || (cp != ' ' && !font.covers(cp))) bad.insert(cp);
  return bad;
}

std::optional<std::string> write_pdf(const Document& doc, const std::set<char32_t>& chars, const Font& font,
                                     std::time_t created, std::string* error, std::size_t threads) {
  if (!chars.empty() && *chars.rbegin() > 0xFFFF) {
    *error = "a character outside the Basic Multilingual Plane";
    return std::nullopt;
  }
  StreamPlan plan = plan_streams(doc, threads);
  std::vector<const Part*> parts;
  for (const Part& p : plan.shared) parts.push_back(&p);
  for (const Part& p : plan.own) parts.push_back(&p);
  std::vector<std::string> deflated;
  if (!encode(parts, threads, deflated)) {
    *error = "zlib cannot compress a page";
    return std::nullopt;
  }

  HaruError err;
  DocHandle h{HPDF_New(on_error, &err)};
  if (!h.doc) {
    *error = "HPDF_New";
    return std::nullopt;
  }
  HPDF_SetCompressionMode(h.doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(h.doc);
  HPDF_SetCurrentEncoder(h.doc, "UTF-8");

  // A document without text (rules only) embeds no font at all.
  HPDF_Font hfont = nullptr;
  if (!chars.empty()) {
    std::optional<std::string> subset = font.subset(chars, error);
    if (!subset) return std::nullopt;
    std::string font_file = write_temp(*subset);
    if (font_file.empty()) {
      *error = "cannot write a temporary font file";
      return std::nullopt;
    }
    const char* name = HPDF_LoadTTFontFromFile(h.doc, font_file.c_str(), HPDF_TRUE);
    std::remove(font_file.c_str());
    hfont = name ? HPDF_GetFont(h.doc, name, "UTF-8") : nullptr;
    if (!hfont || err.code != HPDF_OK) {
      *error = describe(err);
      return std::nullopt;
    }
    // libharu embeds the outlines of the glyphs it has measured; the text
    // is not drawn through it, so it measures every character once here.
    std::string all;
    for (char32_t cp : chars) append_utf8(all, cp);
    HPDF_Font_TextWidth(hfont, reinterpret_cast<const HPDF_BYTE*>(all.data()), HPDF_UINT(all.size()));
  }

  HPDF_SetInfoAttr(h.doc, HPDF_INFO_TITLE, doc.title.c_str());
  if (!doc.subject.empty()) HPDF_SetInfoAttr(h.doc, HPDF_INFO_SUBJECT, doc.subject.c_str());
  HPDF_SetInfoAttr(h.doc, HPDF_INFO_CREATOR, "fangyi " FANGYI_VERSION);
  HPDF_SetInfoDateAttr(h.doc, HPDF_INFO_CREATION_DATE, pdf_date(created));

  // The calls below are libharu's internal API, which returns its errors
  // instead of reporting them to on_error.
  HPDF_STATUS internal = HPDF_OK;
  auto check = [&](HPDF_STATUS s) {
    if (internal == HPDF_OK) internal = s;
    return internal == HPDF_OK && err.code == HPDF_OK;
  };
  std::vector<HPDF_Dict> shared(plan.shared.size());
  for (std::size_t s = 0; s < shared.size(); ++s) {
    shared[s] = HPDF_DictStream_New(h.doc->mmgr, h.doc->xref);
    if (!check(shared[s] ? fill(shared[s], deflated[s]) : HPDF_FAILD_TO_ALLOC_MEM)) break;
  }
  for (std::size_t i = 0; i < doc.pages.size() && check(HPDF_OK); ++i) {
    const Page& p = doc.pages[i];
    HPDF_Page page = HPDF_AddPage(h.doc);
    if (!page) break;
    HPDF_Page_SetWidth(page, HPDF_REAL(p.width));
    HPDF_Page_SetHeight(page, HPDF_REAL(p.height));
    int s = plan.shared_of[i];
    if (hfont && !p.texts.empty()) {
      const char* resource = HPDF_Page_GetLocalFontName(page, hfont);
      if (!resource || std::string_view(resource) != kFontResource) {
        *error = "libharu named the font resource " + std::string(resource ? resource : "(none)");
        return std::nullopt;
      }
    }
    // The page's own stream (made with the page) draws over the shared one.
    auto* attr = static_cast<HPDF_PageAttr>(page->attr);
    if (!check(fill(attr->contents, deflated[plan.shared.size() + i]))) break;
    if (s >= 0) {
      HPDF_Array contents = HPDF_Array_New(page->mmgr);
      if (!check(contents ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM)) break;
      check(HPDF_Array_Add(contents, shared[std::size_t(s)]));
      check(HPDF_Array_Add(contents, attr->contents));
      check(HPDF_Dict_Add(page, "Contents", contents));
    }
  }
  if (internal != HPDF_OK) {
    *error = describe({internal, 0});
    return std::nullopt;
  }
  if (err.code == HPDF_OK) HPDF_SaveToStream(h.doc);
  if (err.code != HPDF_OK) {
    *error = describe(err);
    return std::nullopt;
  }
  std::string bytes(HPDF_GetStreamSize(h.doc), '\0');
  HPDF_UINT32 size = HPDF_UINT32(bytes.size());
  HPDF_ResetStream(h.doc);
  HPDF_ReadFromStream(h.doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  bytes.resize(size);
  if (err.code != HPDF_OK) {
    *error = describe(err);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace fangyi::pdf

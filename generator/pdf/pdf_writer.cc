// libharu loads TrueType only from a file, so the subset goes through a
// private temporary file that is removed as soon as the font is parsed.
#include "pdf/pdf_writer.h"

#include <hpdf.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "pdf/font.h"

namespace fangyi::pdf {
namespace {

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

// Coordinates to a hundredth of a point (3.5 µm): finer is invisible and
// only lengthens every number in the page content.
HPDF_REAL pt(double v) { return HPDF_REAL(std::round(v * 100) / 100); }

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

bool dashed_used(const std::vector<const Rule*>& rules) {
  for (const Rule* r : rules)
    if (r->dashed) return true;
  return false;
}

// A page's elements: those it shares with other pages (named by `key`, the
// exact content they draw) and its own. `key` is empty when no other page
// has the same common part, and then everything is the page's own.
struct PageSplit {
  std::string key;
  std::vector<const Rule*> common_rules, own_rules;
  std::vector<const TextRun*> common_texts, own_texts;
};

// Elements compare by what they draw, to a hundredth of a point: the same
// rounding the page content uses.
void put(std::string& key, double v) {
  int32_t n = int32_t(std::lround(v * 100));
  key.append(reinterpret_cast<const char*>(&n), sizeof n);
}

std::string element_key(const Rule& r) {
  std::string key(1, r.dashed ? 'D' : 'R');
  for (double v : {r.x1, r.y1, r.x2, r.y2, r.width}) put(key, v);
  return key;
}

std::string element_key(const TextRun& t) {
  std::string key(1, 'T');
  for (double v : {t.x, t.baseline, t.size}) put(key, v);
  key += t.text;
  key += '\0';
  return key;
}

std::vector<PageSplit> split_pages(const Document& doc) {
  std::vector<PageSplit> splits(doc.pages.size());
  if (doc.pages.size() < 2) {
    for (std::size_t i = 0; i < doc.pages.size(); ++i) {
      for (const Rule& r : doc.pages[i].rules) splits[i].own_rules.push_back(&r);
      for (const TextRun& t : doc.pages[i].texts) splits[i].own_texts.push_back(&t);
    }
    return splits;
  }
  // How many pages draw each element (an element drawn twice on one page
  // still counts once). Counted by hash: a collision could only make an
  // element look common, and what pages share is decided by their exact
  // keys below.
  struct Seen {
    std::size_t pages = 0, last = SIZE_MAX;
  };
  std::vector<std::vector<std::string>> keys(doc.pages.size());
  std::vector<std::vector<std::size_t>> hashes(doc.pages.size());
  std::unordered_map<std::size_t, Seen> pages_with;
  std::hash<std::string> hash;
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    const Page& p = doc.pages[i];
    std::vector<std::string>& k = keys[i];
    k.reserve(p.rules.size() + p.texts.size());
    for (const Rule& r : p.rules) k.push_back(element_key(r));
    for (const TextRun& t : p.texts) k.push_back(element_key(t));
    for (const std::string& e : k) {
      std::size_t h = hash(e);
      hashes[i].push_back(h);
      Seen& seen = pages_with[h];
      if (seen.last != i) ++seen.pages, seen.last = i;
    }
  }
  std::unordered_map<std::string, std::size_t> pages_with_key;
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    const Page& p = doc.pages[i];
    PageSplit& s = splits[i];
    std::size_t e = 0;
    for (const Rule& r : p.rules) {
      bool common = pages_with[hashes[i][e++]].pages > 1;
      (common ? s.common_rules : s.own_rules).push_back(&r);
      if (common) s.key += keys[i][e - 1];
    }
    for (const TextRun& t : p.texts) {
      bool common = pages_with[hashes[i][e++]].pages > 1;
      (common ? s.common_texts : s.own_texts).push_back(&t);
      if (common) s.key += keys[i][e - 1];
    }
    if (!s.key.empty()) ++pages_with_key[s.key];
  }
  // A common part no other page has in full is not worth a shared stream.
  for (PageSplit& s : splits) {
    if (s.key.empty() || pages_with_key[s.key] > 1) continue;
    s.key.clear();
    s.own_rules.insert(s.own_rules.begin(), s.common_rules.begin(), s.common_rules.end());
    s.own_texts.insert(s.own_texts.begin(), s.common_texts.begin(), s.common_texts.end());
    s.common_rules.clear();
    s.common_texts.clear();
  }
  return splits;
}

// Draws rules (solid first, one path per width, then dashed) and texts.
void draw(HPDF_Page page, double height, HPDF_Font font, const std::vector<const Rule*>& rules,
          const std::vector<const TextRun*>& texts) {
  for (int dashed = 0; dashed < 2; ++dashed) {
    double width = -1;
    bool open = false;
    for (const Rule* r : rules) {
      if (r->dashed != bool(dashed)) continue;
      if (r->width != width) {
        if (open) HPDF_Page_Stroke(page);
        width = r->width;
        HPDF_Page_SetLineWidth(page, HPDF_REAL(width));
        if (dashed) {
          const HPDF_UINT16 pattern[] = {4, 3};
          HPDF_Page_SetDash(page, pattern, 2, 0);
        }
      }
      HPDF_Page_MoveTo(page, pt(r->x1), pt(height - r->y1));
      HPDF_Page_LineTo(page, pt(r->x2), pt(height - r->y2));
      open = true;
    }
    if (open) HPDF_Page_Stroke(page);
  }
  if (dashed_used(rules)) HPDF_Page_SetDash(page, nullptr, 0, 0);
  if (texts.empty()) return;
  HPDF_Page_BeginText(page);
  double size = -1;
  for (const TextRun* t : texts) {
    if (t->size != size) {
      size = t->size;
      HPDF_Page_SetFontAndSize(page, font, HPDF_REAL(size));
    }
    HPDF_Page_TextOut(page, pt(t->x), pt(height - t->baseline), t->text.c_str());
  }
  HPDF_Page_EndText(page);
}

}  // namespace

std::set<char32_t> characters(const Document& doc) {
  // A bitmap for the BMP: documents repeat the same few hundred characters
  // hundreds of thousands of times.
  std::vector<bool> bmp(0x10000);
  std::set<char32_t> chars;
  for (const Page& p : doc.pages)
    for (const TextRun& t : p.texts)
      for (std::size_t i = 0; i < t.text.size();) {
        char32_t cp = next_code_point(t.text, i);
        if (cp < 0x10000) bmp[cp] = true;
        else chars.insert(cp);
      }
  for (char32_t cp = 0; cp < 0x10000; ++cp)
    if (bmp[cp]) chars.insert(cp);
  return chars;
}

std::set<char32_t> unprintable(const std::set<char32_t>& chars, const Font& font) {
  std::set<char32_t> bad;
  for (char32_t cp : chars)
    if (cp > 0xFFFF || (cp != ' ' && !font.covers(cp))) bad.insert(cp);
  return bad;
}

std::optional<std::string> write_pdf(const Document& doc, const Font& font, std::time_t created, std::string* error) {
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
  std::set<char32_t> chars = characters(doc);
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
  }

  HPDF_SetInfoAttr(h.doc, HPDF_INFO_TITLE, doc.title.c_str());
  if (!doc.subject.empty()) HPDF_SetInfoAttr(h.doc, HPDF_INFO_SUBJECT, doc.subject.c_str());
  HPDF_SetInfoAttr(h.doc, HPDF_INFO_CREATOR, "fangyi " FANGYI_VERSION);
  HPDF_SetInfoDateAttr(h.doc, HPDF_INFO_CREATION_DATE, pdf_date(created));

  // What many pages have in common (a form's title, labels and grid on each
  // copy) is written once, as a content stream the pages share; each page's
  // own stream holds only what differs (a person's name, dates).
  std::vector<PageSplit> splits = split_pages(doc);
  std::unordered_map<std::string, HPDF_Dict> shared;
  for (std::size_t i = 0; i < doc.pages.size() && err.code == HPDF_OK; ++i) {
    const Page& p = doc.pages[i];
    const PageSplit& split = splits[i];
    HPDF_Page page = HPDF_AddPage(h.doc);
    HPDF_Page_SetWidth(page, HPDF_REAL(p.width));
    HPDF_Page_SetHeight(page, HPDF_REAL(p.height));
    if (!split.key.empty()) {
      auto it = shared.find(split.key);
      if (it != shared.end()) {
        HPDF_Page_Insert_Shared_Content_Stream(page, it->second);
      } else {
        HPDF_Dict stream = nullptr;
        HPDF_Page_New_Content_Stream(page, &stream);
        draw(page, p.height, hfont, split.common_rules, split.common_texts);
        HPDF_Page_New_Content_Stream(page, nullptr);
        shared.emplace(split.key, stream);
      }
    }
    draw(page, p.height, hfont, split.own_rules, split.own_texts);
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

// HTML escaping and tag stripping.
#include "html/escape.h"

#include "core/text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

namespace fangyi::html {

std::string escape(std::string_view text) { return escape_html(text); }

namespace {

// The entities escape() and cmark-gfm write; others stay as written.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kEntities{{
    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "},
}};

// The characters text_of treats specially: tags, entities and white space,
// by a look-up per byte.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> special{};
  for (unsigned char c : {'<', '&', ' ', '\n', '\t', '\r'}) special[c] = true;
  return special;
}();
bool is_special(char c) { return kSpecial[static_cast<unsigned char>(c)]; }

// The end of a run of ordinary characters from `i`: eight bytes at a time
// where all are past ASCII (CJK text), which none of the special ones are.
std::size_t ordinary_run_end(std::string_view html, std::size_t i) {
  constexpr uint64_t kHighs = 0x8080808080808080u;
  while (i < html.size()) {
    if (i + 8 <= html.size()) {
      uint64_t word = 0;
      std::memcpy(&word, html.data() + i, sizeof word);
      if ((word & kHighs) == kHighs) {
        i += 8;
        continue;
      }
    }
    if (is_special(html[i])) break;
    ++i;
  }
  return i;
}

// Whether a tag (from its '<') is of an inline element, whose text joins
// the text around it: <a …>, <a>, </a>, and <em>, <strong>, <code>, <mark>,
// <del> and their ends, written bare.
bool is_inline_tag(std::string_view tag) {
  const bool end = tag.size() > 1 && tag[1] == '/';
  const std::string_view rest = tag.substr(end ? 2 : 1);
  auto starts = [&](std::string_view prefix) { return rest.substr(0, prefix.size()) == prefix; };
  switch (rest.empty() ? '\0' : rest[0]) {
    case 'a': return starts("a>") || (!end && starts("a "));
    case 'e': return starts("em>");
    case 's': return starts("strong>");
    case 'c': return starts("code>");
    case 'm': return starts("mark>");
    case 'd': return starts("del>");
    default: return false;
  }
}

void append_space(std::string& out) {
  if (!out.empty() && out.back() != ' ') out += ' ';
}

}  // namespace

std::string text_of(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      // Script and style bodies are not text a reader sees.
      std::string_view tag = html.substr(i, end - i + 1);
      // Drawings are labelled by the text around them; heading self-links
      // ("#") are not text either.
      // (The lists are only looked through for tags that start as one of
      // theirs does: most tags are neither.)
      const char first = tag.size() > 1 ? tag[1] : '\0';
      for (std::string_view skip : {std::string_view("<script"), std::string_view("<style"), std::string_view("<svg"),
                                    std::string_view("<a class=\"anchor\"")}) {
        if (first != 's' && first != 'a') break;
        if (tag.substr(0, skip.size()) == skip) {
          std::string_view name = skip.substr(1, skip.find(' ') == std::string_view::npos ? std::string_view::npos
                                                                                            : skip.find(' ') - 1);
          std::string close = "</" + std::string(name) + ">";
          std::size_t stop = html.find(close, end);
          end = stop == std::string_view::npos ? html.size() - 1 : stop + close.size() - 1;
        }
      }
      // Inline elements join their text; everything else separates words.
      if (!is_inline_tag(tag)) append_space(out);
      i = end + 1;
    } else if (c == '&') {
      bool decoded = false;
      for (const auto& [entity, text] : kEntities) {
        if (html.substr(i, entity.size()) == entity) {
          out += text;
          i += entity.size();
          decoded = true;
          break;
        }
      }
      if (!decoded) out += html[i++];
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      append_space(out);
      ++i;
    } else {
      // A run of ordinary characters is copied whole.
      std::size_t end = ordinary_run_end(html, i + 1);
      out.append(html, i, end - i);
      i = end;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out.erase(0, std::min(out.find_first_not_of(' '), out.size()));
  return out;
}

}  // namespace fangyi::html

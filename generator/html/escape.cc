// HTML escaping and tag stripping.
#include "html/escape.h"

#include "core/text.h"

#include <array>
#include <utility>

namespace fangyi::html {

std::string escape(std::string_view text) { return escape_html(text); }

namespace {

// The entities escape() and cmark-gfm write; others stay as written.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kEntities{{
    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "},
}};

// The characters text_of treats specially: tags, entities and white space.
bool is_special(char c) { return c == '<' || c == '&' || c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

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
      static constexpr std::string_view kInline[] = {"<a ", "<a>", "</a>", "<em>", "</em>", "<strong>", "</strong>",
                                                     "<code>", "</code>", "<mark>", "</mark>", "<del>", "</del>"};
      bool is_inline = false;
      if (std::string_view("aescmd/").find(first) != std::string_view::npos)
        for (std::string_view t : kInline) is_inline = is_inline || tag.substr(0, t.size()) == t;
      if (!is_inline) append_space(out);
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
      std::size_t end = i + 1;
      while (end < html.size() && !is_special(html[end])) ++end;
      out.append(html, i, end - i);
      i = end;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::size_t start = out.find_first_not_of(' ');
  if (start == std::string::npos) return std::string();
  return start == 0 ? out : out.substr(start);
}

}  // namespace fangyi::html

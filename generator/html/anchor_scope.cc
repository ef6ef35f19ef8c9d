// Prefixing a page's anchors for the print view; see anchor_scope.h.
#include "html/anchor_scope.h"

#include <array>
#include <cstring>

namespace fangyi::html {
namespace {

// What comes right before a name to prefix, and the character in it that
// the body is scanned for: '=' and '(' are rarer in a page than the first
// characters (the blank of " id=", which keeps data-id= and grid= from
// being taken for ids, or "h"). No two of them can overlap.
struct Before {
  std::string_view text;
  std::size_t anchor;  // where the scanned-for character is in it
};
constexpr std::array<Before, 3> kBefore = {{{" id=\"", 3}, {"href=\"#", 4}, {"url(#", 3}}};

// The position of `c` in `body` at or after `from`, or its size.
std::size_t find_char(std::string_view body, char c, std::size_t from) {
  if (from >= body.size()) return body.size();
  const void* found = std::memchr(body.data() + from, c, body.size() - from);
  return found ? static_cast<std::size_t>(static_cast<const char*>(found) - body.data()) : body.size();
}

}  // namespace

void scope_anchors(std::string_view body, std::string_view scope, std::vector<std::string_view>& parts) {
  std::size_t pos = 0;  // what is not yet in `parts`
  std::size_t eq = find_char(body, '=', 0), paren = find_char(body, '(', 0);
  while (eq < body.size() || paren < body.size()) {
    const std::size_t at = eq < paren ? eq : paren;
    for (const Before& b : kBefore) {
      if (b.text[b.anchor] != body[at] || at < b.anchor + pos) continue;
      if (body.substr(at - b.anchor, b.text.size()) != b.text) continue;
      const std::size_t name = at - b.anchor + b.text.size();
      parts.push_back(body.substr(pos, name - pos));
      parts.push_back(scope);
      pos = name;
      break;
    }
    if (at == eq)
      eq = find_char(body, '=', at + 1);
    else
      paren = find_char(body, '(', at + 1);
  }
  parts.push_back(body.substr(pos));
}

}  // namespace fangyi::html

// Prefixing a page's anchors for the print view; see anchor_scope.h.
#include "html/anchor_scope.h"

#include <array>

namespace fangyi::html {

std::string scope_anchors(std::string_view body, std::string_view prefix) {
  // What comes right before a name to prefix. " id=" needs its blank so
  // that data-id= or grid= is not taken for an id.
  static constexpr std::array<std::string_view, 3> kBefore = {" id=\"", "href=\"#", "url(#"};
  std::array<std::size_t, kBefore.size()> next{};
  for (std::size_t k = 0; k < kBefore.size(); ++k) next[k] = body.find(kBefore[k]);
  std::string out;
  out.reserve(body.size() + body.size() / 16);
  std::size_t pos = 0;
  for (;;) {
    std::size_t k = 0;
    for (std::size_t j = 1; j < kBefore.size(); ++j)
      if (next[j] < next[k]) k = j;
    if (next[k] == std::string_view::npos) break;
    std::size_t name = next[k] + kBefore[k].size();
    out.append(body, pos, name - pos);
    out.append(prefix);
    out.append("--");
    pos = name;
    next[k] = body.find(kBefore[k], name);
  }
  out.append(body, pos, std::string_view::npos);
  return out;
}

}  // namespace fangyi::html

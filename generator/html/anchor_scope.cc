// Prefixing a page's anchors for the print view; see anchor_scope.h.
#include "html/anchor_scope.h"

#include <array>

namespace fangyi::html {

void scope_anchors(std::string_view body, std::string_view scope, std::vector<std::string_view>& parts) {
  // What comes right before a name to prefix. " id=" needs its blank so
  // that data-id= or grid= is not taken for an id.
  static constexpr std::array<std::string_view, 3> kBefore = {" id=\"", "href=\"#", "url(#"};
  std::array<std::size_t, kBefore.size()> next{};
  for (std::size_t k = 0; k < kBefore.size(); ++k) next[k] = body.find(kBefore[k]);
  std::size_t pos = 0;
  for (;;) {
    std::size_t k = 0;
    for (std::size_t j = 1; j < kBefore.size(); ++j)
      if (next[j] < next[k]) k = j;
    if (next[k] == std::string_view::npos) break;
    std::size_t name = next[k] + kBefore[k].size();
    parts.push_back(body.substr(pos, name - pos));
    parts.push_back(scope);
    pos = name;
    next[k] = body.find(kBefore[k], name);
  }
  parts.push_back(body.substr(pos));
}

}  // namespace fangyi::html

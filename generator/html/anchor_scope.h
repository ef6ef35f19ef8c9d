// Anchors of a page inside the print view, which holds every page in one
// document: each page's ids (headings, seed lines #L12, SVG gradients) are
// prefixed with its chapter's id, and the links and url(#…) references
// inside the page follow, so no id is repeated and "#規定" in one chapter
// still goes to its own heading. Links to other files are left alone.
#pragma once

#include <string_view>
#include <vector>

namespace fangyi::html {

// `body` with id="X" → id="PREFIX--X", href="#X" → href="#PREFIX--X",
// url(#X) → url(#PREFIX--X), appended to `parts` as pieces of `body` with
// `scope` ("PREFIX--") between them: the print view is written from the
// pages' bodies as they are. Both must outlive the parts.
void scope_anchors(std::string_view body, std::string_view scope, std::vector<std::string_view>& parts);

}  // namespace fangyi::html

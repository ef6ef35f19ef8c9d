// The GitHub Flavored Markdown extensions of cmark-gfm the handbook's pages
// are parsed with (tables, autolinks, strikethrough, task lists, tag
// filter), set up so that pages can be parsed on several threads at once.
#pragma once

#include <cmark-gfm-extension_api.h>

#include <vector>

namespace fangyi::html {

// In the order they are to be attached to a parser; the list is made once.
const std::vector<cmark_syntax_extension*>& gfm_extensions();

}  // namespace fangyi::html

// HTML text handling for the handbook: escaping text into HTML, and the
// reverse, the readable text of an HTML fragment (for the search index and
// snippets). Both work on UTF-8 and leave non-ASCII text as it is.
#pragma once

#include <string>
#include <string_view>

namespace fangyi::html {

// Escapes & < > " ' so the text is safe in element content and attributes.
std::string escape(std::string_view text);

// The text of an HTML fragment: tags dropped (block ends become spaces so
// words do not run together), the entities cmark emits decoded, runs of
// white space collapsed to one space.
std::string text_of(std::string_view html);

}  // namespace fangyi::html

// Whether text is UTF-8, quickly: cmark-gfm checks every line of a page
// byte by byte (CMARK_OPT_VALIDATE_UTF8) to replace what is not, which is
// a tenth of its work on the handbook's pages; a page that is UTF-8
// throughout needs none of it (html/markdown.cc).
#pragma once

#include <string_view>

namespace fangyi::html {

// True when `s` is UTF-8 throughout: no stray or missing continuation
// bytes, overlong forms, surrogates or code points past U+10FFFF. Where
// the processor has AVX2, 32 bytes at a time (Keiser and Lemire,
// "Validating UTF-8 in less than one instruction per byte", 2021);
// elsewhere as core's is_valid_utf8, code point by code point.
bool is_utf8(std::string_view s);

}  // namespace fangyi::html

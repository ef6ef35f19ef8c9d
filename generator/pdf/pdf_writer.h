// Drawing a laid-out Document with libharu: one embedded font per document
// (the subset of the characters it uses), UTF-8 text so it stays extractable,
// compressed streams, and the title and creation date in the metadata.
#pragma once

#include <ctime>
#include <optional>
#include <set>
#include <string>

#include "pdf/font.h"
#include "pdf/page.h"
#include "core/parallel.h"

namespace fangyi::pdf {

// Every character the document draws, its pages read on up to `threads`
// threads.
std::set<char32_t> characters(const Document& doc, std::size_t threads = 1);

// The characters of `doc` that libharu 2.3's UTF-8 path cannot draw (outside
// the Basic Multilingual Plane) or the font has no glyph for. Empty when the
// document can be written exactly as laid out.
std::set<char32_t> unprintable(const std::set<char32_t>& chars, const Font& font);

// The PDF bytes of `doc`, whose characters() are `chars`; nullopt with
// *error set when libharu fails or the document draws a character outside
// the BMP. `created` is the creation date written to the metadata. Page
// streams are encoded on up to `threads` threads; the bytes are the same
// for any number.
std::optional<std::string> write_pdf(const Document& doc, const std::set<char32_t>& chars, const Font& font,
                                     std::time_t created, std::string* error, std::size_t threads = worker_count());

}  // namespace fangyi::pdf

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

namespace fangyi::pdf {

// Every character the document draws.
std::set<char32_t> characters(const Document& doc);

// The characters of `doc` that libharu 2.3's UTF-8 path cannot draw (outside
// the Basic Multilingual Plane) or the font has no glyph for. Empty when the
// document can be written exactly as laid out.
std::set<char32_t> unprintable(const std::set<char32_t>& chars, const Font& font);

// The PDF bytes; nullopt with *error set when libharu fails. `created` is the
// creation date written to the metadata.
std::optional<std::string> write_pdf(const Document& doc, const Font& font, std::time_t created, std::string* error);

}  // namespace fangyi::pdf

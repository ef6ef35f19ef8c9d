// The typeface of the forms: its advance widths for layout (read with
// HarfBuzz, the same numbers the PDF viewer uses), whether it has a glyph for
// a character, and a subset holding only the characters one document uses,
// so each PDF embeds a few kilobytes of font instead of the 20 MB face.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace fangyi::pdf {

// A font file and, for a collection (.ttc), the face in it.
struct FontSpec {
  std::string path;
  unsigned index = 0;
};

// AR PL UMing TW: face 2 of Debian's fonts-arphic-uming collection.
FontSpec default_font();

// "FILE" or "FILE:INDEX"; nullopt when INDEX is not a number.
std::optional<FontSpec> parse_font_spec(std::string_view text);

// Immutable once opened: safe to share between threads.
class Font {
 public:
  // Fails (with a diagnostic) when the file cannot be read, is not a font, or
  // has no face `spec.index`.
  static std::unique_ptr<Font> open(const FontSpec& spec, Diagnostics& diags);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  const FontSpec& spec() const { return spec_; }
  bool covers(char32_t cp) const;
  // Advance width of a character, in em (1.0 = the font size).
  double advance(char32_t cp) const;
  // Width of UTF-8 text at `size` points.
  double width(std::string_view text, double size) const;
  // A TrueType font with only the glyphs of `characters` (and the cmap that
  // maps them); nullopt with *error set when HarfBuzz cannot subset.
  std::optional<std::string> subset(const std::set<char32_t>& characters, std::string* error) const;

 private:
  Font(FontSpec spec, hb_blob_t* blob, hb_face_t* face, hb_font_t* font);
  double glyph_advance(char32_t cp) const;
  FontSpec spec_;
  hb_blob_t* blob_;
  hb_face_t* face_;
  hb_font_t* font_;
  double units_per_em_;
  // Advances of the Basic Multilingual Plane, read once when the font is
  // opened: layout measures every cell, so this is the hot path, and an
  // immutable table lets forms be laid out on several threads at once.
  std::vector<float> bmp_advance_;
  // Which of the BMP have a glyph: every roster cell is checked.
  std::vector<bool> bmp_covered_;
};

}  // namespace fangyi::pdf

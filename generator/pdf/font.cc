// HarfBuzz reads the face for metrics and coverage, and hb-subset cuts the
// per-document subset.
#include "pdf/font.h"

#include <hb-subset.h>
#include <hb.h>

#include <charconv>

#include "core/text.h"

namespace fangyi::pdf {

FontSpec default_font() { return {"/usr/share/fonts/truetype/arphic/uming.ttc", 2}; }

std::optional<FontSpec> parse_font_spec(std::string_view text) {
  FontSpec spec{std::string(text), 0};
  // A colon followed only by digits names the face; other colons belong to
  // the path.
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == text.size()) return spec;
  std::string_view tail = text.substr(colon + 1);
  if (tail.find_first_not_of("0123456789") != std::string_view::npos) return spec;
  unsigned index = 0;
  auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), index);
  if (ec != std::errc() || end != tail.data() + tail.size()) return std::nullopt;
  spec.path = std::string(text.substr(0, colon));
  spec.index = index;
  return spec;
}

std::unique_ptr<Font> Font::open(const FontSpec& spec, Diagnostics& diags) {
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(spec.path.c_str());
  if (!blob) {
    diags.error({spec.path}, Msg::forms_font_unreadable, {spec.path});
    return nullptr;
  }
  unsigned faces = hb_face_count(blob);
  if (faces == 0 || spec.index >= faces) {
    diags.error({spec.path}, Msg::forms_font_no_face, {spec.path, std::to_string(spec.index), std::to_string(faces)});
    hb_blob_destroy(blob);
    return nullptr;
  }
  hb_face_t* face = hb_face_create(blob, spec.index);
  hb_font_t* font = hb_font_create(face);
  return std::unique_ptr<Font>(new Font(spec, blob, face, font));
}

Font::Font(FontSpec spec, hb_blob_t* blob, hb_face_t* face, hb_font_t* font)
    : spec_(std::move(spec)), blob_(blob), face_(face), font_(font), bmp_advance_(0x10000), bmp_covered_(0x10000) {
  unsigned upem = hb_face_get_upem(face_);
  units_per_em_ = upem ? upem : 1000;
  // Unscaled: advances come back in font units.
  hb_font_set_scale(font_, int(units_per_em_), int(units_per_em_));
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    hb_codepoint_t glyph = 0;
    bmp_covered_[cp] = hb_font_get_nominal_glyph(font_, cp, &glyph) && glyph != 0;
    bmp_advance_[cp] = float(hb_font_get_glyph_h_advance(font_, glyph) / units_per_em_);
  }
}

double Font::glyph_advance(char32_t cp) const {
  hb_codepoint_t glyph = 0;
  hb_font_get_nominal_glyph(font_, cp, &glyph);  // glyph 0 (.notdef) when missing
  return hb_font_get_glyph_h_advance(font_, glyph) / units_per_em_;
}

Font::~Font() {
  hb_font_destroy(font_);
  hb_face_destroy(face_);
  hb_blob_destroy(blob_);
}

bool Font::covers(char32_t cp) const {
  if (cp < 0x10000) return bmp_covered_[cp];
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(font_, cp, &glyph) && glyph != 0;
}

double Font::advance(char32_t cp) const { return cp < 0x10000 ? bmp_advance_[cp] : glyph_advance(cp); }

double Font::width(std::string_view text, double size) const {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) em += advance(next_code_point(text, i));
  return em * size;
}

std::optional<std::string> Font::subset(const std::set<char32_t>& characters, std::string* error) const {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (!input) {
    *error = "hb_subset_input_create_or_fail";
    return std::nullopt;
  }
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t cp : characters) hb_set_add(unicodes, cp);
  // Hinting only matters on low-resolution screens; printed forms do not
  // need it, and it is a large part of the face.
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t* cut = hb_subset_or_fail(face_, input);
  hb_subset_input_destroy(input);
  if (!cut) {
    *error = "hb_subset_or_fail";
    return std::nullopt;
  }
  hb_blob_t* blob = hb_face_reference_blob(cut);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string bytes(data, length);
  hb_blob_destroy(blob);
  hb_face_destroy(cut);
  return bytes;
}

}  // namespace fangyi::pdf

// No glyph prints blank: a pre-filled log and notice are rendered with
// pdftoppm, once as written and once with every text run removed, and each
// character's box must hold more ink in the first than in the second. A
// character that libharu turned into a space, or that the subset lost,
// fails here even though pdftotext would still "see" it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "pdf/form_layout.h"
#include "pdf/pdf_writer.h"
#include "support/compile_text.h"
#include "support/temp_dir.h"

namespace fangyi::pdf {
namespace {

constexpr int kDpi = 100;

struct Gray {
  int width = 0, height = 0;
  std::string pixels;
  int ink(double x0, double y0, double x1, double y1) const {
    auto px = [](double pt) { return int(pt * kDpi / 72.0); };
    int n = 0;
    for (int y = std::max(0, px(y0)); y < std::min(height, px(y1) + 1); ++y)
      for (int x = std::max(0, px(x0)); x < std::min(width, px(x1) + 1); ++x)
        n += static_cast<unsigned char>(pixels[std::size_t(y) * std::size_t(width) + std::size_t(x)]) < 160;
    return n;
  }
};

// Page `page` (1-based) of `pdf_bytes` as an 8-bit gray image.
std::optional<Gray> render(const std::string& dir, const std::string& name, const std::string& pdf_bytes, int page) {
  std::string pdf = dir + "/" + name + ".pdf";
  std::ofstream(pdf, std::ios::binary) << pdf_bytes;
  std::string n = std::to_string(page);
  std::string cmd = "pdftoppm -gray -r " + std::to_string(kDpi) + " -f " + n + " -l " + n + " -singlefile '" + pdf + "' '" +
                    dir + "/" + name + "'";
  if (std::system(cmd.c_str()) != 0) return std::nullopt;
  std::ifstream in(dir + "/" + name + ".pgm", std::ios::binary);
  std::string magic;
  int maxval = 0;
  Gray g;
  in >> magic >> g.width >> g.height >> maxval;
  in.get();
  if (magic != "P5" || maxval != 255) return std::nullopt;
  g.pixels.resize(std::size_t(g.width) * std::size_t(g.height));
  in.read(g.pixels.data(), std::streamsize(g.pixels.size()));
  return g;
}

class InkTest : public testing::TempDir {
 protected:
  void SetUp() override {
    TempDir::SetUp();
    const auto& c = testing::default_rules();
    ASSERT_TRUE(c.rules) << c.rendered();
    rules = *c.rules;
    font = Font::open(default_font(), diags);
    ASSERT_NE(font, nullptr);
    roster = read_roster(rules, std::string(FANGYI_SOURCE_DIR) + "/examples/roster/students.csv", {}, diags);
    ASSERT_TRUE(roster);
  }

  // Two copies, and the second one's page is checked: its labels and grid
  // come from the content stream it shares with the first.
  void expect_every_glyph_inked(const std::string& form_id, std::size_t row, std::size_t other_row) {
    const rules::Form* form = rules.form(form_id);
    ASSERT_NE(form, nullptr);
    auto schedule = rules::make_schedule(rules, form->scheme, *Date::from_ymd(2020, 1, 20), diags);
    ASSERT_TRUE(schedule);
    FormInput in{&rules, form, &*roster, {Person{&roster->rows[other_row], *schedule}, Person{&roster->rows[row], *schedule}},
                 DateStyle::roc, false};
    Document doc = layout_form(in, *font);
    Document bare = doc;
    for (Page& p : bare.pages) p.texts.clear();
    std::string error;
    auto full_pdf = write_pdf(doc, characters(doc), *font, 0, &error);
    auto bare_pdf = write_pdf(bare, characters(bare), *font, 0, &error);
    ASSERT_TRUE(full_pdf && bare_pdf) << error;
    ASSERT_EQ(doc.pages.size() % 2, 0u);
    std::size_t first = doc.pages.size() / 2;  // the first page of the second copy
    auto full = render(dir_, form_id + "-full", *full_pdf, int(first) + 1);
    auto none = render(dir_, form_id + "-bare", *bare_pdf, int(first) + 1);
    ASSERT_TRUE(full && none) << "pdftoppm (poppler-utils) is installed by scripts/setup.sh";

    int checked = 0;
    for (const TextRun& t : doc.pages[first].texts) {
      double x = t.x;
      for (std::size_t i = 0; i < t.text.size();) {
        std::size_t at = i;
        char32_t cp = next_code_point(t.text, i);
        double w = font->advance(cp) * t.size;
        if (cp != U' ' && cp != U'\u3000') {
          // The glyph's box, pulled in from its neighbours and the rule under it.
          double top = t.baseline - t.size * 0.8, bottom = t.baseline - 0.5;
          double left = x + w * 0.12, right = x + w * 0.88 - 72.0 / kDpi;
          EXPECT_GT(full->ink(left, top, right, bottom), none->ink(left, top, right, bottom))
              << form_id << ": '" << t.text.substr(at, i - at) << "' in '" << t.text << "' prints blank";
          ++checked;
        }
        x += w;
      }
    }
    EXPECT_GT(checked, 200);
  }

  rules::RuleSet rules;
  Diagnostics diags;
  std::unique_ptr<Font> font;
  std::optional<Roster> roster;
};

TEST_F(InkTest, PrefilledTemperatureLog) { expect_every_glyph_inked("form-3", 0, 1); }

TEST_F(InkTest, PrefilledNotice) { expect_every_glyph_inked("form-4", 4, 5); }

}  // namespace
}  // namespace fangyi::pdf

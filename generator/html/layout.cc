// Template rendering. Templates see: lang, site_title, title, page, body
// (HTML), prev/next ({href, title}), and the labels; print.html sees
// chapters ({id, title, body}). The site's text is in the message catalogue,
// so the templates hold only structure.
#include "html/layout.h"

#include <kainjow/mustache.hpp>

#include <charconv>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <tuple>

#include "core/file_io.h"
#include "core/json.h"
#include "core/text.h"
#include "html/anchor_scope.h"
#include "html/escape.h"

namespace fangyi::html {

namespace mstch = kainjow::mustache;

// A page layout cut where the page's own values go: literal text, then
// the value it is followed by (escaped or not), and so on.
struct Piece {
  std::string text;
  int slot = -1;  // a PageSlot after the text, or none (the last piece)
  bool escaped = false;
};
using Pieces = std::vector<Piece>;

// Rendering only reads a parsed template as long as it has no partials or
// lambdas to expand (the data never holds either), so one Layout serves
// every thread.
struct Layout::Templates {
  mstch::mustache page;
  mstch::mustache print;
  mstch::data common;  // what every page shows, in the layout's language
  bool print_has_mark = false;  // print.html holds the body marker's character
  // page.html cut into pieces for each case of previous/next page (index:
  // 2 * has previous + has next); empty when it could not be.
  std::vector<Pieces> page_pieces;
};

namespace {

// The groups of pages, in the order the contents list them.
constexpr PageGroup kGroups[] = {PageGroup::handbook, PageGroup::schemes, PageGroup::rules, PageGroup::seeds};

std::optional<mstch::mustache> load_template(const std::string& path, Diagnostics& diags) {
  std::string error;
  auto text = read_file(path, &error);
  if (!text) {
    diags.error(SourceLocation{path, 0, 0, 1}, Msg::site_template_missing, {path, error});
    return std::nullopt;
  }
  mstch::mustache m(*text);
  if (!m.is_valid()) {
    diags.error(SourceLocation{path, 0, 0, 1}, Msg::site_template_invalid, {path, m.error_message()});
    return std::nullopt;
  }
  return m;
}

Msg group_msg(PageGroup g) {
  switch (g) {
    case PageGroup::handbook: return Msg::site_group_handbook;
    case PageGroup::schemes: return Msg::site_group_schemes;
    case PageGroup::rules: return Msg::site_group_rules;
    case PageGroup::seeds: return Msg::site_group_seeds;
  }
  return Msg::site_group_handbook;
}

mstch::data common(Lang lang) {
  mstch::data d;
  d.set("lang", lang == Lang::en ? "en" : "zh-Hant-TW");
  d.set("site_title", format_message(Msg::site_title, lang));
  d.set("label_search", format_message(Msg::site_search_label, lang));
  d.set("label_search_placeholder", format_message(Msg::site_search_placeholder, lang));
  // search.js fills in {0} itself.
  d.set("label_search_none", std::string(message_template(Msg::site_search_none, lang)));
  d.set("label_search_count", std::string(message_template(Msg::site_search_count, lang)));
  d.set("label_prev", format_message(Msg::site_prev, lang));
  d.set("label_next", format_message(Msg::site_next, lang));
  d.set("label_print", format_message(Msg::site_print, lang));
  d.set("label_contents", format_message(Msg::site_contents, lang));
  d.set("label_menu", format_message(Msg::site_menu, lang));
  d.set("label_on_this_page", format_message(Msg::site_on_this_page, lang));
  d.set("footer", format_message(Msg::site_generated_by, lang, {FANGYI_VERSION}));
  return d;
}

mstch::data link(const Page& p) {
  mstch::data d;
  d.set("href", p.file);
  d.set("title", p.title);
  return d;
}

// The values of a page that page.html may show.
enum PageSlot { kTitle, kFile, kBody, kPrevHref, kPrevTitle, kNextHref, kNextTitle, kSlots };

// Marks values in a rendered template: \x1F<N>\x1F, which the template's
// escaping ({{value}}) turns into \x1F&lt;N&gt;\x1F.
constexpr char kMark = '\x1F';

std::string mark(std::size_t n) { return std::string(1, kMark) + "<" + std::to_string(n) + ">" + kMark; }

// Finds the marker at `at` in `text`: its number (below `count`), whether
// it was escaped, and the position after it; nullopt when there is none.
struct Marker {
  std::size_t number = 0;
  bool escaped = false;
  std::size_t end = 0;
};
std::optional<Marker> marker_at(std::string_view text, std::size_t at, std::size_t count) {
  std::size_t end = text.find(kMark, at + 1);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view mark = text.substr(at + 1, end - at - 1);
  bool escaped = mark.size() > 8 && mark.substr(0, 4) == "&lt;" && mark.substr(mark.size() - 4) == "&gt;";
  bool raw = mark.size() > 2 && mark.front() == '<' && mark.back() == '>';
  std::string_view digits = escaped ? mark.substr(4, mark.size() - 8) : raw ? mark.substr(1, mark.size() - 2) : "";
  std::size_t n = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || n >= count) return std::nullopt;
  return Marker{n, escaped, end + 1};
}

// page.html rendered once per case of previous/next page with markers for
// the page's values, and cut at them. Mustache decides what to show by the
// data's shape only (a string, however it reads, is shown and is never a
// lambda or partial), so filling the pieces in gives what rendering the page
// would. Empty when the template or the shared labels hold the marker's
// character: pages are then rendered one by one.
std::vector<Pieces> cut_page(mstch::mustache& page, const mstch::data& common, const std::string& text) {
  if (text.find(kMark) != std::string::npos) return {};
  std::vector<Pieces> cases;
  for (int c = 0; c < 4; ++c) {
    mstch::data d = common;
    d.set("title", mark(kTitle));
    d.set("page", mark(kFile));
    d.set("body", mark(kBody));
    for (auto [present, name, href, title] : {std::tuple{c >= 2, "prev", kPrevHref, kPrevTitle},
                                             std::tuple{c % 2 == 1, "next", kNextHref, kNextTitle}}) {
      if (!present) continue;
      mstch::data link;
      link.set("href", mark(href));
      link.set("title", mark(title));
      d.set(name, link);
    }
    std::string rendered = page.render(d);
    Pieces pieces(1);
    std::size_t pos = 0;
    for (std::size_t at; (at = rendered.find(kMark, pos)) != std::string::npos;) {
      auto m = marker_at(rendered, at, kSlots);
      if (!m) return {};  // the labels hold the character after all
      pieces.back().text.append(rendered, pos, at - pos);
      pieces.back().slot = static_cast<int>(m->number);
      pieces.back().escaped = m->escaped;
      pieces.emplace_back();
      pos = m->end;
    }
    pieces.back().text.append(rendered, pos, std::string::npos);
    cases.push_back(std::move(pieces));
  }
  return cases;
}

}  // namespace

Layout::Layout(std::unique_ptr<Templates> t, Lang lang) : t_(std::move(t)), lang_(lang) {}
Layout::Layout(Layout&&) noexcept = default;
Layout::~Layout() = default;

std::optional<Layout> Layout::load(const std::string& templates_dir, Lang lang, Diagnostics& diags) {
  namespace fs = std::filesystem;
  auto page = load_template((fs::path(templates_dir) / "page.html").string(), diags);
  auto print = load_template((fs::path(templates_dir) / "print.html").string(), diags);
  if (!page || !print) return std::nullopt;
  std::string error;
  auto print_text = read_file((fs::path(templates_dir) / "print.html").string(), &error);
  auto page_text = read_file((fs::path(templates_dir) / "page.html").string(), &error);
  bool print_has_mark = !print_text || print_text->find(kMark) != std::string::npos;
  auto t = std::make_unique<Templates>(Templates{std::move(*page), std::move(*print), common(lang), print_has_mark, {}});
  if (page_text) t->page_pieces = cut_page(t->page, t->common, *page_text);
  return Layout(std::move(t), lang);
}

void Layout::page(const Page& p, const Page* prev, const Page* next, std::string& out) const {
  if (!t_->page_pieces.empty()) {
    const Pieces& pieces = t_->page_pieces[(prev ? 2 : 0) + (next ? 1 : 0)];
    const std::string* values[kSlots] = {&p.title, &p.file, &p.body, prev ? &prev->file : nullptr,
                                         prev ? &prev->title : nullptr, next ? &next->file : nullptr,
                                         next ? &next->title : nullptr};
    std::size_t size = out.size() + p.body.size() + 256;
    for (const Piece& piece : pieces) size += piece.text.size();
    out.reserve(size);
    for (const Piece& piece : pieces) {
      out += piece.text;
      if (piece.slot < 0) continue;
      const std::string& value = *values[piece.slot];
      out += piece.escaped ? mstch::html_escape(value) : value;
    }
    return;
  }
  mstch::data d = t_->common;
  d.set("title", p.title);
  d.set("page", p.file);
  d.set("body", p.body);
  if (prev) d.set("prev", link(*prev));
  if (next) d.set("next", link(*next));
  out += t_->page.render(d);
}

namespace {

// Appends `rendered` to `parts` with each marker in it replaced by the
// chapter body it stands for: the body's parts as they are, or escaped,
// as the template asked.
void splice_chapters(std::string_view rendered, const std::vector<std::vector<std::string_view>>& chapters,
                     std::deque<std::string>& texts, std::vector<std::string_view>& parts) {
  std::size_t pos = 0;
  for (std::size_t at; (at = rendered.find(kMark, pos)) != std::string::npos;) {
    auto m = marker_at(rendered, at, chapters.size());
    if (!m) {
      parts.push_back(rendered.substr(pos, at + 1 - pos));  // not a marker: kept as it is
      pos = at + 1;
      continue;
    }
    parts.push_back(rendered.substr(pos, at - pos));
    const std::vector<std::string_view>& body = chapters[m->number];
    if (m->escaped) {
      texts.push_back(mstch::html_escape(concat(body)));
      parts.push_back(texts.back());
    } else {
      parts.insert(parts.end(), body.begin(), body.end());
    }
    pos = m->end;
  }
  parts.push_back(rendered.substr(pos));
}

// The id of a page's chapter in the print view: "page-" and its file name
// without ".html"; its anchors are scoped with it.
std::string chapter_id(const Page& p) { return "page-" + std::filesystem::path(p.file).stem().string(); }

}  // namespace

void Layout::print(const std::vector<Page>& pages, std::deque<std::string>& texts,
                   std::vector<std::string_view>& parts) const {
  std::vector<std::string> ids(pages.size());
  std::vector<std::vector<std::string_view>> chapters(pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    ids[i] = chapter_id(pages[i]);
    texts.push_back(ids[i] + "--");
    scope_anchors(pages[i].body, texts.back(), chapters[i]);
  }
  // The bodies are megabytes in all, and mustache copies what it renders
  // line by line, several times: each chapter's body is rendered as a
  // marker and put in afterwards. Markers hold a control character; should
  // a page or the template hold one itself, the bodies go through mustache
  // after all.
  bool marked = !t_->print_has_mark;
  for (const auto& p : pages) {
    marked = marked && p.body.find(kMark) == std::string::npos && p.title.find(kMark) == std::string::npos &&
             p.file.find(kMark) == std::string::npos;
  }
  mstch::data d = t_->common;
  d.set("title", format_message(Msg::site_print_title, lang_, {format_message(Msg::site_title, lang_)}));
  // The groups' names, once each rather than once a chapter.
  std::string groups[std::size(kGroups)];
  for (PageGroup g : kGroups)
    groups[static_cast<int>(g)] = format_message(group_msg(g), lang_);
  mstch::data list{mstch::data::type::list};
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const Page& p = pages[i];
    mstch::data c;
    c.set("id", ids[i]);
    c.set("title", p.title);
    c.set("body", marked ? mark(i) : concat(chapters[i]));
    c.set("group", groups[static_cast<int>(p.group)]);
    list << c;
  }
  d.set("chapters", list);
  texts.push_back(t_->print.render(d));
  if (marked)
    splice_chapters(texts.back(), chapters, texts, parts);
  else
    parts.push_back(texts.back());
}

std::string nav_js(const std::vector<Page>& pages, Lang lang) {
  std::string out = "window.FANGYI_NAV=[";
  bool first_group = true;
  for (PageGroup g : kGroups) {
    bool listed_any = false;
    for (const auto& p : pages) {
      if (p.group != g) continue;
      if (!listed_any) {
        out += first_group ? "\n[" : ",\n[";
        first_group = false;
        append_json_string(out, format_message(group_msg(g), lang));
        out += ",[";
      } else {
        out += ",";
      }
      listed_any = true;
      out += "\n[";
      append_json_string(out, p.file);
      out += ",";
      append_json_string(out, p.title);
      out += ",[";
      // Sub-headings too, unless that makes the list longer than a screen.
      int listed = 0;
      for (const auto& h : p.headings) listed += h.level == 2 || h.level == 3;
      const int deepest = listed > 15 ? 2 : 3;
      bool first = true;
      for (const auto& h : p.headings) {
        if (h.level < 2 || h.level > deepest) continue;
        out += first ? "[" : ",[";
        first = false;
        out += static_cast<char>('0' + h.level);  // 2 or 3
        out += ",";
        append_json_string(out, h.text);
        out += ",";
        append_json_string(out, h.id);
        out += "]";
      }
      out += "]]";
    }
    if (listed_any) out += "]]";
  }
  return out + "];\n";
}

}  // namespace fangyi::html

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

#include "core/file_io.h"
#include "core/json.h"
#include "html/escape.h"

namespace fangyi::html {

namespace mstch = kainjow::mustache;

// Rendering only reads a parsed template as long as it has no partials or
// lambdas to expand (the data never holds either), so one Layout serves
// every thread.
struct Layout::Templates {
  mstch::mustache page;
  mstch::mustache print;
  mstch::data common;  // what every page shows, in the layout's language
  bool print_has_mark = false;  // print.html holds the body marker's character
};

namespace {

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
  bool print_has_mark = !print_text || print_text->find('\x1F') != std::string::npos;
  return Layout(std::make_unique<Templates>(Templates{std::move(*page), std::move(*print), common(lang), print_has_mark}),
                lang);
}

std::string Layout::page(const Page& p, const Page* prev, const Page* next) const {
  mstch::data d = t_->common;
  d.set("title", p.title);
  d.set("page", p.file);
  d.set("body", p.body);
  if (prev) d.set("prev", link(*prev));
  if (next) d.set("next", link(*next));
  return t_->page.render(d);
}

namespace {

// Marks chapter bodies in the rendered print view: \x1F<N>\x1F, which a
// template that escapes its body ({{body}}) turns into \x1F&lt;N&gt;\x1F.
constexpr char kMark = '\x1F';

// Replaces each marker in `rendered` by the body it stands for, escaped
// as the template asked.
std::string splice_bodies(const std::string& rendered, const std::vector<Page>& pages, std::size_t bytes) {
  std::string out;
  out.reserve(rendered.size() + bytes);
  std::size_t pos = 0;
  for (std::size_t at; (at = rendered.find(kMark, pos)) != std::string::npos;) {
    std::size_t end = rendered.find(kMark, at + 1);
    std::string_view mark(rendered.data() + at + 1, end == std::string::npos ? 0 : end - at - 1);
    bool escaped = mark.size() > 8 && mark.substr(0, 4) == "&lt;" && mark.substr(mark.size() - 4) == "&gt;";
    bool raw = mark.size() > 2 && mark.front() == '<' && mark.back() == '>';
    std::string_view digits = escaped ? mark.substr(4, mark.size() - 8) : raw ? mark.substr(1, mark.size() - 2) : "";
    std::size_t n = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || n >= pages.size()) {
      out.append(rendered, pos, at + 1 - pos);  // not a marker: kept as it is
      pos = at + 1;
      continue;
    }
    out.append(rendered, pos, at - pos);
    out += escaped ? mstch::html_escape(pages[n].body) : pages[n].body;
    pos = end + 1;
  }
  out.append(rendered, pos, std::string::npos);
  return out;
}

}  // namespace

std::string Layout::print(const std::vector<Page>& pages) const {
  // The bodies are megabytes in all, and mustache copies what it renders
  // line by line, several times: each chapter's body is rendered as a
  // marker and put in afterwards. Markers hold a control character; should
  // a page or the template hold one itself, the bodies go through mustache
  // after all.
  std::size_t bytes = 0;
  bool marked = !t_->print_has_mark;
  for (const auto& p : pages) {
    bytes += p.body.size();
    marked = marked && p.body.find(kMark) == std::string::npos && p.title.find(kMark) == std::string::npos &&
             p.file.find(kMark) == std::string::npos;
  }
  mstch::data d = t_->common;
  d.set("title", format_message(Msg::site_print_title, lang_, {format_message(Msg::site_title, lang_)}));
  mstch::data chapters{mstch::data::type::list};
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const Page& p = pages[i];
    mstch::data c;
    c.set("id", "page-" + std::filesystem::path(p.file).stem().string());
    c.set("title", p.title);
    c.set("body", marked ? std::string(1, kMark) + "<" + std::to_string(i) + ">" + kMark : p.body);
    c.set("group", format_message(group_msg(p.group), lang_));
    chapters << c;
  }
  d.set("chapters", chapters);
  std::string rendered = t_->print.render(d);
  return marked ? splice_bodies(rendered, pages, bytes) : rendered;
}

std::string nav_js(const std::vector<Page>& pages, Lang lang) {
  std::string out = "window.FANGYI_NAV=[";
  bool first_group = true;
  for (PageGroup g : {PageGroup::handbook, PageGroup::schemes, PageGroup::rules, PageGroup::seeds}) {
    std::string items;
    for (const auto& p : pages) {
      if (p.group != g) continue;
      if (!items.empty()) items += ",";
      items += "\n[" + json_escape(p.file) + "," + json_escape(p.title) + ",[";
      // Sub-headings too, unless that makes the list longer than a screen.
      int listed = 0;
      for (const auto& h : p.headings) listed += h.level == 2 || h.level == 3;
      const int deepest = listed > 15 ? 2 : 3;
      bool first = true;
      for (const auto& h : p.headings) {
        if (h.level < 2 || h.level > deepest) continue;
        if (!first) items += ",";
        first = false;
        items += "[" + std::to_string(h.level) + "," + json_escape(h.text) + "," + json_escape(h.id) + "]";
      }
      items += "]]";
    }
    if (items.empty()) continue;
    if (!first_group) out += ",";
    first_group = false;
    out += "\n[" + json_escape(format_message(group_msg(g), lang)) + ",[" + items + "]]";
  }
  return out + "];\n";
}

}  // namespace fangyi::html

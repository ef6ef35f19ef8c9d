// Renders Markdown with cmark-gfm, then gives the headings ids. Without
// CMARK_OPT_UNSAFE cmark writes no raw HTML, so the only <hN> tags in its
// output are its headings, in document order: they are numbered in the tree
// walk and matched in the output in the same order.
#include "html/markdown.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "core/text.h"
#include "html/arena.h"
#include "html/gfm_extensions.h"

namespace fangyi::html {
namespace {

void collect_text(cmark_node* node, std::string& out) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    cmark_node_type t = cmark_node_get_type(c);
    if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
      if (const char* s = cmark_node_get_literal(c)) out += s;
    } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
      out += ' ';
    } else {
      collect_text(c, out);
    }
  }
}

// cmark-gfm's allocator functions get no context, so the arena a page is
// parsed in is the calling thread's own. Everything of the page (parser,
// tree, rendered HTML) is given back at once when the page is done, rather
// than node by node.
Arena& thread_arena() {
  thread_local Arena arena;
  return arena;
}
void* arena_calloc(std::size_t count, std::size_t size) {
  std::size_t bytes = 0;
  if (__builtin_mul_overflow(count, size, &bytes)) std::abort();
  return thread_arena().allocate(bytes, true);
}
void* arena_realloc(void* p, std::size_t size) { return thread_arena().reallocate(p, size); }
void arena_free(void*) {}
cmark_mem arena_mem{arena_calloc, arena_realloc, arena_free};

struct ArenaReset {
  ~ArenaReset() { thread_arena().reset(); }
};

// The headings in document order: only blocks that hold blocks are
// entered, not the inlines of every paragraph.
template <class Fn>
void for_each_heading(cmark_node* node, Fn&& fn) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_HEADING: fn(c); break;
      case CMARK_NODE_BLOCK_QUOTE:
      case CMARK_NODE_LIST:
      case CMARK_NODE_ITEM:
      case CMARK_NODE_CUSTOM_BLOCK:
      case CMARK_NODE_FOOTNOTE_DEFINITION: for_each_heading(c, fn); break;
      default: break;
    }
  }
}

bool is_id_char(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || cp >= 0x3400;
}

}  // namespace

std::string heading_id(std::string_view text, std::vector<std::string>& taken) {
  std::string id;
  bool dash = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    // Full-width punctuation (U+3000–U+303F, U+FF00–U+FF0F …) separates words.
    bool punct = (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
                 (cp >= 0xFF5B && cp <= 0xFF65);
    if (is_id_char(cp) && !punct) {
      if (dash && !id.empty()) id += '-';
      dash = false;
      append_utf8(id, cp);
    } else {
      dash = true;
    }
  }
  if (id.empty()) id = "section";
  std::string unique = id;
  for (int n = 2; std::find(taken.begin(), taken.end(), unique) != taken.end(); ++n) unique = id + "-" + std::to_string(n);
  taken.push_back(unique);
  return unique;
}

RenderedMarkdown render_markdown(std::string_view markdown) {
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_GITHUB_PRE_LANG;
  const ArenaReset reset;  // last: after everything below is done with
  // cmark-gfm's own check copies a page that is UTF-8 as it is, line by
  // line; it is only asked to where the page is not.
  cmark_parser* parser =
      cmark_parser_new_with_mem(is_valid_utf8(markdown) ? options & ~CMARK_OPT_VALIDATE_UTF8 : options, &arena_mem);
  for (cmark_syntax_extension* ext : gfm_extensions()) cmark_parser_attach_syntax_extension(parser, ext);
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* root = cmark_parser_finish(parser);

  RenderedMarkdown out;
  std::vector<std::string> taken;
  for_each_heading(root, [&](cmark_node* node) {
    Heading h;
    h.level = cmark_node_get_heading_level(node);
    collect_text(node, h.text);
    h.text = trim(h.text);
    h.id = heading_id(h.text, taken);
    if (h.level == 1 && out.title.empty()) out.title = h.text;
    out.headings.push_back(std::move(h));
  });

  std::string_view raw = cmark_render_html_with_mem(root, options, cmark_parser_get_syntax_extensions(parser), &arena_mem);

  // Heading ids go in as they are: heading_id makes them of a-z, 0-9, '-'
  // and characters from U+3400 on, none of which HTML escapes.
  out.html.reserve(raw.size() + out.headings.size() * 64);
  std::size_t pos = 0;
  for (const Heading& h : out.headings) {
    const char open[] = {'<', 'h', static_cast<char>('0' + h.level), '>', '\0'};
    const char close[] = {'<', '/', 'h', static_cast<char>('0' + h.level), '>', '\0'};
    std::size_t at = raw.find(open, pos);
    std::size_t end = at == std::string::npos ? at : raw.find(close, at);
    if (end == std::string::npos) break;
    out.html.append(raw, pos, at - pos);
    out.html.append(open, 3);
    out.html += " id=\"";
    out.html += h.id;
    out.html += "\">";
    out.html.append(raw, at + 4, end - at - 4);
    out.html += "<a class=\"anchor\" href=\"#";
    out.html += h.id;
    out.html += "\" aria-hidden=\"true\">#</a>";
    out.html += close;
    pos = end + 5;
  }
  out.html.append(raw, pos, std::string_view::npos);
  return out;
}

}  // namespace fangyi::html

// cmark-gfm 0.29 keeps the characters that end a run of plain text, and
// those that emphasis looks past, in two process-wide tables (SPECIAL_CHARS
// and SKIP_CHARS in inlines.c). Each parse's inline pass adds its
// extensions' characters (autolink's ':' and 'w', strikethrough's '~') to
// them at its start and takes them out at its end, both through
// cmark_manage_extensions_special_characters: when pages are parsed on
// several threads, one page's end takes the characters out from under
// another page's pass, which then misses strikethrough and autolinks.
//
// The library calls that function through its own exported symbol, which a
// definition in the program takes the place of (ELF symbol interposition:
// the program's symbols are looked up before the library's). The one below
// does nothing; the characters are added once, for the whole process, when
// the extensions are first asked for, by the library's own function found
// past ours. The extensions keep their characters, which the inline pass
// also uses to tell which extension a delimiter belongs to, so every pass,
// on any thread, sees the tables as a pass on its own would.
// tests/html/markdown_test.cc checks that the symbol is ours and that pages
// parsed together come out as each alone.
#include "html/gfm_extensions.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <dlfcn.h>

#include <cstdlib>
#include <initializer_list>

extern "C" void cmark_manage_extensions_special_characters(cmark_parser*, int) {}

namespace fangyi::html {

const std::vector<cmark_syntax_extension*>& gfm_extensions() {
  static const std::vector<cmark_syntax_extension*> extensions = [] {
    cmark_gfm_core_extensions_ensure_registered();
    std::vector<cmark_syntax_extension*> found;
    for (const char* name : {"table", "autolink", "strikethrough", "tasklist", "tagfilter"})
      if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) found.push_back(ext);
    using Manage = void (*)(cmark_parser*, int);
    auto library_manage = reinterpret_cast<Manage>(dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
    // Without the library's function no parse would find the extensions'
    // characters: nothing to carry on with.
    if (library_manage == nullptr) std::abort();
    cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    for (cmark_syntax_extension* ext : found) cmark_parser_attach_syntax_extension(parser, ext);
    library_manage(parser, 1);
    cmark_parser_free(parser);
    return found;
  }();
  return extensions;
}

}  // namespace fangyi::html

// Streaming sharedStrings.xml into the arena.
#include "check/xlsx_shared_strings.h"

#include <limits>

#include "check/xlsx_part.h"
#include "check/xlsx_values.h"
#include "check/xlsx_xml.h"

namespace fangyi::check {

bool XlsxSharedStrings::load(ZipArchive& zip, const std::string& part, std::optional<Diagnostic>& error) {
  std::unique_ptr<ZipEntryStream> in = zip.stream(part, error);
  if (!in) return false;
  XmlPull xml(*in);
  std::string item;       // the raw text of the current <si>
  bool in_item = false, in_text = false;
  int phonetic = 0;       // depth of <rPh>, whose text is a reading aid, not content
  for (;;) {
    XmlEvent e = xml.next();
    if (e == XmlEvent::done) return true;
    if (e == XmlEvent::error) {
      error = xml_error(zip, *in, xml);
      return false;
    }
    if (e == XmlEvent::text) {
      if (in_text) item += xml.text();
      continue;
    }
    std::string_view name = xml.name();
    bool start = e == XmlEvent::start;
    if (name == "si") {
      in_item = start;
      if (start) {
        item.clear();
        continue;
      }
      append_ooxml_text(item, text_);
      if (text_.size() > std::numeric_limits<uint32_t>::max()) {
        error = xlsx_error(zip.path(), Msg::xlsx_entry_too_large,
                           {zip.path(), part, std::to_string(std::numeric_limits<uint32_t>::max())});
        return false;
      }
      ends_.push_back(static_cast<uint32_t>(text_.size()));
    } else if (name == "rPh") {
      phonetic += start ? 1 : -1;
    } else if (name == "t") {
      in_text = start && in_item && phonetic == 0;
    }
  }
}

}  // namespace fangyi::check

// Parsing small parts with pugixml and naming their errors.
#include "check/xlsx_part.h"

namespace fangyi::check {

namespace {

std::string_view local_name(const char* qname) {
  std::string_view name(qname);
  std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

bool parse_part(ZipArchive& zip, const std::string& name, pugi::xml_document& doc, std::optional<Diagnostic>& error) {
  std::optional<std::string> data = zip.read(name, error);
  if (!data) return false;
  pugi::xml_parse_result result = doc.load_buffer(data->data(), data->size());
  if (result) return true;
  bool open_at_end = result.status == pugi::status_end_element_mismatch &&
                     static_cast<std::size_t>(result.offset) + 1 >= data->size();
  if (open_at_end || result.status == pugi::status_no_document_element)
    error = xlsx_error(zip.path(), Msg::xlsx_xml_truncated, {zip.path(), name});
  else
    error = xlsx_error(zip.path(), Msg::xlsx_xml_malformed,
                       {zip.path(), name, std::to_string(result.offset),
                        xml_excerpt(*data, static_cast<std::size_t>(result.offset))});
  return false;
}

Diagnostic xml_error(const ZipArchive& zip, const ZipEntryStream& in, const XmlPull& xml) {
  if (in.error()) return *in.error();
  if (xml.truncated()) return xlsx_error(zip.path(), Msg::xlsx_xml_truncated, {zip.path(), in.name()});
  return xlsx_error(zip.path(), Msg::xlsx_xml_malformed,
                    {zip.path(), in.name(), std::to_string(xml.error_offset()), xml.error_excerpt()});
}

bool is_named(const pugi::xml_node& node, std::string_view local) {
  return node.type() == pugi::node_element && local_name(node.name()) == local;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c : node.children())
    if (is_named(c, local)) return c;
  return {};
}

std::string_view attribute(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_attribute a : node.attributes())
    if (local_name(a.name()) == local) return a.value();
  return {};
}

}  // namespace fangyi::check

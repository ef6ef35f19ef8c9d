// The small parts of an XLSX package (relationships, content types,
// workbook, styles), parsed whole with pugixml, and namespace-blind access to
// them: elements and attributes are matched by local name, so "x:sheet" and
// "sheet" are the same. Interface: parse_part, is_named, child, attribute.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "check/xlsx_zip.h"
#include "core/diagnostic.h"

namespace fangyi::check {

// Reads and parses entry `name`; false with `error` set when it is missing,
// too large or not well-formed XML.
bool parse_part(ZipArchive& zip, const std::string& name, pugi::xml_document& doc, std::optional<Diagnostic>& error);

// The error for a streamed part: the stream's own (a limit, a zip error)
// when it has one, else the parser's.
Diagnostic xml_error(const ZipArchive& zip, const ZipEntryStream& in, const XmlPull& xml);

bool is_named(const pugi::xml_node& node, std::string_view local);
// The first child element with this local name (null node when none).
pugi::xml_node child(const pugi::xml_node& node, std::string_view local);
// The value of the attribute with this local name; "" when absent.
std::string_view attribute(const pugi::xml_node& node, std::string_view local);

}  // namespace fangyi::check

// Finding the workbook and its sheets through the package relationships.
#include "check/xlsx_workbook.h"

#include <charconv>
#include <map>

#include "check/xlsx_part.h"
#include "core/text.h"

namespace fangyi::check {

namespace {

struct Relationship {
  std::string type;
  std::string target;  // resolved entry name
};
using Relationships = std::map<std::string, Relationship, std::less<>>;  // by Id

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string folder_of(std::string_view part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// The relationships of `part` ("" for the package itself); none when it has
// no relationship part.
bool read_relationships(ZipArchive& zip, std::string_view part, Relationships& out, std::optional<Diagnostic>& error) {
  std::string folder = folder_of(part);
  std::string name = folder + "_rels/" + std::string(part.substr(folder.size())) + ".rels";
  if (!zip.has(name)) return true;
  pugi::xml_document doc;
  if (!parse_part(zip, name, doc, error)) return false;
  for (pugi::xml_node r : doc.document_element().children()) {
    if (!is_named(r, "Relationship") || attribute(r, "TargetMode") == "External") continue;
    out[std::string(attribute(r, "Id"))] = {std::string(attribute(r, "Type")),
                                            resolve_part(folder, attribute(r, "Target"))};
  }
  return true;
}

// The workbook entry named by the package relationships, else by the
// content types, else the usual one; nullopt on a malformed part.
std::optional<std::string> workbook_part(ZipArchive& zip, std::optional<Diagnostic>& error) {
  Relationships package;
  if (!read_relationships(zip, "", package, error)) return std::nullopt;
  for (const auto& [id, r] : package)
    if (ends_with(r.type, "/officeDocument")) return r.target;
  const std::string content_types = "[Content_Types].xml";
  if (zip.has(content_types)) {
    pugi::xml_document doc;
    if (!parse_part(zip, content_types, doc, error)) return std::nullopt;
    for (pugi::xml_node o : doc.document_element().children()) {
      std::string_view type = attribute(o, "ContentType");
      bool spreadsheet = type.find("spreadsheetml") != std::string_view::npos ||
                         type.find("ms-excel") != std::string_view::npos;
      if (is_named(o, "Override") && spreadsheet && ends_with(type, ".main+xml"))
        return resolve_part("", attribute(o, "PartName"));
    }
  }
  return "xl/workbook.xml";
}

bool is_ods(ZipArchive& zip) {
  std::optional<Diagnostic> ignored;
  std::optional<std::string> mimetype = zip.has("mimetype") ? zip.read("mimetype", ignored) : std::nullopt;
  return mimetype && mimetype->starts_with("application/vnd.oasis.opendocument.spreadsheet");
}

std::string folded(std::string_view s) {
  std::string out = trim(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::string resolve_part(std::string_view base, std::string_view target) {
  bool absolute = !target.empty() && (target[0] == '/' || target[0] == '\\');
  std::string joined = absolute ? std::string(target) : std::string(base) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    std::size_t cut = rest.find_first_of("/\\");
    std::string_view segment = rest.substr(0, cut);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment != "..") {
      segments.push_back(segment);
    } else if (segments.empty()) {
      return "";
    } else {
      segments.pop_back();
    }
  }
  std::string out;
  for (std::string_view s : segments) (out += out.empty() ? "" : "/") += s;
  return out;
}

std::optional<XlsxWorkbook> read_workbook(ZipArchive& zip, std::optional<Diagnostic>& error) {
  std::optional<std::string> part = workbook_part(zip, error);
  if (!part) return std::nullopt;
  pugi::xml_document doc;
  if (part->empty() || !zip.has(*part)) {
    error = xlsx_error(zip.path(), is_ods(zip) ? Msg::xlsx_ods : Msg::xlsx_no_workbook, {zip.path()},
                       Msg::xlsx_save_as_hint);
    return std::nullopt;
  }
  if (!parse_part(zip, *part, doc, error)) return std::nullopt;
  pugi::xml_node root = doc.document_element();
  if (!is_named(root, "workbook")) {
    error = xlsx_error(zip.path(), Msg::xlsx_no_workbook, {zip.path()}, Msg::xlsx_save_as_hint);
    return std::nullopt;
  }
  Relationships relationships;
  if (!read_relationships(zip, *part, relationships, error)) return std::nullopt;

  XlsxWorkbook workbook;
  std::string_view date1904 = attribute(child(root, "workbookPr"), "date1904");
  workbook.date1904 = date1904 == "1" || date1904 == "true";
  for (pugi::xml_node node : child(root, "sheets").children()) {
    if (!is_named(node, "sheet")) continue;
    XlsxSheet& sheet = workbook.sheets.emplace_back();
    sheet.name = attribute(node, "name");
    std::string_view state = attribute(node, "state");
    sheet.visible = state != "hidden" && state != "veryHidden";
    auto r = relationships.find(attribute(node, "id"));  // r:id
    if (r != relationships.end()) {
      sheet.part = r->second.target;
      sheet.worksheet = ends_with(r->second.type, "/worksheet");
    }
  }
  for (const auto& [id, r] : relationships) {
    if (!zip.has(r.target)) continue;
    if (ends_with(r.type, "/sharedStrings")) workbook.shared_strings = r.target;
    if (ends_with(r.type, "/styles")) workbook.styles = r.target;
  }
  std::string folder = folder_of(*part);
  if (workbook.shared_strings.empty() && zip.has(folder + "sharedStrings.xml"))
    workbook.shared_strings = folder + "sharedStrings.xml";
  if (workbook.styles.empty() && zip.has(folder + "styles.xml")) workbook.styles = folder + "styles.xml";
  return workbook;
}

const XlsxSheet* select_sheet(const XlsxWorkbook& workbook, const std::string& wanted, const std::string& path,
                              std::optional<Diagnostic>& error) {
  const XlsxSheet* found = nullptr;
  if (wanted.empty()) {
    for (const XlsxSheet& s : workbook.sheets)
      if (s.worksheet && (found == nullptr || (s.visible && !found->visible))) found = &s;
    if (found == nullptr) error = xlsx_error(path, Msg::xlsx_no_sheets, {path});
    return found;
  }
  for (const XlsxSheet& s : workbook.sheets)
    if (found == nullptr && s.name == wanted) found = &s;
  for (const XlsxSheet& s : workbook.sheets)
    if (found == nullptr && folded(s.name) == folded(wanted)) found = &s;
  std::size_t number = 0;
  auto [end, ec] = std::from_chars(wanted.data(), wanted.data() + wanted.size(), number);
  if (found == nullptr && ec == std::errc() && end == wanted.data() + wanted.size() && number >= 1 &&
      number <= workbook.sheets.size())
    found = &workbook.sheets[number - 1];
  if (found == nullptr) {
    std::vector<std::string> names;
    std::string list;
    for (const XlsxSheet& s : workbook.sheets) {
      names.push_back(s.name);
      list += (list.empty() ? "" : "、") + s.name;
    }
    error = xlsx_error(path, Msg::xlsx_unknown_sheet, {path, wanted, list});
    suggest(*error, nearest(wanted, names));
    return nullptr;
  }
  if (!found->worksheet) {
    error = xlsx_error(path, Msg::xlsx_not_worksheet, {path, found->name});
    return nullptr;
  }
  return found;
}

}  // namespace fangyi::check

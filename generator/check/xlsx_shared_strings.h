// The shared string table of a workbook (sharedStrings.xml), streamed into
// one arena: the text of all strings back to back and where each ends, so a
// table of a million short strings costs little more than its text.
// Interface: XlsxSharedStrings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/xlsx_zip.h"
#include "core/diagnostic.h"

namespace fangyi::check {

class XlsxSharedStrings {
 public:
  // Reads `part`: each <si> is its <t> text, or the <t> of its rich text runs
  // joined, without phonetic runs (<rPh>); _xHHHH_ escapes decoded. False
  // with `error` set when the part is malformed or breaks a limit.
  bool load(ZipArchive& zip, const std::string& part, std::optional<Diagnostic>& error);

  std::size_t size() const { return ends_.size(); }
  std::string_view operator[](std::size_t i) const {
    uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string text_;
  std::vector<uint32_t> ends_;
};

}  // namespace fangyi::check

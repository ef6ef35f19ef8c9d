// One worksheet (xl/worksheets/sheetN.xml) streamed row by row as a
// TableReader: <row>/<c>/<v>/<is> events from the pull parser become rows of
// cell text (rules in xlsx_reader.h). Interface: XlsxSheetReader.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check/table.h"
#include "check/xlsx_shared_strings.h"
#include "check/xlsx_styles.h"
#include "check/xlsx_xml.h"
#include "check/xlsx_zip.h"

namespace fangyi::check {

class XlsxSheetReader final : public TableReader {
 public:
  XlsxSheetReader(std::unique_ptr<ZipArchive> zip, std::unique_ptr<ZipEntryStream> in, std::string sheet_name,
                  XlsxSharedStrings strings, std::vector<XlsxNumberFormat> formats, bool date1904)
      : zip_(std::move(zip)), in_(std::move(in)), xml_(*in_), sheet_name_(std::move(sheet_name)),
        strings_(std::move(strings)), formats_(std::move(formats)), date1904_(date1904) {}

  bool header(std::vector<std::string>& names) override;
  bool next(std::vector<std::string_view>& cells, uint64_t& line) override;
  std::string encoding() const override { return "XLSX"; }
  uint64_t bytes_read() const override { return in_->bytes_read(); }
  uint64_t bytes_total() const override { return in_->declared_size(); }

 private:
  bool read_row();
  void start_element(std::string_view name);
  void end_element(std::string_view name);
  void start_cell();
  void finish_cell();
  void add_issue(Msg message, std::vector<std::string> args);
  std::string cell_name() const;

  std::unique_ptr<ZipArchive> zip_;  // before the stream, which reads from it
  std::unique_ptr<ZipEntryStream> in_;
  XmlPull xml_;
  std::string sheet_name_;
  XlsxSharedStrings strings_;
  std::vector<XlsxNumberFormat> formats_;
  bool date1904_;
  std::size_t header_width_ = 0;
  bool done_ = false;

  // The row being read: its cells' text back to back, (begin, size) by column.
  bool in_data_ = false, in_row_ = false, any_text_ = false;
  uint64_t line_ = 0;
  std::string text_;
  std::vector<std::pair<std::size_t, std::size_t>> cells_;

  // The cell being read.
  bool in_cell_ = false, in_value_ = false, in_inline_ = false, in_inline_text_ = false;
  bool has_value_ = false, has_formula_ = false;
  int phonetic_ = 0;
  uint32_t column_ = 0;  // 1-based
  std::string type_;
  XlsxNumberFormat format_;
  std::string value_;
};

}  // namespace fangyi::check

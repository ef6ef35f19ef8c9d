// Streaming a worksheet's rows and converting its cells.
#include "check/xlsx_sheet.h"

#include <charconv>

#include "check/xlsx_part.h"
#include "check/xlsx_values.h"

namespace fangyi::check {

namespace {

constexpr uint32_t kMaxColumn = 16384;  // XFD

template <typename T>
std::optional<T> to_number(std::string_view s) {
  T value{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

// The 1-based column of a reference such as "C5"; 0 when malformed.
uint32_t column_of(std::string_view ref) {
  uint32_t column = 0;
  std::size_t i = 0;
  for (; i < ref.size() && i < 3; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<uint32_t>(c - 'A' + 1);
  }
  std::string_view row = ref.substr(i);
  if (i == 0 || column > kMaxColumn || row.empty() || !to_number<uint64_t>(row)) return 0;
  return column;
}

std::string column_letters(uint32_t column) {
  std::string letters;
  for (; column > 0; column = (column - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  return letters;
}

}  // namespace

bool XlsxSheetReader::header(std::vector<std::string>& names) {
  names.clear();
  if (!read_row()) {
    if (!error_) error_ = xlsx_error(zip_->path(), Msg::xlsx_empty_sheet, {zip_->path(), sheet_name_});
    return false;
  }
  std::size_t width = cells_.size();
  while (width > 0 && cells_[width - 1].second == 0) --width;
  for (std::size_t i = 0; i < width; ++i) names.emplace_back(text_, cells_[i].first, cells_[i].second);
  header_width_ = width;
  return true;
}

bool XlsxSheetReader::next(std::vector<std::string_view>& cells, uint64_t& line) {
  if (!read_row()) return false;
  line = line_;
  cells.assign(std::max(cells_.size(), header_width_), std::string_view());
  for (std::size_t i = 0; i < cells_.size(); ++i)
    cells[i] = std::string_view(text_).substr(cells_[i].first, cells_[i].second);
  return true;
}

// Reads up to the end of the next row with a non-empty cell.
bool XlsxSheetReader::read_row() {
  while (!done_) {
    switch (xml_.next()) {
      case XmlEvent::start:
        start_element(xml_.name());
        break;
      case XmlEvent::text:
        if (in_value_ || in_inline_text_) value_ += xml_.text();
        break;
      case XmlEvent::end:
        if (xml_.name() == "row" && in_row_) {
          in_row_ = false;
          if (any_text_) return true;
        } else if (xml_.name() == "sheetData") {
          done_ = true;
        } else {
          end_element(xml_.name());
        }
        break;
      case XmlEvent::done:
        done_ = true;
        break;
      case XmlEvent::error:
        done_ = true;
        error_ = xml_error(*zip_, *in_, xml_);
        error_->where.line = static_cast<int>(std::min<uint64_t>(line_, INT32_MAX));
        break;
    }
  }
  return false;
}

void XlsxSheetReader::start_element(std::string_view name) {
  if (name == "sheetData") {
    in_data_ = true;
  } else if (!in_data_) {
    return;
  } else if (name == "row") {
    auto r = xml_.attribute("r");
    auto number = r ? to_number<uint64_t>(*r) : std::nullopt;
    line_ = number && *number > 0 ? *number : line_ + 1;
    in_row_ = true;
    any_text_ = false;
    text_.clear();
    cells_.clear();
    column_ = 0;
  } else if (name == "c" && in_row_) {
    start_cell();
  } else if (!in_cell_) {
    return;
  } else if (name == "v") {
    in_value_ = has_value_ = true;
  } else if (name == "f") {
    has_formula_ = true;
  } else if (name == "is") {
    in_inline_ = has_value_ = true;
  } else if (name == "rPh" && in_inline_) {
    ++phonetic_;
  } else if (name == "t" && in_inline_) {
    in_inline_text_ = phonetic_ == 0;
  }
}

void XlsxSheetReader::end_element(std::string_view name) {
  if (!in_cell_) return;
  if (name == "c") {
    finish_cell();
    in_cell_ = false;
  } else if (name == "v") {
    in_value_ = false;
  } else if (name == "is") {
    in_inline_ = false;
  } else if (name == "rPh" && in_inline_) {
    --phonetic_;
  } else if (name == "t") {
    in_inline_text_ = false;
  }
}

void XlsxSheetReader::start_cell() {
  in_cell_ = true;
  in_value_ = in_inline_ = in_inline_text_ = has_value_ = has_formula_ = false;
  phonetic_ = 0;
  value_.clear();
  auto ref = xml_.attribute("r");
  uint32_t column = ref ? column_of(*ref) : column_ + 1;
  if (column == 0) {
    add_issue(Msg::xlsx_bad_cell_ref, {std::string(*ref), std::to_string(line_)});
    column = column_ + 1;
  }
  column_ = std::min(column, kMaxColumn);
  type_ = xml_.attribute("t").value_or("n");
  auto style = to_number<uint32_t>(xml_.attribute("s").value_or(""));
  format_ = style && *style < formats_.size() ? formats_[*style] : XlsxNumberFormat{};
}

void XlsxSheetReader::finish_cell() {
  std::size_t begin = text_.size();
  if (!has_value_ || value_.empty()) {  // <v></v> is blank too
    if (has_formula_ && !has_value_) add_issue(Msg::xlsx_formula_no_value, {cell_name()});
  } else if (type_ == "s") {
    auto index = to_number<std::size_t>(value_);
    if (index && *index < strings_.size())
      text_ += strings_[*index];
    else
      add_issue(Msg::xlsx_bad_shared_string, {cell_name(), value_});
  } else if (type_ == "inlineStr" || type_ == "str") {
    append_ooxml_text(value_, text_);
  } else if (type_ == "b") {
    if (value_ == "1" || value_ == "0")
      text_ += value_ == "1" ? "true" : "false";
    else
      add_issue(Msg::xlsx_bad_value, {cell_name(), value_});
  } else if (type_ == "e") {
    add_issue(Msg::xlsx_cell_error, {cell_name(), value_});
  } else if (type_ == "d") {
    if (!append_iso_date(value_, format_, text_)) add_issue(Msg::xlsx_bad_value, {cell_name(), value_});
  } else if (std::optional<double> number = parse_xlsx_number(value_)) {
    if (!append_formatted(*number, format_, date1904_, text_)) {
      add_issue(Msg::xlsx_date_out_of_range, {cell_name(), value_});
      append_number(*number, text_);
    }
  } else {
    add_issue(Msg::xlsx_bad_value, {cell_name(), value_});
  }
  if (cells_.size() < column_) cells_.resize(column_);
  cells_[column_ - 1] = {begin, text_.size() - begin};
  any_text_ = any_text_ || text_.size() > begin;
}

void XlsxSheetReader::add_issue(Msg message, std::vector<std::string> args) {
  issues_.push_back(ReadIssue{line_, static_cast<int>(column_), message, std::move(args)});
}

std::string XlsxSheetReader::cell_name() const { return column_letters(column_) + std::to_string(line_); }

}  // namespace fangyi::check

// Turning the text of a cell into a typed value for its dataset field: dates
// in any accepted spelling, enums checked against their values, yes/no,
// numbers, lists. A cell that does not convert is a finding, not a crash.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/messages.h"
#include "core/text.h"
#include "expr/expr.h"
#include "rules/model.h"

namespace fangyi::check {

struct CellError {
  Msg message{};
  std::vector<std::string> args;
};

// Remembers what the dates of a column parsed to: an export repeats the same
// few hundred dates row after row, and parse_date (full-width digits, ROC
// years, words) costs more than the rest of reading a cell. One per thread.
class DateMemo {
 public:
  // parse_date(text, formats), from memory when this text was seen.
  std::optional<Date> parse(std::string_view text, unsigned formats);

 private:
  struct Entry {
    char text[24];
    uint8_t size = 0xFF;  // none
    unsigned formats = 0;
    Date date;
  };
  Entry entries_[512];
};

// Converts `raw` (already trimmed) for field `f`. A string result may view
// `raw` or `scratch`; both must outlive the value's use. An empty cell is
// null.
std::optional<CellError> convert_cell(const rules::DatasetField& f, std::string_view raw, std::string& scratch,
                                      expr::Value& out);
// The same, with dates through `memo`.
std::optional<CellError> convert_cell(const rules::DatasetField& f, std::string_view raw, std::string& scratch,
                                      DateMemo& memo, expr::Value& out);

// The cells of one dataset's rows as values, each field's conversion chosen
// once: text fields are views, enum values and yes/no words are found in a
// table instead of compared one by one, dates go through a DateMemo, the
// rest through convert_cell. Gives exactly what convert_cell gives (a string
// may view the rule's own spelling of an equal value). One per thread.
//
// Each converted cell also gets a code: 0 when it is null (empty or not
// converted); for enum and yes/no fields a small number that stands for the
// value (1 + its index among the enum's values; 1 no, 2 yes); for other
// fields 1 when has() holds of it. Whatever depends only on such values, or
// only on has(), can be remembered by the codes (engine_row_checks.h).
class RowConverter {
 public:
  explicit RowConverter(const rules::Dataset& d);

  // Converts `raw` (already trimmed) for field `slot` into `out`, and sets
  // its code. A cell that does not convert (an error) has code 0: the caller
  // reads it as null.
  std::optional<CellError> convert(std::size_t slot, std::string_view raw, expr::Value& out) {
    return convert_field(fields_[slot], codes_[slot], raw, out);
  }

  // Converts a whole row: for each slot, cell column[slot] of cells[0..count)
  // (empty when the column is -1 or past the end) as convert_one does;
  // error(slot, raw, CellError) is called for a cell that does not convert.
  template <class OnError>
  void convert_row(const std::string_view* cells, std::size_t count, const int* column, expr::Value* values,
                   std::string_view* texts, OnError&& error) {
    for (std::size_t slot = 0; slot < fields_.size(); ++slot) {
      const int col = column[slot];
      const std::string_view cell = col >= 0 && static_cast<std::size_t>(col) < count ? cells[col] : std::string_view();
      if (auto err = convert_one(slot, cell, values, texts)) error(slot, texts[slot], *err);
    }
  }

  // One cell of a row, as convert_row converts it: `cell`, trimmed, into
  // values[slot] and texts[slot]; a cell that does not convert is null and
  // its problem returned.
  std::optional<CellError> convert_one(std::size_t slot, std::string_view cell, expr::Value* values,
                                       std::string_view* texts) {
    const std::string_view raw = trim_view(cell);
    texts[slot] = raw;
    auto err = convert_field(fields_[slot], codes_[slot], raw, values[slot]);
    if (err) values[slot] = expr::Value::null();
    return err;
  }

  // The codes of the last converted row, by slot.
  const uint16_t* codes() const { return codes_.data(); }
  // How many codes field `slot` has besides 0 when they stand for values
  // (enum and yes/no fields); 0 for other fields.
  uint16_t code_count(std::size_t slot) const { return fields_[slot].codes; }

 private:
  // Words to values by open addressing; a few probes, one comparison.
  class WordTable {
   public:
    struct Word {
      std::string_view text;
      expr::Value value;
      uint16_t code;
    };
    void add(std::string_view word, const expr::Value& value, uint16_t code);  // the first of equal words wins
    const Word* find(std::string_view s) const {
      if (index_.empty()) return nullptr;
      for (std::size_t h = hash(s) & (index_.size() - 1);; h = (h + 1) & (index_.size() - 1)) {
        uint32_t e = index_[h];
        if (e == 0) return nullptr;
        if (words_[e - 1].text == s) return &words_[e - 1];
      }
    }

   private:
    static std::size_t hash(std::string_view s) {
      std::size_t h = s.size() * 0x9E3779B97F4A7C15ull;
      for (std::size_t i = s.size() > 4 ? s.size() - 4 : 0; i < s.size(); ++i)
        h = (h ^ static_cast<unsigned char>(s[i])) * 0x100000001B3ull;
      return h ^ (h >> 29);
    }
    std::vector<Word> words_;
    std::vector<uint32_t> index_;  // word + 1, 0 empty; a power of two at least twice the words
  };
  enum class How : uint8_t { text, word, other };
  struct Field {
    const rules::DatasetField* field = nullptr;
    How how = How::other;
    uint16_t codes = 0;
    WordTable words;
    std::string scratch;
  };

  std::optional<CellError> convert_field(Field& f, uint16_t& code, std::string_view raw, expr::Value& out) {
    if (raw.empty()) {
      out = expr::Value::null();
      code = 0;
      return std::nullopt;
    }
    if (f.how == How::text) {
      out = expr::Value::string(raw);
      code = 1;
      return std::nullopt;
    }
    if (f.how == How::word) {
      if (const WordTable::Word* w = f.words.find(raw)) {
        out = w->value;
        code = w->code;
        return std::nullopt;
      }
    }
    auto err = convert_cell(*f.field, raw, f.scratch, dates_, out);
    code = !err && (out.kind == expr::ValueKind::string ? !out.s.empty() : out.kind != expr::ValueKind::null_);
    return err;
  }

  std::vector<Field> fields_;
  std::vector<uint16_t> codes_;
  DateMemo dates_;
};

}  // namespace fangyi::check

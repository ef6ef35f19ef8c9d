// One kept row as bytes: the fields a case or organisation check reads (and
// the texts its message shows) of one dataset, with where the row came from.
// Rows cross threads and the spill file in this form; the layout is private
// to one run, so it carries no version.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expr.h"

namespace fangyi::check {

// Which slots of a dataset are kept: the kept slots are listed, ascending, so
// that writing and reading a row walks only them.
struct Projection {
  std::vector<uint32_t> values, texts;  // kept slots: evaluated, shown in messages
  std::vector<bool> intern;             // per slot: repeated values (enums) stored once
  bool rows = false;                    // rows are kept at all (even with no slot)

  void keep_value(std::size_t slot) { insert(values, slot); }
  void keep_text(std::size_t slot) { insert(texts, slot); }

 private:
  static void insert(std::vector<uint32_t>& slots, std::size_t slot);
};

struct RecordHead {
  uint8_t dataset = 0;
  uint32_t file = 0, line = 0, organisation = 0;
  std::string_view key;
};

// Appends one row to `out`. `values` and `texts` are indexed by slot.
void encode_record(const RecordHead& head, const Projection& p, const expr::Value* values,
                   const std::string_view* texts, std::string& out);

// Reads the head of the record at the front of `in` and advances past it.
// False on bytes that are not a record head, or a dataset not below
// `datasets`.
bool decode_head(std::string_view& in, std::size_t datasets, RecordHead& head);
// Reads the rest of that record: p.values.size() values and p.texts.size()
// texts, in the projection's order. Strings view `in`'s bytes. False on
// bytes that are not such a record.
bool decode_body(std::string_view& in, const Projection& p, expr::Value* values, std::string_view* texts);

}  // namespace fangyi::check

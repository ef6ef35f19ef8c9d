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

// Which slots of a dataset are kept.
struct Projection {
  std::vector<bool> values, texts;  // per slot
  std::vector<bool> intern;         // per slot: repeated values (enums) stored once
  bool rows = false;                // rows are kept at all (even with no slot)
};

struct RecordHead {
  uint8_t dataset = 0;
  uint32_t file = 0, line = 0, organisation = 0;
  std::string_view key;
};

// Appends one row to `out`. `values` and `texts` are indexed by slot.
void encode_record(const RecordHead& head, const Projection& p, const std::vector<expr::Value>& values,
                   const std::vector<std::string_view>& texts, std::string& out);

// Reads the record at the front of `in` and advances past it. Values and
// texts view `in`'s bytes. False on bytes that are not a record.
bool decode_record(std::string_view& in, const std::vector<Projection>& projections, RecordHead& head,
                   std::vector<expr::Value>& values, std::vector<std::string_view>& texts);

}  // namespace fangyi::check

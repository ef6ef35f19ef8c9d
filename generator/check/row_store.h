// Rows kept for case and organisation checks: only the fields some case or
// organisation check reads (or shows in a message), as ready-made values, so
// that a check looping over a case's rows reads them without decoding;
// strings live in one arena and repeated strings (enum values, school names)
// are stored once. Rows are grouped by case key and by organisation after
// reading, by a stable counting sort.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "check/row_record.h"
#include "expr/expr.h"

namespace fangyi::check {

// Strings kept for the whole run; equal strings are stored once.
class StringPool {
 public:
  std::string_view intern(std::string_view s);
  std::string_view copy(std::string_view s);  // not deduplicated: unique values (IDs, notes)
  // Forgets every string, keeping one block's memory for the next ones.
  void clear();

 private:
  std::deque<std::string> blocks_;
  std::unordered_map<std::string_view, std::string_view> interned_;
};

// Ids of case keys and organisations, shared by every dataset.
class Names {
 public:
  uint32_t id(std::string_view name);  // 0 is the empty name
  std::string_view name(uint32_t id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }
  // Forgets every name but the empty one, keeping the memory.
  void clear();

 private:
  StringPool pool_;
  std::vector<std::string_view> names_{""};
  std::unordered_map<std::string_view, uint32_t> ids_{{"", 0}};
};

class DatasetRows {
 public:
  struct Meta {
    uint32_t file = 0;
    uint32_t line = 0;
    uint32_t organisation = 0;
    uint32_t key = 0;
  };

  // Keeps the slots `p` lists, of a dataset of `fields` slots. With
  // `own_strings` the strings of added rows are copied into the store (and
  // repeated ones, where p.intern says, stored once); without, they view the
  // bytes given to add_record, which must outlive the store.
  void configure(std::size_t fields, const Projection& p, bool own_strings);

  // Reads the body of a kept record (decode_body) at the front of `in` as a
  // new row. False on damaged bytes; the row is then not added.
  bool add_record(std::string_view& in, const Meta& meta);
  // Groups rows by key and organisation; call once after the last add().
  void index(std::size_t keys, std::size_t organisations);
  // Forgets every row, keeping the memory for the next ones.
  void clear();

  std::size_t size() const { return meta_.size(); }
  const Meta& meta(uint32_t row) const { return meta_[row]; }
  expr::Value value(uint32_t row, std::size_t slot) const;
  std::string_view text(uint32_t row, std::size_t slot) const;
  // Row `row`'s kept values, at the positions positions() gives by slot
  // (-1 for a slot not kept): an evaluator's SourceRows.
  const expr::Value* row_values(uint32_t row) const { return values_.data() + std::size_t(row) * width_; }
  const std::vector<int>& positions() const { return value_pos_; }
  // Rows of one case or organisation, in the order they were read.
  std::pair<const uint32_t*, const uint32_t*> rows_of_key(uint32_t key) const { return range(by_key_, key_begin_, key); }
  std::pair<const uint32_t*, const uint32_t*> rows_of_organisation(uint32_t org) const {
    return range(by_org_, org_begin_, org);
  }

 private:
  static std::pair<const uint32_t*, const uint32_t*> range(const std::vector<uint32_t>& rows,
                                                           const std::vector<uint32_t>& begin, uint32_t id) {
    if (id + 1 >= begin.size()) return {nullptr, nullptr};
    return {rows.data() + begin[id], rows.data() + begin[id + 1]};
  }
  static void group(const std::vector<Meta>& meta, std::size_t ids, uint32_t Meta::*field, std::vector<uint32_t>& rows,
                    std::vector<uint32_t>& begin);

  const Projection* projection_ = nullptr;
  std::vector<int> value_pos_, text_pos_;  // per slot: column in the row, or -1
  std::size_t width_ = 0, text_width_ = 0;
  bool own_strings_ = false;
  std::vector<expr::Value> values_;        // rows × width
  std::vector<std::string_view> text_;     // rows × text_width
  std::vector<Meta> meta_;
  StringPool pool_;
  std::vector<uint32_t> by_key_, key_begin_, by_org_, org_begin_;
};

}  // namespace fangyi::check

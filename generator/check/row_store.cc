// Compact row storage and grouping.
#include "check/row_store.h"

#include <algorithm>

namespace fangyi::check {

namespace {
constexpr std::size_t kBlock = 1 << 20;
}

std::string_view StringPool::copy(std::string_view s) {
  if (s.empty()) return {};
  if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < s.size()) {
    blocks_.emplace_back();
    blocks_.back().reserve(std::max(kBlock, s.size()));
  }
  std::string& b = blocks_.back();
  std::size_t at = b.size();
  b.append(s);  // within capacity: never reallocates, so earlier views stay valid
  return std::string_view(b.data() + at, s.size());
}

std::string_view StringPool::intern(std::string_view s) {
  auto it = interned_.find(s);
  if (it != interned_.end()) return it->second;
  std::string_view kept = copy(s);
  interned_.emplace(kept, kept);
  return kept;
}

void StringPool::clear() {
  if (blocks_.size() > 1) blocks_.resize(1);
  if (!blocks_.empty()) blocks_.front().clear();
  interned_.clear();
}

void Names::clear() {
  pool_.clear();
  names_.resize(1);
  ids_.clear();
  ids_.emplace("", 0);
}

uint32_t Names::id(std::string_view name) {
  auto it = ids_.find(name);
  if (it != ids_.end()) return it->second;
  std::string_view kept = pool_.copy(name);
  uint32_t id = static_cast<uint32_t>(names_.size());
  names_.push_back(kept);
  ids_.emplace(kept, id);
  return id;
}

void DatasetRows::configure(std::size_t fields, const Projection& p, bool own_strings) {
  projection_ = &p;
  own_strings_ = own_strings;
  value_pos_.assign(fields, -1);
  text_pos_.assign(fields, -1);
  width_ = p.values.size();
  text_width_ = p.texts.size();
  for (std::size_t k = 0; k < width_; ++k) value_pos_[p.values[k]] = static_cast<int>(k);
  for (std::size_t k = 0; k < text_width_; ++k) text_pos_[p.texts[k]] = static_cast<int>(k);
}

bool DatasetRows::add_record(std::string_view& in, const Meta& meta) {
  const std::size_t row = meta_.size();
  values_.resize((row + 1) * width_);
  text_.resize((row + 1) * text_width_);
  expr::Value* values = values_.data() + row * width_;
  std::string_view* texts = text_.data() + row * text_width_;
  if (!decode_body(in, *projection_, values, texts)) {
    values_.resize(row * width_);
    text_.resize(row * text_width_);
    return false;
  }
  if (own_strings_) {
    const Projection& p = *projection_;
    for (std::size_t k = 0; k < width_; ++k) {
      expr::Value& v = values[k];
      if (v.kind == expr::ValueKind::string) v.s = p.intern[p.values[k]] ? pool_.intern(v.s) : pool_.copy(v.s);
    }
    for (std::size_t k = 0; k < text_width_; ++k)
      texts[k] = p.intern[p.texts[k]] ? pool_.intern(texts[k]) : pool_.copy(texts[k]);
  }
  meta_.push_back(meta);
  return true;
}

expr::Value DatasetRows::value(uint32_t row, std::size_t slot) const {
  if (slot >= value_pos_.size() || value_pos_[slot] < 0) return {};
  return values_[std::size_t(row) * width_ + static_cast<std::size_t>(value_pos_[slot])];
}

std::string_view DatasetRows::text(uint32_t row, std::size_t slot) const {
  if (slot >= text_pos_.size() || text_pos_[slot] < 0) return {};
  return text_[std::size_t(row) * text_width_ + static_cast<std::size_t>(text_pos_[slot])];
}

void DatasetRows::group(const std::vector<Meta>& meta, std::size_t ids, uint32_t Meta::*field,
                        std::vector<uint32_t>& rows, std::vector<uint32_t>& begin) {
  begin.assign(ids + 1, 0);
  for (const Meta& m : meta) ++begin[m.*field + 1];
  for (std::size_t i = 1; i <= ids; ++i) begin[i] += begin[i - 1];
  rows.assign(meta.size(), 0);
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  for (uint32_t r = 0; r < meta.size(); ++r) rows[next[meta[r].*field]++] = r;
}

void DatasetRows::clear() {
  values_.clear();
  text_.clear();
  meta_.clear();
  pool_.clear();
  by_key_.clear();
  key_begin_.clear();
  by_org_.clear();
  org_begin_.clear();
}

void DatasetRows::index(std::size_t keys, std::size_t organisations) {
  group(meta_, keys, &Meta::key, by_key_, key_begin_);
  group(meta_, organisations, &Meta::organisation, by_org_, org_begin_);
}

}  // namespace fangyi::check

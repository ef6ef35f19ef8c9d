// Encoding of kept rows.
#include "check/row_record.h"

#include <algorithm>
#include <cstring>

namespace fangyi::check {
namespace {

// Writes a record into a buffer on the stack and appends it to the output
// in one piece: appending each few-byte field to the string on its own costs
// a capacity check and a library memcpy per field.
class Out {
 public:
  explicit Out(std::string& out) : out_(out) {}
  ~Out() { flush(); }
  template <class T>
  void put(T v) {
    if (used_ + sizeof v > sizeof buf_) flush();
    std::memcpy(buf_ + used_, &v, sizeof v);
    used_ += sizeof v;
  }
  void put_text(std::string_view s) {
    put<uint32_t>(static_cast<uint32_t>(s.size()));
    if (used_ + s.size() > sizeof buf_) {
      flush();
      out_.append(s);
      return;
    }
    // An empty view may hold no pointer at all, which memcpy must not get.
    if (s.empty()) return;
    std::memcpy(buf_ + used_, s.data(), s.size());
    used_ += s.size();
  }

 private:
  void flush() {
    out_.append(buf_, used_);
    used_ = 0;
  }
  std::string& out_;
  char buf_[512];
  std::size_t used_ = 0;
};

template <class T>
bool get(std::string_view& in, T& v) {
  if (in.size() < sizeof v) return false;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return true;
}

bool get_text(std::string_view& in, std::string_view& s) {
  uint32_t n = 0;
  if (!get(in, n) || in.size() < n) return false;
  s = in.substr(0, n);
  in.remove_prefix(n);
  return true;
}

}  // namespace

void Projection::insert(std::vector<uint32_t>& slots, std::size_t slot) {
  auto at = std::lower_bound(slots.begin(), slots.end(), slot);
  if (at == slots.end() || *at != slot) slots.insert(at, static_cast<uint32_t>(slot));
}

void encode_record(const RecordHead& head, const Projection& p, const expr::Value* values,
                   const std::string_view* texts, std::string& out) {
  Out w(out);
  w.put(head.dataset);
  w.put(head.file);
  w.put(head.line);
  w.put(head.organisation);
  w.put_text(head.key);
  for (uint32_t s : p.values) {
    const expr::Value& v = values[s];
    w.put(static_cast<uint8_t>(v.kind));
    switch (v.kind) {
      case expr::ValueKind::null_: break;
      case expr::ValueKind::bool_: w.put<uint8_t>(v.b ? 1 : 0); break;
      case expr::ValueKind::decimal: w.put(v.d); break;
      case expr::ValueKind::string: w.put_text(v.s); break;
      default: w.put(v.i);
    }
  }
  for (uint32_t s : p.texts) w.put_text(texts[s]);
}

bool decode_head(std::string_view& in, std::size_t datasets, RecordHead& head) {
  return get(in, head.dataset) && head.dataset < datasets && get(in, head.file) && get(in, head.line) &&
         get(in, head.organisation) && get_text(in, head.key);
}

bool decode_body(std::string_view& in, const Projection& p, expr::Value* values, std::string_view* texts) {
  for (std::size_t k = 0; k < p.values.size(); ++k) {
    uint8_t kind = 0;
    if (!get(in, kind) || kind > static_cast<uint8_t>(expr::ValueKind::duration)) return false;
    expr::Value& v = values[k];
    v = expr::Value{};
    v.kind = static_cast<expr::ValueKind>(kind);
    switch (v.kind) {
      case expr::ValueKind::null_: break;
      case expr::ValueKind::bool_: {
        uint8_t b = 0;
        if (!get(in, b)) return false;
        v.i = b != 0;
        break;
      }
      case expr::ValueKind::decimal:
        if (!get(in, v.d)) return false;
        break;
      case expr::ValueKind::string:
        if (!get_text(in, v.s)) return false;
        break;
      default:
        if (!get(in, v.i)) return false;
    }
  }
  for (std::size_t k = 0; k < p.texts.size(); ++k)
    if (!get_text(in, texts[k])) return false;
  return true;
}

}  // namespace fangyi::check

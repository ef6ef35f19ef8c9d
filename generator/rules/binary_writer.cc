// Encodes a RuleSet into the rule binary: each rule list into its section
// with one generic visitor over the structs' visit(), then the META section,
// the section table, the header and the CRC-32. Interface: encode_rules.
#include <zlib.h>

#include <map>
#include <type_traits>

#include "core/bytes.h"
#include "rules/binary.h"
#include "rules/binary_format.h"

namespace fangyi::rules {
namespace {

using binary::EnumInfo;
using binary::Visitable;

// The byte form of each stored value; the reader (binary_value_reader.h)
// mirrors it overload for overload.
class ValueWriter {
 public:
  explicit ValueWriter(ByteWriter& w) : w_(w) {}

  void operator()(const std::string& s) { w_.str(s); }
  void operator()(bool b) { w_.u8(b ? 1 : 0); }
  void operator()(int i) { w_.svar(i); }
  void operator()(unsigned u) { w_.uvar(u); }
  void operator()(double d) { w_.f64(d); }
  void operator()(Date d) { w_.svar(d.days()); }
  void operator()(TimeOfDay t) { w_.uvar(static_cast<uint32_t>(t.seconds)); }
  void operator()(Duration d) { w_.svar(d.seconds); }
  // An absent program (no code: an omitted `when`) is a zero length; a
  // present one is its length and expr::encode's bytes.
  void operator()(const expr::Program& p) {
    if (p.code.empty()) {
      w_.uvar(0);
      return;
    }
    ByteWriter body;
    expr::encode(p, body);
    w_.uvar(body.size());
    w_.bytes(body.data().data(), body.size());
  }
  template <class E>
    requires std::is_enum_v<E>
  void operator()(E e) {
    static_assert(static_cast<uint8_t>(EnumInfo<E>::last) < 0xFF);
    w_.u8(static_cast<uint8_t>(e));
  }
  template <class T>
  void operator()(std::optional<T>& o) {
    w_.u8(o ? 1 : 0);
    if (o) (*this)(*o);
  }
  template <class T>
  void operator()(std::vector<T>& v) {
    w_.uvar(v.size());
    for (T& item : v) (*this)(item);
  }
  template <class T>
    requires Visitable<T, ValueWriter>
  void operator()(T& t) {
    t.visit(*this);
  }

 private:
  ByteWriter& w_;
};

std::vector<uint8_t> meta_section(RuleSet& rules) {
  ByteWriter w;
  w.uvar(kFormatVersion);
  w.str("fangyi " FANGYI_VERSION);
  w.uvar(binary::kSectionTags.size() - 1);
  binary::for_each_rule_list(rules, [&](std::string_view tag, auto& list) {
    w.bytes(tag.data(), tag.size());
    w.uvar(list.size());
  });
  return std::move(w.data());
}

}  // namespace

std::vector<uint8_t> encode_rules(const RuleSet& input) {
  RuleSet rules = input;
  rules.canonicalize();

  std::map<std::string_view, std::vector<uint8_t>> by_tag;
  by_tag[binary::kSectionTags[binary::kMetaSection]] = meta_section(rules);
  binary::for_each_rule_list(rules, [&](std::string_view tag, auto& list) {
    ByteWriter w;
    ValueWriter values(w);
    values(list);
    by_tag[tag] = std::move(w.data());
  });
  std::vector<std::vector<uint8_t>> sections;  // in table order
  for (std::string_view tag : binary::kSectionTags) sections.push_back(std::move(by_tag[tag]));

  ByteWriter body;  // the table and the sections: what the CRC covers
  uint64_t offset = binary::kFirstSectionAt;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    body.bytes(binary::kSectionTags[i].data(), 4);
    body.u64(offset);
    body.u64(sections[i].size());
    offset += sections[i].size();
  }
  for (const auto& s : sections) body.bytes(s.data(), s.size());

  ByteWriter out;
  out.bytes(binary::kMagic.data(), binary::kMagic.size());
  out.u16(kFormatVersion);
  out.u16(0);
  out.u32(static_cast<uint32_t>(sections.size()));
  out.u64(binary::kHeaderSize + body.size());
  out.u32(static_cast<uint32_t>(crc32_z(0, body.data().data(), body.size())));
  out.u32(0);
  out.bytes(body.data().data(), body.size());
  return std::move(out.data());
}

}  // namespace fangyi::rules

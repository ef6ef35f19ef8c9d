// Checks the header and section table of a rule binary, most telling problem
// first: a foreign or text-mangled file, then a newer version, then size,
// then checksum, then the table.
#include "rules/binary_header.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/bytes.h"

namespace fangyi::rules::binary {
namespace {

bool starts_with(const uint8_t* data, std::size_t size, std::string_view prefix) {
  return size >= prefix.size() && (prefix.empty() || std::memcmp(data, prefix.data(), prefix.size()) == 0);
}

// The magic as a text-mode transfer leaves it: CR LF -> LF, LF -> CR LF, or
// the high bit stripped.
bool text_mode_damage(const uint8_t* data, std::size_t size) {
  using namespace std::string_view_literals;
  return starts_with(data, size, "\x89" "FYB\n\x1A\n"sv) || starts_with(data, size, "\x89" "FYB\r\r\n\x1A\r\n"sv) ||
         starts_with(data, size, "\x09" "FYB\r\n\x1A\n"sv);
}

std::string hex32(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

// A tag as text, with bytes outside printable ASCII escaped.
std::string printable_tag(const uint8_t* tag) {
  std::string s;
  for (int i = 0; i < 4; ++i) {
    if (tag[i] >= 0x20 && tag[i] < 0x7F) {
      s += static_cast<char>(tag[i]);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", tag[i]);
      s += buf;
    }
  }
  return s;
}

void truncated_header(std::size_t size, const std::string& file, Diagnostics& diags) {
  report(diags, file, Msg::binary_truncated_header, {std::to_string(size), std::to_string(kHeaderSize)});
}

bool check_header(const uint8_t* data, std::size_t size, const std::string& file, Diagnostics& diags) {
  const std::string_view magic(reinterpret_cast<const char*>(kMagic.data()), kMagic.size());
  if (!starts_with(data, size, magic)) {
    const std::string_view head(reinterpret_cast<const char*>(data), size);
    const bool cut_short = size < kMagic.size() && starts_with(kMagic.data(), kMagic.size(), head);
    if (text_mode_damage(data, size)) report(diags, file, Msg::binary_text_damaged);
    else if (cut_short) truncated_header(size, file, diags);
    else report(diags, file, Msg::binary_bad_magic);
    return false;
  }
  // The version comes right after the magic in every version, so a newer
  // file is recognised before anything whose layout may have changed.
  ByteReader version(data + kVersionAt, size - kVersionAt);
  uint16_t v = version.u16();
  if (!version.ok() || size < kHeaderSize) {
    truncated_header(size, file, diags);
    return false;
  }
  if (v > kFormatVersion) {
    report(diags, file, Msg::binary_newer_version, {std::to_string(v), std::to_string(kFormatVersion)});
    return false;
  }
  if (v != kFormatVersion) {
    report(diags, file, Msg::binary_unsupported_version, {std::to_string(v)});
    return false;
  }
  ByteReader h(data + kFlagsAt, kHeaderSize - kFlagsAt);
  uint16_t flags = h.u16();
  uint32_t sections = h.u32();
  uint64_t declared = h.u64();
  uint32_t crc = h.u32();
  uint32_t reserved = h.u32();
  if (flags != 0) {
    report(diags, file, Msg::binary_bad_header, {"flags", std::to_string(flags)});
    return false;
  }
  if (reserved != 0) {
    report(diags, file, Msg::binary_bad_header, {"reserved", std::to_string(reserved)});
    return false;
  }
  if (declared > size) {
    report(diags, file, Msg::binary_truncated, {std::to_string(declared), std::to_string(size)});
    return false;
  }
  if (declared != size) {
    report(diags, file, Msg::binary_size_mismatch, {std::to_string(declared), std::to_string(size)});
    return false;
  }
  if (size > kMaxFileSize) {
    report(diags, file, Msg::binary_too_large, {std::to_string(size), std::to_string(kMaxFileSize)});
    return false;
  }
  uint32_t actual = static_cast<uint32_t>(crc32_z(0, data + kHeaderSize, size - kHeaderSize));
  if (crc != actual) {
    report(diags, file, Msg::binary_checksum, {hex32(crc), hex32(actual)});
    return false;
  }
  if (sections != kSectionTags.size()) {
    report(diags, file, Msg::binary_section_count, {std::to_string(kSectionTags.size()), std::to_string(sections)});
    return false;
  }
  return true;
}

}  // namespace

std::optional<std::array<SectionSpan, kSectionTags.size()>> read_layout(const uint8_t* data, std::size_t size,
                                                                       const std::string& file, Diagnostics& diags) {
  if (!check_header(data, size, file, diags)) return std::nullopt;
  // Version 1 has exactly these sections, in tag order, back to back from
  // the end of the table to the end of the file: no gaps, no overlaps.
  std::array<SectionSpan, kSectionTags.size()> spans{};
  ByteReader table(data + kHeaderSize, size - kHeaderSize);
  uint64_t expected = kFirstSectionAt;
  for (std::size_t i = 0; i < kSectionTags.size(); ++i) {
    const uint8_t* tag = data + table.pos() + kHeaderSize;
    if (!table.skip(4)) break;
    uint64_t offset = table.u64();
    uint64_t length = table.u64();
    if (!table.ok()) break;
    if (std::memcmp(tag, kSectionTags[i].data(), 4) != 0) {
      report(diags, file, Msg::binary_section_tag,
             {std::to_string(i + 1), printable_tag(tag), std::string(kSectionTags[i])});
      return std::nullopt;
    }
    bool last = i + 1 == kSectionTags.size();
    if (offset != expected || length > size - std::min<uint64_t>(offset, size) ||
        (last && offset + length != size)) {
      report(diags, file, Msg::binary_section_layout,
             {std::string(kSectionTags[i]), std::to_string(offset), std::to_string(length), std::to_string(expected)});
      return std::nullopt;
    }
    spans[i] = {static_cast<std::size_t>(offset), static_cast<std::size_t>(length)};
    expected = offset + length;
  }
  if (!table.ok()) {
    report(diags, file, Msg::binary_truncated, {std::to_string(kFirstSectionAt), std::to_string(size)});
    return std::nullopt;
  }
  return spans;
}

}  // namespace fangyi::rules::binary

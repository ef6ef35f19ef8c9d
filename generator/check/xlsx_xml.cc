// The streaming XML pull parser: a buffer refilled in chunks, scanned tag by
// tag. A token that spans chunks stays at the front of the buffer until it is
// complete, so the buffer never holds much more than one token and a chunk.
#include "check/xlsx_xml.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/text.h"

namespace fangyi::check {

namespace {

constexpr std::size_t kChunk = std::size_t{64} << 10;
constexpr std::size_t kExcerptBytes = 48;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes that cannot be part of a name; in a tag, the ones that end a plain run.
constexpr std::array<bool, 256> kNotName = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c <= ' '; ++c) table[static_cast<std::size_t>(c)] = true;
  for (unsigned char c : std::string_view("\"'<>=/&")) table[c] = true;
  return table;
}();

bool is_name(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9') || s[0] == '-' || s[0] == '.') return false;
  for (char c : s)
    if (kNotName[static_cast<unsigned char>(c)]) return false;
  return true;
}

// The first '&' or '\r' (only '\r' without entities) at or after `from`.
std::size_t find_special(std::string_view s, std::size_t from, bool entities) {
  for (std::size_t i = from; i < s.size(); ++i)
    if (s[i] == '\r' || (entities && s[i] == '&')) return i;
  return std::string_view::npos;
}

std::string_view local_name(std::string_view qname) {
  std::size_t colon = qname.rfind(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

// The code point of a character reference body ("#233", "#xE9"); 0 if invalid.
char32_t char_reference(std::string_view ref) {
  bool hex = ref.size() > 1 && ref[1] == 'x';
  std::string_view digits = ref.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return 0;
  char32_t cp = 0;
  for (char c : digits) {
    int d = c >= '0' && c <= '9' ? c - '0'
            : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
            : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                          : -1;
    if (d < 0) return 0;
    cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return cp;
}

// Appends `raw` with "\r\n" and "\r" as "\n", and entities decoded when asked;
// false on an unknown or invalid entity.
bool append_text(std::string_view raw, std::string& out, bool entities) {
  std::size_t i = 0;
  while (i < raw.size()) {
    std::size_t j = find_special(raw, i, entities);
    if (j == std::string_view::npos) {
      out.append(raw.substr(i));
      break;
    }
    out.append(raw.substr(i, j - i));
    if (raw[j] == '\r') {
      out += '\n';
      i = j + (j + 1 < raw.size() && raw[j + 1] == '\n' ? 2 : 1);
      continue;
    }
    std::size_t semi = raw.find(';', j);
    if (semi == std::string_view::npos || semi - j > 12) return false;
    std::string_view name = raw.substr(j + 1, semi - j - 1);
    if (name == "amp") out += '&';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (!name.empty() && name[0] == '#' && char_reference(name) != 0) append_utf8(out, char_reference(name));
    else return false;
    i = semi + 1;
  }
  return true;
}

}  // namespace

std::string xml_excerpt(std::string_view data, std::size_t at) {
  at = std::min(at, data.size());
  std::size_t end = std::min(data.size(), at + kExcerptBytes);
  while (end > at && end < data.size() && (static_cast<unsigned char>(data[end]) & 0xC0) == 0x80) --end;
  std::string_view raw = data.substr(at, end - at);
  std::string excerpt;
  for (std::size_t i = 0; i < raw.size();) {
    char32_t cp = next_code_point(raw, i);
    append_utf8(excerpt, cp < 0x20 ? U' ' : cp);
  }
  return excerpt;
}

std::optional<std::string_view> XmlPull::attribute(std::string_view local) const {
  for (const Attribute& a : attributes_)
    if (a.name == local) return std::string_view(attribute_text_).substr(a.begin, a.size);
  return std::nullopt;
}

bool XmlPull::fill() {
  if (at_end_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    discarded_ += pos_;
    pos_ = 0;
  }
  std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  std::size_t n = source_.read(buffer_.data() + old, kChunk);
  buffer_.resize(old + n);
  at_end_ = n == 0;
  return n > 0;
}

bool XmlPull::have(std::size_t n) {
  while (buffer_.size() - pos_ < n)
    if (!fill()) return false;
  return true;
}

// The offset (from pos_) of `terminator`, searching from `from`; nullopt
// after recording the failure when the input ends or the token is too long.
std::optional<std::size_t> XmlPull::find(std::string_view terminator, std::size_t from) {
  for (;;) {
    std::string_view rest(buffer_.data() + pos_, buffer_.size() - pos_);
    std::size_t at = rest.find(terminator, from);
    if (at != std::string_view::npos) return at;
    if (rest.size() > kMaxToken) return fail(pos_), std::nullopt;
    if (rest.size() >= terminator.size()) from = std::max(from, rest.size() - terminator.size() + 1);
    if (!fill()) return fail_truncated(), std::nullopt;
  }
}

// The offset (from pos_) of the '>' that closes the tag at pos_, skipping
// quoted attribute values.
std::optional<std::size_t> XmlPull::tag_end() {
  char quote = 0;
  for (std::size_t i = 1;; ++i) {
    if (pos_ + i >= buffer_.size()) {
      if (i > kMaxToken) return fail(pos_), std::nullopt;
      if (!fill()) return fail_truncated(), std::nullopt;
    }
    const char* p = buffer_.data() + pos_ + i;
    const char* end = buffer_.data() + buffer_.size();
    if (quote != 0) {
      const void* close = std::memchr(p, quote, static_cast<std::size_t>(end - p));
      if (close == nullptr) {
        i = buffer_.size() - pos_ - 1;
        continue;
      }
      i = static_cast<std::size_t>(static_cast<const char*>(close) - buffer_.data()) - pos_;
      quote = 0;
      continue;
    }
    while (p < end && !kNotName[static_cast<unsigned char>(*p)]) ++p;
    i = static_cast<std::size_t>(p - buffer_.data()) - pos_;
    if (p == end) {
      --i;
      continue;
    }
    if (*p == '"' || *p == '\'') quote = *p;
    else if (*p == '>') return i;
    else if (*p == '<') return fail(pos_ + i), std::nullopt;
  }
}

XmlEvent XmlPull::fail(std::size_t at) {
  error_offset_ = discarded_ + at;
  error_excerpt_ = xml_excerpt(buffer_, at);
  final_ = XmlEvent::error;
  return XmlEvent::error;
}

XmlEvent XmlPull::fail_truncated() {
  truncated_ = true;
  error_offset_ = discarded_ + buffer_.size();
  final_ = XmlEvent::error;
  return XmlEvent::error;
}

XmlEvent XmlPull::next() {
  if (final_) return *final_;
  if (pending_end_) {
    pending_end_ = false;
    return XmlEvent::end;
  }
  if (!started_) {
    started_ = true;
    if (have(3) && buffer_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) pos_ += 3;
  }
  for (;;) {
    if (pos_ >= buffer_.size() && !fill()) {
      if (!root_seen_ || !stack_starts_.empty()) return fail_truncated();
      final_ = XmlEvent::done;
      return XmlEvent::done;
    }
    if (buffer_[pos_] != '<') {
      XmlEvent e = text_event();
      if (e == XmlEvent::done) continue;  // whitespace outside the root element
      return e;
    }
    if (!have(2)) return fail_truncated();
    char kind = buffer_[pos_ + 1];
    if (kind == '?') {
      auto at = find("?>", 2);
      if (!at) return *final_;
      pos_ += *at + 2;
      continue;
    }
    if (kind == '!') {
      if (have(4) && buffer_.compare(pos_, 4, "<!--") == 0) {
        auto at = find("-->", 4);
        if (!at) return *final_;
        pos_ += *at + 3;
        continue;
      }
      if (have(9) && buffer_.compare(pos_, 9, "<![CDATA[") == 0 && !stack_starts_.empty()) {
        auto at = find("]]>", 9);
        if (!at) return *final_;
        text_storage_.clear();
        append_text(std::string_view(buffer_).substr(pos_ + 9, *at - 9), text_storage_, false);
        text_ = text_storage_;
        pos_ += *at + 3;
        return XmlEvent::text;
      }
      return fail(pos_);  // DOCTYPE, or CDATA outside the root element
    }
    auto end = tag_end();
    if (!end) return *final_;
    std::size_t at = pos_;
    std::string_view tag(buffer_.data() + pos_ + 1, *end - 1);
    pos_ += *end + 1;
    return kind == '/' ? end_tag(tag.substr(1), at) : start_tag(tag, at);
  }
}

// Text up to the next '<'. Returns done (meaning "nothing to report") for
// whitespace outside the root element.
XmlEvent XmlPull::text_event() {
  std::size_t length = 0;
  for (;;) {
    std::size_t avail = buffer_.size() - pos_;
    const void* lt = std::memchr(buffer_.data() + pos_ + length, '<', avail - length);
    if (lt != nullptr) {
      length = static_cast<std::size_t>(static_cast<const char*>(lt) - (buffer_.data() + pos_));
      break;
    }
    length = avail;
    if (length > kMaxToken) return fail(pos_);
    if (!fill()) break;
  }
  std::string_view raw(buffer_.data() + pos_, length);
  if (stack_starts_.empty()) {
    for (std::size_t i = 0; i < raw.size(); ++i)
      if (!is_space(raw[i])) return fail(pos_ + i);
    pos_ += length;
    return XmlEvent::done;
  }
  if (find_special(raw, 0, true) == std::string_view::npos) {
    text_ = raw;
  } else {
    text_storage_.clear();
    if (!append_text(raw, text_storage_, true)) return fail(pos_ + raw.find('&'));
    text_ = text_storage_;
  }
  pos_ += length;
  return XmlEvent::text;
}

XmlEvent XmlPull::start_tag(std::string_view tag, std::size_t at) {
  if (root_seen_ && stack_starts_.empty()) return fail(at);  // a second root element
  bool self_closing = !tag.empty() && tag.back() == '/';
  if (self_closing) tag.remove_suffix(1);
  std::size_t i = 0;
  while (i < tag.size() && !is_space(tag[i])) ++i;
  std::string_view qname = tag.substr(0, i);
  if (!is_name(qname) || stack_starts_.size() >= kMaxDepth) return fail(at);
  attributes_.clear();
  attribute_text_.clear();
  for (;;) {
    while (i < tag.size() && is_space(tag[i])) ++i;
    if (i == tag.size()) break;
    std::size_t j = i;
    while (j < tag.size() && tag[j] != '=' && !is_space(tag[j])) ++j;
    std::string_view attribute_name = tag.substr(i, j - i);
    while (j < tag.size() && is_space(tag[j])) ++j;
    if (!is_name(attribute_name) || j == tag.size() || tag[j] != '=') return fail(at);
    ++j;
    while (j < tag.size() && is_space(tag[j])) ++j;
    if (j == tag.size() || (tag[j] != '"' && tag[j] != '\'')) return fail(at);
    std::size_t close = tag.find(tag[j], j + 1);
    if (close == std::string_view::npos) return fail(at);
    std::size_t begin = attribute_text_.size();
    if (!append_text(tag.substr(j + 1, close - j - 1), attribute_text_, true)) return fail(at);
    attributes_.push_back({local_name(attribute_name), begin, attribute_text_.size() - begin});
    i = close + 1;
    if (i < tag.size() && !is_space(tag[i])) return fail(at);
  }
  root_seen_ = true;
  name_ = local_name(qname);
  if (self_closing) {
    pending_end_ = true;
  } else {
    stack_starts_.push_back(stack_.size());
    stack_.append(qname);
  }
  return XmlEvent::start;
}

XmlEvent XmlPull::end_tag(std::string_view tag, std::size_t at) {
  while (!tag.empty() && is_space(tag.back())) tag.remove_suffix(1);
  if (stack_starts_.empty() || std::string_view(stack_).substr(stack_starts_.back()) != tag) return fail(at);
  stack_.resize(stack_starts_.back());
  stack_starts_.pop_back();
  name_ = local_name(tag);
  return XmlEvent::end;
}

}  // namespace fangyi::check

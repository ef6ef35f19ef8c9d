// A small streaming XML pull parser for the parts of an XLSX file that can be
// large (worksheets, shared strings). Interface: XmlSource (where the bytes
// come from), XmlPull (the events) and xml_excerpt (for error messages).
//
// It reads its input in chunks, so memory is bounded by the largest single
// tag or text run (kMaxToken), not by the document. It understands elements,
// attributes, text with the five named entities and character references,
// CDATA, comments and processing instructions; line ends in text become
// "\n". DOCTYPE is refused, so no entity can expand. Names are local names:
// a namespace prefix ("x:row") is dropped. Well-formedness is checked as far
// as the reader needs: matching end tags, one root element, no stray text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fangyi::check {

class XmlSource {
 public:
  virtual ~XmlSource() = default;
  // Up to `n` bytes into `buf`; 0 at the end or on an error the source keeps.
  virtual std::size_t read(char* buf, std::size_t n) = 0;
};

enum class XmlEvent { start, end, text, done, error };

class XmlPull {
 public:
  static constexpr std::size_t kMaxToken = std::size_t{16} << 20;
  static constexpr std::size_t kMaxDepth = 256;

  explicit XmlPull(XmlSource& source) : source_(source) {}

  // The next event. A self-closing element gives start then end. After done
  // or error, every call returns the same again.
  XmlEvent next();

  // start, end: the local name. Valid until the next call.
  std::string_view name() const { return name_; }
  // start: the decoded value of the attribute with this local name.
  std::optional<std::string_view> attribute(std::string_view local) const;
  // text: the decoded text. Text between two tags may come in several events.
  std::string_view text() const { return text_; }

  // error: true when the input ended inside the document; otherwise the
  // byte offset of the fault and a short printable excerpt of the input there.
  bool truncated() const { return truncated_; }
  uint64_t error_offset() const { return error_offset_; }
  const std::string& error_excerpt() const { return error_excerpt_; }

 private:
  struct Attribute {
    std::string_view name;  // local
    std::size_t begin, size;  // in attribute_text_
  };

  bool fill();
  bool have(std::size_t n);
  std::optional<std::size_t> find(std::string_view terminator, std::size_t from);
  std::optional<std::size_t> tag_end();
  XmlEvent text_event();
  XmlEvent start_tag(std::string_view tag, std::size_t at);
  XmlEvent end_tag(std::string_view tag, std::size_t at);
  XmlEvent fail(std::size_t at);
  XmlEvent fail_truncated();

  XmlSource& source_;
  std::string buffer_;
  std::size_t pos_ = 0;        // next unread byte of buffer_
  uint64_t discarded_ = 0;     // bytes dropped from the front of buffer_
  bool at_end_ = false;
  bool started_ = false;       // the byte order mark has been looked for
  bool root_seen_ = false;
  bool pending_end_ = false;   // the start just returned was self-closing
  std::string stack_;          // qualified names of the open elements, one after another
  std::vector<std::size_t> stack_starts_;  // where each begins in stack_
  std::string_view name_;
  std::vector<Attribute> attributes_;
  std::string attribute_text_;
  std::string_view text_;
  std::string text_storage_;
  std::optional<XmlEvent> final_;
  bool truncated_ = false;
  uint64_t error_offset_ = 0;
  std::string error_excerpt_;
};

// A short printable excerpt of `data` from byte `at`, for error messages.
std::string xml_excerpt(std::string_view data, std::size_t at);

}  // namespace fangyi::check

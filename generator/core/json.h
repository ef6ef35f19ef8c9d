// A small streaming JSON writer for machine-readable output (schedules,
// findings). Produces compact, deterministic UTF-8 JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fangyi {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t n);
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(bool b);
  JsonWriter& null();
  const std::string& str() const { return out_; }

 private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// `s` as a JSON string, quoted and escaped (RFC 8259).
std::string json_escape(std::string_view s);
// The same, appended to `out`.
void append_json_string(std::string& out, std::string_view s);
// The same as views appended to `parts`: the runs of `s` that need no
// escaping (`s` must outlive them), the quotes and the escapes.
void append_json_string_parts(std::vector<std::string_view>& parts, std::string_view s);

}  // namespace fangyi

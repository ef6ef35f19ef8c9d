// The JSON Lines report: one object per finding, keys always in the same
// order, for scripts and other systems to read.
#include "check/report.h"
#include "check/report_text.h"
#include "core/json.h"
#include "core/text.h"

namespace fangyi::check {

namespace {

// `s` as written: itself when it is valid UTF-8 (nearly always), else a
// repaired copy kept in `scratch`.
std::string_view valid(std::string_view s, std::string& scratch) {
  if (is_valid_utf8(s)) return s;
  scratch = valid_utf8(s);
  return scratch;
}

}  // namespace

std::string render_jsonl(const Report& report) {
  // Sized up front: growing by doubling would hold up to twice the report.
  std::size_t size = 0;
  for (const Finding& f : report.findings)
    size += 160 + f.file.size() + f.column.size() + f.rule.size() + f.message.size() + f.value.size() +
            f.organisation.size() + f.case_key.size();
  std::string out, scratch;
  out.reserve(size);
  // Written straight into the report (JsonWriter's object per finding would
  // build each line apart and copy it in).
  auto field = [&](std::string_view key, std::string_view text) {
    out += key;
    append_json_string(out, valid(text, scratch));
  };
  for (const Finding& f : report.findings) {
    field("{\"file\":", f.file);
    out += ",\"line\":";
    out += std::to_string(f.line);
    field(",\"column\":", f.column);
    field(",\"rule\":", f.rule);
    field(",\"severity\":", severity_id(f.severity));
    field(",\"message\":", f.message);
    field(",\"value\":", f.value);
    field(",\"organisation\":", f.organisation);
    field(",\"case\":", f.case_key);
    out += "}\n";
  }
  return out;
}

}  // namespace fangyi::check

// The JSON Lines report: one object per finding, keys always in the same
// order, for scripts and other systems to read.
#include "check/report.h"
#include "check/report_text.h"
#include "core/json.h"

namespace fangyi::check {

std::string render_jsonl(const Report& report) {
  // Sized up front: growing by doubling would hold up to twice the report.
  std::size_t size = 0;
  for (const Finding& f : report.findings)
    size += 160 + f.file.size() + f.column.size() + f.rule.size() + f.message.size() + f.value.size() +
            f.organisation.size() + f.case_key.size();
  std::string out;
  out.reserve(size);
  for (const Finding& f : report.findings) {
    JsonWriter w;
    w.begin_object();
    w.key("file").value(valid_utf8(f.file));
    w.key("line").value(static_cast<int64_t>(f.line));
    w.key("column").value(valid_utf8(f.column));
    w.key("rule").value(valid_utf8(f.rule));
    w.key("severity").value(severity_id(f.severity));
    w.key("message").value(valid_utf8(f.message));
    w.key("value").value(valid_utf8(f.value));
    w.key("organisation").value(valid_utf8(f.organisation));
    w.key("case").value(valid_utf8(f.case_key));
    w.end_object();
    out += w.str();
    out += '\n';
  }
  return out;
}

}  // namespace fangyi::check

// The report every report-format test renders: findings from two schools
// (and one file-level problem naming no school) under three rules, with the
// hostile cells exported files can hold: a formula, a script tag, quotes and
// commas, a newline.
#pragma once

#include "check/finding.h"

namespace fangyi::check::testing {

inline constexpr const char* kHyperlink = "=HYPERLINK(\"https://evil.example/\",\"點我\")";
inline constexpr const char* kScript = "<script>alert(1)</script>";
inline constexpr const char* kQuoted = "\"quoted, with comma\"";

inline Report sample_report() {
  using rules::CheckSeverity;
  Report r;
  r.generated_by = "fangyi 0.1.0";
  r.cases = 3;
  r.organisations = 2;
  r.inputs = {{"健康追蹤.csv", "quarantine_students", "UTF-8 (BOM)", 120},
              {"export.csv", "", "Big5 (CP950)", 45}};
  r.rules["fever.report_24h"] = {"fever.report_24h", "發燒未於 24 小時內通報", "000 參、二", CheckSeverity::serious};
  r.rules["temperature.missing"] = {"temperature.missing", "體溫未記錄", "003 二、(三)", CheckSeverity::error};
  r.rules["contact.phone"] = {"contact.phone", "聯絡電話格式", "001 附件一", CheckSeverity::warning};
  r.rules["input.file"] = {"input.file", "檔案格式問題", "", CheckSeverity::error};
  r.rules["test.rapid_day10"] = {"test.rapid_day10", "第 10 天快篩", "002 三", CheckSeverity::info};
  // Sorted as the engine sorts them: organisation, file, line, rule.
  r.findings = {
      {"export.csv", 0, "", "input.file", CheckSeverity::error, "無法對應任何資料集", "", "", ""},
      {"健康追蹤.csv", 5, "姓名", "temperature.missing", CheckSeverity::error, kScript, kScript, "新北市立板橋國中",
       "C1*****01"},
      {"健康追蹤.csv", 7, "備註", "contact.phone", CheckSeverity::warning, "備註含換行", "第一行\n第二行",
       "新北市立板橋國中", ""},
      {"健康追蹤.csv", 12, "體溫", "fever.report_24h", CheckSeverity::serious, "體溫 38.5 度，未於 24 小時內通報",
       "38.5", "臺北市立建國中學", "A12****789"},
      {"健康追蹤.csv", 13, "備註", "temperature.missing", CheckSeverity::error, "第 3 天晚上未記錄體溫", kHyperlink,
       "臺北市立建國中學", "A12****789"},
      {"健康追蹤.csv", 20, "聯絡電話", "contact.phone", CheckSeverity::warning, "電話格式不符", kQuoted,
       "臺北市立建國中學", "B23****456"},
  };
  return r;
}

}  // namespace fangyi::check::testing

// Seeded, deterministic generator of a large rule set for the compile-time
// benchmark (bench/compile/run.sh).
//
//   gen_rules OUT_DIR [--checks N] [--files N] [--groups N] [--seed S]
//
// Writes OUT_DIR/datasets/*.yaml (five dataset shapes taken from
// rules/datasets/, each repeated in --groups copies with a -gN suffix),
// OUT_DIR/deadlines/generated.yaml (by / window / within deadlines) and
// OUT_DIR/checks/gen-NNN.yaml: --checks `check` rules spread evenly over
// --files files. The check shapes are those of rules/checks/: row checks with
// enum comparisons, regex matches, date arithmetic and deadline windows;
// case-scope comprehensions over other datasets of the same key; and
// organisation-scope counts over findings and rows.
//
// The same arguments always give byte-identical output: the PRNG is
// splitmix64 and no standard distribution (whose results differ between
// library implementations) is used.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/rng.h"

namespace fs = std::filesystem;

namespace {

using bench::Rng;

const std::vector<std::string> kSeeds = {
    "000_043a6e000bfea7f7.txt", "001_b0e690d92be4526b.txt", "002_03761ac12c58eb33.txt",
    "003_032cba768cde8a55.txt", "004_2af245062d31c947.txt"};
const std::vector<std::string> kSections = {"壹、一、(3)", "壹、二、追蹤填報", "壹、三、居家快篩", "壹、四、PCR檢測",
                                            "貳、Q7",      "參、本部督導機制", "五、(二)",         "Q11、3.",
                                            "附件3、附件8", "Q12、1."};
const std::vector<std::string> kSeverities = {"info", "warning", "error", "serious"};
const std::vector<std::string> kConfirm = {"未確認", "已確認", "僅部分確認", "失聯", "已結案"};
const std::vector<std::string> kStatus = {"尚未派案", "訪視未遇", "無症狀", "有症狀", "出境"};
const std::vector<std::string> kResult = {"陰性", "陽性", "不明", "未檢測", "未完成", "完成"};
const std::vector<std::string> kSymptoms = {"fever", "runny_nose", "diarrhoea", "dyspnoea",
                                            "cough", "smell_taste", "fatigue",  "limb_weakness"};
const std::vector<std::string> kContact = {"同住親友", "同班同學", "授課/修課班級師生", "同辦公室", "同工作場域",
                                           "社團",     "交通車",   "同住宿舍",         "餐廳"};
const std::vector<std::string> kPhoneRegex = {"09[0-9]{8}", "09[0-9]{2}-?[0-9]{3}-?[0-9]{3}",
                                              "(09[0-9]{8}|0[2-8][0-9]{7,8})", "\\\\+?886-?9[0-9]{8}|09[0-9]{8}"};
const std::vector<std::string> kAddressRegex = {
    "[0-9]{0,6} *.{1,4}[市縣].{1,5}?[區鄉鎮市].*[0-9０-９一二三四五六七八九十百]+ *號.*",
    ".{1,4}[市縣].{1,5}?[區鄉鎮市].*號.*", "[^0-9]*[市縣][^0-9]*[區鄉鎮市].*[0-9]+號"};
const std::vector<std::string> kMessages = {
    "請於每日下午2時前確認完畢，並釘選儲存。",
    "學校應每日至個案追蹤紀錄中確認並儲存，以利相關單位彙整情形回報指揮中心。",
    "請立即連繫學校管理人員，再由學校管理人員與當地衛生單位聯繫。",
    "如有疑義，請洽衛生局或本部承辦人確認。",
    "請依規定更正後重新匯出。"};

// ---------------------------------------------------------------- datasets

struct Shape {
  std::string base;  // dataset id without the group suffix
  std::string name;
  std::string fields;  // the YAML `fields:` list
  std::vector<std::string> message_fields;
};

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> kShapes = {
      {"case-list", "防疫追蹤系統個案清單",
       R"Y(  - {id: county, header: 縣市別, type: string}
  - {id: school, header: 學校, aliases: [鄉鎮區/學校/航空, 學校名稱], type: string, required: true}
  - {id: entry_date, header: 入境日期, type: date, required: true}
  - {id: assigned_at, header: 指派日期, type: datetime}
  - {id: name, header: 姓名, type: string, personal: true, required: true}
  - {id: id_number, header: 證號, type: id-number, personal: true, required: true}
  - {id: nationality, header: 國籍, type: string}
  - {id: foreign_student, header: 是否為外籍生, aliases: [外籍生], type: bool, true: [是, 外, V, ✓, Y], false: [否, "", N]}
  - {id: confirmed_address, header: 已確認地址, aliases: [已確認居家檢疫地址], type: string, personal: true}
  - {id: confirmed_phone, header: 已確認電話, aliases: [已確認檢疫者手機號碼], type: string, personal: true}
  - {id: confirm_status, header: 確認狀態, type: enum, values: [未確認, 已確認, 僅部分確認, 失聯, 已結案]}
  - {id: tracking_status, header: 追蹤情形, type: string}
  - {id: closing_status, header: 結案狀態, type: enum, values: [尚未結案, 已結案]}
  - {id: closed_at, header: 結案日期, type: date}
  - {id: in_quarantine_facility, header: 是否入住集中檢疫所, type: bool, true: [是, V, ✓, Y], false: [否, "", N]}
)Y",
       {"entry_date", "confirm_status", "closing_status", "confirmed_phone", "id_number", "school"}},
      {"followup", "每日追蹤關懷紀錄",
       R"Y(  - {id: school, header: 學校, aliases: [鄉鎮區/學校/航空, 學校名稱], type: string}
  - {id: name, header: 姓名, type: string, personal: true}
  - {id: id_number, header: 證號, type: id-number, personal: true, required: true}
  - {id: followup_date, header: 追蹤日, type: date, required: true}
  - {id: status, header: 追蹤情形, type: enum, values: [尚未派案, 訪視未遇, 無症狀, 有症狀, 出境], required: true}
  - {id: fever, header: 發燒(≥38°C), aliases: [發燒, "發燒(>=38°C)"], type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: runny_nose, header: 流鼻水或鼻塞, type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: diarrhoea, header: 腹瀉, type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: dyspnoea, header: 呼吸困難, type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: cough, header: 咳嗽, type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: smell_taste, header: 嗅、味覺異常, aliases: [嗅味覺異常], type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: fatigue, header: 全身倦怠, type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: limb_weakness, header: 四肢無力, type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: visited_doctor, header: 當日就醫, type: bool, true: [是, V, v, ✓, ☑, Y, "1"], false: [否, "", N, "0", ☐]}
  - {id: visit_note, header: 當日就醫備註, type: string, personal: true}
  - {id: confirmer, header: 確認者, type: string, personal: true}
  - {id: entered_at, header: 填報時間, aliases: [確認時間], type: datetime}
)Y",
       {"followup_date", "status", "entered_at", "visit_note"}},
      {"screening", "篩檢結果紀錄",
       R"Y(  - {id: school, header: 學校, aliases: [鄉鎮區/學校/航空, 學校名稱], type: string}
  - {id: name, header: 姓名, type: string, personal: true}
  - {id: id_number, header: 證號, type: id-number, personal: true, required: true}
  - {id: screen_date, header: 篩檢日期, type: date, required: true}
  - {id: type, header: 篩檢類型, type: enum, values: [快篩, PCR], required: true}
  - {id: result, header: 篩檢結果, type: enum, values: [陰性, 陽性, 不明, 未檢測, 未完成, 完成]}
  - {id: pcr_from, header: PCR時間(起), type: datetime}
  - {id: pcr_to, header: PCR時間(迄), aliases: [PCR時間(訖)], type: datetime}
)Y",
       {"screen_date", "type", "result", "pcr_from", "pcr_to"}},
      {"temperature-log", "每日量測體溫紀錄",
       R"Y(  - {id: school, header: 學校名稱, aliases: [學校], type: string}
  - {id: dorm, header: 宿舍編號, type: string}
  - {id: name, header: 姓名, type: string, personal: true}
  - {id: id_number, header: 身分證號, aliases: [證號], type: id-number, personal: true, required: true}
  - {id: day, header: 天數, type: int}
  - {id: log_date, header: 日期, type: date, required: true}
  - {id: morning, header: 上午體溫 °C, aliases: [上午體溫, 上午], type: decimal}
  - {id: evening, header: 下午體溫 °C, aliases: [下午體溫, 下午], type: decimal}
  - {id: symptom_note, header: 症狀註記, aliases: [健康狀況], type: string}
)Y",
       {"log_date", "morning", "evening", "day"}},
      {"close-contacts", "密切接觸者名冊",
       R"Y(  - {id: school, header: 學校, aliases: [學校名稱], type: string, required: true}
  - {id: class, header: 班級, type: string}
  - {id: role, header: 身分, aliases: [身分別], type: enum, values: [學生, 教職員工]}
  - {id: name, header: 姓名, type: string, personal: true, required: true}
  - {id: id_number, header: 身分證號, aliases: [身分證統一編號, 證號], type: id-number, personal: true, required: true}
  - {id: birth_date, header: 出生日期, aliases: [出生年月日], type: date, personal: true}
  - {id: contact_type, header: 接觸類型, type: enum,
     values: [同住親友, 同班同學, 授課/修課班級師生, 同辦公室, 同工作場域, 社團, 交通車, 同住宿舍, 餐廳]}
  - {id: case_onset, header: 確診者發病日或採檢陽性日, type: date}
  - {id: last_contact, header: 最後接觸日期, aliases: [與確診者最後接觸日期], type: date, required: true}
  - {id: case_known_at, header: 知悉確診時間, type: datetime}
  - {id: listed_at, header: 足跡資料提供時間, type: datetime}
  - {id: own_mobile, header: 自有手機, type: phone, personal: true}
  - {id: guardian1_name, header: 法定代理人1姓名, type: string, personal: true}
  - {id: guardian1_mobile, header: 法定代理人1手機, type: phone, personal: true}
  - {id: guardian2_mobile, header: 法定代理人2手機, type: phone, personal: true}
  - {id: companion_name, header: 預定陪同隔離者姓名, type: string, personal: true}
  - {id: companion_mobile, header: 預定陪同隔離者手機, type: phone, personal: true}
)Y",
       {"last_contact", "case_onset", "birth_date", "own_mobile", "listed_at"}},
  };
  return kShapes;
}

enum ShapeIx { kCaseList, kFollowup, kScreening, kTemperature, kContacts };

std::string dataset_id(int shape, int group) { return shapes()[shape].base + "-g" + std::to_string(group); }
std::string source_name(std::string s) {
  for (char& c : s)
    if (c == '-') c = '_';
  return s;
}

void write_datasets(const fs::path& dir, int groups) {
  for (std::size_t s = 0; s < shapes().size(); ++s) {
    const Shape& sh = shapes()[s];
    std::ofstream out(dir / (sh.base + ".yaml"), std::ios::binary);
    for (int g = 0; g < groups; ++g) {
      if (g) out << "---\n";
      out << "kind: dataset\n"
          << "id: " << dataset_id(static_cast<int>(s), g) << "\n"
          << "name: " << sh.name << "（第 " << g << " 組）\n"
          << "description: >-\n  基準測試產生之資料集，欄位取自 rules/datasets/" << sh.base << ".yaml。\n"
          << "key: id_number\n"
          << "organisation: school\n"
          << "source: {seed: " << kSeeds[s % kSeeds.size()] << ", section: \"" << kSections[s] << "\"}\n"
          << "fields:\n"
          << sh.fields;
    }
  }
}

// ---------------------------------------------------------------- deadlines

struct Deadlines {
  int by = 0, window = 0, within_days = 0, within_hours = 0;
  std::string by_id(int i) const { return "gen-by-" + std::to_string(i); }
  std::string window_id(int i) const { return "gen-window-" + std::to_string(i); }
  std::string days_id(int i) const { return "gen-within-days-" + std::to_string(i); }
  std::string hours_id(int i) const { return "gen-within-hours-" + std::to_string(i); }
};

std::string hhmm(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

Deadlines write_deadlines(const fs::path& file, Rng& rng) {
  Deadlines d{8, 8, 8, 8};
  std::ofstream out(file, std::ios::binary);
  bool first = true;
  auto head = [&](const std::string& id, const std::string& name) {
    if (!first) out << "---\n";
    first = false;
    out << "kind: deadline\nid: " << id << "\nname: " << name << "\n";
  };
  auto tail = [&](const std::string& applies) {
    out << "applies_to: " << applies << "\nsource: {seed: " << rng.pick(kSeeds) << ", section: \""
        << rng.pick(kSections) << "\"}\n";
  };
  for (int i = 0; i < d.by; ++i) {
    int t = rng.between(9 * 4, 18 * 4) * 15;
    head(d.by_id(i), "每日 " + hhmm(t) + " 前完成填報");
    out << "by: " << hhmm(t) << "\n";
    tail("境外生每日居家檢疫應辦理工作");
  }
  for (int i = 0; i < d.window; ++i) {
    int a = rng.between(6 * 4, 10 * 4) * 15, b = rng.between(12 * 4, 20 * 4) * 15;
    head(d.window_id(i), "每日追蹤填報時間 " + hhmm(a) + "–" + hhmm(b));
    out << "window: " << hhmm(a) << ".." << hhmm(b) << "\n";
    tail("每日追蹤關懷紀錄");
  }
  for (int i = 0; i < d.within_days; ++i) {
    int n = rng.between(2, 30);
    head(d.days_id(i), std::to_string(n) + " 天內");
    out << "within: " << n << "d\n";
    tail("特定地區旅遊及接觸史查詢結果");
  }
  for (int i = 0; i < d.within_hours; ++i) {
    int n = rng.between(4, 72);
    head(d.hours_id(i), "知悉後 " + std::to_string(n) + " 小時內");
    out << "within: " << n << "h\n";
    tail("確診個案之校內活動足跡資料");
  }
  return d;
}

// ---------------------------------------------------------------- checks

struct Check {
  std::string dataset;
  std::string scope = "row";
  std::vector<std::string> sources;
  std::string when;  // empty: none
  std::string require;
  std::string field;
  std::string name;
  std::string message;
  bool effective = false;
};

std::string quoted_list(Rng& rng, const std::vector<std::string>& values, int n) {
  std::vector<std::string> pool = values, chosen;
  for (int i = 0; i < n && !pool.empty(); ++i) {
    std::size_t k = static_cast<std::size_t>(rng.below(static_cast<int>(pool.size())));
    chosen.push_back(pool[k]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
  }
  std::string s = "[";
  for (std::size_t i = 0; i < chosen.size(); ++i) s += (i ? ", \"" : "\"") + chosen[i] + "\"";
  return s + "]";
}

std::string symptom_chain(Rng& rng, const std::string& prefix = "") {
  int n = rng.between(2, static_cast<int>(kSymptoms.size()));
  int start = rng.below(static_cast<int>(kSymptoms.size()));
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s += " or ";
    s += prefix + kSymptoms[static_cast<std::size_t>((start + i) % static_cast<int>(kSymptoms.size()))];
  }
  return s;
}

std::string decimal(int tenths) { return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10); }

// One check of template `t` (0..kTemplates-1) over group `g`.
constexpr int kTemplates = 24;

Check make_check(int t, int g, Rng& rng, const Deadlines& dl, const std::vector<std::string>& earlier_ids) {
  Check c;
  auto ds = [&](int shape) { return dataset_id(shape, g); };
  auto src = [&](int shape) { return source_name(dataset_id(shape, g)); };
  switch (t) {
    // ---- case-list, row
    case 0:
      c.dataset = ds(kCaseList);
      c.when = "has(confirm_status)";
      c.require = "confirm_status not in " + quoted_list(rng, kConfirm, rng.between(1, 3));
      c.field = "confirm_status";
      c.name = "確認狀態不得為未完成之狀態";
      c.message = "個案確認狀態為「{confirm_status}」。";
      break;
    case 1:
      c.dataset = ds(kCaseList);
      c.when = "has(confirmed_phone) and confirmed_phone != \"尚未確認\"";
      c.require = "matches(confirmed_phone, \"" + rng.pick(kPhoneRegex) + "\")";
      c.field = "confirmed_phone";
      c.name = "已確認電話應為 10 碼手機號碼";
      c.message = "已確認檢疫者手機號碼「{confirmed_phone}」應為 10 碼連續數字(範例：0911111111)。";
      break;
    case 2:
      c.dataset = ds(kCaseList);
      c.when = "has(confirmed_address) and confirmed_address != \"尚未確認\"";
      c.require = "matches(confirmed_address, \"" + rng.pick(kAddressRegex) + "\")";
      c.field = "confirmed_address";
      c.name = "已確認地址應含縣市、鄉鎮市區及門牌號碼";
      c.message = "已確認地址應包含縣市、鄉鎮市區及門牌號碼，以利電子圍籬綁定。";
      break;
    case 3: {
      int n = rng.between(10, 21);
      c.dataset = ds(kCaseList);
      c.when = "has(entry_date) and (in_quarantine_facility == null or not in_quarantine_facility) and\n  "
               "day_of(entry_date, today()) > " + std::to_string(n);
      c.require = "closing_status == \"已結案\" or confirm_status == \"已結案\"";
      c.field = "closing_status";
      c.name = "逾第 " + std::to_string(n) + " 天仍未結案";
      c.message = "個案入境日期 {entry_date}，已逾第" + std::to_string(n) + "天仍未結案（結案狀態：{closing_status}）。";
      break;
    }
    case 4:
      c.dataset = ds(kCaseList);
      c.when = "has(assigned_at) and date(assigned_at) < today()";
      c.require = "time(assigned_at) <= deadline(\"" + dl.by_id(rng.below(dl.by)) + "\")";
      c.field = "assigned_at";
      c.name = "指派後應於期限前確認";
      c.message = "個案指派時間晚於每日期限。";
      break;
    case 5: {
      c.dataset = ds(kCaseList);
      c.when = "has(closed_at) and has(entry_date)";
      c.require = "day_of(entry_date, closed_at) >= " + std::to_string(rng.between(7, 14)) +
                  " and closed_at <= entry_date + " + std::to_string(rng.between(14, 28)) + "d";
      c.field = "closed_at";
      c.name = "結案日期應於追蹤期滿後";
      c.message = "個案入境日期 {entry_date} 之結案日期不合理。";
      break;
    }
    // ---- case-list, case
    case 6: {
      int n = rng.between(7, 14);
      c.dataset = ds(kCaseList);
      c.scope = "case";
      c.sources = {ds(kFollowup)};
      c.when = "has(entry_date) and (in_quarantine_facility == null or not in_quarantine_facility)";
      c.require = "all(d in 1.." + std::to_string(n) + ", d >= day_of(entry_date, today()) or\n      exists(f in " +
                  src(kFollowup) + ", day_of(entry_date, f.followup_date) == d))";
      c.field = "entry_date";
      c.name = "第 1 至 " + std::to_string(n) + " 天每日應有追蹤紀錄";
      c.message = "個案（入境日期 {entry_date}）於追蹤期間有未填報追蹤情形之日。";
      break;
    }
    case 7: {
      int a = rng.between(5, 10), b = a + rng.between(1, 4);
      c.dataset = ds(kCaseList);
      c.scope = "case";
      c.sources = {ds(kScreening)};
      c.when = "has(entry_date) and (day_of(entry_date, today()) > " + std::to_string(b) +
               " or closing_status == \"已結案\")";
      c.require = "exists(x in " + src(kScreening) + ", x.type == \"快篩\" and\n       ((day_of(entry_date, x.screen_date) in " +
                  std::to_string(a) + ".." + std::to_string(b) + " and x.result in " + quoted_list(rng, kResult, 4) +
                  ")\n        or x.result == \"未完成\"))";
      c.field = "entry_date";
      c.name = "第 " + std::to_string(a) + " 至 " + std::to_string(b) + " 天應登錄快篩結果";
      c.message = "個案（入境日期 {entry_date}）未於期間內登錄快篩結果。";
      break;
    }
    case 8:
      c.dataset = ds(kCaseList);
      c.scope = "case";
      c.sources = {ds(kScreening)};
      c.when = "has(entry_date)";
      c.require = "not exists(x in " + src(kScreening) + ", x.type == \"快篩\" and has(x.screen_date) and\n"
                  "           exists(y in " + src(kScreening) + ", y.type == \"PCR\" and y.screen_date == x.screen_date))";
      c.field = "entry_date";
      c.name = "快篩不應與 PCR 檢測同日";
      c.message = "快篩時間不應安排與PCR檢測同日，並請分開填報。";
      break;
    case 9:
      c.dataset = ds(kCaseList);
      c.scope = "case";
      c.sources = {ds(kCaseList)};
      c.require = "count(c in " + src(kCaseList) + ", not (has(c.name) and contains(c.name, \"重複證號\"))) <= " +
                  std::to_string(rng.between(1, 2));
      c.field = "id_number";
      c.name = "系統上有多筆相同證號之資料";
      c.message = "學生在系統上有多筆相同的資料（證號 {id_number}）。";
      break;
    case 10: {
      c.dataset = ds(kCaseList);
      c.scope = "case";
      c.sources = {ds(kFollowup)};
      c.when = "has(closed_at) and has(entry_date)";
      c.require = "exists(f in " + src(kFollowup) + ", day_of(entry_date, f.followup_date) == " +
                  std::to_string(rng.between(10, 14)) + ") and\n  count(f in " + src(kFollowup) + ", " +
                  symptom_chain(rng, "f.") + ") <= " + std::to_string(rng.between(2, 6));
      c.field = "closing_status";
      c.name = "完成追蹤後方可結案";
      c.message = "個案（入境日期 {entry_date}）已結案，但尚未完成追蹤。";
      break;
    }
    // ---- organisation
    case 11:
      c.dataset = ds(rng.below(5));
      c.scope = "organisation";
      c.require = "count(f in findings, f.severity == \"" + rng.pick(kSeverities) + "\") < " +
                  std::to_string(rng.between(2, 10));
      c.field = "school";
      c.name = "嚴重情形累計達上限應提交檢討報告";
      c.message = "學校累計之檢核結果已達上限，應提交檢討報告。";
      break;
    case 12:
      c.dataset = ds(kCaseList);
      c.scope = "organisation";
      c.require = "count(c in " + src(kCaseList) + ", c.confirm_status == \"失聯\") <= " + std::to_string(rng.between(0, 3));
      c.field = "school";
      c.name = "學校失聯個案數";
      c.message = "學校有失聯之境外生，請立即聯繫個案並通報。";
      break;
    case 13: {
      c.dataset = ds(kFollowup);
      c.scope = "organisation";
      c.sources = {ds(kScreening)};
      std::string rule = earlier_ids.empty() ? "followup-entered-in-window" : rng.pick(earlier_ids);
      c.require = "count(f in findings, f.rule == \"" + rule + "\") <= " + std::to_string(rng.between(3, 20)) +
                  " and\n  count(x in " + src(kScreening) + ", x.result == \"陽性\") < count(r in " + src(kFollowup) +
                  ", r.status == \"有症狀\") + " + std::to_string(rng.between(1, 5));
      c.field = "school";
      c.name = "學校追蹤紀錄檢核結果過多";
      c.message = "學校追蹤紀錄之檢核結果過多，請檢討填報流程。";
      break;
    }
    // ---- followup, row
    case 14:
      c.dataset = ds(kFollowup);
      c.when = "has(entered_at)";
      c.require = "time(entered_at) in deadline(\"" + dl.window_id(rng.below(dl.window)) + "\")";
      c.field = "entered_at";
      c.name = "追蹤紀錄應於規定時段填報";
      c.message = "追蹤紀錄填報時間 {entered_at} 不在規定時段。";
      break;
    case 15:
      c.dataset = ds(kFollowup);
      c.when = "has(entered_at) and has(followup_date)";
      c.require = rng.chance(50) ? "date(entered_at) == followup_date"
                                 : "day_of(followup_date, entered_at) <= " + std::to_string(rng.between(0, 2));
      c.field = "entered_at";
      c.name = "追蹤紀錄應於追蹤當日填報";
      c.message = "追蹤日 {followup_date} 之紀錄於 {entered_at} 才填報。";
      break;
    case 16:
      c.dataset = ds(kFollowup);
      c.when = "status == \"有症狀\" or " + symptom_chain(rng);
      c.require = rng.chance(50) ? "visited_doctor" : "has(visit_note)";
      c.field = "visited_doctor";
      c.name = "有症狀者應勾選當日就醫";
      c.message = "只要學生有症狀，都需勾選當日就醫，並填報當日就醫情形，並釘選儲存。";
      break;
    case 17:
      c.dataset = ds(kFollowup);
      c.when = "has(status)";
      c.require = "status not in " + quoted_list(rng, kStatus, rng.between(1, 2));
      c.field = "status";
      c.name = "追蹤情形不得為出境或尚未派案";
      c.message = "追蹤情形為「{status}」。";
      break;
    // ---- screening, row
    case 18:
      c.dataset = ds(kScreening);
      c.when = "type == \"PCR\" and result == \"完成\"";
      c.require = "has(pcr_from) and has(pcr_to) and pcr_from <= pcr_to and\n  pcr_to - pcr_from <= deadline(\"" +
                  dl.hours_id(rng.below(dl.within_hours)) + "\")";
      c.field = "pcr_from";
      c.name = "PCR 應登錄採檢時間(起迄)";
      c.message = "PCR時間(起) {pcr_from}、PCR時間(迄) {pcr_to} 不合理。";
      break;
    case 19:
      c.dataset = ds(kScreening);
      c.when = "type == \"" + std::string(rng.chance(50) ? "快篩" : "PCR") + "\"";
      c.require = "result in " + quoted_list(rng, kResult, rng.between(2, 5));
      c.field = "result";
      c.name = "篩檢結果應為規定之值";
      c.message = "篩檢結果「{result}」不符。";
      break;
    // ---- temperature-log
    case 20: {
      std::string f = rng.chance(50) ? "morning" : "evening";
      c.dataset = ds(kTemperature);
      c.when = "has(" + f + ")";
      c.require = rng.chance(50) ? f + " < " + decimal(rng.between(375, 385))
                                 : f + " >= " + decimal(rng.between(330, 350)) + " and " + f + " <= " +
                                       decimal(rng.between(420, 440));
      c.field = f;
      c.name = "體溫數值檢核";
      c.message = "{log_date} 體溫 {" + f + "}°C 不在合理範圍，請確認是否誤植。";
      break;
    }
    case 21:
      c.dataset = ds(kTemperature);
      c.scope = "case";
      c.sources = {ds(kTemperature)};
      c.require = "all(t in " + src(kTemperature) + ", count(u in " + src(kTemperature) +
                  ", u.log_date == t.log_date) <= 1)";
      c.field = "log_date";
      c.name = "每人每日一筆體溫紀錄";
      c.message = "同一人同一日有多筆體溫紀錄，請合併為一筆（上午、下午各一次）。";
      break;
    // ---- close-contacts
    case 22: {
      int kind = rng.below(4);
      c.dataset = ds(kContacts);
      if (kind == 0) {
        c.when = "has(birth_date) and has(last_contact) and age(birth_date, last_contact) < " +
                 std::to_string(rng.between(6, 18));
        c.require = "has(companion_name)";
        c.field = "companion_name";
      } else if (kind == 1) {
        c.when = "has(last_contact) and has(case_onset)";
        c.require = "case_onset - last_contact <= deadline(\"" + dl.days_id(rng.below(dl.within_days)) + "\")";
        c.field = "last_contact";
      } else if (kind == 2) {
        c.when = "has(case_known_at) and has(listed_at)";
        c.require = "listed_at - case_known_at <= deadline(\"" + dl.hours_id(rng.below(dl.within_hours)) + "\")";
        c.field = "listed_at";
      } else {
        c.when = "has(last_contact)";
        c.require = "last_contact <= today() and (case_onset == null or last_contact + " +
                    std::to_string(rng.between(1, 5)) + "d >= case_onset)";
        c.field = "last_contact";
      }
      c.name = "密切接觸者名冊日期檢核";
      c.message = "最後接觸日期 {last_contact}、確診者發病日 {case_onset} 不合理。";
      break;
    }
    case 23:
      c.dataset = ds(kContacts);
      c.when = "has(own_mobile) and contact_type in " + quoted_list(rng, kContact, rng.between(2, 5));
      c.require = "matches(own_mobile, \"" + rng.pick(kPhoneRegex) + "\") and own_mobile != guardian1_mobile";
      c.field = "own_mobile";
      c.name = "自有手機應為手機號碼，勿填市話";
      c.message = "自有手機「{own_mobile}」不是手機號碼。";
      break;
  }
  c.effective = rng.chance(10);
  return c;
}

// Block scalars keep the generated text as it is (no YAML quoting needed).
void write_block(std::ostream& out, const char* key, const std::string& text) {
  out << key << ": >-\n  ";
  for (char ch : text) {
    out << ch;
    if (ch == '\n') out << "  ";
  }
  out << "\n";
}

int usage() {
  std::cerr << "usage: gen_rules OUT_DIR [--checks N] [--files N] [--groups N] [--seed S]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  fs::path out_dir = argv[1];
  long checks = 10000, files = 100, groups = 4;
  std::uint64_t seed = 20220426;
  for (int i = 2; i < argc; ++i) {
    std::string_view a = argv[i];
    if (i + 1 >= argc) return usage();
    char* end = nullptr;
    unsigned long long v = std::strtoull(argv[++i], &end, 10);
    if (*end != '\0') return usage();
    if (a == "--checks") checks = static_cast<long>(v);
    else if (a == "--files") files = static_cast<long>(v);
    else if (a == "--groups") groups = static_cast<long>(v);
    else if (a == "--seed") seed = v;
    else return usage();
  }
  if (files < 1 || groups < 1 || checks < 0) return usage();

  Rng rng(seed);
  fs::create_directories(out_dir / "datasets");
  fs::create_directories(out_dir / "deadlines");
  fs::create_directories(out_dir / "checks");
  write_datasets(out_dir / "datasets", static_cast<int>(groups));
  Deadlines dl = write_deadlines(out_dir / "deadlines" / "generated.yaml", rng);

  std::vector<std::string> ids;
  long written = 0;
  for (long f = 0; f < files; ++f) {
    long in_file = checks / files + (f < checks % files ? 1 : 0);
    char fname[32];
    std::snprintf(fname, sizeof fname, "gen-%03ld.yaml", f);
    std::ofstream out(out_dir / "checks" / fname, std::ios::binary);
    out << "# 基準測試產生之檢核規則（bench/compile/gen_rules.cc，seed " << seed << "）。\n";
    for (long k = 0; k < in_file; ++k, ++written) {
      int t = rng.below(kTemplates);
      int g = rng.below(static_cast<int>(groups));
      Check c = make_check(t, g, rng, dl, ids);
      char id[48];
      std::snprintf(id, sizeof id, "gen-%03ld-%03ld-t%02d", f, k, t);
      if (k) out << "---\n";
      out << "kind: check\n"
          << "id: " << id << "\n"
          << "name: " << c.name << "（" << id << "）\n"
          << "dataset: " << c.dataset << "\n"
          << "scope: " << c.scope << "\n";
      if (!c.sources.empty()) {
        out << "sources: [";
        for (std::size_t i = 0; i < c.sources.size(); ++i) out << (i ? ", " : "") << c.sources[i];
        out << "]\n";
      }
      if (c.effective) out << "effective: {from: 2020-0" << rng.between(1, 9) << "-1" << rng.below(10) << "}\n";
      if (!c.when.empty()) write_block(out, "when", c.when);
      write_block(out, "require", c.require);
      out << "severity: " << rng.pick(kSeverities) << "\n"
          << "field: " << c.field << "\n";
      write_block(out, "message", c.message + rng.pick(kMessages));
      out << "source: {seed: " << rng.pick(kSeeds) << ", section: \"" << rng.pick(kSections) << "\"}\n";
      ids.emplace_back(id);
    }
  }
  std::cerr << "gen_rules: " << written << " checks in " << files << " files, " << groups * 5 << " datasets, "
            << dl.by + dl.window + dl.within_days + dl.within_hours << " deadlines (seed " << seed << ") -> "
            << out_dir.string() << "\n";
  return 0;
}

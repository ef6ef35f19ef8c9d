// gen_exports: synthetic exports of the MOHW tracking system (防疫追蹤系統) for
// benchmarking and testing `fangyi check`, of any size, with injected faults.
//
//   c++ -O2 -std=c++20 bench/check/gen_exports.cc -o gen_exports   (glibc >= 2.34; else add -pthread)
//   gen_exports --cases 1000000 --schools 20 --seed 1 --faults 0.05 --out DIR
//
// Writes DIR/case-list.csv, DIR/followup.csv and DIR/screening.csv (UTF-8, the
// exact column headers of rules/datasets/{case-list,followup,screening}.yaml),
// optionally temperature-log.csv and close-contacts.csv (--with), and
// DIR/expected-findings.csv: one line per finding the default rules should
// report for the injected faults (file, line, scope, rule, severity, column,
// case_key, organisation, kind). A summary of injected faults per kind goes to
// stderr.
//
// Every case is a pure function of (seed, case index), drawn from splitmix64
// streams, so the output is byte-identical for the same arguments on every
// machine and compiler (no <random> distributions), whatever --threads is.
// Clean cases break no check. Exactly round(RATE * cases) cases get exactly
// one fault, the kinds taking turns, so each kind's count is known exactly.
// All dates are in the past (2021 by default), so the expected findings hold
// for any run date after the last case's day 14.
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <numeric>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <vector>

namespace {

// ------------------------------------------------------------------ random
constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ull;

uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

struct Rng {  // splitmix64
  uint64_t s;
  Rng(uint64_t seed, uint64_t index, uint64_t stream) : s(mix(seed * kGolden + stream) ^ mix(index + 1)) {}
  uint64_t next() { return mix(s += kGolden); }
  uint32_t below(uint32_t n) { return uint32_t((uint64_t(uint32_t(next() >> 32)) * n) >> 32); }
  bool chance(uint32_t per_mille) { return below(1000) < per_mille; }
};

// ------------------------------------------------------------------ dates
int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int32_t(doe) - 719468;
}
void civil_from_days(int32_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = int(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}

// "YYYY/MM/DD" for every day of the generated range, formatted once.
struct DateTable {
  int32_t first = 0;
  std::vector<std::array<char, 11>> text;  // 10 characters and snprintf's NUL
  void build(int32_t from, int32_t to) {
    first = from;
    text.resize(size_t(to - from + 1));
    for (int32_t d = from; d <= to; ++d) {
      int y;
      unsigned m, dd;
      civil_from_days(d, y, m, dd);
      std::snprintf(text[size_t(d - from)].data(), 11, "%04d/%02u/%02u", y, m, dd);
    }
  }
  std::string_view operator()(int32_t d) const { return {text[size_t(d - first)].data(), 10}; }
};
DateTable g_dates;

// ------------------------------------------------------------------ output
class Out {
 public:
  explicit Out(const std::string& path) : path_(path), buf_(1 << 20) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) {
      std::fprintf(stderr, "gen_exports: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
      std::exit(2);
    }
  }
  ~Out() { close(); }
  void close() {
    if (!f_) return;
    flush();
    if (std::fclose(f_) != 0) fail();
    f_ = nullptr;
  }
  void s(std::string_view v) {
    if (n_ + v.size() > buf_.size()) flush();
    if (v.size() > buf_.size()) {
      if (std::fwrite(v.data(), 1, v.size(), f_) != v.size()) fail();
      bytes_ += v.size();
      return;
    }
    std::memcpy(buf_.data() + n_, v.data(), v.size());
    n_ += v.size();
  }
  void c(char ch) {
    if (n_ == buf_.size()) flush();
    buf_[n_++] = ch;
  }
  void comma() { c(','); }
  void commas(int k) {
    for (int i = 0; i < k; ++i) c(',');
  }
  void u(uint64_t v) {
    char t[24];
    int k = 0;
    do t[k++] = char('0' + v % 10), v /= 10;
    while (v);
    while (k) c(t[--k]);
  }
  void d2(unsigned v) { c(char('0' + v / 10 % 10)), c(char('0' + v % 10)); }
  void date(int32_t day) { s(g_dates(day)); }
  void hm(unsigned h, unsigned m) { d2(h), c(':'), d2(m); }
  void hms(unsigned sec) { d2(sec / 3600), c(':'), d2(sec / 60 % 60), c(':'), d2(sec % 60); }
  void eol() {
    c('\n');
    ++lines_;
  }
  uint64_t lines() const { return lines_; }  // lines written so far, header included
  uint64_t bytes() const { return bytes_ + n_; }
  const std::string& path() const { return path_; }

 private:
  void flush() {
    if (n_ && std::fwrite(buf_.data(), 1, n_, f_) != n_) fail();
    bytes_ += n_;
    n_ = 0;
  }
  [[noreturn]] void fail() {
    std::fprintf(stderr, "gen_exports: write error on %s: %s\n", path_.c_str(), std::strerror(errno));
    std::exit(2);
  }
  std::string path_;
  std::FILE* f_ = nullptr;
  std::vector<char> buf_;
  size_t n_ = 0;
  uint64_t bytes_ = 0, lines_ = 0;
};

// ------------------------------------------------------------------ reference data
struct County {
  const char* name;
  char letter;  // ID-number region letter
  std::array<const char*, 3> districts;
  std::array<const char*, 4> roads;  // no 區/鄉/鎮/市 in a road name (see bad-address)
};
const County kCounties[] = {
    {"臺北市", 'A', {"大安區", "中正區", "信義區"}, {"羅斯福路四段", "基隆路二段", "汀州路三段", "和平東路一段"}},
    {"新北市", 'F', {"淡水區", "板橋區", "新莊區"}, {"英專路", "文化路一段", "中正路", "學府路"}},
    {"桃園市", 'H', {"中壢區", "桃園區", "龜山區"}, {"中大路", "中正路", "文化一路", "大學路"}},
    {"臺中市", 'B', {"西屯區", "南區", "北區"}, {"臺灣大道四段", "興大路", "文華路", "學士路"}},
    {"臺南市", 'D', {"東區", "中西區", "北區"}, {"大學路", "友愛街", "成功路", "長榮路三段"}},
    {"高雄市", 'E', {"鼓山區", "三民區", "燕巢區"}, {"蓮海路", "十全一路", "大學路", "建工路"}},
    {"新竹市", 'O', {"東區", "北區", "香山區"}, {"光復路二段", "大學路", "食品路", "經國路一段"}},
    {"花蓮縣", 'U', {"壽豐鄉", "花蓮市", "吉安鄉"}, {"大學路二段", "中山路", "中央路二段", "林森路"}},
    {"嘉義縣", 'Q', {"民雄鄉", "太保市", "大林鎮"}, {"大學路一段", "建國路", "中山路", "文化路"}},
    {"彰化縣", 'N', {"彰化市", "員林市", "鹿港鎮"}, {"進德路", "中山路二段", "員林大道", "中正路"}},
};
struct School {
  const char* name;
  int county;
};
const School kSchools[] = {
    {"國立臺灣大學", 0},     {"國立成功大學", 4},     {"國立東華大學", 7},     {"私立淡江大學", 1},
    {"國立政治大學", 0},     {"國立清華大學", 6},     {"國立中興大學", 3},     {"國立中央大學", 2},
    {"國立中山大學", 5},     {"國立中正大學", 8},     {"國立彰化師範大學", 9}, {"國立臺灣師範大學", 0},
    {"國立陽明交通大學", 6}, {"私立輔仁大學", 1},     {"私立東海大學", 3},     {"私立逢甲大學", 3},
    {"私立中原大學", 2},     {"私立元智大學", 2},     {"私立義守大學", 5},     {"私立高雄醫學大學", 5},
    {"私立中國醫藥大學", 3}, {"私立銘傳大學", 0},     {"私立世新大學", 0},     {"私立長庚大學", 2},
    {"私立靜宜大學", 3},     {"私立亞洲大學", 3},     {"私立南臺科技大學", 4}, {"私立崑山科技大學", 4},
    {"私立大葉大學", 9},     {"私立明道大學", 9},     {"私立慈濟大學", 7},     {"私立南華大學", 8},
};
struct Nation {
  const char* zh;
  const char* iso3;
};
const Nation kNations[] = {{"越南", "VNM"}, {"印尼", "IDN"}, {"馬來西亞", "MYS"}, {"日本", "JPN"}, {"韓國", "KOR"},
                           {"美國", "USA"}, {"法國", "FRA"}, {"德國", "DEU"},     {"印度", "IND"}, {"泰國", "THA"},
                           {"菲律賓", "PHL"}, {"蒙古", "MNG"}, {"史瓦帝尼", "SWZ"}, {"瓜地馬拉", "GTM"}, {"波蘭", "POL"}};
const char* kSurnames[] = {"NGUYEN", "TRAN",    "LE",      "PHAM",   "PRATAMA", "SANTOS", "LIM",     "TAN",
                           "SATO",   "TANAKA",  "KIM",     "PARK",   "CHOI",    "SMITH",  "MARTIN",  "MULLER",
                           "SHARMA", "NAIR",    "SRISUK",  "REYES",  "BOLD",    "DLAMINI", "MORALES", "NOWAK",
                           "WEBER",  "DUBOIS",  "YAMADA",  "LOPEZ",  "GARCIA",  "SINGH",  "WONG",    "HASSAN"};
const char* kGiven[] = {"AN",    "MAI",   "NAM",    "KHOA",  "LAN",   "BAO",    "ADI",    "DEWI",  "RIZKY",
                        "PUTRI", "WEI",   "MEI",    "HARUKA", "YUTO", "MIN",    "SEO",    "JI",    "EMILY",
                        "JAMES", "LUCAS", "LENA",   "JONAS", "ARJUN", "PRIYA",  "KANYA",  "MARIA", "JOHN",
                        "ZOFIA", "DIEGO", "SIBUSISO", "ANA", "HAFIZ", "AISYAH", "HUONG",  "LONG",  "THU"};

// ------------------------------------------------------------------ datasets
const char* kCaseHeader =
    "縣市別,學校,入境日期,指派日期,姓名,證號,國籍,是否為外籍生,來臺類型,最後確認業管人員類型,外籍生實際居檢縣市,"
    "外籍生實際居檢鄉鎮區,已確認地址,已確認電話,確認狀態,追蹤情形,結案狀態,結案日期,是否入住集中檢疫所";
constexpr int kCaseColumns = 19;
const char* kFollowupHeader =
    "學校,姓名,證號,追蹤日,追蹤情形,發燒(≥38°C),流鼻水或鼻塞,腹瀉,呼吸困難,咳嗽,嗅、味覺異常,全身倦怠,四肢無力,"
    "當日就醫,當日就醫備註,LINE自主回報,SMS自主回報,法傳通報編號,協助就醫,症狀解除,確認者,填報時間";
constexpr int kFollowupColumns = 22;
const char* kScreeningHeader = "學校,姓名,證號,篩檢日期,篩檢類型,篩檢結果,PCR時間(起),PCR時間(迄)";
constexpr int kScreeningColumns = 8;
const char* kTemperatureHeader =
    "學校名稱,宿舍編號,姓名,班級,學號,身分證號,天數,日期,上午體溫 °C,下午體溫 °C,症狀註記,其他";
constexpr int kTemperatureColumns = 12;
const char* kContactsHeader =
    "學校,班級,座號,身分,姓名,身分證號,性別,出生日期,接觸類型,確診者發病日或採檢陽性日,最後接觸日期,知悉確診時間,"
    "足跡資料提供時間,自有手機,居家隔離地址,法定代理人1姓名,法定代理人1稱謂,法定代理人1手機,法定代理人2姓名,"
    "法定代理人2稱謂,法定代理人2手機,預定陪同隔離者姓名,預定陪同隔離者稱謂,預定陪同隔離者身分證號,"
    "預定陪同隔離者手機,備註";
constexpr int kContactsColumns = 26;

// ------------------------------------------------------------------ fault kinds
enum Dataset : uint8_t { kCaseList, kFollowup, kScreening, kTemperature, kContacts, kDatasets };
const char* kDatasetId[] = {"case-list", "followup", "screening", "temperature-log", "close-contacts"};

struct Kind {
  const char* id;
  Dataset population;  // whose records it corrupts (case-list/followup/screening share the cases)
  const char* what;
};
// Expected findings per kind are emitted where the faulty line is written;
// the comment after each kind names them.
enum K : int {
  kMissingDay,        // followup-every-day
  kEnteredOutside,    // followup-entered-in-window
  kEnteredNextDay,    // followup-entered-same-day
  kBadPhone,          // contact-phone-format
  kBadAddress,        // contact-address-format
  kLost,              // confirm-status-lost (serious) [+ supervision-review-report per school with >= 3]
  kUnconfirmed,       // contact-info-confirmed
  kConfirmEmpty,      // confirm-status-present
  kPlaceholderPhone,  // contact-phone-placeholder-moving (info)
  kMovingRealPhone,   // contact-moving-placeholder-phone
  kStatusNotAllowed,  // followup-status-not-allowed
  kSymptomNoVisit,    // followup-symptom-visit-ticked + followup-symptom-visit-note
  kSymptomUnlisted,   // followup-symptoms-listed
  kSymptomStatus,     // followup-symptoms-status
  kRapidOutside,      // rapid-test-in-window + rapid-test-recorded
  kRapidMissing,      // rapid-test-recorded
  kRapidBadResult,    // rapid-test-result-value + rapid-test-recorded
  kPcrSameDay,        // rapid-pcr-not-same-day
  kPcrMissing,        // pcr-recorded
  kPcrBadResult,      // pcr-result-value + pcr-recorded
  kPcrNoTime,         // pcr-time-range
  kOverdue,           // overdue-not-closed
  kClosedEarly,       // closed-after-day14
  kDuplicateId,       // duplicate-id-number (the copy is written at the end of the file)
  kInvalidId,         // id-valid-case-list + id-valid-followup x14 + id-valid-screening x2
  kFacility,          // quarantine-facility-not-reported
  kMalformedDate,     // input.* (a 指派日期 or 填報時間 cell that is not a date; read as empty)
  kTempFever,         // temperature-fever-morning + temperature-fever-evening
  kTempMissing,       // temperature-two-readings
  kTempImplausible,   // temperature-implausible-morning
  kTempSplitDay,      // temperature-one-record-per-day + temperature-two-readings x2
  kContactChild,      // contact-child-companion
  kContactLandline,   // contact-own-mobile
  kContactGuardian,   // contact-guardian-mobile
  kContactLate,       // contact-footprint-24h
  kContactLookback,   // contact-in-lookback
  kKinds
};
const Kind kKindInfo[kKinds] = {
    {"missing-followup-day", kCaseList, "one of days 1-13 has no follow-up record"},
    {"entry-outside-window", kCaseList, "a follow-up entered before 08:00 or after 14:00"},
    {"entry-next-day", kCaseList, "a follow-up entered the next morning"},
    {"bad-phone", kCaseList, "已確認電話 not 10 digits starting 09"},
    {"bad-address", kCaseList, "已確認地址 without district or house number"},
    {"lost", kCaseList, "確認狀態 失聯 (serious)"},
    {"contact-unconfirmed", kCaseList, "確認狀態 僅部分確認, address and phone 尚未確認"},
    {"confirm-status-empty", kCaseList, "確認狀態 empty"},
    {"placeholder-phone", kCaseList, "phone 0900000000, no 移動中 in the name"},
    {"moving-real-phone", kCaseList, "name marked 移動中, real phone"},
    {"status-not-allowed", kCaseList, "追蹤情形 出境 or 尚未派案"},
    {"symptom-without-visit", kCaseList, "有症狀 without 當日就醫 and its note"},
    {"symptom-unlisted", kCaseList, "有症狀 with no symptom ticked"},
    {"symptom-status", kCaseList, "a symptom ticked, status 無症狀"},
    {"rapid-outside-window", kCaseList, "rapid test on day 5-9"},
    {"rapid-missing", kCaseList, "no rapid test record"},
    {"rapid-bad-result", kCaseList, "rapid test result 完成"},
    {"pcr-same-day", kCaseList, "rapid test and PCR both on day 12"},
    {"pcr-missing", kCaseList, "no PCR record"},
    {"pcr-bad-result", kCaseList, "PCR result 陰性 instead of 完成/未完成"},
    {"pcr-no-time", kCaseList, "PCR 完成 without PCR時間(迄)"},
    {"overdue-not-closed", kCaseList, "past day 14, 尚未結案"},
    {"closed-early", kCaseList, "結案日期 on day 12 or 13"},
    {"duplicate-id", kCaseList, "the case listed twice, copy not marked 重複證號"},
    {"invalid-id", kCaseList, "ID check digit wrong (in all three files)"},
    {"quarantine-facility", kCaseList, "是否入住集中檢疫所 是"},
    {"malformed-date", kCaseList, "a 指派日期 or 填報時間 cell that is no date"},
    {"temp-fever", kTemperature, "38.x °C morning and evening"},
    {"temp-missing-reading", kTemperature, "evening reading empty"},
    {"temp-implausible", kTemperature, "morning 3.6x °C (dot misplaced)"},
    {"temp-split-day", kTemperature, "a day written on two rows, one reading each"},
    {"contact-child-no-companion", kContacts, "under 13, no companion"},
    {"contact-landline", kContacts, "自有手機 is a landline"},
    {"contact-no-guardian-mobile", kContacts, "no guardian mobile"},
    {"contact-footprint-late", kContacts, "footprint given > 24 h after the case was known"},
    {"contact-before-lookback", kContacts, "last contact > 2 days before onset"},
};

struct Finding {
  uint16_t file;  // index into the file table
  uint64_t line;
  const char* scope;
  const char* rule;
  const char* severity;
  const char* column;
  std::string key;
  int school;  // -1 none
  int kind;
};

// ------------------------------------------------------------------ options
struct Options {
  uint64_t cases = 1000;
  int schools = 10;
  uint64_t seed = 1;
  double rate = 0.05;
  std::string out;
  int32_t start = days_from_civil(2021, 8, 1);
  int span = 45;
  bool per_school = false;
  bool manifest = true;
  bool verify = false;
  int threads = 3;
  bool with[kDatasets] = {true, true, true, false, false};
  uint64_t people = 0;  // temperature-log / close-contacts population; 0 = --cases
  std::vector<int> kinds;
};
Options opt;

std::string school_name(int s) {
  constexpr int n = int(sizeof(kSchools) / sizeof(kSchools[0]));
  if (s < n) return kSchools[s].name;
  return "私立示範科技大學" + std::to_string(s - n + 1);
}
const County& school_county(int s) {
  constexpr int n = int(sizeof(kSchools) / sizeof(kSchools[0]));
  return kCounties[s < n ? kSchools[s].county : s % int(sizeof(kCounties) / sizeof(kCounties[0]))];
}

// Which cases are faulty: exactly round(rate * n) of them, spread by an affine
// bijection of [0, n); the kinds take turns so their counts differ by <= 1.
struct FaultPlan {
  uint64_t n = 0, k = 0, a = 1, b = 0;
  std::vector<int> kinds;
  void init(uint64_t count, double rate, uint64_t salt, const std::vector<int>& ks) {
    n = count;
    kinds = ks;
    k = kinds.empty() ? 0 : uint64_t(std::llround(rate * double(n)));
    if (k > n) k = n;
    if (n == 0) return;
    a = (mix(opt.seed ^ salt) % n) | 1;
    while (std::gcd(a, n) != 1) ++a;
    b = mix(opt.seed + salt) % n;
  }
  int kind(uint64_t i) const {
    if (k == 0) return -1;
    uint64_t r = uint64_t((__uint128_t(a) * i + b) % n);
    return r < k ? kinds[r % kinds.size()] : -1;
  }
};
FaultPlan g_case_faults, g_temp_faults, g_contact_faults;

// ------------------------------------------------------------------ ID numbers
constexpr int kLetterCode[26] = {10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
                                 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33};
// letter + second ('1','2','8','9' or 'A'..'D') + 7 digits + check digit.
void make_tw_id(char* out, char letter, char second, uint32_t seven) {
  out[0] = letter;
  out[1] = second;
  for (int k = 8; k >= 2; --k) out[k] = char('0' + seven % 10), seven /= 10;
  int code = kLetterCode[letter - 'A'];
  int sec = second >= 'A' ? kLetterCode[second - 'A'] % 10 : second - '0';
  int sum = code / 10 + (code % 10) * 9 + sec * 8;
  for (int k = 2; k <= 8; ++k) sum += (out[k] - '0') * (9 - k);
  out[9] = char('0' + (10 - sum % 10) % 10);
  out[10] = 0;
}
// A bijection of [0, 10^7): unique 7-digit serials for the first 10^7 indices
// of each letter; the letter advances every 10^7.
uint32_t serial7(uint64_t i) { return uint32_t(((i % 10000000ull) * 7919ull + mix(opt.seed) % 10000000ull) % 10000000ull); }

// ------------------------------------------------------------------ cases
struct Case {
  uint64_t i;
  int school;
  int kind;  // fault kind or -1
  int32_t entry;
  int32_t assigned;  // day
  uint8_t assigned_hour;
  char id[24];
  uint8_t id_len;
  uint8_t surname, given, given2, nation;
  bool passport, resident_permit;
  uint8_t district, road, addr_style;
  uint16_t house, room;
  uint32_t phone8;
  uint8_t rapid_day, pcr_day, pcr_hour, rapid_result, pcr_result;  // result 0 = 陰性/完成 ...
  uint8_t close_day;
  uint8_t sym_day;   // a correctly handled symptomatic day (0 = none)
  uint8_t sym_kind;  // which symptom column
  uint8_t lost_from;
  uint8_t fault_day;  // day a follow-up fault touches
  uint8_t variant;    // variant of the fault
};

Case make_case(uint64_t i) {
  Case c{};
  c.i = i;
  c.school = int((__uint128_t(i) * unsigned(opt.schools)) / opt.cases);
  c.kind = g_case_faults.kind(i);
  Rng r(opt.seed, i, 1);
  c.entry = opt.start + int32_t(r.below(unsigned(opt.span)));
  c.assigned_hour = uint8_t(r.below(24));
  c.assigned = c.entry + (c.assigned_hour < 8 ? 1 : 0);
  c.surname = uint8_t(r.below(sizeof(kSurnames) / sizeof(kSurnames[0])));
  c.given = uint8_t(r.below(sizeof(kGiven) / sizeof(kGiven[0])));
  c.given2 = uint8_t(r.below(sizeof(kGiven) / sizeof(kGiven[0])));
  c.nation = uint8_t(r.below(sizeof(kNations) / sizeof(kNations[0])));
  c.passport = r.chance(120);
  c.resident_permit = !c.passport && r.chance(500);
  const County& county = school_county(c.school);
  if (c.passport) {
    // 9 digits, unique per index, then the nationality code.
    uint64_t num = 100000000ull + (i * 104729ull) % 900000000ull;
    int n = std::snprintf(c.id, sizeof c.id, "%09" PRIu64 "-%s", num, kNations[c.nation].iso3);
    c.id_len = uint8_t(n);
  } else {
    // Up to 10^7 cases the serial alone is unique; beyond, letter and sex digit count the blocks.
    const bool female = r.chance(500);
    if (opt.cases <= 10000000ull) {
      make_tw_id(c.id, county.letter, female ? '9' : '8', serial7(i));
    } else {
      const uint64_t block = i / 10000000ull;
      make_tw_id(c.id, char('A' + block % 26), (block / 26) % 2 ? '9' : '8', serial7(i));
    }
    c.id_len = 10;
  }
  c.district = uint8_t(r.below(3));
  c.road = uint8_t(r.below(4));
  c.addr_style = uint8_t(r.below(3));
  c.house = uint16_t(1 + r.below(400));
  c.room = uint16_t(201 + r.below(1000));
  c.phone8 = 10000000u + r.below(90000000u);  // 09 + 8 digits, never 0900000000
  c.rapid_day = uint8_t(10 + r.below(3));
  do c.pcr_day = uint8_t(12 + r.below(3));
  while (c.pcr_day == c.rapid_day);
  c.pcr_hour = uint8_t(9 + r.below(8));
  uint32_t rr = r.below(1000);
  c.rapid_result = rr < 950 ? 0 : rr < 975 ? 1 : 2;  // 陰性, 不明, 未完成
  c.pcr_result = r.chance(960) ? 0 : 1;              // 完成, 未完成
  c.close_day = uint8_t(14 + r.below(2));
  c.sym_day = r.chance(30) ? uint8_t(1 + r.below(14)) : 0;
  c.sym_kind = uint8_t(r.below(8));
  // Fault details come from their own stream: clean data does not depend on --faults.
  Rng f(opt.seed, i, 2);
  c.fault_day = uint8_t(1 + f.below(13));
  c.variant = uint8_t(f.below(4));
  c.lost_from = uint8_t(2 + f.below(12));
  switch (c.kind) {
    case kRapidOutside: c.rapid_day = uint8_t(5 + f.below(5)); break;
    case kPcrSameDay: c.rapid_day = c.pcr_day = 12; break;
    case kPcrBadResult:
    case kPcrNoTime: c.pcr_result = 0; break;
    case kClosedEarly: c.close_day = uint8_t(12 + f.below(2)); break;
    case kSymptomNoVisit:
    case kSymptomUnlisted:
    case kSymptomStatus:
    case kEnteredOutside:
    case kEnteredNextDay:
    case kStatusNotAllowed: c.sym_day = 0; break;  // keep the faulty day the only unusual one
    default: break;
  }
  if (c.kind == kRapidBadResult || c.kind == kRapidOutside) c.rapid_result = 0;
  if (c.kind == kInvalidId) {
    if (c.passport) {  // no check digit: make the shape wrong instead (2-letter nationality)
      c.id_len = uint8_t(c.id_len - 1);
      c.id[c.id_len] = 0;
    } else {
      c.id[9] = char('0' + (c.id[9] - '0' + 1 + f.below(9)) % 10);
    }
  }
  return c;
}

constexpr const char* kSymptomNames[8] = {"發燒(≥38°C)", "流鼻水或鼻塞", "腹瀉", "呼吸困難",
                                          "咳嗽", "嗅、味覺異常", "全身倦怠", "四肢無力"};

// ------------------------------------------------------------------ writers
std::string file_name(Dataset d, int school) {
  std::string base = kDatasetId[d];
  if (!opt.per_school) return base + ".csv";
  char t[16];
  std::snprintf(t, sizeof t, "-%03d", school + 1);
  return base + t + ".csv";
}

struct Writer {
  Dataset ds;
  std::vector<Finding> findings;
  std::vector<std::pair<std::string, std::pair<uint64_t, uint64_t>>> files;  // name, rows, bytes
};

uint64_t school_lo(int s) { return uint64_t((__uint128_t(opt.cases) * unsigned(s) + unsigned(opt.schools) - 1) / unsigned(opt.schools)); }

// Case i's school is floor(i * S / N); the first index of school s is ceil(s * N / S).
template <class F>
void for_each_school(F&& f) {
  for (int s = 0; s < opt.schools; ++s) {
    uint64_t lo = school_lo(s), hi = s + 1 == opt.schools ? opt.cases : school_lo(s + 1);
    f(s, lo, hi);
  }
}

// File indices are fixed up front so that findings can name files before they exist.
std::vector<std::string> g_files;
uint16_t file_id(Dataset d, int school) {
  std::string n = file_name(d, opt.per_school ? school : 0);
  for (size_t k = 0; k < g_files.size(); ++k)
    if (g_files[k] == n) return uint16_t(k);
  std::fprintf(stderr, "internal: unknown file %s\n", n.c_str());
  std::exit(3);
}

void add(std::vector<Finding>& v, uint16_t file, uint64_t line, const char* scope, const char* rule, const char* sev,
         const char* column, const Case& c, int kind) {
  v.push_back({file, line, scope, rule, sev, column, std::string(c.id, c.id_len), c.school, kind});
}

void put_name(Out& o, const Case& c) {
  o.s(kSurnames[c.surname]);
  o.c(' ');
  o.s(kGiven[c.given]);
  o.c(' ');
  o.s(kGiven[c.given2]);
}

void write_case_row(Out& o, const Case& c, std::string_view school, bool copy, std::vector<Finding>& fs, uint16_t fid) {
  const County& county = school_county(c.school);
  const uint64_t line = o.lines() + 1;
  const int k = copy ? -1 : c.kind;  // a duplicate's copy carries no fault of its own
  o.s(county.name), o.comma();
  o.s(school), o.comma();
  o.date(c.entry), o.comma();
  if (k == kMalformedDate && c.variant % 2 == 0) {
    static const char* bad[] = {"2021/08/32 14:00", "2021/13/05 10:00", "2021.08.27 14:00", "110年8月 14:00"};
    o.s(bad[c.variant / 2 + (c.entry & 1) * 2]);
    add(fs, fid, line, "row", "input.*", "error", "指派日期", c, k);
  } else {
    o.date(c.assigned), o.c(' '), o.hm(c.assigned_hour, 0);
  }
  o.comma();
  put_name(o, c);
  if (k == kMovingRealPhone) o.s("(移動中)");
  o.comma();
  o.s({c.id, c.id_len}), o.comma();
  o.s(kNations[c.nation].zh), o.comma();
  o.s("外,");
  o.s(c.resident_permit ? "持有居留證," : "專案核准入境,");
  o.s("教育,");
  o.s(county.name), o.comma();
  o.s(county.districts[c.district]), o.comma();
  // address
  if (k == kUnconfirmed) {
    o.s("尚未確認");
  } else if (k == kBadAddress) {
    o.s(county.name);
    if (c.variant % 2 == 0) {  // no district
      o.s(county.roads[c.road]), o.u(c.house), o.s("號");
    } else {  // no house number
      o.s(county.districts[c.district]), o.s(county.roads[c.road]);
    }
    add(fs, fid, line, "row", "contact-address-format", "error", "已確認地址", c, k);
  } else {
    o.s(county.name), o.s(county.districts[c.district]), o.s(county.roads[c.road]), o.u(c.house), o.s("號");
    if (c.addr_style == 0) o.s("(防疫旅館"), o.u(c.room), o.s("房)");
    else if (c.addr_style == 1) o.u(2 + c.room % 11), o.s("樓");
  }
  o.comma();
  // phone
  if (k == kUnconfirmed) {
    o.s("尚未確認");
  } else if (k == kPlaceholderPhone) {
    o.s("0900000000");
    add(fs, fid, line, "row", "contact-phone-placeholder-moving", "info", "姓名", c, k);
  } else if (k == kBadPhone) {
    char d[11];
    std::snprintf(d, sizeof d, "09%08u", c.phone8);
    const std::string_view p(d, 10);
    switch (c.variant) {
      case 0: o.s(p.substr(0, 4)), o.c('-'), o.s(p.substr(4, 3)), o.c('-'), o.s(p.substr(7)); break;  // 0912-345-678
      case 1: o.s(p.substr(1)); break;                        // leading zero lost in Excel: 912345678
      case 2: o.s("02-2"), o.s(p.substr(3)); break;           // a landline: 02-21234567
      default: o.s("+886"), o.s(p.substr(1)); break;          // +886912345678
    }
    add(fs, fid, line, "row", "contact-phone-format", "error", "已確認電話", c, k);
  } else {
    o.s("09"), o.u(c.phone8);
  }
  if (k == kMovingRealPhone) add(fs, fid, line, "row", "contact-moving-placeholder-phone", "warning", "已確認電話", c, k);
  o.comma();
  // confirmation, tracking, closing
  const bool closed = k != kOverdue && k != kFacility;
  if (k == kLost) {
    o.s("失聯");
    add(fs, fid, line, "row", "confirm-status-lost", "serious", "確認狀態", c, k);
  } else if (k == kUnconfirmed) {
    o.s("僅部分確認");
    add(fs, fid, line, "row", "contact-info-confirmed", "error", "確認狀態", c, k);
  } else if (k == kConfirmEmpty) {
    add(fs, fid, line, "row", "confirm-status-present", "error", "確認狀態", c, k);
  } else {
    o.s(closed ? "已結案" : "已確認");
  }
  o.comma();
  o.s(k == kLost ? "訪視未遇(14)" : "無症狀(14)"), o.comma();
  o.s(closed ? "已結案" : "尚未結案"), o.comma();
  if (k == kOverdue) add(fs, fid, line, "row", "overdue-not-closed", "error", "結案狀態", c, k);
  if (closed) o.date(c.entry + c.close_day);
  o.comma();
  if (k == kFacility) {
    o.s("是");
    add(fs, fid, line, "row", "quarantine-facility-not-reported", "warning", "是否入住集中檢疫所", c, k);
  } else {
    o.s("否");
  }
  o.eol();
  if (k == kInvalidId) add(fs, fid, line, "row", "id-valid-case-list", "error", "證號", c, k);
  if (copy) return;
  // case-scope findings, at the case's first row
  switch (c.kind) {
    case kMissingDay: add(fs, fid, line, "case", "followup-every-day", "error", "入境日期", c, c.kind); break;
    case kRapidOutside:
      add(fs, fid, line, "case", "rapid-test-in-window", "warning", "入境日期", c, c.kind);
      add(fs, fid, line, "case", "rapid-test-recorded", "error", "入境日期", c, c.kind);
      break;
    case kRapidMissing:
    case kRapidBadResult: add(fs, fid, line, "case", "rapid-test-recorded", "error", "入境日期", c, c.kind); break;
    case kPcrSameDay: add(fs, fid, line, "case", "rapid-pcr-not-same-day", "error", "入境日期", c, c.kind); break;
    case kPcrMissing:
    case kPcrBadResult: add(fs, fid, line, "case", "pcr-recorded", "error", "入境日期", c, c.kind); break;
    case kClosedEarly: add(fs, fid, line, "case", "closed-after-day14", "error", "結案狀態", c, c.kind); break;
    case kDuplicateId: add(fs, fid, line, "case", "duplicate-id-number", "warning", "證號", c, c.kind); break;
    default: break;
  }
}

void run_case_list(Writer& w) {
  auto one = [&](Out& o, int s, uint64_t lo, uint64_t hi, std::vector<Case>& dups) {
    const std::string school = school_name(s);
    const uint16_t fid = file_id(kCaseList, s);
    for (uint64_t i = lo; i < hi; ++i) {
      Case c = make_case(i);
      write_case_row(o, c, school, false, w.findings, fid);
      if (c.kind == kDuplicateId) dups.push_back(c);
    }
  };
  auto finish = [&](Out& o, std::vector<Case>& dups) {
    for (const Case& c : dups) {
      const std::string school = school_name(c.school);
      write_case_row(o, c, school, true, w.findings, file_id(kCaseList, c.school));
    }
    dups.clear();
    w.files.push_back({std::string(o.path().substr(opt.out.size() + 1)), {o.lines() - 1, o.bytes()}});
    o.close();
  };
  std::vector<Case> dups;
  if (opt.per_school) {
    for_each_school([&](int s, uint64_t lo, uint64_t hi) {
      Out o(opt.out + "/" + file_name(kCaseList, s));
      o.s(kCaseHeader), o.eol();
      one(o, s, lo, hi, dups);
      finish(o, dups);
    });
  } else {
    Out o(opt.out + "/" + file_name(kCaseList, 0));
    o.s(kCaseHeader);
    o.eol();
    for_each_school([&](int s, uint64_t lo, uint64_t hi) { one(o, s, lo, hi, dups); });
    finish(o, dups);
  }
}

void run_followup(Writer& w) {
  auto one = [&](Out& o, int s, uint64_t lo, uint64_t hi) {
    const std::string school = school_name(s);
    const uint16_t fid = file_id(kFollowup, s);
    for (uint64_t i = lo; i < hi; ++i) {
      const Case c = make_case(i);
      Rng r(opt.seed, i, 3);
      for (int d = 1; d <= 14; ++d) {
        const uint32_t entered = 8 * 3600 + r.below(6 * 3600);  // 08:00:00 .. 13:59:59
        const bool sms = r.chance(550);
        const uint32_t sms_min = 9 * 60 + r.below(180);
        if (c.kind == kMissingDay && d == c.fault_day) continue;
        const bool fault_row = d == c.fault_day;
        const uint64_t line = o.lines() + 1;
        const int32_t day = c.entry + d;
        o.s(school), o.comma();
        put_name(o, c), o.comma();
        o.s({c.id, c.id_len}), o.comma();
        o.date(day), o.comma();
        // status and symptoms
        const bool lost = c.kind == kLost && d >= c.lost_from;
        int sym = -1;           // ticked symptom column
        bool status_sym = false, visit = false, note = false;
        if (c.sym_day == d) sym = c.sym_kind, status_sym = visit = note = true;
        if (fault_row) {
          switch (c.kind) {
            case kSymptomNoVisit:
              sym = c.variant % 8 == 7 ? 4 : c.variant, status_sym = true, visit = note = false;
              add(w.findings, fid, line, "row", "followup-symptom-visit-ticked", "error", "當日就醫", c, c.kind);
              add(w.findings, fid, line, "row", "followup-symptom-visit-note", "error", "當日就醫備註", c, c.kind);
              break;
            case kSymptomUnlisted:
              sym = -1, status_sym = visit = note = true;
              add(w.findings, fid, line, "row", "followup-symptoms-listed", "warning", "追蹤情形", c, c.kind);
              break;
            case kSymptomStatus:
              sym = 6, status_sym = false, visit = note = true;
              add(w.findings, fid, line, "row", "followup-symptoms-status", "warning", "追蹤情形", c, c.kind);
              break;
            default: break;
          }
        }
        if (fault_row && c.kind == kStatusNotAllowed) {
          o.s(c.variant % 2 ? "出境" : "尚未派案");
          add(w.findings, fid, line, "row", "followup-status-not-allowed", "error", "追蹤情形", c, c.kind);
        } else {
          o.s(status_sym ? "有症狀" : lost ? "訪視未遇" : "無症狀");
        }
        o.comma();
        for (int k = 0; k < 8; ++k) {
          if (k == sym) o.c('V');
          o.comma();
        }
        if (visit) o.c('V');
        o.comma();
        if (note) o.s("經學校協助撥打1922，依衛生局指示就醫");
        o.comma();
        o.s("尚未回報,");
        if (sms && !status_sym && !lost) o.date(day), o.c(' '), o.hm(sms_min / 60, sms_min % 60), o.s(" 無症狀");
        else o.s("尚未回報");
        o.s(",,");                                   // SMS, 法傳通報編號
        if (visit) o.c('V');                          // 協助就醫
        o.comma();
        if (c.sym_day && d == c.sym_day + 1) o.c('V');  // 症狀解除
        o.comma();
        o.s("EDU,");
        // 填報時間
        if (fault_row && c.kind == kEnteredOutside) {
          const uint32_t t = c.variant % 2 ? 14 * 3600 + 1 + (entered % (10 * 3600 - 1))  // 14:00:01 .. 23:59:59
                                           : entered % (8 * 3600);                          // 00:00:00 .. 07:59:59
          o.date(day), o.c(' '), o.hms(t);
          add(w.findings, fid, line, "row", "followup-entered-in-window", "error", "填報時間", c, c.kind);
        } else if (fault_row && c.kind == kEnteredNextDay) {
          o.date(day + 1), o.c(' '), o.hms(entered);
          add(w.findings, fid, line, "row", "followup-entered-same-day", "warning", "填報時間", c, c.kind);
        } else if (fault_row && c.kind == kMalformedDate && c.variant % 2 == 1) {
          static const char* bad[] = {"2021/02/30 09:15:00", "2021/08/27 24:10:00", "2021/08/27 9點15分",
                                      "2021/8/27 08:61:00"};
          o.s(bad[(c.variant / 2) + (c.entry & 1) * 2]);
          add(w.findings, fid, line, "row", "input.*", "error", "填報時間", c, c.kind);
        } else {
          o.date(day), o.c(' '), o.hms(entered);
        }
        o.eol();
        if (c.kind == kInvalidId) add(w.findings, fid, line, "row", "id-valid-followup", "error", "證號", c, c.kind);
      }
    }
  };
  if (opt.per_school) {
    for_each_school([&](int s, uint64_t lo, uint64_t hi) {
      Out o(opt.out + "/" + file_name(kFollowup, s));
      o.s(kFollowupHeader), o.eol();
      one(o, s, lo, hi);
      w.files.push_back({file_name(kFollowup, s), {o.lines() - 1, o.bytes()}});
    });
  } else {
    Out o(opt.out + "/" + file_name(kFollowup, 0));
    o.s(kFollowupHeader), o.eol();
    for_each_school([&](int s, uint64_t lo, uint64_t hi) { one(o, s, lo, hi); });
    w.files.push_back({file_name(kFollowup, 0), {o.lines() - 1, o.bytes()}});
  }
}

void run_screening(Writer& w) {
  static const char* kRapid[] = {"陰性", "不明", "未完成"};
  auto one = [&](Out& o, int s, uint64_t lo, uint64_t hi) {
    const std::string school = school_name(s);
    const uint16_t fid = file_id(kScreening, s);
    for (uint64_t i = lo; i < hi; ++i) {
      const Case c = make_case(i);
      auto head = [&] {
        o.s(school), o.comma();
        put_name(o, c), o.comma();
        o.s({c.id, c.id_len}), o.comma();
      };
      if (c.kind != kRapidMissing) {
        const uint64_t line = o.lines() + 1;
        head();
        o.date(c.entry + c.rapid_day), o.s(",快篩,");
        if (c.kind == kRapidBadResult) {
          o.s("完成");
          add(w.findings, fid, line, "row", "rapid-test-result-value", "error", "篩檢結果", c, c.kind);
        } else {
          o.s(c.kind == kLost ? "未完成" : kRapid[c.rapid_result]);
        }
        o.s(",,");
        o.eol();
        if (c.kind == kInvalidId) add(w.findings, fid, line, "row", "id-valid-screening", "error", "證號", c, c.kind);
      }
      if (c.kind != kPcrMissing) {
        const uint64_t line = o.lines() + 1;
        const int32_t day = c.entry + c.pcr_day;
        head();
        o.date(day), o.s(",PCR,");
        const bool done = c.pcr_result == 0 && c.kind != kLost;
        if (c.kind == kPcrBadResult) {
          o.s("陰性");
          add(w.findings, fid, line, "row", "pcr-result-value", "error", "篩檢結果", c, c.kind);
        } else {
          o.s(done ? "完成" : "未完成");
        }
        o.comma();
        if (done || c.kind == kPcrBadResult) {
          o.date(day), o.c(' '), o.hm(c.pcr_hour, 0), o.comma();
          if (c.kind == kPcrNoTime) {
            add(w.findings, fid, line, "row", "pcr-time-range", "error", "PCR時間(起)", c, c.kind);
          } else {
            o.date(day), o.c(' '), o.hm(c.pcr_hour, 30);
          }
        } else {
          o.comma();
        }
        o.eol();
        if (c.kind == kInvalidId) add(w.findings, fid, line, "row", "id-valid-screening", "error", "證號", c, c.kind);
      }
    }
  };
  if (opt.per_school) {
    for_each_school([&](int s, uint64_t lo, uint64_t hi) {
      Out o(opt.out + "/" + file_name(kScreening, s));
      o.s(kScreeningHeader), o.eol();
      one(o, s, lo, hi);
      w.files.push_back({file_name(kScreening, s), {o.lines() - 1, o.bytes()}});
    });
  } else {
    Out o(opt.out + "/" + file_name(kScreening, 0));
    o.s(kScreeningHeader), o.eol();
    for_each_school([&](int s, uint64_t lo, uint64_t hi) { one(o, s, lo, hi); });
    w.files.push_back({file_name(kScreening, 0), {o.lines() - 1, o.bytes()}});
  }
}

// ---- optional: temperature logs (附件3/8) of mainland students, Jan-Feb 2020
struct Person {
  uint64_t i;
  int school, kind;
  char id[16];
  uint8_t surname, given, given2;
  int32_t day0;
  uint8_t fault_day, variant;
};
const char* kHanSurnames[] = {"王", "李", "張", "劉", "陳", "楊", "趙", "黃", "周", "吳", "徐", "孫", "林", "高", "鄭", "蔡"};
const char* kHanGiven[] = {"雨", "浩", "思", "子", "佳", "博", "欣", "俊", "雅", "昊", "夢", "嘉", "宇", "語", "承", "品",
                           "桐", "然", "涵", "軒", "怡", "文", "妍", "傑", "琪", "天", "瑤", "豪", "翔", "晴", "恩", "妤"};

Person make_person(uint64_t i, const FaultPlan& plan, uint64_t stream) {
  Person p{};
  p.i = i;
  p.school = int((__uint128_t(i) * unsigned(opt.schools)) / opt.people);
  p.kind = plan.kind(i);
  Rng r(opt.seed, i, stream);
  p.surname = uint8_t(r.below(16));
  p.given = uint8_t(r.below(32));
  p.given2 = uint8_t(r.below(32));
  p.day0 = days_from_civil(2020, 1, 20) + int32_t(r.below(32));
  Rng f(opt.seed, i, stream + 1);
  p.fault_day = uint8_t(1 + f.below(14));
  p.variant = uint8_t(f.below(4));
  return p;
}

void put_han(Out& o, const Person& p) { o.s(kHanSurnames[p.surname]), o.s(kHanGiven[p.given]), o.s(kHanGiven[p.given2]); }

void add_p(std::vector<Finding>& v, uint16_t file, uint64_t line, const char* scope, const char* rule, const char* sev,
           const char* column, const Person& p) {
  v.push_back({file, line, scope, rule, sev, column, p.id, p.school, p.kind});
}

// People of the optional datasets: school s holds indices [people_lo(s), people_lo(s + 1)).
uint64_t people_lo(int s) {
  if (s >= opt.schools) return opt.people;
  return uint64_t((__uint128_t(opt.people) * unsigned(s) + unsigned(opt.schools) - 1) / unsigned(opt.schools));
}

template <class F>
void write_people(Writer& w, Dataset d, const char* header, F&& one) {
  if (opt.per_school) {
    for (int s = 0; s < opt.schools; ++s) {
      Out o(opt.out + "/" + file_name(d, s));
      o.s(header), o.eol();
      one(o, s, people_lo(s), people_lo(s + 1));
      w.files.push_back({file_name(d, s), {o.lines() - 1, o.bytes()}});
    }
  } else {
    Out o(opt.out + "/" + file_name(d, 0));
    o.s(header), o.eol();
    for (int s = 0; s < opt.schools; ++s) one(o, s, people_lo(s), people_lo(s + 1));
    w.files.push_back({file_name(d, 0), {o.lines() - 1, o.bytes()}});
  }
}

void run_temperature(Writer& w) {
  auto one = [&](Out& o, int s, uint64_t lo, uint64_t hi) {
    const std::string school = school_name(s);
    const uint16_t fid = file_id(kTemperature, s);
    for (uint64_t i = lo; i < hi; ++i) {
      Person p = make_person(i, g_temp_faults, 10);
      std::snprintf(p.id, sizeof p.id, "1090%08" PRIu64, uint64_t((i * 7919ull + 12345ull) % 100000000ull));  // entry permit
      Rng r(opt.seed, i, 12);
      const uint32_t dorm = 100 + r.below(900), no = 600000000u + r.below(99999999u);
      uint64_t first_line = o.lines() + 1;
      for (int d = 1; d <= 14; ++d) {
        const unsigned am = 361 + r.below(6), pm = 363 + r.below(6);
        auto head = [&] {
          o.s(school), o.s(",宿舍"), o.u(dorm), o.comma();
          put_han(o, p), o.comma();
          o.s("陸生專班,"), o.u(no), o.comma();
          o.s(p.id), o.comma();
          o.u(unsigned(d)), o.comma();
          o.date(p.day0 + d), o.comma();
        };
        auto t = [&](unsigned tenth) { o.u(tenth / 10), o.c('.'), o.u(tenth % 10); };
        const bool f = d == p.fault_day;
        const uint64_t line = o.lines() + 1;
        if (f && p.kind == kTempSplitDay) {
          head(), t(am), o.s(",,,"), o.eol();
          head(), o.comma(), t(pm), o.s(",,補登下午體溫"), o.eol();
          add_p(w.findings, fid, line, "row", "temperature-two-readings", "error", "上午體溫 °C", p);
          add_p(w.findings, fid, line + 1, "row", "temperature-two-readings", "error", "上午體溫 °C", p);
          add_p(w.findings, fid, first_line, "case", "temperature-one-record-per-day", "warning", "日期", p);
          continue;
        }
        head();
        if (f && p.kind == kTempFever) {
          o.s("38."), o.u(1 + p.variant), o.s(",38."), o.u(3 + p.variant), o.s(",發燒，已通報衛生單位,");
          add_p(w.findings, fid, line, "row", "temperature-fever-morning", "warning", "上午體溫 °C", p);
          add_p(w.findings, fid, line, "row", "temperature-fever-evening", "warning", "下午體溫 °C", p);
        } else if (f && p.kind == kTempMissing) {
          t(am), o.s(",,,");
          add_p(w.findings, fid, line, "row", "temperature-two-readings", "error", "上午體溫 °C", p);
        } else if (f && p.kind == kTempImplausible) {
          o.s("3."), o.u(am % 100), o.comma(), t(pm), o.s(",,");
          add_p(w.findings, fid, line, "row", "temperature-implausible-morning", "error", "上午體溫 °C", p);
        } else {
          t(am), o.comma(), t(pm), o.s(",,");
        }
        o.eol();
      }
    }
  };
  write_people(w, kTemperature, kTemperatureHeader, one);
}

// ---- optional: close-contact rosters (密切接觸者名冊), April 2022, 3+4
// Close contacts come from junior high schools (grade 8 pupils are 12 or 13).
std::string junior_high_name(int s) {
  static const char* names[] = {"青禾", "明德", "光復", "中興", "文山", "仁愛", "信義", "和平", "復興", "建國"};
  std::string n = std::string(school_county(s).name) + "立" + names[s % 10];
  if (s >= 10) n += std::to_string(s / 10 + 1);
  return n + "國民中學";
}

void run_contacts(Writer& w) {
  auto one = [&](Out& o, int s, uint64_t lo, uint64_t hi) {
    const std::string school = junior_high_name(s);
    const uint16_t fid = file_id(kContacts, s);
    const int32_t onset = days_from_civil(2022, 4, 27);
    for (uint64_t i = lo; i < hi; ++i) {
      Person p = make_person(i, g_contact_faults, 20);
      Rng r(opt.seed, i, 22);
      const bool girl = r.chance(500);
      make_tw_id(p.id, char('A' + (5 + int(i / 10000000ull)) % 26), girl ? '2' : '1', serial7(i));
      // pupils of grade 8 are 12 or 13 on the contact day; with a companion when under 13
      int32_t last = onset - int32_t(r.below(3));
      int32_t birth = days_from_civil(2008, 9, 2) + int32_t(r.below(365));
      if (p.kind == kContactChild) birth = days_from_civil(2009, 5, 1) + int32_t(r.below(120));
      if (p.kind == kContactLookback) last = onset - 3 - int32_t(r.below(4));
      int by;
      unsigned bm, bd, ly, lm, ld;
      civil_from_days(birth, by, bm, bd);
      int lyi;
      civil_from_days(last, lyi, lm, ld);
      ly = unsigned(lyi);
      const bool under13 = (int(ly) - by - ((lm < bm || (lm == bm && ld < bd)) ? 1 : 0)) < 13;
      const bool companion = under13 && p.kind != kContactChild;
      const uint32_t own = 10000000u + r.below(90000000u);
      uint32_t fa = 10000000u + r.below(90000000u), mo = 10000000u + r.below(90000000u);
      if (fa == own) fa = own == 99999999u ? 10000000u : own + 1;  // own mobile is nobody else's
      while (mo == own || mo == fa) mo = mo == 99999999u ? 10000000u : mo + 1;
      char cid[12];
      make_tw_id(cid, 'F', '2', uint32_t((i * 7901ull + 3) % 10000000ull));
      const uint64_t line = o.lines() + 1;
      o.s(school), o.s(",802,"), o.u(1 + i % 35), o.s(",學生,");
      put_han(o, p), o.comma();
      o.s(p.id), o.comma();
      o.s(girl ? "女," : "男,");
      o.date(birth), o.s(",同班同學,");
      o.date(onset), o.comma(), o.date(last), o.comma();
      o.date(onset + 1), o.s(" 08:10,");
      if (p.kind == kContactLate) {
        o.date(onset + 2), o.s(" 09:00,");
        add_p(w.findings, fid, line, "row", "contact-footprint-24h", "warning", "足跡資料提供時間", p);
      } else {
        o.date(onset + 1), o.s(" 15:30,");
      }
      if (p.kind == kContactLandline) {
        o.s("02"), o.u(20000000u + own % 8000000u);
        add_p(w.findings, fid, line, "row", "contact-own-mobile", "error", "自有手機", p);
      } else {
        o.s("09"), o.u(own);
      }
      o.s(",新北市永和區中正路"), o.u(1 + i % 300), o.s("號,");
      o.s(kHanSurnames[p.surname]), o.s("志明,父,");
      if (p.kind == kContactGuardian) {
        o.s(",,,");
        add_p(w.findings, fid, line, "row", "contact-guardian-mobile", "error", "法定代理人1手機", p);
      } else {
        o.s("09"), o.u(fa), o.s(",林美玲,母,");
      }
      if (p.kind != kContactGuardian) o.s("09"), o.u(mo);
      o.comma();
      if (companion) o.s("林美玲,母,"), o.s(cid), o.s(",09"), o.u(mo);
      else o.s(",,,");
      if (p.kind == kContactChild)
        add_p(w.findings, fid, line, "row", "contact-child-companion", "error", "預定陪同隔離者姓名", p);
      if (p.kind == kContactLookback)
        add_p(w.findings, fid, line, "row", "contact-in-lookback", "warning", "最後接觸日期", p);
      o.comma();
      o.eol();
    }
  };
  write_people(w, kContacts, kContactsHeader, one);
}

// ------------------------------------------------------------------ verification
// Re-reads a file and checks that every row has the header's number of fields
// (RFC 4180 quoting understood). Returns data rows, or -1 on a mismatch.
int64_t verify_file(const std::string& path, int want) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return -1;
  std::vector<char> buf(1 << 22);
  int64_t rows = -1;  // the header is row 0
  int fields = 1;
  bool quoted = false, bad = false;
  uint64_t line = 1;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    const char* p = buf.data();
    const char* end = p + n;
    while (p < end) {
      if (!quoted) {
        // fast path: jump to the next interesting byte
        const char* q = p;
        while (q < end && *q != ',' && *q != '\n' && *q != '"') ++q;
        if (q == end) break;
        p = q;
        if (*p == ',') ++fields;
        else if (*p == '"') quoted = true;
        else {
          if (fields != want && !bad) {
            std::fprintf(stderr, "gen_exports: %s:%" PRIu64 ": %d fields, header has %d\n", path.c_str(), line, fields,
                         want);
            bad = true;
          }
          ++rows, ++line, fields = 1;
        }
        ++p;
      } else {
        if (*p == '"') quoted = false;  // a doubled quote re-enters on the next byte
        else if (*p == '\n') ++line;
        ++p;
      }
    }
  }
  std::fclose(f);
  return bad ? -1 : rows;
}

// ------------------------------------------------------------------ main
[[noreturn]] void usage(int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: gen_exports --out DIR [--cases N] [--schools S] [--seed X] [--faults RATE]\n"
               "                   [--kinds K1,K2,...] [--with temperature-log,close-contacts] [--people M]\n"
               "                   [--start YYYY-MM-DD] [--span DAYS] [--per-school] [--threads T]\n"
               "                   [--no-manifest] [--verify] [--list-kinds]\n"
               "Writes synthetic case-list, followup and screening exports (and optionally\n"
               "temperature-log and close-contacts) with exact dataset headers, plus\n"
               "DIR/expected-findings.csv; summary of injected faults on stderr.\n"
               "defaults: --cases 1000 --schools 10 --seed 1 --faults 0.05 --start 2021-08-01 --span 45\n");
  std::exit(code);
}

bool parse_u64(const char* s, uint64_t& v) {
  char* e;
  errno = 0;
  unsigned long long x = std::strtoull(s, &e, 10);
  if (errno || *e || !*s || *s == '-') return false;
  v = x;
  return true;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> v;
  size_t a = 0;
  while (a <= s.size()) {
    size_t b = s.find(',', a);
    if (b == std::string::npos) b = s.size();
    if (b > a) v.push_back(s.substr(a, b - a));
    a = b + 1;
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const auto t0 = std::chrono::steady_clock::now();
  std::string kinds_arg;
  for (int a = 1; a < argc; ++a) {
    std::string k = argv[a];
    auto val = [&]() -> const char* {
      if (a + 1 >= argc) {
        std::fprintf(stderr, "gen_exports: %s needs a value\n", k.c_str());
        usage(2);
      }
      return argv[++a];
    };
    uint64_t u;
    if (k == "--help" || k == "-h") usage(0);
    else if (k == "--cases") {
      if (!parse_u64(val(), opt.cases)) usage(2);
    } else if (k == "--schools") {
      if (!parse_u64(val(), u) || u < 1 || u > 9999) usage(2);
      opt.schools = int(u);
    } else if (k == "--seed") {
      if (!parse_u64(val(), opt.seed)) usage(2);
    } else if (k == "--faults") {
      char* e;
      const char* s = val();
      opt.rate = std::strtod(s, &e);
      if (*e || !(opt.rate >= 0 && opt.rate <= 1)) {
        std::fprintf(stderr, "gen_exports: --faults takes a fraction 0..1\n");
        usage(2);
      }
    } else if (k == "--out") opt.out = val();
    else if (k == "--start") {
      int y;
      unsigned m, d;
      if (std::sscanf(val(), "%d-%u-%u", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) usage(2);
      opt.start = days_from_civil(y, m, d);
    } else if (k == "--span") {
      if (!parse_u64(val(), u) || u < 1 || u > 3650) usage(2);
      opt.span = int(u);
    } else if (k == "--per-school") opt.per_school = true;
    else if (k == "--no-manifest") opt.manifest = false;
    else if (k == "--verify") opt.verify = true;
    else if (k == "--threads") {
      if (!parse_u64(val(), u) || u < 1 || u > 64) usage(2);
      opt.threads = int(u);
    } else if (k == "--people") {
      if (!parse_u64(val(), opt.people)) usage(2);
    } else if (k == "--kinds") kinds_arg = val();
    else if (k == "--with") {
      for (const auto& d : split(val())) {
        if (d == "temperature-log") opt.with[kTemperature] = true;
        else if (d == "close-contacts") opt.with[kContacts] = true;
        else {
          std::fprintf(stderr, "gen_exports: --with knows temperature-log, close-contacts (not '%s')\n", d.c_str());
          usage(2);
        }
      }
    } else if (k == "--list-kinds") {
      for (int i = 0; i < kKinds; ++i)
        std::printf("%-28s %-16s %s\n", kKindInfo[i].id, kDatasetId[kKindInfo[i].population], kKindInfo[i].what);
      return 0;
    } else {
      std::fprintf(stderr, "gen_exports: unknown option '%s'\n", k.c_str());
      usage(2);
    }
  }
  if (opt.out.empty()) usage(2);
  while (opt.out.size() > 1 && opt.out.back() == '/') opt.out.pop_back();
  if (opt.people == 0) opt.people = opt.cases;
  if (uint64_t(opt.schools) > opt.cases && opt.cases > 0) opt.schools = int(opt.cases);
  if (opt.cases == 0) opt.schools = 1;
  // fault kinds
  std::vector<int> case_kinds, temp_kinds, contact_kinds;
  std::vector<int> chosen;
  if (kinds_arg.empty()) {
    for (int i = 0; i < kKinds; ++i) chosen.push_back(i);
  } else {
    for (const auto& s : split(kinds_arg)) {
      int found = -1;
      for (int i = 0; i < kKinds; ++i)
        if (s == kKindInfo[i].id) found = i;
      if (found < 0) {
        std::fprintf(stderr, "gen_exports: unknown fault kind '%s' (see --list-kinds)\n", s.c_str());
        return 2;
      }
      chosen.push_back(found);
    }
  }
  for (int k : chosen) {
    Dataset p = kKindInfo[k].population;
    if (p == kCaseList) case_kinds.push_back(k);
    else if (p == kTemperature && opt.with[kTemperature]) temp_kinds.push_back(k);
    else if (p == kContacts && opt.with[kContacts]) contact_kinds.push_back(k);
  }
  if (::mkdir(opt.out.c_str(), 0777) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "gen_exports: cannot create %s: %s\n", opt.out.c_str(), std::strerror(errno));
    return 2;
  }
  {
    // The expected findings assume every case is past day 14 (and closed cases are due).
    const int32_t now = int32_t(std::chrono::duration_cast<std::chrono::hours>(
                                    std::chrono::system_clock::now().time_since_epoch()).count() / 24);
    if (opt.start + opt.span + 15 > now)
      std::fprintf(stderr, "gen_exports: warning: some cases are not yet past day 14 today; "
                           "date-dependent checks will not match expected-findings.csv\n");
  }
  g_case_faults.init(opt.cases, opt.rate, 0xC0FFEE, case_kinds);
  g_temp_faults.init(opt.people, opt.rate, 0x7E4D, temp_kinds);
  g_contact_faults.init(opt.people, opt.rate, 0xC047AC7, contact_kinds);
  g_dates.build(std::min(opt.start, days_from_civil(2008, 1, 1)) - 2,
                std::max(opt.start + opt.span + 32, days_from_civil(2022, 6, 1)));

  // the file table
  for (int d = 0; d < kDatasets; ++d) {
    if (!opt.with[d]) continue;
    for (int s = 0; s < (opt.per_school ? opt.schools : 1); ++s) g_files.push_back(file_name(Dataset(d), s));
  }

  std::vector<Writer> writers;
  for (int d = 0; d < kDatasets; ++d)
    if (opt.with[d]) {
      writers.emplace_back();
      writers.back().ds = Dataset(d);
    }
  auto run = [](Writer& w) {
    switch (w.ds) {
      case kCaseList: run_case_list(w); break;
      case kFollowup: run_followup(w); break;
      case kScreening: run_screening(w); break;
      case kTemperature: run_temperature(w); break;
      case kContacts: run_contacts(w); break;
      default: break;
    }
  };
  {
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    // The followup writer is the biggest job: start it first.
    std::vector<size_t> order(writers.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return (writers[a].ds == kFollowup || writers[a].ds == kTemperature) >
             (writers[b].ds == kFollowup || writers[b].ds == kTemperature);
    });
    auto work = [&] {
      for (size_t k; (k = next.fetch_add(1)) < order.size();) run(writers[order[k]]);
    };
    for (int t = 1; t < opt.threads && size_t(t) < writers.size(); ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
  }
  const double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  // findings: merge, add the organisation findings, sort, write
  std::vector<Finding> all;
  for (auto& w : writers)
    for (auto& f : w.findings) all.push_back(std::move(f));
  std::map<int, int> serious;
  for (const auto& f : all)
    if (std::strcmp(f.severity, "serious") == 0 && f.file < g_files.size() &&
        g_files[f.file].rfind("case-list", 0) == 0)
      ++serious[f.school];
  int supervised = 0;
  for (auto [s, n] : serious)
    if (n >= 3) {
      all.push_back({uint16_t(0xFFFF), 0, "organisation", "supervision-review-report", "serious", "學校", "", s, kLost});
      ++supervised;
    }
  std::sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    int r = std::strcmp(a.rule, b.rule);
    if (r) return r < 0;
    return a.school < b.school;
  });
  if (opt.manifest) {
    Out m(opt.out + "/expected-findings.csv");
    m.s("file,line,scope,rule,severity,column,case_key,organisation,kind\n");
    for (const auto& f : all) {
      if (f.file != 0xFFFF) m.s(g_files[f.file]);
      m.comma(), m.u(f.line), m.comma(), m.s(f.scope), m.comma(), m.s(f.rule), m.comma(), m.s(f.severity), m.comma();
      m.s(f.column), m.comma(), m.s(f.key), m.comma();
      if (f.school >= 0)
        m.s(f.file != 0xFFFF && g_files[f.file].rfind("close-contacts", 0) == 0 ? junior_high_name(f.school)
                                                                              : school_name(f.school));
      m.comma(), m.s(kKindInfo[f.kind].id), m.eol();
    }
  }

  // summary
  std::fprintf(stderr, "gen_exports: %" PRIu64 " cases, %d schools, seed %" PRIu64 ", faults %.4g -> %s/\n", opt.cases,
               opt.schools, opt.seed, opt.rate, opt.out.c_str());
  uint64_t total_bytes = 0;
  for (auto& w : writers) {
    uint64_t rows = 0, bytes = 0;
    for (auto& [name, rb] : w.files) rows += rb.first, bytes += rb.second;
    total_bytes += bytes;
    std::fprintf(stderr, "  %-16s %12" PRIu64 " rows %10.1f MB%s\n", kDatasetId[w.ds], rows, double(bytes) / 1e6,
                 opt.per_school ? "  (one file per school)" : "");
  }
  std::map<int, uint64_t> cases_per_kind;
  auto count_plan = [&](const FaultPlan& p) {
    if (p.k == 0) return;
    for (uint64_t r = 0; r < p.k; ++r) ++cases_per_kind[p.kinds[r % p.kinds.size()]];
  };
  count_plan(g_case_faults);
  count_plan(g_temp_faults);
  count_plan(g_contact_faults);
  std::map<int, std::map<std::string, uint64_t>> per_kind;
  std::map<std::string, uint64_t> per_rule;
  for (const auto& f : all) {
    if (std::strcmp(f.rule, "supervision-review-report") == 0) continue;
    ++per_kind[f.kind][f.rule];
  }
  for (const auto& f : all) ++per_rule[f.rule];
  std::fprintf(stderr, "injected faults: %" PRIu64 " of %" PRIu64 " cases", g_case_faults.k, opt.cases);
  if (opt.with[kTemperature] || opt.with[kContacts])
    std::fprintf(stderr, ", %" PRIu64 " of %" PRIu64 " temperature-log people, %" PRIu64 " of %" PRIu64
                         " close contacts",
                 g_temp_faults.k, opt.with[kTemperature] ? opt.people : 0, g_contact_faults.k,
                 opt.with[kContacts] ? opt.people : 0);
  std::fprintf(stderr, "\n  %-28s %9s  %s\n", "kind", "records", "expected findings");
  for (auto [k, n] : cases_per_kind) {
    std::fprintf(stderr, "  %-28s %9" PRIu64 "  ", kKindInfo[k].id, n);
    bool first = true;
    for (auto& [rule, c] : per_kind[k]) std::fprintf(stderr, "%s%s x%" PRIu64, first ? "" : ", ", rule.c_str(), c), first = false;
    std::fprintf(stderr, "\n");
  }
  std::fprintf(stderr, "  schools with >= 3 serious findings (supervision-review-report): %d\n", supervised);
  std::fprintf(stderr, "expected findings: %zu%s\n", all.size(),
               opt.manifest ? (" (" + opt.out + "/expected-findings.csv)").c_str() : "");
  for (auto& [rule, c] : per_rule) std::fprintf(stderr, "  %-36s %9" PRIu64 "\n", rule.c_str(), c);
  std::fprintf(stderr, "generated %.1f MB in %.2f s (%.0f MB/s)\n", double(total_bytes) / 1e6, gen_s,
               double(total_bytes) / 1e6 / std::max(gen_s, 1e-9));

  if (opt.verify) {
    const auto v0 = std::chrono::steady_clock::now();
    bool ok = true;
    for (auto& w : writers) {
      const int want = w.ds == kCaseList    ? kCaseColumns
                       : w.ds == kFollowup  ? kFollowupColumns
                       : w.ds == kScreening ? kScreeningColumns
                       : w.ds == kTemperature ? kTemperatureColumns
                                              : kContactsColumns;
      for (auto& [name, rb] : w.files) {
        int64_t rows = verify_file(opt.out + "/" + name, want);
        if (rows < 0 || uint64_t(rows) != rb.first) {
          std::fprintf(stderr, "verify: %s FAILED (%" PRId64 " rows read, %" PRIu64 " written)\n", name.c_str(), rows,
                       rb.first);
          ok = false;
        }
      }
    }
    std::fprintf(stderr, "verify: %s, every row has its header's field count (%.2f s)\n", ok ? "ok" : "FAILED",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - v0).count());
    if (!ok) return 1;
  }
  return 0;
}

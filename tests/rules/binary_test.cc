// Tests for the rule binary (encode/decode round trip, determinism, and that
// no damaged, truncated, foreign or hostile file can crash the loader or load
// silently wrong), for atomic file writing, and for the RuleSet helpers.
#include "rules/binary.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "core/bytes.h"
#include "core/file_io.h"
#include "support/temp_dir.h"
#include "rules/environment.h"

namespace fangyi::rules {
namespace {

namespace fs = std::filesystem;
using fangyi::testing::TempDir;
using Bytes = std::vector<uint8_t>;

Date ymd(int y, int m, int d) { return *Date::from_ymd(y, m, d); }

Header header(std::string id, std::string name) {
  Header h;
  h.id = std::move(id);
  h.name = std::move(name);
  h.source = {"004_2af245062d31c947.txt", "Q1、Q2"};
  h.description = "說明";
  h.origin = {"rules/" + h.id + ".yaml", 1, 1};
  return h;
}

expr::Program compile(std::string_view text, const expr::Environment& env, expr::TypeKind kind) {
  Diagnostics diags;
  auto p = expr::compile(text, env, expr::make_type(kind), [](std::size_t, std::size_t) { return SourceLocation{}; },
                         diags);
  EXPECT_TRUE(p) << text << "\n" << render_all(diags, {}, Lang::en);
  return p ? *p : expr::Program{};
}

// One rule of every kind with every optional part present, and programs
// compiled against the datasets and deadline the set defines.
RuleSet sample_rules() {
  RuleSet rs;

  Scheme s;
  s.header = header("home-isolation-3plus4", "居家隔離（3+4）");
  s.header.effective_from = ymd(2022, 4, 26);
  s.family = "home-isolation";
  s.applies_to = "被匡列為密切接觸者之居家隔離者";
  s.day0 = Day0Basis::last_contact;
  s.phases = {{"isolation", "居家隔離", 1, 3, true, false, {}},
              {"self-prevention", "自主防疫", 4, 7, false, false, {"教職員工生以不到校為原則"}}};
  s.readings = {{"morning", "上午"}, {"evening", "下午"}};
  s.fever_threshold = 37.5;
  s.symptoms = {"發燒", "咳嗽"};
  s.tests = {{"rapid", "家用抗原快篩", 7, 7, {"陰性", "陽性"}, "未完成", "pcr", "隔天返校", "前往社區採檢院所"}};
  s.measures = {"量測體溫"};
  s.outing_approval = {"學校管理人員"};
  s.avoid_places = {"百貨公司"};
  s.facilities = {{"own-room", "一人一室", Requirement::preferred, "床距至少 1 公尺"}};
  s.forms = {"form-3"};
  s.transition = Transition{"home-isolation-10", ymd(2022, 4, 27), 3};
  s.suspension = Suspension{7, 1, 3};
  s.return_condition = "自主防疫最後一天快篩陰性";
  rs.schemes.push_back(s);

  Scheme old = s;
  old.header = header("home-isolation-10", "居家隔離（10 天）");
  old.header.effective_to = ymd(2022, 4, 25);
  old.phases = {{"isolation", "居家隔離", 1, 10, true, false, {}}};
  old.transition.reset();
  old.suspension.reset();
  rs.schemes.push_back(old);

  Dataset arrivals;
  arrivals.header = header("student-arrivals", "陸生入境名單");
  arrivals.key = "id_number";
  arrivals.organisation = "school";
  arrivals.fields = {
      {"id_number", "證號", {"身分證號"}, FieldType::id_number, {}, kDateAll, {}, {}, "", true, true, {"d.yaml", 3, 5}},
      {"school", "學校", {}, FieldType::string, {}, kDateAll, {}, {}, "", true, false, {}},
      {"entry_date", "入境日期", {}, FieldType::date, {}, kDateIso | kDateRoc, {}, {}, "", false, false, {}},
      {"hubei_14d", "14 日內曾至湖北", {}, FieldType::bool_, {}, kDateAll, {"是"}, {"否", ""}, "", false, false, {}},
      {"status", "狀態", {}, FieldType::enum_, {"未確認", "已確認"}, kDateAll, {}, {}, "", false, false, {}},
      {"regions", "旅遊地區", {}, FieldType::list, {}, kDateAll, {}, {}, "、", false, false, {}},
  };
  rs.datasets.push_back(arrivals);
  Dataset followup;
  followup.header = header("followup", "每日追蹤關懷紀錄");
  followup.key = "id_number";
  followup.organisation = "school";
  followup.fields = {
      {"id_number", "證號", {}, FieldType::id_number, {}, kDateAll, {}, {}, "", true, true, {}},
      {"school", "學校", {}, FieldType::string, {}, kDateAll, {}, {}, "", true, false, {}},
      {"entered_at", "填報時間", {}, FieldType::datetime, {}, kDateAll, {}, {}, "", false, false, {}},
      {"temperature", "體溫", {}, FieldType::decimal, {}, kDateAll, {}, {}, "", false, false, {}},
  };
  rs.datasets.push_back(followup);

  Deadline window;
  window.header = header("followup-entry", "每日追蹤填報時間");
  window.kind = DeadlineKind::window;
  window.from = *TimeOfDay::from_hms(8, 0);
  window.to = *TimeOfDay::from_hms(14, 0);
  window.applies_to = "每日追蹤關懷紀錄";
  rs.deadlines.push_back(window);
  Deadline within;
  within.header = header("report-within", "通報時限");
  within.kind = DeadlineKind::within;
  within.within = Duration::hours(24);
  rs.deadlines.push_back(within);

  Disinfection dis;
  dis.header = header("quarantine-disinfection", "集中檢疫場所消毒作業原則");
  dis.applies_to = {"centralized-quarantine"};
  dis.agents = {{"bleach", "漂白水", AgentKind::chlorine, 5, std::nullopt},
                {"alcohol", "酒精", AgentKind::alcohol, 0, Concentration{ConcentrationUnit::percent, 60, 80, false}}};
  dis.entries = {{"室內地面", "bleach", {ConcentrationUnit::ppm, 500, 500, false}, 100, "擦拭", Duration::minutes(15),
                  {"x.yaml", 9, 3}}};
  dis.spills = {{10, 0, "bleach", {ConcentrationUnit::ppm, 500, 500, false}, 100, {}},
                {0, 10, "bleach", {ConcentrationUnit::ppm, 5000, 5000, false}, 10, {}}};
  dis.principles = {{"個人防護具", {"口罩", "手套"}}};
  dis.notes = {"有電源之設備於消毒前應確認已關閉電源。"};
  rs.disinfections.push_back(dis);

  Form form;
  form.header = header("form-3", "集中檢疫者每日量測體溫紀錄表");
  form.attachment = "附件3";
  form.layout = FormLayout::daily_log;
  form.orientation = Orientation::landscape;
  form.scheme = "home-isolation";
  form.title = "每日量測體溫紀錄表";
  form.header_fields = {{"學校名稱", "school", "upper"}};
  form.columns = {{"天數", 20, "day"}, {"上午體溫 °C", 0, ""}};
  form.footer = {{"宿舍管理單位", "", ""}};
  form.notes = {"*倘您有發燒"};
  rs.forms.push_back(form);

  const Environments envs(rs);
  Cohort cohort;
  cohort.header = header("mainland-students", "陸生分流管理");
  cohort.dataset = "student-arrivals";
  const expr::Environment cohort_env = *envs.for_cohort(cohort);
  cohort.branches = {
      {"cohort-1", "第一類", compile("hubei_14d and entry_date < 2020-01-26", cohort_env, expr::TypeKind::bool_),
       "home-isolation", compile("entry_date", cohort_env, expr::TypeKind::date), "註", {"c.yaml", 7, 9}},
      {"cohort-2", "其他", expr::Program{}, "home-isolation", compile("entry_date", cohort_env, expr::TypeKind::date),
       "", {}},
  };
  rs.cohorts.push_back(cohort);

  Check check;
  check.header = header("followup-entered-in-window", "追蹤紀錄應於 08:00–14:00 填報");
  check.dataset = "followup";
  check.scope = Scope::case_;
  check.sources = {"student-arrivals"};
  const expr::Environment check_env = *envs.for_check(check);
  check.when = compile("has(entered_at)", check_env, expr::TypeKind::bool_);
  check.require = compile("time(entered_at) in deadline(\"followup-entry\")", check_env, expr::TypeKind::bool_);
  check.severity = CheckSeverity::serious;
  check.message = "填報時間 {entered_at} 不在 08:00–14:00 之間";
  check.field = "entered_at";
  rs.checks.push_back(check);

  Check always;
  always.header = header("temperature-present", "應有體溫");
  always.dataset = "followup";
  always.require = compile("has(temperature)", *envs.for_check(always), expr::TypeKind::bool_);
  rs.checks.push_back(always);
  return rs;
}

std::optional<RuleSet> decode(const Bytes& b, Diagnostics& diags) {
  return decode_rules(b.data(), b.size(), "x.fyb", diags);
}

// ---- containers: splitting a binary into sections and putting it back ----

struct Section {
  std::string tag;
  Bytes bytes;
};

uint64_t le(const Bytes& b, std::size_t at, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v |= uint64_t(b[at + i]) << (8 * i);
  return v;
}

std::vector<Section> split(const Bytes& file) {
  std::vector<Section> out;
  for (std::size_t i = 0; i < le(file, 12, 4); ++i) {
    std::size_t e = 32 + i * 20;
    std::size_t offset = le(file, e + 4, 8), size = le(file, e + 12, 8);
    out.push_back({std::string(file.begin() + e, file.begin() + e + 4),
                   Bytes(file.begin() + offset, file.begin() + offset + size)});
  }
  return out;
}

void fix_crc(Bytes& file) {
  uint32_t crc = static_cast<uint32_t>(crc32_z(0, file.data() + 32, file.size() - 32));
  for (int i = 0; i < 4; ++i) file[24 + i] = static_cast<uint8_t>(crc >> (8 * i));
}

// A well-formed container around arbitrary sections.
Bytes assemble(const std::vector<Section>& sections) {
  ByteWriter w;
  const uint8_t magic[] = {0x89, 'F', 'Y', 'B', '\r', '\n', 0x1A, '\n'};
  w.bytes(magic, 8);
  w.u16(kFormatVersion);
  w.u16(0);
  w.u32(static_cast<uint32_t>(sections.size()));
  std::size_t total = 32 + 20 * sections.size();
  for (const auto& s : sections) total += s.bytes.size();
  w.u64(total);
  w.u32(0);
  w.u32(0);
  uint64_t offset = 32 + 20 * sections.size();
  for (const auto& s : sections) {
    w.bytes(s.tag.data(), 4);
    w.u64(offset);
    w.u64(s.bytes.size());
    offset += s.bytes.size();
  }
  for (const auto& s : sections) w.bytes(s.bytes.data(), s.bytes.size());
  Bytes file = w.data();
  fix_crc(file);
  return file;
}

Bytes with_section(const Bytes& file, std::string_view tag, Bytes content) {
  auto sections = split(file);
  for (auto& s : sections)
    if (s.tag == tag) s.bytes = std::move(content);
  return assemble(sections);
}

// The load fails with exactly one error about the whole file, from the
// binary group of the catalogue, readable in both languages.
void expect_clean_failure(const Bytes& b, const std::string& context, std::set<Msg>* seen = nullptr) {
  Diagnostics diags;
  auto rules = decode(b, diags);
  ASSERT_FALSE(rules) << context;
  ASSERT_EQ(diags.items().size(), 1u) << context;
  const Diagnostic& d = diags.items().front();
  EXPECT_EQ(d.where.file, "x.fyb");
  EXPECT_EQ(d.where.line, 0);
  EXPECT_EQ(message_name(d.message).substr(0, 7), "binary_") << context << ": " << message_name(d.message);
  EXPECT_NE(render(d, {}, Lang::zh_TW).find("「x.fyb」"), std::string::npos);
  EXPECT_NE(render(d, {}, Lang::en).find("'x.fyb'"), std::string::npos);
  if (seen != nullptr) seen->insert(d.message);
}

Msg failure_of(const Bytes& b) {
  Diagnostics diags;
  EXPECT_FALSE(decode(b, diags));
  return diags.empty() ? Msg{} : diags.items().front().message;
}

std::string english(const Bytes& b) {
  Diagnostics diags;
  decode(b, diags);
  return render_all(diags, {}, Lang::en);
}

class Binary : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rules_ = new RuleSet(sample_rules());
    bytes_ = new Bytes(encode_rules(*rules_));
  }
  static void TearDownTestSuite() {
    delete rules_;
    delete bytes_;
  }
  static RuleSet* rules_;
  static Bytes* bytes_;
};
RuleSet* Binary::rules_ = nullptr;
Bytes* Binary::bytes_ = nullptr;

// ---- round trip and determinism ------------------------------------------

TEST_F(Binary, RoundTripGivesIdenticalBytes) {
  Diagnostics diags;
  auto back = decode(*bytes_, diags);
  ASSERT_TRUE(back) << render_all(diags, {}, Lang::en);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(encode_rules(*back), *bytes_);
}

TEST_F(Binary, RoundTripKeepsValuesAndPrograms) {
  Diagnostics diags;
  auto back = decode(*bytes_, diags);
  ASSERT_TRUE(back);
  RuleSet expected = *rules_;
  expected.canonicalize();
  ASSERT_EQ(back->schemes.size(), 2u);
  const Scheme* s = back->scheme("home-isolation-3plus4");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->header.effective_from, ymd(2022, 4, 26));
  EXPECT_FALSE(s->header.effective_to);
  EXPECT_EQ(s->day0, Day0Basis::last_contact);
  EXPECT_EQ(s->fever_threshold, 37.5);
  ASSERT_TRUE(s->transition);
  EXPECT_EQ(s->transition->release_on, ymd(2022, 4, 27));
  EXPECT_EQ(s->phases[1].rules, expected.scheme("home-isolation-3plus4")->phases[1].rules);
  EXPECT_EQ(back->deadline("report-within")->within, Duration::hours(24));
  EXPECT_EQ(back->deadline("followup-entry")->to, *TimeOfDay::from_hms(14, 0));
  EXPECT_EQ(back->dataset("student-arrivals")->field("entry_date")->date_formats, unsigned(kDateIso | kDateRoc));
  EXPECT_EQ(back->disinfection("quarantine-disinfection")->entries[0].contact_time, Duration::minutes(15));

  const Cohort& c = back->cohorts[0];
  EXPECT_EQ(c.branches[0].when, expected.cohorts[0].branches[0].when);
  EXPECT_EQ(c.branches[0].when.source, "hubei_14d and entry_date < 2020-01-26");
  EXPECT_EQ(c.branches[0].day0, expected.cohorts[0].branches[0].day0);
  EXPECT_EQ(c.branches[0].origin.line, 7);
  const Check* check = nullptr;
  for (const Check& k : back->checks)
    if (k.header.id == "followup-entered-in-window") check = &k;
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->require.result.kind, expr::TypeKind::bool_);
  EXPECT_EQ(check->severity, CheckSeverity::serious);
}

TEST_F(Binary, AbsentProgramsRoundTripAsEmpty) {
  Diagnostics diags;
  auto back = decode(*bytes_, diags);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->cohorts[0].branches[1].when, expr::Program{});
  for (const Check& k : back->checks)
    if (k.header.id == "temperature-present") {
      EXPECT_EQ(k.when, expr::Program{});
    }
}

TEST_F(Binary, EmptyRuleSetRoundTrips) {
  Bytes b = encode_rules(RuleSet{});
  Diagnostics diags;
  auto back = decode(b, diags);
  ASSERT_TRUE(back) << render_all(diags, {}, Lang::en);
  EXPECT_EQ(encode_rules(*back), b);
}

TEST_F(Binary, EncodingIsDeterministicAndOrderIndependent) {
  EXPECT_EQ(encode_rules(*rules_), *bytes_);
  RuleSet shuffled = *rules_;
  std::reverse(shuffled.schemes.begin(), shuffled.schemes.end());
  std::reverse(shuffled.datasets.begin(), shuffled.datasets.end());
  std::reverse(shuffled.deadlines.begin(), shuffled.deadlines.end());
  std::reverse(shuffled.checks.begin(), shuffled.checks.end());
  EXPECT_EQ(encode_rules(shuffled), *bytes_);
}

TEST_F(Binary, HeaderLayoutIsAsDocumented) {
  const Bytes& b = *bytes_;
  const uint8_t magic[] = {0x89, 'F', 'Y', 'B', '\r', '\n', 0x1A, '\n'};
  ASSERT_GT(b.size(), 192u);
  EXPECT_EQ(std::memcmp(b.data(), magic, 8), 0);
  EXPECT_EQ(le(b, 8, 2), kFormatVersion);
  EXPECT_EQ(le(b, 10, 2), 0u);
  EXPECT_EQ(le(b, 12, 4), 9u);
  EXPECT_EQ(le(b, 16, 8), b.size());
  EXPECT_EQ(le(b, 28, 4), 0u);
  std::vector<std::string> tags;
  for (const Section& s : split(b)) tags.push_back(s.tag);
  EXPECT_EQ(tags, (std::vector<std::string>{"CHCK", "COHO", "CTRC", "DATA", "DEAD", "DISF", "FORM", "META", "SCHM"}));
  EXPECT_EQ(le(b, 32 + 4, 8), 212u);  // the first section follows the table
}

// ---- foreign, damaged and newer files --------------------------------------

TEST_F(Binary, ForeignFileIsNotARuleBinary) {
  Bytes zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
  zip.resize(400);
  EXPECT_EQ(failure_of(zip), Msg::binary_bad_magic);
  EXPECT_NE(english(zip).find("'x.fyb' is not a fangyi rule binary (bad magic)"), std::string::npos);
  Bytes text(std::string_view("kind: scheme\nid: x\n").begin(), std::string_view("kind: scheme\nid: x\n").end());
  EXPECT_EQ(failure_of(text), Msg::binary_bad_magic);
  EXPECT_EQ(failure_of({}), Msg::binary_truncated_header);
}

TEST_F(Binary, TextModeTransferIsRecognised) {
  Bytes crlf_to_lf;
  const Bytes& b = *bytes_;
  for (std::size_t i = 0; i < b.size(); ++i)
    if (!(b[i] == '\r' && i + 1 < b.size() && b[i + 1] == '\n')) crlf_to_lf.push_back(b[i]);
  EXPECT_EQ(failure_of(crlf_to_lf), Msg::binary_text_damaged);
  Bytes lf_to_crlf;
  for (uint8_t c : *bytes_) {
    if (c == '\n') lf_to_crlf.push_back('\r');
    lf_to_crlf.push_back(c);
  }
  EXPECT_EQ(failure_of(lf_to_crlf), Msg::binary_text_damaged);
  Bytes seven_bit = *bytes_;
  for (uint8_t& c : seven_bit) c &= 0x7F;
  EXPECT_EQ(failure_of(seven_bit), Msg::binary_text_damaged);
}

TEST_F(Binary, NewerVersionAsksForAnUpgrade) {
  Bytes b = *bytes_;
  b[8] = kFormatVersion + 1;
  EXPECT_EQ(failure_of(b), Msg::binary_newer_version);
  EXPECT_NE(english(b).find("made by a newer fangyi"), std::string::npos);
  Diagnostics diags;
  decode(b, diags);
  EXPECT_NE(render_all(diags, {}, Lang::zh_TW).find("較新版的 fangyi"), std::string::npos);
  b[8] = 0;
  EXPECT_EQ(failure_of(b), Msg::binary_unsupported_version);
}

TEST_F(Binary, ChecksumMismatchIsReported) {
  Bytes b = *bytes_;
  b[b.size() - 1] ^= 0x10;
  EXPECT_EQ(failure_of(b), Msg::binary_checksum);
  EXPECT_NE(english(b).find("checksum mismatch"), std::string::npos);
}

TEST_F(Binary, ExtraBytesAtTheEndAreReported) {
  Bytes b = *bytes_;
  b.push_back(0);
  EXPECT_EQ(failure_of(b), Msg::binary_size_mismatch);
}

TEST_F(Binary, TruncationAtEveryLengthFailsCleanly) {
  for (std::size_t n = 0; n < bytes_->size(); ++n) {
    Bytes b(bytes_->begin(), bytes_->begin() + static_cast<std::ptrdiff_t>(n));
    expect_clean_failure(b, "truncated to " + std::to_string(n));
    if (n >= 32) {
      EXPECT_EQ(failure_of(b), Msg::binary_truncated);
    }
  }
}

TEST_F(Binary, FlippingAnyByteFailsCleanly) {
  std::set<Msg> seen;
  for (std::size_t i = 0; i < bytes_->size(); ++i)
    for (uint8_t mask : {uint8_t{0xFF}, uint8_t{0x01}, uint8_t{0x02}}) {  // 0x02 turns version 2 into 0
      Bytes b = *bytes_;
      b[i] ^= mask;
      expect_clean_failure(b, "byte " + std::to_string(i) + " ^ " + std::to_string(mask), &seen);
    }
  for (Msg m : {Msg::binary_bad_magic, Msg::binary_newer_version, Msg::binary_unsupported_version,
                Msg::binary_bad_header, Msg::binary_section_count, Msg::binary_truncated, Msg::binary_size_mismatch,
                Msg::binary_checksum})
    EXPECT_TRUE(seen.count(m)) << message_name(m);
}

// With the checksum recomputed, the CRC no longer helps: the structural
// checks must catch the damage, or what loads must be a valid rule set.
TEST_F(Binary, CorruptionBehindAValidChecksumLoadsSafelyOrFails) {
  std::set<Msg> seen;
  std::size_t loaded = 0;
  for (std::size_t i = 32; i < bytes_->size(); ++i)
    for (uint8_t mask : {uint8_t{0xFF}, uint8_t{0x01}, uint8_t{0x80}}) {
      Bytes b = *bytes_;
      b[i] ^= mask;
      fix_crc(b);
      Diagnostics diags;
      auto rules = decode(b, diags);
      if (rules) {
        ++loaded;
        EXPECT_TRUE(diags.empty());
        Bytes again = encode_rules(*rules);
        Diagnostics d2;
        EXPECT_TRUE(decode(again, d2)) << "byte " << i << ": " << render_all(d2, {}, Lang::en);
        continue;
      }
      expect_clean_failure(b, "byte " + std::to_string(i) + " ^ " + std::to_string(mask), &seen);
      EXPECT_NE(diags.items().front().message, Msg::binary_checksum);
    }
  EXPECT_GT(loaded, 0u);  // e.g. a changed letter inside a name
  for (Msg m : {Msg::binary_section_tag, Msg::binary_section_layout, Msg::binary_section_truncated,
                Msg::binary_section_trailing, Msg::binary_bad_value, Msg::binary_bad_enum, Msg::binary_count_mismatch,
                Msg::binary_bad_program})
    EXPECT_TRUE(seen.count(m)) << message_name(m);
}

// Many bytes at once, and whole sections of noise, in a valid container.
TEST_F(Binary, RandomDamageBehindAValidChecksumNeverCrashes) {
  std::mt19937 rng(20220426);
  const std::vector<Section> sections = split(*bytes_);
  for (int round = 0; round < 3000; ++round) {
    Bytes b;
    if (round % 2 == 0) {
      b = *bytes_;
      int flips = 1 + static_cast<int>(rng() % 8);
      for (int k = 0; k < flips; ++k) b[32 + rng() % (b.size() - 32)] = static_cast<uint8_t>(rng());
      fix_crc(b);
    } else {
      auto noisy = sections;
      Bytes& target = noisy[rng() % noisy.size()].bytes;
      target.resize(rng() % 64);
      for (uint8_t& c : target) c = static_cast<uint8_t>(rng() % 4 == 0 ? rng() : rng() % 3);
      b = assemble(noisy);
    }
    Diagnostics diags;
    auto rules = decode(b, diags);
    if (rules) {
      Diagnostics again;
      EXPECT_TRUE(decode(encode_rules(*rules), again)) << "round " << round;
    } else {
      expect_clean_failure(b, "round " + std::to_string(round));
    }
  }
}

// ---- hostile sections --------------------------------------------------------

TEST_F(Binary, HugeCountsAreRejectedBeforeAllocating) {
  ByteWriter w;
  w.uvar(uint64_t{1} << 40);
  Bytes b = with_section(*bytes_, "CHCK", w.data());
  EXPECT_EQ(failure_of(b), Msg::binary_section_truncated);
  ByteWriter str;
  str.uvar(1);
  str.uvar(uint64_t{1} << 62);  // the id's length
  EXPECT_EQ(failure_of(with_section(*bytes_, "DEAD", str.data())), Msg::binary_section_truncated);
}

// A deadline written field by field, as docs/binary-format.md describes it.
Bytes deadline_section(const std::vector<std::string>& ids, uint8_t kind) {
  ByteWriter w;
  w.uvar(ids.size());
  for (const std::string& id : ids) {
    w.str(id);     // header.id
    w.str("時限");  // header.name
    w.u8(0);       // effective_from absent
    w.u8(0);       // effective_to absent
    w.str("000_043a6e000bfea7f7.txt");
    w.str("貳、Q7");
    w.str("");     // description
    w.str("d.yaml");
    w.svar(1);     // origin line
    w.svar(1);     // origin column
    w.u8(kind);
    w.uvar(14 * 3600);  // by
    w.uvar(0);     // from
    w.uvar(0);     // to
    w.svar(0);     // within
    w.str("");     // applies_to
  }
  return w.data();
}

Bytes meta_section(std::size_t deadlines) {
  ByteWriter w;
  w.uvar(kFormatVersion);
  w.str("fangyi test");
  w.uvar(8);
  for (std::string_view tag : {"CHCK", "COHO", "CTRC", "DATA", "DEAD", "DISF", "FORM", "SCHM"}) {
    w.bytes(tag.data(), 4);
    w.uvar(tag == "DEAD" ? deadlines : 0);
  }
  return w.data();
}

Bytes deadlines_only(const std::vector<std::string>& ids, uint8_t kind, std::size_t meta_count) {
  std::vector<Section> sections;
  for (std::string_view tag : {"CHCK", "COHO", "CTRC", "DATA", "DEAD", "DISF", "FORM", "META", "SCHM"}) {
    Bytes content = {0};
    if (tag == "DEAD") content = deadline_section(ids, kind);
    if (tag == "META") content = meta_section(meta_count);
    sections.push_back({std::string(tag), content});
  }
  return assemble(sections);
}

TEST_F(Binary, HandWrittenSectionsFollowTheDocumentedEncoding) {
  Diagnostics diags;
  auto rules = decode(deadlines_only({"a", "b"}, 0, 2), diags);
  ASSERT_TRUE(rules) << render_all(diags, {}, Lang::en);
  ASSERT_EQ(rules->deadlines.size(), 2u);
  EXPECT_EQ(rules->deadlines[1].header.id, "b");
  EXPECT_EQ(rules->deadlines[1].by, *TimeOfDay::from_hms(14, 0));
}

TEST_F(Binary, DocumentedDeadlineExampleIsExact) {
  RuleSet rs;
  Deadline d;
  d.header.id = "a";
  d.by = *TimeOfDay::from_hms(14, 0);
  rs.deadlines.push_back(d);
  for (const Section& s : split(encode_rules(rs)))
    if (s.tag == "DEAD") {
      EXPECT_EQ(s.bytes, (Bytes{0x01, 0x01, 0x61, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0xE0, 0x89, 0x03, 0, 0, 0, 0}));
    }
}

TEST_F(Binary, EnumOutOfRangeIsNamed) {
  Bytes b = deadlines_only({"a"}, 3, 1);
  EXPECT_EQ(failure_of(b), Msg::binary_bad_enum);
  EXPECT_NE(english(b).find("DeadlineKind value 3 is out of range"), std::string::npos);
}

TEST_F(Binary, UnsortedOrDuplicateIdsAreRejected) {
  EXPECT_EQ(failure_of(deadlines_only({"b", "a"}, 0, 2)), Msg::binary_unsorted_ids);
  EXPECT_EQ(failure_of(deadlines_only({"a", "a"}, 0, 2)), Msg::binary_unsorted_ids);
}

TEST_F(Binary, MetaCountsMustMatchTheSections) {
  EXPECT_EQ(failure_of(deadlines_only({"a"}, 0, 2)), Msg::binary_count_mismatch);
}

TEST_F(Binary, SectionTableMustListVersionOnesSections) {
  auto sections = split(*bytes_);
  std::swap(sections[0], sections[1]);
  EXPECT_EQ(failure_of(assemble(sections)), Msg::binary_section_tag);
  sections = split(*bytes_);
  sections.pop_back();
  EXPECT_EQ(failure_of(assemble(sections)), Msg::binary_section_count);
  sections = split(*bytes_);
  sections[2].tag = "XXXX";
  EXPECT_EQ(failure_of(assemble(sections)), Msg::binary_section_tag);
}

TEST_F(Binary, OverlappingOrOutOfFileSectionsAreRejected) {
  Bytes b = *bytes_;
  b[32 + 20 + 4] -= 1;  // COHO starts one byte early, overlapping CHCK
  fix_crc(b);
  EXPECT_EQ(failure_of(b), Msg::binary_section_layout);
  b = *bytes_;
  b[32 + 7 * 20 + 12 + 7] = 0x7F;  // SCHM's size far beyond the file
  fix_crc(b);
  EXPECT_EQ(failure_of(b), Msg::binary_section_layout);
}

TEST_F(Binary, ProgramOfTheWrongTypeIsRejected) {
  RuleSet rs = *rules_;
  rs.cohorts[0].branches[0].when = rs.cohorts[0].branches[0].day0;  // a date where a bool belongs
  Bytes b = encode_rules(rs);
  EXPECT_EQ(failure_of(b), Msg::binary_program_type);
}

TEST_F(Binary, ProgramNeedsTheDatasetItReads) {
  RuleSet rs = *rules_;
  rs.cohorts[0].dataset = "missing";
  EXPECT_EQ(failure_of(encode_rules(rs)), Msg::binary_program_env);
}

TEST_F(Binary, ProgramVerifiedAgainstTheDatasetsInTheFile) {
  RuleSet rs = *rules_;
  for (Dataset& d : rs.datasets)
    if (d.header.id == "student-arrivals") d.fields.resize(2);  // entry_date, hubei_14d gone
  EXPECT_EQ(failure_of(encode_rules(rs)), Msg::binary_bad_program);
}

// ---- files -------------------------------------------------------------------


using BinaryFile = TempDir;

TEST_F(BinaryFile, WriteThenReadRoundTrips) {
  RuleSet rs = sample_rules();
  Diagnostics diags;
  std::string path = dir_ + "/rules.fyb";
  ASSERT_TRUE(write_rules_file(path, rs, diags));
  auto back = read_rules_file(path, diags);
  ASSERT_TRUE(back) << render_all(diags, {}, Lang::en);
  EXPECT_EQ(encode_rules(*back), encode_rules(rs));
  EXPECT_EQ(entries(), std::vector<std::string>{"rules.fyb"});
}

TEST_F(BinaryFile, MissingFileIsAnIoError) {
  Diagnostics diags;
  EXPECT_FALSE(read_rules_file(dir_ + "/none.fyb", diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, Msg::io_cannot_read);
}

TEST_F(BinaryFile, WriteIntoMissingDirectoryIsAnIoError) {
  Diagnostics diags;
  EXPECT_FALSE(write_rules_file(dir_ + "/no/such/rules.fyb", RuleSet{}, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].message, Msg::io_cannot_write);
}

// ---- RuleSet helpers ---------------------------------------------------------

TEST(RuleSetHelpers, LookupsAndDerivedDays) {
  RuleSet rs = sample_rules();
  EXPECT_STREQ(kind_name(RuleKind::disinfection), "disinfection");
  EXPECT_STREQ(field_type_name(FieldType::id_number), "id-number");
  EXPECT_STREQ(field_type_name(FieldType::int_), "int");
  const Scheme* s = rs.scheme("home-isolation-3plus4");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->last_day(), 7);
  EXPECT_EQ(s->last_confined_day(), 3);
  EXPECT_EQ(Scheme{}.last_confined_day(), 0);
  EXPECT_EQ(rs.scheme("nope"), nullptr);
  EXPECT_NE(rs.dataset("followup"), nullptr);
  EXPECT_NE(rs.form("form-3"), nullptr);
  EXPECT_EQ(rs.dataset("followup")->field("nope"), nullptr);
}

TEST(RuleSetHelpers, SchemeInForcePrefersIdThenFamilyByDate) {
  RuleSet rs = sample_rules();
  EXPECT_EQ(rs.scheme_in_force("home-isolation", ymd(2022, 4, 1))->header.id, "home-isolation-10");
  EXPECT_EQ(rs.scheme_in_force("home-isolation", ymd(2022, 4, 26))->header.id, "home-isolation-3plus4");
  EXPECT_EQ(rs.scheme_in_force("home-isolation-10", ymd(2023, 1, 1))->header.id, "home-isolation-10");
  EXPECT_EQ(rs.scheme_in_force("other", ymd(2022, 4, 26)), nullptr);
}

TEST(RuleSetHelpers, ConcentrationsPrintAsWritten) {
  EXPECT_EQ(to_string(Concentration{ConcentrationUnit::ppm, 500, 500, false}), "500ppm");
  EXPECT_EQ(to_string(Concentration{ConcentrationUnit::percent, 60, 80, false}), "60-80%");
  EXPECT_EQ(to_string(Concentration{ConcentrationUnit::celsius, 100, 100, true}), "100°C以上");
  EXPECT_EQ(to_string(Concentration{ConcentrationUnit::percent, 0.5, 0.5, false}), "0.5%");
}

TEST(RuleSetHelpers, CanonicalizeSortsByIdOnly) {
  RuleSet rs = sample_rules();
  rs.canonicalize();
  EXPECT_EQ(rs.schemes[0].header.id, "home-isolation-10");
  EXPECT_EQ(rs.datasets[0].header.id, "followup");
  EXPECT_EQ(rs.schemes[1].phases[0].id, "isolation");  // inner lists keep their order
}

}  // namespace
}  // namespace fangyi::rules

// Seeded, deterministic generator of a synthetic school for the contacts
// benchmark (bench/contacts/run.sh): what a junior high school hands over
// when a case is confirmed (seed 004 Q11, Q18), in the shape of
// examples/contacts/ and of the datasets school-people, school-groups and
// timetable.
//
//   gen_school OUT_DIR [--students N] [--classes C] [--teachers T] [--buses B]
//                      [--seed S] [--onset YYYY-MM-DD] [--case PERSON]
//
// Writes OUT_DIR/school.yaml (the manifest, naming the case and its onset),
// people.csv, groups.csv, timetable.csv and seating/*.csv:
//
// - N students in C classes over grades 七–九 (the C classes split as evenly
//   as the N students), born in their grade's school year, so on a May onset
//   about a third of 七年級 is under 13; T teachers (default N/15) plus a
//   tenth as many administrative staff, all 教職員工; valid-checksum 新北市
//   ID numbers (F…) for everyone and for the named companions;
// - a week of timetables by weekday: 7 periods × 5 days per class, the
//   periods of each subject spread at random over the week, subject teachers
//   taken in turn from the subject's pool; the classes of a grade form
//   blocks of four with two common 彈性學習 periods, and every other block
//   runs them as 跑班: its students are split into four courses (group type
//   修課) taught in those periods instead of their classes' lessons;
// - groups: households of siblings in different classes (同住), clubs with
//   an advisor (社團), school buses (交通車, 11 rows of 2 + aisle + 2 seats,
//   a few empty), canteen sittings (餐廳, long tables of 2 × 10 seats with an
//   aisle row between tables, ~15 % empty, used Monday to Friday), and
//   offices of the subject teachers and of the staff (辦公室, desks in rows
//   of 2 + aisle + 2); every bus, sitting and office has a seating chart;
// - the case: unless --case names one, the first 七年級 student (in people
//   order) who has a sibling, rides a bus, eats in the canteen, is in a club
//   and takes a 跑班 course meeting in the three days up to the onset, so
//   every relation of the default rules applies.
//
// The same arguments always give byte-identical output: the PRNG is
// splitmix64 and no standard distribution (whose results differ between
// library implementations) is used.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/rng.h"

namespace fs = std::filesystem;

namespace {

using bench::Rng;

// ------------------------------------------------------------------ text

const char* const kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// 1 … 9999 in Chinese numerals as class names use them: 十一, 二十, 一百零一.
std::string zh_number(int n) {
  if (n >= 10 && n < 20) return std::string("十") + (n > 10 ? kDigits[n - 10] : "");
  static const char* const kUnits[] = {"千", "百", "十", ""};
  std::string out;
  bool zero = false;
  for (int i = 0, scale = 1000; i < 4; ++i, scale /= 10) {
    int d = n / scale % 10;
    if (d == 0) {
      zero = !out.empty();
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += kDigits[d];
    out += kUnits[i];
  }
  return out;
}

std::string pad(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(s.size() < std::size_t(width) ? std::size_t(width) - s.size() : 0, '0') + s;
}

const char* const kSurnames[] = {"陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭",
                                 "洪", "曾", "邱", "廖", "賴", "周", "徐", "蘇", "葉", "莊", "呂", "江", "何", "蕭",
                                 "羅", "高", "潘", "簡", "朱", "鍾", "彭", "游", "詹", "胡", "施", "沈"};
const char* const kGiven[] = {"柏翰", "承恩", "宥廷", "冠宇", "家豪", "彥廷", "睿恩", "子維", "品睿", "宇恩",
                              "哲瑋", "俊宏", "建宏", "昱辰", "祐誠", "思妤", "心妤", "芷若", "以涵", "詠晴",
                              "雅琪", "佳穎", "品妍", "采潔", "芯瑜", "沛晴", "宜蓁", "語彤", "子晴", "欣妍"};
const char* const kDistricts[] = {"板橋區", "中和區", "永和區", "土城區", "新莊區", "三重區", "樹林區", "新店區"};
const char* const kRoads[] = {"中正路", "民生路", "自強街", "光復街", "仁愛路", "福德街", "文化路一段", "中山路二段"};
const char* const kWeekdays[] = {"一", "二", "三", "四", "五"};

template <class T, std::size_t N>
const T& pick(Rng& r, const T (&a)[N]) {
  return a[r.below(int(N))];
}

// ------------------------------------------------------------------ dates

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's
// algorithms), for birth dates drawn uniformly from a school year.
int days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Ymd {
  int y, m, d;
};

Ymd civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return {yoe + era * 400 + (m <= 2), m, d};
}

// 民國 yyy/mm/dd, as the example's people list writes birth dates.
std::string roc(Ymd d) { return std::to_string(d.y - 1911) + "/" + pad(d.m, 2) + "/" + pad(d.d, 2); }

// ------------------------------------------------------------------ ID numbers

// The region letter's two-digit code (expr/taiwan_id.cc); F = 新北市 = 15.
constexpr int kRegionF = 15;

// A 新北市 national ID with a valid check digit: F, sex (1 male, 2 female),
// seven random digits, the check digit making the weighted sum a multiple of 10.
std::string id_number(Rng& r, bool male, std::set<std::string>& used) {
  for (;;) {
    std::string id = "F";
    id += male ? '1' : '2';
    int sum = kRegionF / 10 + (kRegionF % 10) * 9 + (male ? 1 : 2) * 8;
    for (int weight = 7; weight >= 1; --weight) {
      int d = r.below(10);
      id += char('0' + d);
      sum += d * weight;
    }
    id += char('0' + (10 - sum % 10) % 10);
    if (used.insert(id).second) return id;
  }
}

std::string mobile(Rng& r) {
  std::string m = "09";
  for (int i = 0; i < 8; ++i) m += char('0' + r.below(10));
  return m;
}

// ------------------------------------------------------------------ the school

struct Options {
  std::string out;
  int students = 3000, classes = 100, teachers = -1, buses = -1;
  std::uint64_t seed = 20220504;
  std::string onset = "2022-05-04";
  std::string case_person;
};

struct Person {
  std::string id;
  bool student = true;
  int klass = -1;  // index into classes, students only
  int seat = 0;
  bool male = true;
  Ymd birth{};
  int household = -1;  // index into households, when siblings share one
  int subject = -1;    // teachers: index into kSubjects; staff: -1
  // what makes a rich case
  bool bus = false, canteen = false, club = false;
  int course_day = -1;  // 0 = Monday, when the student takes a 跑班 course
};

struct Class {
  std::string name;
  int grade = 7;  // 7, 8, 9
  int block = 0;  // index into blocks
  std::vector<int> students;
  int homeroom = -1;  // teacher
};

// Four classes of a grade sharing two 彈性學習 periods.
struct Block {
  int grade = 7, number = 1;  // number within the grade, from 1
  std::vector<int> classes;
  int day = 0, period = 5;  // the two periods: day, `period` and `period + 1`
  bool courses = false;     // 跑班 in those periods
};

struct Subject {
  const char* name;
  int periods;  // a week
  bool pooled;  // taught by subject teachers; otherwise by the homeroom teacher
};
// 35 periods a week; the last three are the homeroom teacher's.
const Subject kSubjects[] = {{"國文", 5, true}, {"英語", 4, true},     {"數學", 4, true},     {"自然", 3, true},
                            {"社會", 3, true},  {"健康與體育", 3, true}, {"藝術", 3, true},     {"綜合活動", 3, true},
                            {"科技", 2, true},  {"本土語文", 1, true},   {"班會", 1, false},    {"社團活動", 1, false},
                            {"彈性學習", 2, false}};
constexpr int kFlexible = 12;  // index of 彈性學習
struct Course {
  const char* name;
  int subject;  // whose teachers teach it
};
const Course kCourses[] = {{"英語加深", 1}, {"數學加深", 2}, {"科學探究", 3}, {"閱讀寫作", 0}};
const char* const kClubs[] = {"籃球社", "熱舞社", "吉他社", "桌球社", "合唱團", "管樂社", "羽球社", "圍棋社",
                              "攝影社", "程式設計社", "美術社", "排球社", "田徑隊", "童軍團", "話劇社"};
const char* const kStaffOffices[] = {"教務處", "學務處", "總務處", "輔導室"};

class Writer {
 public:
  explicit Writer(const fs::path& path) : path_(path), out_(path, std::ios::binary) {
    if (!out_) fail();
  }
  ~Writer() {
    out_.flush();
    if (!out_) fail();
  }
  template <class T>
  Writer& operator<<(const T& v) {
    out_ << v;
    return *this;
  }

 private:
  [[noreturn]] void fail() const {
    std::cerr << "gen_school: cannot write " << path_ << "\n";
    std::exit(2);
  }
  fs::path path_;
  std::ofstream out_;
};

struct Membership {
  std::string type, group;
  int person;
  std::string note;
};

struct Chart {
  std::string file, type, group;
  bool weekdays = false;  // used Monday to Friday only
};

class School {
 public:
  School(const Options& o, int onset_days) : o_(o), rng_(o.seed), onset_days_(onset_days) {}

  int run() {
    make_classes();
    make_students();
    make_staff();
    make_households();
    fs::create_directories(fs::path(o_.out) / "seating");
    write_timetable();  // before groups: it decides who takes a course
    write_clubs();
    write_buses();
    write_canteen();
    write_offices();
    write_groups();
    write_people();
    return write_manifest();
  }

 private:
  // ---- who
  void make_classes() {
    int grades = std::min(3, o_.classes);
    for (int g = 0; g < grades; ++g) {
      int count = o_.classes / grades + (g < o_.classes % grades);
      std::string grade = zh_number(7 + g);
      for (int k = 1; k <= count; ++k) {
        if ((k - 1) % 4 == 0) {
          Block b;
          b.grade = 7 + g;
          b.number = int(blocks_.size()) + 1 - first_block_of_grade(7 + g);
          b.day = rng_.below(5);
          b.period = rng_.chance(50) ? 3 : 5;
          b.courses = b.number % 2 == 1;
          blocks_.push_back(b);
        }
        classes_.push_back({grade + "年" + zh_number(k) + "班", 7 + g, int(blocks_.size()) - 1, {}, -1});
        blocks_.back().classes.push_back(int(classes_.size()) - 1);
      }
    }
  }

  int first_block_of_grade(int grade) const {
    int n = 0;
    for (const Block& b : blocks_)
      if (b.grade < grade) ++n;
    return n;
  }

  void make_students() {
    int per_seat_width = (o_.students / o_.classes + 1) >= 100 ? 3 : 2;
    for (int c = 0; c < int(classes_.size()); ++c) {
      int count = o_.students / o_.classes + (c < o_.students % o_.classes);
      Class& k = classes_[std::size_t(c)];
      int class_in_grade = c + 1 - first_class_of_grade(k.grade);
      // A born-in-school-year window: 七年級 in school year 110 (2021-09 …
      // 2022-08) was born 2008-09-02 … 2009-09-01.
      int from = days_from_civil(2015 - k.grade, 9, 2);
      int to = days_from_civil(2016 - k.grade, 9, 1);
      for (int s = 1; s <= count; ++s) {
        Person p;
        p.id = "S" + std::to_string(k.grade) + pad(class_in_grade, 3) + pad(s, per_seat_width);
        p.klass = c;
        p.seat = s;
        p.male = rng_.chance(52);
        p.birth = civil_from_days(rng_.between(from, to));
        k.students.push_back(int(people_.size()));
        people_.push_back(std::move(p));
      }
    }
  }

  int first_class_of_grade(int grade) const {
    for (int c = 0; c < int(classes_.size()); ++c)
      if (classes_[std::size_t(c)].grade == grade) return c;
    return 0;
  }

  void make_staff() {
    int teachers = o_.teachers >= 0 ? o_.teachers : std::max(1, o_.students / 15);
    int staff = std::max(1, teachers / 10);
    // Subject pools in proportion to the subject's periods.
    int pooled_periods = 0;
    for (const Subject& s : kSubjects)
      if (s.pooled) pooled_periods += s.periods;
    pools_.assign(std::size(kSubjects), {});
    int next = 0;
    for (int s = 0; s < int(std::size(kSubjects)); ++s) {
      if (!kSubjects[s].pooled) continue;
      int n = std::max(1, (teachers * kSubjects[s].periods + pooled_periods / 2) / pooled_periods);
      for (int i = 0; i < n; ++i) pools_[std::size_t(s)].push_back(add_adult(next++, s));
    }
    for (int i = 0; i < staff; ++i) staff_.push_back(add_adult(next++, -1));
    for (const auto& pool : pools_)
      for (int t : pool) teaching_.push_back(t);
    for (std::size_t c = 0; c < classes_.size(); ++c) classes_[c].homeroom = teaching_[c % teaching_.size()];
  }

  int add_adult(int n, int subject) {
    Person p;
    p.id = "T" + pad(n + 1, 4);
    p.student = false;
    p.male = rng_.chance(40);
    p.birth = civil_from_days(rng_.between(days_from_civil(1962, 1, 1), days_from_civil(1997, 12, 31)));
    p.subject = subject;
    people_.push_back(std::move(p));
    return int(people_.size()) - 1;
  }

  // Siblings in different classes: ~4 % of students start a household, with
  // one or (a fifth of the time) two brothers or sisters.
  void make_households() {
    std::vector<int> order;
    for (int i = 0; i < int(people_.size()); ++i)
      if (people_[std::size_t(i)].student) order.push_back(i);
    rng_.shuffle(order);
    for (std::size_t i = 0; i < order.size(); ++i) {
      Person& first = people_[std::size_t(order[i])];
      if (first.household >= 0 || !rng_.chance(4)) continue;
      int size = rng_.chance(20) ? 3 : 2;
      std::vector<int> members{order[i]};
      for (std::size_t j = i + 1; j < order.size() && int(members.size()) < size; ++j) {
        const Person& other = people_[std::size_t(order[j])];
        bool other_class = std::none_of(members.begin(), members.end(), [&](int m) {
          return people_[std::size_t(m)].klass == other.klass;
        });
        if (other.household < 0 && other_class) members.push_back(order[j]);
      }
      if (members.size() < 2) continue;
      for (int m : members) people_[std::size_t(m)].household = int(households_.size());
      households_.push_back(members);
    }
  }

  // ---- timetable
  const Subject& subject(int s) const { return kSubjects[s]; }

  int teacher_of(int klass, int s) const {
    if (!kSubjects[s].pooled) return classes_[std::size_t(klass)].homeroom;
    const std::vector<int>& pool = pools_[std::size_t(s)];
    return pool[std::size_t(klass) % pool.size()];
  }

  void lesson(Writer& w, int day, int period, const std::string& klass, int teacher, const std::string& subject,
              const std::string& room) {
    w << kWeekdays[day] << ',' << period << ',' << klass << ',' << people_[std::size_t(teacher)].id << ',' << subject << ','
      << room << '\n';
    ++lessons_;
  }

  void write_timetable() {
    Writer w(fs::path(o_.out) / "timetable.csv");
    w << "星期,節次,班級,授課教師編號,科目,教室\n";
    for (int c = 0; c < int(classes_.size()); ++c) {
      const Class& k = classes_[std::size_t(c)];
      const Block& b = blocks_[std::size_t(k.block)];
      // The block's two 彈性學習 periods are fixed; the other 33 periods
      // get the other subjects in a random order.
      std::vector<int> week;
      for (int s = 0; s < int(std::size(kSubjects)); ++s)
        if (s != kFlexible)
          for (int i = 0; i < kSubjects[s].periods; ++i) week.push_back(s);
      rng_.shuffle(week);
      std::size_t next = 0;
      for (int day = 0; day < 5; ++day)
        for (int period = 1; period <= 7; ++period) {
          bool flexible = day == b.day && (period == b.period || period == b.period + 1);
          int s = flexible ? kFlexible : week[next++];
          if (flexible && b.courses) continue;  // its students are in their courses
          std::string room = s == 5 ? "體育館" : s == 6 ? "藝術教室" : s == 8 ? "電腦教室" : k.name + "教室";
          lesson(w, day, period, k.name, teacher_of(c, s), subject(s).name, room);
        }
    }
    // 跑班: the block's students split over four courses.
    for (const Block& b : blocks_) {
      if (!b.courses) continue;
      std::vector<int> students;
      for (int c : b.classes)
        for (int s : classes_[std::size_t(c)].students) students.push_back(s);
      rng_.shuffle(students);
      for (int i = 0; i < int(std::size(kCourses)); ++i) {
        const Course& course = kCourses[i];
        std::string name = zh_number(b.grade) + "年級" + course.name + std::to_string(b.number);
        const std::vector<int>& pool = pools_[std::size_t(course.subject)];
        int teacher = pool[std::size_t(b.number * 4 + i) % pool.size()];
        for (int period : {b.period, b.period + 1})
          lesson(w, b.day, period, name, teacher, course.name, std::string(course.name) + "教室" + std::to_string(b.number));
        for (std::size_t s = std::size_t(i); s < students.size(); s += std::size(kCourses)) {
          members_.push_back({"修課", name, students[s], {}});
          people_[std::size_t(students[s])].course_day = b.day;
        }
      }
    }
  }

  // ---- groups
  void write_clubs() {
    int clubs = std::max(1, o_.classes * 3 / 10);
    auto name = [&](int k) {
      std::string n = kClubs[k % int(std::size(kClubs))];
      return k < int(std::size(kClubs)) ? n : n + std::to_string(k / int(std::size(kClubs)) + 1);
    };
    for (int k = 0; k < clubs; ++k)
      members_.push_back({"社團", name(k), teaching_[std::size_t(k * 7) % teaching_.size()], "指導老師"});
    for (Person& p : people_)
      if (p.student && rng_.chance(55)) {
        p.club = true;
        members_.push_back({"社團", name(rng_.below(clubs)), int(&p - people_.data()), {}});
      }
  }

  // Occupied seats take people from `who` in turn; ~`empty_percent` of the
  // seats stay empty, written as 空位 or left blank.
  using Cell = std::string;
  Cell seat_cell(std::vector<int>& who, int empty_percent) {
    if (who.empty() || rng_.chance(empty_percent)) return rng_.chance(50) ? "空位" : "";
    int p = who.back();
    who.pop_back();
    return people_[std::size_t(p)].id;
  }

  void write_chart(const Chart& c, const std::vector<std::vector<Cell>>& grid) {
    Writer w(fs::path(o_.out) / c.file);
    for (const auto& row : grid) {
      for (std::size_t i = 0; i < row.size(); ++i) w << (i ? "," : "") << row[i];
      w << '\n';
    }
    charts_.push_back(c);
  }

  // Students not yet taken, in a random order.
  std::vector<int> free_students(bool Person::*taken) {
    std::vector<int> out;
    for (int i = 0; i < int(people_.size()); ++i)
      if (people_[std::size_t(i)].student && !(people_[std::size_t(i)].*taken)) out.push_back(i);
    rng_.shuffle(out);
    return out;
  }

  void write_buses() {
    int buses = o_.buses >= 0 ? o_.buses : std::max(1, (o_.students + 149) / 150);
    std::vector<int> riders = free_students(&Person::bus);
    for (int b = 1; b <= buses && !riders.empty(); ++b) {
      Chart c{"seating/bus-" + pad(b, 2) + ".csv", "交通車", std::to_string(b) + "號車", false};
      std::vector<std::vector<Cell>> grid;
      for (int row = 0; row < 11; ++row) {
        std::vector<Cell>& r = grid.emplace_back();
        for (int col = 0; col < 5; ++col) {
          if (col == 2) {
            r.push_back("走道");
            continue;
          }
          r.push_back(seat_cell(riders, 8));
        }
      }
      for (const auto& r : grid)
        for (const Cell& cell : r) mark_member(cell, c, &Person::bus);
      write_chart(c, grid);
    }
  }

  // The occupant of a chart's cell is a member of its group (as the school's
  // lists name them); `flag`, when given, records it on the person.
  void mark_member(const Cell& cell, const Chart& c, bool Person::*flag) {
    if (cell.empty() || cell == "空位" || cell == "走道") return;
    int p = index_of(cell);
    if (flag) people_[std::size_t(p)].*flag = true;
    members_.push_back({c.type, c.group, p, {}});
  }

  int index_of(const std::string& id) {
    if (index_.empty()) {  // everyone exists by the time charts are written
      for (int i = 0; i < int(people_.size()); ++i) index_.emplace_back(people_[std::size_t(i)].id, i);
      std::sort(index_.begin(), index_.end());
    }
    auto it = std::lower_bound(index_.begin(), index_.end(), std::pair<std::string, int>(id, -1));
    return it->second;
  }

  // A third of the students eat in the canteen, in sittings of 12 long
  // tables (two facing rows of 10 seats, an aisle row between tables); a
  // few teachers eat with them.
  void write_canteen() {
    std::vector<int> eaters = free_students(&Person::canteen);
    eaters.resize(eaters.size() / 3);
    for (std::size_t t = 0; t < teaching_.size(); t += 10) eaters.push_back(teaching_[t]);
    rng_.shuffle(eaters);
    for (int sitting = 1; !eaters.empty(); ++sitting) {
      Chart c{"seating/canteen-" + pad(sitting, 2) + ".csv", "餐廳", "午餐第" + std::to_string(sitting) + "梯次", true};
      std::vector<std::vector<Cell>> grid;
      for (int table = 0; table < 12; ++table) {
        if (table > 0) grid.push_back(std::vector<Cell>(10, "走道"));
        for (int side = 0; side < 2; ++side) {
          std::vector<Cell>& r = grid.emplace_back();
          for (int seat = 0; seat < 10; ++seat) r.push_back(seat_cell(eaters, 15));
        }
      }
      for (const auto& r : grid)
        for (const Cell& cell : r) mark_member(cell, c, &Person::canteen);
      write_chart(c, grid);
    }
  }

  // Offices of at most 16 desks: one set per subject, then the staff's.
  void write_offices() {
    int n = 0;
    auto office = [&](const std::string& name, std::vector<int> who) {
      rng_.shuffle(who);
      Chart c{"seating/office-" + pad(++n, 2) + ".csv", "辦公室", name, false};
      std::vector<std::vector<Cell>> grid;
      while (!who.empty()) {
        std::vector<Cell>& r = grid.emplace_back();
        for (int col = 0; col < 5; ++col) r.push_back(col == 2 ? "走道" : seat_cell(who, 0));
      }
      for (const auto& r : grid)
        for (const Cell& cell : r) mark_member(cell, c, nullptr);
      write_chart(c, grid);
    };
    for (int s = 0; s < int(std::size(kSubjects)); ++s) {
      const std::vector<int>& pool = pools_[std::size_t(s)];
      for (std::size_t from = 0, k = 1; from < pool.size(); from += 16, ++k)
        office(std::string(kSubjects[s].name) + "科辦公室" + (pool.size() > 16 ? std::to_string(k) : ""),
               std::vector<int>(pool.begin() + std::ptrdiff_t(from),
                                pool.begin() + std::ptrdiff_t(std::min(pool.size(), from + 16))));
    }
    for (std::size_t i = 0; i < std::size(kStaffOffices) && i < staff_.size(); ++i) {
      std::vector<int> who;
      for (std::size_t j = i; j < staff_.size(); j += std::size(kStaffOffices)) who.push_back(staff_[j]);
      office(kStaffOffices[i], who);
    }
  }

  void write_groups() {
    Writer w(fs::path(o_.out) / "groups.csv");
    w << "團體類型,團體名稱,人員編號,備註\n";
    for (std::size_t h = 0; h < households_.size(); ++h)
      for (int p : households_[h])
        w << "同住," << people_[std::size_t(households_[h].front())].id << "家," << people_[std::size_t(p)].id << ",手足\n";
    for (const Membership& m : members_)
      w << m.type << ',' << m.group << ',' << people_[std::size_t(m.person)].id << ',' << m.note << '\n';
  }

  // ---- people
  void write_people() {
    Writer w(fs::path(o_.out) / "people.csv");
    w << "學校,人員編號,姓名,身分證號,身分,班級,座號,性別,出生日期,自有手機,居家隔離地址,法定代理人1姓名,"
         "法定代理人1稱謂,法定代理人1手機,法定代理人2姓名,法定代理人2稱謂,法定代理人2手機,預定陪同隔離者姓名,"
         "預定陪同隔離者稱謂,預定陪同隔離者身分證號,預定陪同隔離者手機\n";
    std::set<std::string> ids;
    // A household shares its surname, address and guardians.
    struct Family {
      std::string surname, address, g1, g1rel, g1mobile, g2, g2rel, g2mobile, companion_id;
      bool companion = false;
    };
    auto family = [&](bool with_second) {
      Family f;
      f.surname = pick(rng_, kSurnames);
      f.address = std::string("新北市") + pick(rng_, kDistricts) + pick(rng_, kRoads) + std::to_string(rng_.between(1, 300)) + "號";
      bool father = rng_.chance(50);
      f.g1 = f.surname + pick(rng_, kGiven);
      f.g1rel = father ? "父" : "母";
      f.g1mobile = mobile(rng_);
      if (with_second) {
        f.g2 = std::string(pick(rng_, kSurnames)) + pick(rng_, kGiven);
        f.g2rel = father ? "母" : "父";
        f.g2mobile = mobile(rng_);
      }
      f.companion = rng_.chance(50);
      if (f.companion) f.companion_id = id_number(rng_, father, ids);
      return f;
    };
    std::vector<Family> families;
    for (std::size_t h = 0; h < households_.size(); ++h) families.push_back(family(rng_.chance(60)));
    for (const Person& p : people_) {
      std::string klass = p.student ? classes_[std::size_t(p.klass)].name : "";
      Family f = p.household >= 0 ? families[std::size_t(p.household)] : family(p.student && rng_.chance(60));
      w << kSchool << ',' << p.id << ',' << f.surname << pick(rng_, kGiven) << ',' << id_number(rng_, p.male, ids) << ','
        << (p.student ? "學生" : "教職員工") << ',' << klass << ',' << (p.student ? std::to_string(p.seat) : "") << ','
        << (p.male ? "男" : "女") << ',' << roc(p.birth) << ',' << (!p.student || rng_.chance(30) ? mobile(rng_) : "")
        << ',' << f.address << ',';
      if (p.student) {
        w << f.g1 << ',' << f.g1rel << ',' << f.g1mobile << ',' << f.g2 << ',' << f.g2rel << ',' << f.g2mobile << ',';
        if (f.companion) w << f.g1 << ',' << f.g1rel << ',' << f.companion_id << ',' << f.g1mobile << '\n';
        else w << ",,,\n";
      } else {
        w << ",,,,,,,,,\n";
      }
    }
  }

  // ---- the case
  int pick_case() const {
    if (!o_.case_person.empty()) {
      for (int i = 0; i < int(people_.size()); ++i)
        if (people_[std::size_t(i)].id == o_.case_person) return i;
      std::cerr << "gen_school: no person " << o_.case_person << "\n";
      std::exit(1);
    }
    int best = 0, best_score = -1;
    for (int i = 0; i < int(people_.size()); ++i) {
      const Person& p = people_[std::size_t(i)];
      if (!p.student) continue;
      // The rarer traits weigh more, so that a case with all of them wins.
      int score = 4 * in_window(p.course_day) + 4 * (p.household >= 0) + 2 * p.bus + 2 * p.canteen + p.club +
                  (classes_[std::size_t(p.klass)].grade == 7);
      if (score > best_score) best = i, best_score = score;
    }
    return best;
  }

  // Whether a weekday (0 = Monday) is one of the onset day and the two
  // days before it, the window of the default rules.
  bool in_window(int weekday) const {
    if (weekday < 0) return false;
    for (int back = 0; back <= 2; ++back)
      if ((onset_days_ - back + 3) % 7 == weekday) return true;  // 1970-01-01 was a Thursday (3)
    return false;
  }

  int write_manifest() {
    const Person& c = people_[std::size_t(pick_case())];
    Writer w(fs::path(o_.out) / "school.yaml");
    w << "# 合成學校（bench/contacts/gen_school.cc --students " << o_.students << " --classes " << o_.classes
      << " --seed " << o_.seed << "）：\n# " << classes_[std::size_t(c.klass)].name << "學生 " << c.id << " 於 " << o_.onset
      << " 發病確診。\n";
    w << "school: " << kSchool << "\npeople: people.csv\ngroups: groups.csv\ntimetable: timetable.csv\nholidays: []\nseating:\n";
    for (const Chart& ch : charts_) {
      w << "  - {file: " << ch.file << ", group_type: " << ch.type << ", group: " << ch.group;
      if (ch.weekdays) w << ", weekdays: [一, 二, 三, 四, 五]";
      w << "}\n";
    }
    w << "case:\n  person: " << c.id << "\n  onset: " << o_.onset << "\n";
    std::size_t adults = 0;
    for (const Person& p : people_) adults += !p.student;
    std::cerr << "gen_school: " << (people_.size() - adults) << " students in " << classes_.size() << " classes, " << adults
              << " staff; " << lessons_ << " lessons; " << households_.size() << " households, "
              << members_.size() << " other memberships; " << charts_.size() << " seating charts; case " << c.id << " ("
              << classes_[std::size_t(c.klass)].name << ")\n";
    return 0;
  }

  static constexpr const char* kSchool = "新北市立示範國民中學";

  Options o_;
  Rng rng_;
  int onset_days_;  // since 1970-01-01
  std::vector<Class> classes_;
  std::vector<Block> blocks_;
  std::vector<Person> people_;
  std::vector<std::vector<int>> pools_;  // teachers per subject
  std::vector<int> teaching_, staff_;
  std::vector<std::vector<int>> households_;
  std::vector<Membership> members_;
  std::vector<Chart> charts_;
  std::vector<std::pair<std::string, int>> index_;  // (id, person), sorted
  std::size_t lessons_ = 0;
};

[[noreturn]] void usage() {
  std::cerr << "usage: gen_school OUT_DIR [--students N] [--classes C] [--teachers T] [--buses B] [--seed S]\n"
               "                  [--onset YYYY-MM-DD] [--case PERSON]\n";
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    auto number = [&]() {
      std::string v = value();
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (*end || n < 0) usage();
      return int(n);
    };
    if (a == "--students") o.students = number();
    else if (a == "--classes") o.classes = number();
    else if (a == "--teachers") o.teachers = number();
    else if (a == "--buses") o.buses = number();
    else if (a == "--seed") o.seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--onset") o.onset = value();
    else if (a == "--case") o.case_person = value();
    else if (!a.empty() && a[0] != '-' && o.out.empty()) o.out = a;
    else usage();
  }
  if (o.out.empty() || o.classes < 1 || o.students < o.classes) usage();
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (std::sscanf(o.onset.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31) usage();
  return School(o, days_from_civil(y, m, d)).run();
}

// The rule model: what the YAML in rules/ and forms/ means once loaded, and
// what the rule binary stores. Plain data; the loader fills it, the checker
// validates it, the binary encodes it, and every later stage reads it.
//
// Each struct lists its stored fields once, in visit(), which the binary
// encoder, decoder and the differ all use — one list, no copies to drift.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "expr/expr.h"

namespace fangyi::rules {

enum class RuleKind : uint8_t { scheme, cohort, disinfection, deadline, dataset, check, form, contact_tracing };
inline constexpr RuleKind kAllKinds[] = {RuleKind::scheme,   RuleKind::cohort,  RuleKind::disinfection,
                                         RuleKind::deadline, RuleKind::dataset, RuleKind::check,
                                         RuleKind::form,     RuleKind::contact_tracing};
const char* kind_name(RuleKind k);  // "scheme", ...

// Where a rule (or a part of it) was written.
struct Origin {
  std::string file;  // path as given to the compiler, relative when possible
  int line = 0;
  int column = 0;
  template <class V> void visit(V& v) { v(file), v(line), v(column); }
};

// The seed document and section a rule comes from.
struct Citation {
  std::string seed;     // file name in shared/seeds, e.g. 004_2af245062d31c947.txt
  std::string section;  // e.g. "Q2、Q3" or "壹、二、(一)"
  template <class V> void visit(V& v) { v(seed), v(section); }
};

// What every rule has.
struct Header {
  std::string id;
  std::string name;  // zh-TW display name
  std::optional<Date> effective_from, effective_to;  // inclusive
  Citation source;
  std::string description;
  Origin origin;
  template <class V> void visit(V& v) {
    v(id), v(name), v(effective_from), v(effective_to), v(source), v(description), v(origin);
  }
  bool in_force_on(Date d) const {
    return (!effective_from || *effective_from <= d) && (!effective_to || d <= *effective_to);
  }
};

// ---- scheme ----------------------------------------------------------------

// What day 0 of a scheme is.
enum class Day0Basis : uint8_t { left_mainland, entry, last_contact, onset, notice, release };

struct Phase {
  std::string id;
  std::string name;      // 居家隔離, 自主防疫
  int first_day = 1;     // inclusive, day 0 = the basis date
  int last_day = 1;
  bool confined = true;  // isolation/quarantine: may not leave
  bool at_school = false;
  std::vector<std::string> rules;  // what applies during the phase
  template <class V> void visit(V& v) { v(id), v(name), v(first_day), v(last_day), v(confined), v(at_school), v(rules); }
};

struct Reading {
  std::string id;    // morning, evening
  std::string name;  // 上午, 下午
  template <class V> void visit(V& v) { v(id), v(name); }
};

struct TestWindow {
  std::string id;        // rapid, pcr
  std::string name;      // 抗原快篩, PCR
  int first_day = 0;
  int last_day = 0;
  std::vector<std::string> results;  // accepted result values
  std::string missed;                // value recorded when not done in the window
  std::string not_same_day_as;       // another test id
  std::string on_negative, on_positive;
  template <class V> void visit(V& v) {
    v(id), v(name), v(first_day), v(last_day), v(results), v(missed), v(not_same_day_as), v(on_negative), v(on_positive);
  }
};

enum class Requirement : uint8_t { required, preferred };

struct Facility {
  std::string id;
  std::string text;
  Requirement level = Requirement::required;
  std::string fallback;  // what to do when a preferred facility is missing
  template <class V> void visit(V& v) { v(id), v(text), v(level), v(fallback); }
};

// A retroactive rule when this version replaces another: people under
// `from_scheme` confined more than `confined_more_than` days are released on
// `release_on` and continue with this version's later phases.
struct Transition {
  std::string from_scheme;
  Date release_on;
  int confined_more_than = 0;
  template <class V> void visit(V& v) { v(from_scheme), v(release_on), v(confined_more_than); }
};

struct Suspension {
  int days = 0;                  // whole-school suspension length
  int classes_numerator = 1;     // when more than numerator/denominator of classes
  int classes_denominator = 3;   // have close contacts
  template <class V> void visit(V& v) { v(days), v(classes_numerator), v(classes_denominator); }
};

struct Scheme {
  Header header;
  std::string family;  // versions of one programme share a family
  std::string applies_to;
  Day0Basis day0 = Day0Basis::entry;
  std::vector<Phase> phases;
  std::vector<Reading> readings;
  double fever_threshold = 38.0;
  std::vector<std::string> symptoms;
  std::vector<TestWindow> tests;
  std::vector<std::string> measures;     // numbered instructions
  std::vector<std::string> outing_approval;  // who must approve going out
  std::vector<std::string> avoid_places;
  std::vector<Facility> facilities;
  std::vector<std::string> forms;        // form ids
  std::optional<Transition> transition;
  std::optional<Suspension> suspension;
  std::string return_condition;          // e.g. 自主防疫最後一天快篩陰性
  template <class V> void visit(V& v) {
    v(header), v(family), v(applies_to), v(day0), v(phases), v(readings), v(fever_threshold), v(symptoms), v(tests),
        v(measures), v(outing_approval), v(avoid_places), v(facilities), v(forms), v(transition), v(suspension),
        v(return_condition);
  }
  int last_day() const;        // last day of the last phase
  int last_confined_day() const;  // 0 when never confined
};

// ---- cohort ----------------------------------------------------------------

struct CohortBranch {
  std::string id;
  std::string name;
  expr::Program when;  // bool over the cohort's dataset
  std::string scheme;  // scheme family or id
  expr::Program day0;  // date over the cohort's dataset
  std::string note;
  Origin origin;
  template <class V> void visit(V& v) { v(id), v(name), v(when), v(scheme), v(day0), v(note), v(origin); }
};

// Branches are tried in order; the first whose `when` holds decides.
struct Cohort {
  Header header;
  std::string dataset;
  std::vector<CohortBranch> branches;
  template <class V> void visit(V& v) { v(header), v(dataset), v(branches); }
};

// ---- disinfection ----------------------------------------------------------

enum class AgentKind : uint8_t { chlorine, alcohol, heat, other };
enum class ConcentrationUnit : uint8_t { ppm, percent, celsius };

struct Concentration {
  ConcentrationUnit unit = ConcentrationUnit::ppm;
  double low = 0, high = 0;  // equal for a single value; high = infinity-free: use at_least
  bool at_least = false;     // "100°C 以上"
  template <class V> void visit(V& v) { v(unit), v(low), v(high), v(at_least); }
};
std::string to_string(const Concentration& c);  // 500ppm, 60-80%, 100°C以上

struct Agent {
  std::string id;
  std::string name;
  AgentKind kind = AgentKind::other;
  double stock_percent = 0;             // chlorine: available chlorine of the stock (5 % household bleach)
  std::optional<Concentration> allowed; // concentrations outside are errors (alcohol 60-80%)
  template <class V> void visit(V& v) { v(id), v(name), v(kind), v(stock_percent), v(allowed); }
};

struct DisinfectionEntry {
  std::string place;
  std::string agent;
  Concentration concentration;
  int dilution = 0;  // 1:N of the stock; 0 when not diluted
  std::string method;
  std::optional<Duration> contact_time;
  Origin origin;
  template <class V> void visit(V& v) { v(place), v(agent), v(concentration), v(dilution), v(method), v(contact_time), v(origin); }
};

// Blood or organic matter: up to / above a volume, which concentration.
struct SpillRule {
  double below_ml = 0;  // applies when volume < below_ml (0 = no upper bound)
  double above_ml = 0;  // applies when volume > above_ml (0 = no lower bound)
  std::string agent;
  Concentration concentration;
  int dilution = 0;
  Origin origin;
  template <class V> void visit(V& v) { v(below_ml), v(above_ml), v(agent), v(concentration), v(dilution), v(origin); }
};

struct TextSection {
  std::string title;
  std::vector<std::string> items;
  template <class V> void visit(V& v) { v(title), v(items); }
};

struct Disinfection {
  Header header;
  std::vector<std::string> applies_to;  // scheme families or ids
  std::vector<Agent> agents;
  std::vector<DisinfectionEntry> entries;
  std::vector<SpillRule> spills;
  std::vector<TextSection> principles;
  std::vector<std::string> notes;
  template <class V> void visit(V& v) { v(header), v(applies_to), v(agents), v(entries), v(spills), v(principles), v(notes); }
};

// ---- deadline --------------------------------------------------------------

enum class DeadlineKind : uint8_t { by, window, within };

struct Deadline {
  Header header;
  DeadlineKind kind = DeadlineKind::by;
  TimeOfDay by, from, to;
  Duration within;
  std::string applies_to;
  template <class V> void visit(V& v) { v(header), v(kind), v(by), v(from), v(to), v(within), v(applies_to); }
};

// ---- dataset ---------------------------------------------------------------

enum class FieldType : uint8_t { string, int_, decimal, date, datetime, time, enum_, bool_, id_number, phone, list };
const char* field_type_name(FieldType t);  // "string", "int", ..., "id-number"

struct DatasetField {
  std::string id;                    // used in expressions
  std::string header;                // column header in the exported file
  std::vector<std::string> aliases;  // other headers accepted for the column
  FieldType type = FieldType::string;
  std::vector<std::string> values;       // enum
  unsigned date_formats = kDateAll;      // date, datetime
  std::vector<std::string> true_values;  // bool
  std::vector<std::string> false_values;
  std::string separator;                 // list
  bool required = false;                 // the column must be present
  bool personal = false;                 // masked in reports
  Origin origin;
  template <class V> void visit(V& v) {
    v(id), v(header), v(aliases), v(type), v(values), v(date_formats), v(true_values), v(false_values), v(separator),
        v(required), v(personal), v(origin);
  }
};

struct Dataset {
  Header header;
  std::string key;           // field grouping rows into cases (ID number)
  std::string organisation;  // field naming the school
  std::vector<DatasetField> fields;
  template <class V> void visit(V& v) { v(header), v(key), v(organisation), v(fields); }
  const DatasetField* field(std::string_view id) const;
};

// ---- check -----------------------------------------------------------------

enum class Scope : uint8_t { row, case_, organisation };
enum class CheckSeverity : uint8_t { info, warning, error, serious };

struct Check {
  Header header;
  std::string dataset;               // the primary dataset
  Scope scope = Scope::row;
  std::vector<std::string> sources;  // other datasets a case/organisation check reads
  expr::Program when;                // empty source text = always
  expr::Program require;             // a finding when `when` holds and this does not
  CheckSeverity severity = CheckSeverity::error;
  std::string message;               // template with {field} placeholders
  std::string field;                 // the column a finding points at
  template <class V> void visit(V& v) {
    v(header), v(dataset), v(scope), v(sources), v(when), v(require), v(severity), v(message), v(field);
  }
};

// ---- form ------------------------------------------------------------------

// letter: one page per person — fields, then notes whose {placeholders}
// name roster fields and the person's key dates, then the scheme's measures.
enum class FormLayout : uint8_t { register_, daily_log, notice, disinfection, checklist, contact_list, letter };
enum class Orientation : uint8_t { portrait, landscape };

struct FormField {
  std::string label;
  std::string field;  // roster field pre-filling it, or "day0"/"period" (computed); empty = left blank
  std::string part;   // notice layout: "upper", "lower" or "log" (above the day table)
  template <class V> void visit(V& v) { v(label), v(field), v(part); }
};

struct FormColumn {
  std::string label;
  double width = 0;   // mm; 0 = share the rest
  // roster field; computed: "day", "date", "day_grid" (rows and columns per
  // scheme day), "facility" and "check" (checklist), "place", "agent",
  // "concentration", "method" (disinfection table)
  std::string field;
  template <class V> void visit(V& v) { v(label), v(width), v(field); }
};

struct Form {
  Header header;
  std::string attachment;  // 附件2
  FormLayout layout = FormLayout::register_;
  Orientation orientation = Orientation::portrait;
  std::string scheme;      // family or id; its days give the row count
  std::string roster;      // dataset whose fields pre-fill the form
  std::string disinfection;  // for the disinfection layout
  std::string title;
  std::vector<FormField> header_fields;
  std::vector<FormColumn> columns;
  std::vector<FormField> footer;
  std::vector<std::string> notes;
  template <class V> void visit(V& v) {
    v(header), v(attachment), v(layout), v(orientation), v(scheme), v(roster), v(disinfection), v(title), v(header_fields),
        v(columns), v(footer), v(notes);
  }
};

// ---- contact tracing -------------------------------------------------------

// What school data makes someone a close contact of the case:
// `class` — the same 班級; `group` — a shared group of one of `groups`'
// types (household, office, club, dorm, bus …), narrowed to the seat's
// neighbourhood when the group has a seating chart and `nine_grid` is set;
// `timetable` — a lesson in the window that the case took part in joins its
// teacher and everyone of its class (or of a group of one of `groups`' types
// named like the class: 跑班 courses).
enum class RelationBasis : uint8_t { class_, group, timetable };
// Which days of the window count as days of contact.
enum class ContactDays : uint8_t { school_days, every_day };

struct ContactRelation {
  std::string id;
  std::string name;          // shown in the list's reasons
  std::string contact_type;  // value of the list's contact-type field
  RelationBasis by = RelationBasis::class_;
  std::vector<std::string> groups;  // group types, for `group`
  bool nine_grid = false;
  ContactDays days = ContactDays::school_days;
  Origin origin;
  template <class V> void visit(V& v) { v(id), v(name), v(contact_type), v(by), v(groups), v(nine_grid), v(days), v(origin); }
};

// How seating charts are read: which cell texts are aisles and empty
// seats, how far the neighbourhood reaches (1 = the nine-grid), and whether
// an aisle separates (false: seats across it are neighbours, as Q17 says the
// nine-grid has no distance standard).
struct SeatingRules {
  int reach = 1;
  bool aisle_separates = false;
  std::vector<std::string> aisle;
  std::vector<std::string> empty;
  template <class V> void visit(V& v) { v(reach), v(aisle_separates), v(aisle), v(empty); }
};

struct ContactTracing {
  Header header;
  int days_before_onset = 2;    // the window opens this many days before onset (or the positive test)
  std::string scheme;           // family or id; day 0 = last contact; the version in force then
  std::string people;           // dataset of the school's people (class, birth date, guardians …)
  std::string groups;           // dataset of group memberships
  std::string timetable;        // dataset of lessons
  std::string list;             // dataset the 密切接觸者名冊 is written in
  std::string list_form;        // form printing the list
  std::string notice_form;      // form printed once per contact
  int companion_under_age = 13; // a contact younger than this needs a named companion
  std::string student_role;     // the people's role value of students: their classes count for suspension
  SeatingRules seating;
  std::vector<ContactRelation> relations;
  template <class V> void visit(V& v) {
    v(header), v(days_before_onset), v(scheme), v(people), v(groups), v(timetable), v(list), v(list_form), v(notice_form),
        v(companion_under_age), v(student_role), v(seating), v(relations);
  }
};

// ---- the whole set ---------------------------------------------------------

struct RuleSet {
  std::vector<Scheme> schemes;
  std::vector<Cohort> cohorts;
  std::vector<Disinfection> disinfections;
  std::vector<Deadline> deadlines;
  std::vector<Dataset> datasets;
  std::vector<Check> checks;
  std::vector<Form> forms;
  std::vector<ContactTracing> contact_tracings;
  template <class V> void visit(V& v) {
    v(schemes), v(cohorts), v(disinfections), v(deadlines), v(datasets), v(checks), v(forms), v(contact_tracings);
  }

  const Scheme* scheme(std::string_view id) const;
  const Dataset* dataset(std::string_view id) const;
  const Deadline* deadline(std::string_view id) const;
  const Form* form(std::string_view id) const;
  const Disinfection* disinfection(std::string_view id) const;
  const ContactTracing* contact_tracing(std::string_view id) const;
  // The version of a scheme family (or the scheme with that id) in force on
  // `day0`; null when none is.
  const Scheme* scheme_in_force(std::string_view family_or_id, Date day0) const;
  // Sorts every list by id so that the same sources give the same binary.
  void canonicalize();
};

}  // namespace fangyi::rules

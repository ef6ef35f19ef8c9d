// The expression language of check conditions and cohort predicates: its one
// external interface. Like CEL, an expression goes parse -> type-check ->
// compile, all before any data is read; the result is a compact, verifiable
// Program that the rule binary stores and the check engine evaluates.
//
// See docs/expressions.md for the language itself.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/date.h"
#include "core/diagnostic.h"

namespace fangyi::expr {

// ---- types --------------------------------------------------------------

enum class TypeKind : uint8_t {
  error,  // the type of an expression that already failed to check
  null_,
  bool_,
  int_,
  decimal,
  string,
  date,
  datetime,
  time,
  duration,
  enum_,  // a string restricted to `values`
  list,   // of `element`
  range,  // lo..hi of `element` (int, decimal, date, time)
};

struct Type {
  TypeKind kind = TypeKind::error;
  std::vector<std::string> values;      // enum_: the allowed values, in order
  std::shared_ptr<const Type> element;  // list, range
  std::string name() const;             // "int", "list<string>", "enum(未確認|已確認)", ...
};

Type make_type(TypeKind k);
Type make_enum(std::vector<std::string> values);
Type make_list(Type element);
Type make_range(Type element);

// ---- what an expression can see -----------------------------------------

struct Field {
  std::string id;  // as written in expressions: entry_date
  Type type;
};

// The fields of one kind of row (a dataset). Field i of a row is slot i.
struct RecordType {
  std::string name;  // dataset id, for messages
  std::vector<Field> fields;
  std::optional<std::size_t> find(std::string_view id) const;
};

// A named deadline the rules define: deadline("followup-entry") has type
// time (a "by" deadline), range<time> (a window) or duration ("within").
struct DeadlineValue {
  Type type;
  TimeOfDay by;                // when type is time
  TimeOfDay from, to;          // when type is range<time>
  Duration within;             // when type is duration
};

struct Environment {
  // Fields usable by bare name (row scope: the row; case scope: the case's
  // primary row; organisation scope: the organisation record). May be null.
  const RecordType* row = nullptr;
  // Collections usable in count/exists/all/min/max: name -> record type.
  // Source i in evaluation is the i-th entry of this vector.
  std::vector<std::pair<std::string, const RecordType*>> sources;
  std::map<std::string, DeadlineValue> deadlines;
};

// ---- compiled programs ---------------------------------------------------

// A stack-machine program. `code` holds opcodes and operands; constants are
// referenced by index. Programs are position-independent plain data.
struct Value;
namespace vm {
struct Code;
}
struct Program {
  std::vector<uint8_t> code;
  std::vector<std::string> strings;  // string constants (literals, regexes)
  std::vector<int64_t> numbers;      // int/date/time/duration constants
  std::vector<double> decimals;
  Type result;
  uint32_t max_stack = 0;
  uint32_t max_locals = 0;
  std::string source;  // the expression text, for explain and messages

  friend bool operator==(const Program&, const Program&);
};

// Where a problem inside the expression text is: the caller (the rule loader)
// maps a byte offset and length inside the expression to a file location.
using Locator = std::function<SourceLocation(std::size_t offset, std::size_t length)>;

// Parses, type-checks and compiles `text`. `expected` is the type the caller
// needs (bool for conditions, date for a day-0 expression); any other result
// type is an error. Errors go to `diags`; returns nullopt if there were any.
std::optional<Program> compile(std::string_view text, const Environment& env, const Type& expected,
                               const Locator& locate, Diagnostics& diags);

// Binary form of a program, for the rule binary.
void encode(const Program& p, ByteWriter& w);
// Reads and verifies a program against `env`: every opcode, operand, constant
// index, jump target, field slot and source index, and the stack depth.
// Returns false (with a reason in *why) instead of ever crashing.
bool decode(ByteReader& r, const Environment& env, Program& out, std::string* why);

// The fields a verified program reads: slots of the bare row, and (source,
// slot) pairs of comprehension rows. Lets the engine keep only those.
// `row_tested` are the slots of `row` whose every read only feeds has(): for
// those the program depends on whether the field has a value, not on which.
struct FieldsRead {
  std::vector<std::size_t> row;
  std::vector<std::pair<std::size_t, std::size_t>> sources;
  std::vector<std::size_t> row_tested;
};
FieldsRead fields_read(const Program& p);

// ---- evaluation ------------------------------------------------------------

enum class ValueKind : uint8_t { null_, bool_, int_, decimal, string, date, datetime, time, duration };

// A runtime value. Strings are views: into a row's storage or the program's
// constants, valid for the duration of the evaluation.
struct Value {
  ValueKind kind = ValueKind::null_;
  union {
    bool b;
    int64_t i;  // int, date (days), datetime (epoch seconds), time (seconds), duration (seconds)
    double d;
  };
  std::string_view s;

  Value() : i(0) {}
  // Inline: the check engine makes one per cell.
  static Value null() { return {}; }
  static Value boolean(bool v) { return with(ValueKind::bool_, v ? 1 : 0); }  // the whole word: see set_bool
  static Value integer(int64_t v) { return with(ValueKind::int_, v); }
  static Value decimal(double v) {
    Value x;
    x.kind = ValueKind::decimal;
    x.d = v;
    return x;
  }
  static Value string(std::string_view v) {
    Value x;
    x.kind = ValueKind::string;
    x.s = v;
    return x;
  }
  static Value date(Date v) { return with(ValueKind::date, v.days()); }
  static Value datetime(const DateTime& v) { return with(ValueKind::datetime, v.epoch_seconds()); }
  static Value time(TimeOfDay v) { return with(ValueKind::time, v.seconds); }
  static Value duration(Duration v) { return with(ValueKind::duration, v.seconds); }

 private:
  static Value with(ValueKind k, int64_t i) {
    Value x;
    x.kind = k;
    x.i = i;
    return x;
  }
};

// A row the evaluator reads fields from, by slot.
class Row {
 public:
  virtual ~Row() = default;
  virtual Value get(std::size_t slot) const = 0;
  // The same, written into `out`. The evaluator calls this one: rows that
  // hold ready-made values override it to copy them straight onto its stack
  // (a Value returned by value is built aside and copied again, which makes
  // the CPU wait on its own stores).
  virtual void get_into(std::size_t slot, Value& out) const { out = get(slot); }
};

// The rows of one source (a count/exists/all/min/max collection), as the
// evaluator reads them: rows asked through Row, or, when the caller holds
// them as values, those: field `slot` of row r is values[r][(*positions)[slot]]
// (a position < 0, or a slot past the end, is a field not held: null). The
// second form spares a call per field read.
struct SourceRows {
  std::vector<const Row*> rows;  // without positions
  std::vector<const Value*> values;  // with positions: one per row
  const std::vector<int>* positions = nullptr;
  std::size_t size() const { return positions != nullptr ? values.size() : rows.size(); }
};

struct Context {
  const Row* row = nullptr;
  // The bare row as values, when the caller holds it so: then it is read
  // from here, without a call through `row` per field. Field `slot` is
  // values[slot] (slots from value_count on are null), or, with positions,
  // values[(*value_positions)[slot]] as in SourceRows.
  const Value* values = nullptr;
  std::size_t value_count = 0;
  const std::vector<int>* value_positions = nullptr;
  // Per source (same order as Environment::sources): its rows.
  std::vector<SourceRows> sources;
  Date today;
};

// Evaluates one program over many rows without allocating per row: it owns
// the value stack, the locals, the compiled regular expressions and the
// program's working form (vm_code.h: decoded once, with sets hoisted out of
// loops, which it refills once per run). The
// program must come from compile() or decode() and outlive the evaluator.
// Not thread-safe: use one Evaluator per thread.
class Evaluator {
 public:
  explicit Evaluator(const Program& p);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // A null result means "unknown" (a missing value reached a comparison);
  // callers treat it as not true.
  Value run(const Context& ctx);

 private:
  struct Regexes;
  struct Sets;
  const Program& p_;
  std::unique_ptr<vm::Code> code_;
  std::vector<Value> stack_;
  std::vector<Value> locals_;
  std::unique_ptr<Regexes> regexes_;
  std::unique_ptr<Sets> sets_;
};

// Evaluates a verified program once; for many rows use an Evaluator. A null
// result means "unknown"; callers treat it as not true.
Value evaluate(const Program& p, const Context& ctx);

}  // namespace fangyi::expr

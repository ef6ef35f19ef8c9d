// The binary form: round trips, determinism, and the verifier against
// corrupted, truncated and hand-made programs.
#include "expr/opcodes.h"
#include "expr_test_util.h"

namespace fangyi::expr::testing {
namespace {

const char* const kPrograms[] = {
    "true",
    "entry_date > 2021-08-01 and not fever",
    "temperature >= 37.5 or visits > 3 or isolated == null",
    "status in [\"有症狀\", \"出境\"] and note != \"\"",
    "checked_at in deadline(\"visit-window\") and time(arrived_at) <= deadline(\"followup-entry\")",
    "left_at - arrived_at <= deadline(\"report-within\") and entry_date + 14d > today()",
    "(fever ? visits : 2.5) > 1 and -stay < 0m",
    "all(d in 1..14, exists(f in followup, day_of(entry_date, f.date) == d))",
    "count(f in followup, f.status == \"有症狀\") >= 2 and max(f in followup, f.temperature) < 38.0",
    "sum(s in screening, 1) == count(s in screening) and min(f in followup, f.date) > entry_date",
    "matches(note, \"[0-9]+\") and id_valid(id_no) and id_kind(id_no) != \"invalid\"",
    "age(birth, today()) in 6..18 and len(note) < 100 and has(note) and abs(visits) < 3",
    "exists(p in screening, p.type == \"PCR\" and not exists(r in screening, r.type == \"快篩\" and r.date == p.date))",
};

class ProgramIoTest : public ExprTest {
 protected:
  ProgramIoTest() {
    set_row({{"entry_date", VD(2021, 8, 20)},
             {"birth", VD(2010, 9, 2)},
             {"note", VS("123")},
             {"id_no", VS("A123456789")},
             {"temperature", Value::decimal(36.5)},
             {"visits", VI(1)},
             {"fever", VB(false)},
             {"status", VS("有症狀")},
             {"checked_at", VT(9, 0)},
             {"arrived_at", VDT(2021, 8, 20, 9, 0)},
             {"left_at", VDT(2021, 8, 20, 10, 0)},
             {"stay", Value::duration(Duration::hours(2))}});
    for (int d = 1; d <= 14; ++d)
      add_followup({{"date", Value::date(D(2021, 8, 20).plus_days(d))},
                    {"status", VS(d % 3 ? "無症狀" : "有症狀")},
                    {"temperature", Value::decimal(36 + d * 0.1)}});
    add_screening({{"type", VS("快篩")}, {"date", VD(2021, 9, 1)}, {"result", VS("陰性")}});
    add_screening({{"type", VS("PCR")}, {"date", VD(2021, 9, 2)}, {"result", VS("陰性")}});
  }

  static std::vector<uint8_t> bytes(const Program& p) {
    ByteWriter w;
    encode(p, w);
    return w.data();
  }
};

bool same_value(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ValueKind::null_: return true;
    case ValueKind::bool_: return a.b == b.b;
    case ValueKind::decimal: return a.d == b.d;
    case ValueKind::string: return a.s == b.s;
    default: return a.i == b.i;
  }
}

TEST_F(ProgramIoTest, RoundTrip) {
  for (const char* text : kPrograms) {
    auto p = compile_ok(text);
    ASSERT_TRUE(p);
    std::vector<uint8_t> b = bytes(*p);
    ByteReader r(b.data(), b.size());
    Program q;
    std::string why;
    ASSERT_TRUE(decode(r, env, q, &why)) << text << ": " << why;
    EXPECT_TRUE(r.at_end());
    EXPECT_TRUE(q == *p) << text;
    EXPECT_EQ(bytes(q), b) << text;
    EXPECT_TRUE(same_value(evaluate(q, context()), evaluate(*p, context()))) << text;
  }
}

TEST_F(ProgramIoTest, EncodingIsDeterministic) {
  for (const char* text : kPrograms) {
    auto a = compile_ok(text), b = compile_ok(text);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(bytes(*a), bytes(*b)) << text;
  }
}

TEST_F(ProgramIoTest, ProgramsEvaluateAsExpected) {
  std::vector<int> want = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  for (std::size_t i = 0; i < std::size(kPrograms); ++i) EXPECT_EQ(truth(kPrograms[i]), want[i]) << kPrograms[i];
}

TEST_F(ProgramIoTest, DecodeChecksAgainstTheEnvironment) {
  auto p = compile_ok("exists(s in screening, s.result == \"陽性\") and fever");
  ASSERT_TRUE(p);
  std::vector<uint8_t> b = bytes(*p);
  Environment fewer_sources = env;
  fewer_sources.sources.pop_back();
  ByteReader r(b.data(), b.size());
  Program q;
  std::string why;
  EXPECT_FALSE(decode(r, fewer_sources, q, &why));
  EXPECT_NE(why.find("bad operand"), std::string::npos) << why;

  RecordType small{"cases", {{"entry_date", T(TypeKind::date)}}};
  Environment fewer_fields = env;
  fewer_fields.row = &small;
  ByteReader r2(b.data(), b.size());
  EXPECT_FALSE(decode(r2, fewer_fields, q, &why));
}

TEST_F(ProgramIoTest, CorruptedProgramsNeverCrash) {
  int accepted = 0, rejected = 0;
  for (const char* text : kPrograms) {
    auto p = compile_ok(text);
    ASSERT_TRUE(p);
    const std::vector<uint8_t> good = bytes(*p);
    for (std::size_t i = 0; i < good.size(); ++i) {
      for (uint8_t mask : {uint8_t{0x01}, uint8_t{0x80}, uint8_t{0xFF}}) {
        std::vector<uint8_t> b = good;
        b[i] ^= mask;
        ByteReader r(b.data(), b.size());
        Program q;
        std::string why;
        if (decode(r, env, q, &why)) {
          ++accepted;
          evaluate(q, context());
          Context empty;
          evaluate(q, empty);
        } else {
          ++rejected;
          EXPECT_FALSE(why.empty());
        }
      }
    }
    for (std::size_t n = 0; n < good.size(); ++n) {
      ByteReader r(good.data(), n);
      Program q;
      std::string why;
      EXPECT_FALSE(decode(r, env, q, &why)) << text << " truncated to " << n;
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(accepted, 0);  // e.g. a changed constant is still a valid program
}

// A program around hand-written code, for the verifier's own checks.
Program raw(std::vector<uint8_t> code, uint32_t max_stack = 4, uint32_t max_locals = 2) {
  Program p;
  p.code = std::move(code);
  p.result = make_type(TypeKind::bool_);
  p.max_stack = max_stack;
  p.max_locals = max_locals;
  p.numbers = {5};
  return p;
}

std::string verify(const Program& p, const Environment& env) {
  ByteWriter w;
  encode(p, w);
  ByteReader r(w.data().data(), w.size());
  Program q;
  std::string why;
  return decode(r, env, q, &why) ? "ok" : why;
}

uint8_t op(OpCode o) { return static_cast<uint8_t>(o); }

TEST_F(ProgramIoTest, VerifierRejectsBadCode) {
  EXPECT_EQ(verify(raw({op(OpCode::push_true), op(OpCode::ret)}), env), "ok");
  EXPECT_EQ(verify(raw({}), env), "empty code");
  EXPECT_EQ(verify(raw({200}), env), "bad opcode at 0");
  EXPECT_EQ(verify(raw({op(OpCode::ret)}), env), "stack underflow at 0");
  EXPECT_EQ(verify(raw({op(OpCode::push_true), op(OpCode::push_true), op(OpCode::ret)}), env),
            "ret with stack depth 2");
  EXPECT_EQ(verify(raw({op(OpCode::push_true), op(OpCode::push_true), op(OpCode::ret)}, 1), env),
            "stack overflow at 1");
  EXPECT_EQ(verify(raw({op(OpCode::push_true)}), env), "code runs off its end");
  EXPECT_EQ(verify(raw({op(OpCode::push_string), 0, op(OpCode::ret)}), env), "bad operand of push_string at 0");
  EXPECT_EQ(verify(raw({op(OpCode::push_number), 9, 0, op(OpCode::ret)}), env), "bad operand of push_number at 0");
  EXPECT_EQ(verify(raw({op(OpCode::push_number), static_cast<uint8_t>(ValueKind::date), 1, op(OpCode::ret)}), env),
            "bad operand of push_number at 0");
  EXPECT_EQ(verify(raw({op(OpCode::load_field), 13, op(OpCode::ret)}), env), "bad operand of load_field at 0");
  EXPECT_EQ(verify(raw({op(OpCode::load_local), 2, op(OpCode::ret)}), env), "bad operand of load_local at 0");
  EXPECT_EQ(verify(raw({op(OpCode::count_rows), 2, op(OpCode::ret)}), env), "bad operand of count_rows at 0");
  EXPECT_EQ(verify(raw({op(OpCode::load_row_field), 1, 0, 3, op(OpCode::ret)}), env),
            "bad operand of load_row_field at 0");
  EXPECT_EQ(verify(raw({op(OpCode::push_int), 0x80}), env), "truncated instruction at 0");
  // A call with the wrong argument count, or of a builtin without code.
  EXPECT_EQ(verify(raw({op(OpCode::push_true), op(OpCode::call), 0, 1, op(OpCode::ret)}), env),
            "bad operand of call at 1");
  // Jumps: into an instruction, and backward to something not a loop head.
  EXPECT_EQ(verify(raw({op(OpCode::jump), 3, op(OpCode::push_int), 5, op(OpCode::ret)}), env),
            "jump into the middle of an instruction at 0");
  EXPECT_EQ(verify(raw({op(OpCode::push_true), op(OpCode::jump), 0}), env),
            "backward jump to a non-loop instruction at 1");
  // Two paths meeting with different stack depths.
  EXPECT_EQ(verify(raw({op(OpCode::push_true), op(OpCode::jump_if_true), 4, op(OpCode::push_true),
                        op(OpCode::push_true), op(OpCode::ret)}),
                   env),
            "inconsistent stack depth at 4");
  Environment no_row = env;
  no_row.row = nullptr;
  EXPECT_EQ(verify(raw({op(OpCode::load_field), 0, op(OpCode::ret)}), no_row), "bad operand of load_field at 0");
}

TEST_F(ProgramIoTest, HandMadeEndlessLoopStops) {
  // row_init; L: row_next (never leaves if the counter keeps being reset)
  // store -1 into the counter; jump L.
  Program p = raw({op(OpCode::row_init), 0,                                 // 0
                   op(OpCode::row_next), 0, 0, 13,                          // 2
                   op(OpCode::push_int), 1, op(OpCode::store_local), 0,     // 6 (svar 1 == -1)
                   op(OpCode::jump), 2,                                     // 10
                   op(OpCode::push_true),                                   // 12 (unused)
                   op(OpCode::push_true), op(OpCode::ret)});                // 13
  ASSERT_EQ(verify(p, env), "ok");
  EXPECT_EQ(evaluate(p, context()).kind, ValueKind::null_);
}

}  // namespace
}  // namespace fangyi::expr::testing

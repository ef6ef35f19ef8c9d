// Hostile rule files through `fangyi compile`: alias bombs, nesting far past
// any real rule, expressions built to overflow the parser's stack, files too
// large to be rules, bytes that are not UTF-8, and rule binaries that are not
// rule binaries. Each ends with its one clear error, exit code 2, quickly,
// and no rule binary.
#include <string>

#include "hostile.h"

namespace fangyi::hostile {
namespace {

// A check rule whose `require` is `expression` (on the bundled datasets).
std::string check_rule(const std::string& expression) {
  return "kind: check\nid: deep\nname: deep\ndataset: case-list\nscope: row\n"
         "require: \"" + expression + "\"\n"
         "severity: error\nmessage: x\nsource: {seed: 004_2af245062d31c947.txt, section: x}\n";
}

std::string compile(const std::string& file) {
  return "compile " + q(fs::path(FANGYI_SOURCE_DIR) / "rules" / "datasets") + " " + file + " -o rules.fyb";
}

using Rules = Hostile;

TEST_F(Rules, BillionLaughsAliasesAreCutShort) {
  // Ten levels of ten aliases each: 10^10 nodes once expanded. yaml-cpp
  // shares aliased nodes; the walk over them stops at its node budget.
  std::string yaml = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (int i = 1; i <= 10; ++i) {
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) yaml += (j ? ",*a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  write_text(dir() / "laughs.yaml", yaml + "kind: scheme\n");
  RunResult r = run("compile laughs.yaml -o rules.fyb");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), "laughs.yaml:1:28: error: YAML document too large (more than 1000000 nodes; an alias bomb?)");
  EXPECT_LT(seconds(), 20);
  EXPECT_EQ(outputs({"laughs.yaml"}), std::vector<std::string>{});
}

TEST_F(Rules, TenThousandLevelsOfNestingAreRefusedNotAStackOverflow) {
  const int levels = 10000;
  const std::pair<std::string, std::string> styles[] = {
      {"flow-sequences", "kind: scheme\nx: " + std::string(levels, '[') + std::string(levels, ']') + "\n"},
      {"flow-mappings", [&] {
         std::string s = "kind: scheme\nx: ";
         for (int i = 0; i < levels; ++i) s += "{a: ";
         return s + "1" + std::string(levels, '}') + "\n";
       }()},
      // Block style, compact: "- - - - x" is 10,000 sequences in each other.
      {"block-sequences", [&] {
         std::string s = "kind: scheme\nx:\n  ";
         for (int i = 0; i < levels; ++i) s += "- ";
         return s + "x\n";
       }()},
  };
  for (const auto& [name, yaml] : styles) {
    SCOPED_TRACE(name);
    write_text(dir() / (name + ".yaml"), yaml);
    RunResult r = run("compile " + name + ".yaml -o rules.fyb");
    EXPECT_EQ(r.exit_code, 2);
    std::string line = first_line(r.err);
    EXPECT_EQ(line.substr(0, name.size() + 6), name + ".yaml:") << line;
    EXPECT_NE(line.find(": error: YAML nesting deeper than 64 levels"), std::string::npos) << line;
    EXPECT_LT(seconds(), 20);
    EXPECT_FALSE(fs::exists(dir() / "rules.fyb"));
  }
}

TEST_F(Rules, AnExpressionNestedAHundredThousandDeepIsTooLongToParse) {
  // 100,000 levels take 200 KB: refused by its length before the parser
  // recurses at all.
  write_text(dir() / "deep.yaml", check_rule(std::string(100000, '(') + "true" + std::string(100000, ')')));
  RunResult r = run(compile("deep.yaml"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), "deep.yaml:6:11: error: the expression is too long (200004 bytes, limit 65536)");
  EXPECT_FALSE(fs::exists(dir() / "rules.fyb"));

  // Within the length limit, each kind of nesting stops at the depth limit,
  // at the place it is passed.
  // (The column is where the 257th level opens.)
  const std::pair<std::string, int> nested[] = {
      {std::string(30000, '(') + "true" + std::string(30000, ')'), 267},
      {std::string(20000, '[') + std::string(20000, ']') + " == []", 267},
      {std::string(30000, '-') + "1 == 1", 266},
      {std::string(30000, '!') + "true", 266},
  };
  for (const auto& [deep, column] : nested) {
    write_text(dir() / "deep.yaml", check_rule(deep));
    r = run(compile("deep.yaml"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(first_line(r.err), "deep.yaml:6:" + std::to_string(column) +
                                     ": error: the expression is nested too deeply (limit 256 levels)")
        << deep.substr(0, 3);
    EXPECT_FALSE(fs::exists(dir() / "rules.fyb"));
  }
}

TEST_F(Rules, ARuleFileOfGigabytesIsRefusedUnread) {
  sparse_file(dir() / "huge.yaml", "kind: scheme\n", uint64_t{3} << 30);
  RunResult r = run("compile huge.yaml -o rules.fyb");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err),
            "huge.yaml: error: rule file 'huge.yaml' is larger than the limit of 8388608 bytes; refusing to read it "
            "(rule files are a few KB: wrong file?)");
  EXPECT_LT(seconds(), 10);
  EXPECT_FALSE(fs::exists(dir() / "rules.fyb"));
}

TEST_F(Rules, TenThousandAndOneRulesAreTooMany) {
  // Counted before any is parsed: the documents need not even be rules.
  std::string yaml;
  for (int i = 0; i <= 10000; ++i) yaml += "a: 1\n---\n";
  write_text(dir() / "many.yaml", yaml);
  RunResult r = run(compile("many.yaml"));
  EXPECT_EQ(r.exit_code, 2);
  // The ten bundled datasets are rules too: the limit is passed ten
  // documents before the end of many.yaml.
  EXPECT_EQ(first_line(r.err), "many.yaml:19981:1: error: more than 10000 rules; the rest are not read (a rule file "
                               "generated wrong?)");
  EXPECT_LT(seconds(), 20);
  EXPECT_FALSE(fs::exists(dir() / "rules.fyb"));
}

TEST_F(Rules, BytesThatAreNotUtf8AreRefusedWithTheirPlace) {
  // Big5 text in a UTF-8 rule file (a copy-paste from an old document).
  write_text(dir() / "big5.yaml", "kind: scheme\nid: x\nname: \xA9\x7E\xAE\x61\n");
  RunResult r = run("compile big5.yaml -o rules.fyb");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(first_line(r.err), "big5.yaml:3:7: error: the rule file is not valid UTF-8: the byte 0xA9 cannot be decoded");
  EXPECT_FALSE(fs::exists(dir() / "rules.fyb"));
}

TEST_F(Rules, RuleBinariesThatAreNotOnesAreRefused) {
  sparse_file(dir() / "huge.fyb", "FYB", uint64_t{2} << 30);
  write_text(dir() / "text.fyb", "kind: scheme\n");
  std::string bytes = testing::read_all(testing::compiled_default_rules());
  write_text(dir() / "cut.fyb", bytes.substr(0, bytes.size() / 2));
  for (const char* file : {"huge.fyb", "text.fyb", "cut.fyb"}) {
    SCOPED_TRACE(file);
    RunResult r = run(std::string("explain ") + file);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(first_line(r.err).substr(0, std::string(file).size() + 9), std::string(file) + ": error: ");
  }
  EXPECT_LT(seconds(), 10);
}

}  // namespace
}  // namespace fangyi::hostile

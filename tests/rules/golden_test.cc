// Every file in tests/rules/broken/ is a rule file with a mistake; compiling
// it must give exactly the diagnostics in the .expected file beside it
// (rendered in Traditional Chinese, with line, column and caret). Run with
// FANGYI_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate
// change, then review the diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/compiler.h"

namespace fangyi::rules {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> broken_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(FANGYI_SOURCE_DIR) / "tests/rules/broken"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string diagnostics_for(const fs::path& file, Lang lang) {
  // Compile from the repository root so the file names in the output are
  // stable relative paths.
  fs::path rel = fs::relative(file, FANGYI_SOURCE_DIR);
  fs::path cwd = fs::current_path();
  fs::current_path(FANGYI_SOURCE_DIR);
  SourceMap sources;
  Diagnostics diags;
  CompileOptions options;
  options.inputs = {rel.string()};
  auto rules = compile_rules(options, sources, diags);
  fs::current_path(cwd);
  EXPECT_FALSE(rules.has_value()) << rel << " compiled without errors";
  return render_all(diags, sources, lang);
}

class Golden : public ::testing::TestWithParam<fs::path> {};

TEST_P(Golden, GivesExpectedDiagnostics) {
  const fs::path& file = GetParam();
  fs::path expected = file;
  expected.replace_extension(".expected");
  std::string actual = diagnostics_for(file, Lang::zh_TW);
  if (std::getenv("FANGYI_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; run with FANGYI_UPDATE_GOLDEN=1";
  EXPECT_EQ(slurp(expected), actual) << "for " << file.filename();
}

INSTANTIATE_TEST_SUITE_P(Broken, Golden, ::testing::ValuesIn(broken_files()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string name = info.param.stem().string();
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

TEST(GoldenCorpus, HasAtLeastThirtyCases) { EXPECT_GE(broken_files().size(), 30u); }

TEST(GoldenCorpus, EnglishRenderingOfAnUnknownKey) {
  fs::path file = fs::path(FANGYI_SOURCE_DIR) / "tests/rules/broken/typo-key-phases.yaml";
  ASSERT_TRUE(fs::exists(file));
  std::string en = diagnostics_for(file, Lang::en);
  EXPECT_NE(en.find("error: unknown key 'phses'"), std::string::npos) << en;
  EXPECT_NE(en.find("hint: did you mean 'phases'?"), std::string::npos) << en;
}

}  // namespace
}  // namespace fangyi::rules

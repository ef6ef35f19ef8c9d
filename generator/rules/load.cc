// Splits a file into YAML documents and hands each to the parser of its kind.
#include "rules/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include "core/text.h"
#include "rules/parse.h"

namespace fangyi::rules {
namespace {

constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 1'000'000;

// yaml-cpp shares aliased nodes instead of copying them, but a walk over the
// tree visits each alias again: bound the walk so alias bombs and absurd
// nesting are reported instead of taking the machine down.
bool within_limits(const YAML::Node& n, int depth, std::size_t& budget, YamlFile& f) {
  if (depth > kMaxDepth) {
    f.error(n, Msg::yaml_too_deep, {std::to_string(kMaxDepth)});
    return false;
  }
  if (budget == 0) {
    f.error(n, Msg::yaml_too_many_nodes, {std::to_string(kMaxNodes)});
    return false;
  }
  --budget;
  if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it)
      if (!within_limits(it->first, depth + 1, budget, f) || !within_limits(it->second, depth + 1, budget, f))
        return false;
  } else if (n.IsSequence()) {
    for (const auto& e : n)
      if (!within_limits(e, depth + 1, budget, f)) return false;
  }
  return true;
}

const EnumNames<RuleKind>& kind_names() {
  static const EnumNames<RuleKind> kNames = {
      {"scheme", RuleKind::scheme},   {"cohort", RuleKind::cohort}, {"disinfection", RuleKind::disinfection},
      {"deadline", RuleKind::deadline}, {"dataset", RuleKind::dataset}, {"check", RuleKind::check},
      {"form", RuleKind::form}, {"contact-tracing", RuleKind::contact_tracing}};
  return kNames;
}

// yaml-cpp's messages are English; the common ones get a catalogue message.
Msg yaml_message(const std::string& what) {
  static const std::pair<const char*, Msg> kKnown[] = {
      {"illegal map value", Msg::yaml_bad_map_value},
      {"end of sequence flow not found", Msg::yaml_unclosed_sequence},
      {"end of map flow not found", Msg::yaml_unclosed_map},
      {"end of sequence not found", Msg::yaml_bad_indent},
      {"end of map not found", Msg::yaml_bad_indent},
      {"end of string not found", Msg::yaml_unclosed_quote},
      {"unknown token", Msg::yaml_bad_indent},
      {"illegal tab when looking for indentation", Msg::yaml_tab},
  };
  for (const auto& [text, msg] : kKnown)
    if (what.rfind(text, 0) == 0) return msg;
  return Msg::yaml_syntax;
}

// yaml-cpp 0.7 never finishes a stream in which a document starts with a
// flow entry (','): it hands out empty documents at the same place, each
// kept, until memory runs out. A pass over the parser's events first finds
// such a place, so the file is refused instead.
class DocumentStarts : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
  YAML::Mark start;
};

std::optional<YAML::Mark> stalled_document(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts events;
  int previous = -1;
  try {
    while (parser.HandleNextDocument(events)) {
      if (events.start.pos == previous) return events.start;
      previous = events.start.pos;
    }
  } catch (const YAML::Exception&) {
    // Reported, with its message, by the real load that follows.
  }
  return std::nullopt;
}

}  // namespace

void load_file(const std::string& file, const std::string& text, Loaded& out, Diagnostics& diags) {
  YamlFile f(file, text, diags);
  // yaml-cpp passes bytes that are not UTF-8 through; they would reach the
  // rule binary, whose loader rightly refuses them.
  if (std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    YAML::Mark mark;
    mark.pos = static_cast<int>(bad);
    mark.line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    diags.error(f.at_mark(mark), Msg::yaml_not_utf8, {fmt::format("{:02X}", static_cast<unsigned char>(text[bad]))})
        .hint = Msg::yaml_not_utf8_hint;
    return;
  }
  if (auto mark = stalled_document(text)) {
    diags.error(f.at_mark(*mark), Msg::yaml_stray_comma);
    return;
  }
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard (2000 levels) against overflowing the stack while
    // parsing; its message is a bare "bad file". Anything that deep is far
    // past the walk's limit, so it gets the same message.
    diags.error(f.at_mark(e.mark), Msg::yaml_too_deep, {std::to_string(kMaxDepth)});
    return;
  } catch (const YAML::Exception& e) {
    diags.error(f.at_mark(e.mark), yaml_message(e.msg), {e.msg});
    return;
  }
  // Counted before any is parsed, so a file of a million rules costs one
  // error, not a million.
  for (const YAML::Node& doc : docs) {
    if (!doc.IsNull() && ++out.documents > kMaxRules) {
      f.error(doc, Msg::limit_too_many_rules, {std::to_string(kMaxRules)});
      return;
    }
  }
  std::size_t budget = kMaxNodes;
  for (const YAML::Node& doc : docs) {
    if (doc.IsNull()) continue;
    if (!within_limits(doc, 0, budget, f)) return;
    MapReader r(doc, f, "規則");
    if (!r.ok()) continue;
    auto kind = r.enumeration("kind", true, kind_names());
    if (!kind) continue;
    switch (*kind) {
      case RuleKind::scheme: parse_scheme(r, out); break;
      case RuleKind::cohort: parse_cohort(r, out); break;
      case RuleKind::disinfection: parse_disinfection(r, out); break;
      case RuleKind::deadline: parse_deadline(r, out); break;
      case RuleKind::dataset: parse_dataset(r, out); break;
      case RuleKind::check: parse_check(r, out); break;
      case RuleKind::form: parse_form(r, out); break;
      case RuleKind::contact_tracing: parse_contact_tracing(r, out); break;
    }
    r.finish();
  }
}

}  // namespace fangyi::rules

// Streams every file through its dataset's row checks, keeps (compactly)
// what case and organisation checks read, then evaluates those on both cores.
#include "check/engine.h"

#include <algorithm>
#include <ctime>
#include <memory>
#include <set>
#include <thread>

#include "check/cells.h"
#include "check/dataset_match.h"
#include "check/mask.h"
#include "check/row_store.h"
#include "core/text.h"
#include "expr/opcodes.h"

namespace fangyi::check {
namespace {

using rules::Check;
using rules::Dataset;
using rules::Scope;

Date system_today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday).value_or(Date{});
}

// A row being read: typed values by slot, valid until the next row.
class RowView : public expr::Row {
 public:
  explicit RowView(const std::vector<expr::Value>& v) : values_(v) {}
  expr::Value get(std::size_t slot) const override { return slot < values_.size() ? values_[slot] : expr::Value{}; }

 private:
  const std::vector<expr::Value>& values_;
};

// The organisation record organisation checks see as their bare row.
class OrganisationRow : public expr::Row {
 public:
  explicit OrganisationRow(std::string_view name) : name_(name) {}
  expr::Value get(std::size_t) const override { return expr::Value::string(name_); }

 private:
  std::string_view name_;
};

// A finding as a row of the `findings` source: rule, severity, dataset, field.
class FindingRow : public expr::Row {
 public:
  FindingRow(std::string rule, std::string severity, std::string dataset, std::string field)
      : text_{std::move(rule), std::move(severity), std::move(dataset), std::move(field)} {}
  expr::Value get(std::size_t slot) const override {
    return slot < 4 ? expr::Value::string(text_[slot]) : expr::Value{};
  }

 private:
  std::string text_[4];
};

bool holds(expr::Evaluator& e, const expr::Context& ctx) {
  expr::Value v = e.run(ctx);
  return v.kind == expr::ValueKind::bool_ && v.b;
}

// Evaluators own their stacks and regex caches: one set per thread.
struct Evaluators {
  std::unique_ptr<expr::Evaluator> when, require;
  explicit Evaluators(const Check& c)
      : when(c.when.code.empty() ? nullptr : std::make_unique<expr::Evaluator>(c.when)),
        require(std::make_unique<expr::Evaluator>(c.require)) {}
  bool violated(const expr::Context& ctx) {
    if (when && !holds(*when, ctx)) return false;
    return !holds(*require, ctx);
  }
};

struct CompiledCheck {
  const Check* check = nullptr;
  std::size_t dataset = 0;           // index of the primary dataset
  std::vector<std::size_t> sources;  // dataset indexes in environment order (organisation: without findings)
  std::vector<int> message_slots;    // primary fields shown in the message
  int field_slot = -1;               // the field a finding points at
};

int slot_of(const Dataset& d, const std::string& id) {
  const rules::DatasetField* f = d.field(id);
  return f == nullptr ? -1 : static_cast<int>(f - d.fields.data());
}

struct Found {
  Finding finding;
  std::string dataset, field;  // for the `findings` source of organisation checks
};

class Engine {
 public:
  Engine(const rules::RuleSet& rules, const CheckOptions& options, Diagnostics& diags)
      : rules_(rules), options_(options), diags_(diags), stores_(rules.datasets.size()), needed_(rules.datasets.size()) {
    today_ = options.today.value_or(system_today());
    auto index_of = [&](const std::string& id) {
      for (std::size_t i = 0; i < rules.datasets.size(); ++i)
        if (rules.datasets[i].header.id == id) return i;
      return rules.datasets.size();
    };
    std::vector<std::vector<bool>> values(rules.datasets.size()), texts(rules.datasets.size());
    for (std::size_t i = 0; i < rules.datasets.size(); ++i) {
      values[i].assign(rules.datasets[i].fields.size(), false);
      texts[i].assign(rules.datasets[i].fields.size(), false);
    }
    for (const Check& c : rules.checks) {
      CompiledCheck cc;
      cc.check = &c;
      cc.dataset = index_of(c.dataset);
      if (cc.dataset == rules.datasets.size()) continue;  // the compiler guarantees it exists
      const Dataset& d = rules.datasets[cc.dataset];
      if (c.scope == Scope::organisation) cc.sources.push_back(cc.dataset);
      for (const auto& s : c.sources) {
        if (c.scope == Scope::organisation && s == c.dataset) continue;
        cc.sources.push_back(index_of(s));
      }
      cc.field_slot = slot_of(d, c.field);
      for (std::size_t p = c.message.find('{'); p != std::string::npos; p = c.message.find('{', p + 1)) {
        std::size_t end = c.message.find('}', p);
        if (end == std::string::npos) break;
        cc.message_slots.push_back(slot_of(d, c.message.substr(p + 1, end - p - 1)));
      }
      if (c.scope != Scope::row) keep(cc, values, texts);
      checks_.push_back(std::move(cc));
      report_.rules[c.header.id] =
          RuleInfo{c.header.id, c.header.name, c.header.source.seed + " " + c.header.source.section, c.severity};
    }
    for (std::size_t i = 0; i < rules.datasets.size(); ++i) {
      std::vector<bool> intern(rules.datasets[i].fields.size());
      for (std::size_t s = 0; s < intern.size(); ++s) intern[s] = rules.datasets[i].fields[s].type == rules::FieldType::enum_;
      stores_[i].configure(rules.datasets[i].fields.size(), values[i], texts[i], intern);
      if (needed_[i]) stores_[i].keep_rows();
    }
    row_evaluators_.reserve(checks_.size());
    for (const auto& cc : checks_) row_evaluators_.emplace_back(*cc.check);
    report_.rules["input.cell"] = RuleInfo{"input.cell", format_message(Msg::rule_input_cell, options.lang), "",
                                           rules::CheckSeverity::error};
    report_.rules["input.file"] = RuleInfo{"input.file", format_message(Msg::rule_input_file, options.lang), "",
                                           rules::CheckSeverity::error};
  }

  void read(const std::string& path) {
    auto reader = open_table(path, options_.input, diags_);
    if (!reader) return;
    std::vector<std::string> headers;
    if (!reader->header(headers)) {
      if (reader->error()) diags_.add(*reader->error());
      return;
    }
    auto match = match_dataset(rules_, headers, path, diags_);
    if (!match) return;
    std::size_t di = static_cast<std::size_t>(match->dataset - rules_.datasets.data());
    const Dataset& d = *match->dataset;
    uint32_t file_index = static_cast<uint32_t>(report_.inputs.size());
    report_.inputs.push_back(InputSummary{path, d.header.id, reader->encoding(), 0});
    files_.push_back(path);

    const std::size_t n = d.fields.size();
    std::vector<expr::Value> values(n);
    std::vector<std::string> scratch(n);
    std::vector<std::string_view> texts(n);
    const int key_slot = slot_of(d, d.key), org_slot = slot_of(d, d.organisation);
    std::vector<std::size_t> row_checks;
    for (std::size_t i = 0; i < checks_.size(); ++i)
      if (checks_[i].dataset == di && checks_[i].check->scope == Scope::row) row_checks.push_back(i);
    DatasetRows& store = stores_[di];
    RowView view(values);
    expr::Context ctx;
    ctx.row = &view;
    ctx.today = today_;
    std::vector<std::string_view> cells;
    uint64_t line = 0, rows = 0;
    while (reader->next(cells, line)) {
      ++rows;
      std::string_view org = org_slot >= 0 ? trim_view(cell(cells, match->column_of_field[org_slot])) : "";
      for (std::size_t slot = 0; slot < n; ++slot) {
        std::string_view raw = trim_view(cell(cells, match->column_of_field[slot]));
        texts[slot] = raw;
        if (auto err = convert_cell(d.fields[slot], raw, scratch[slot], values[slot])) {
          add({{path, line, d.fields[slot].header, "input.cell", rules::CheckSeverity::error,
                format_message(err->message, options_.lang, err->args), shown(d.fields[slot], raw), std::string(org), ""},
               d.header.id, d.fields[slot].id});
          values[slot] = expr::Value::null();
        }
      }
      std::string_view key = key_slot >= 0 ? texts[static_cast<std::size_t>(key_slot)] : std::string_view();
      for (std::size_t i : row_checks) {
        if (!row_evaluators_[i].violated(ctx)) continue;
        const CompiledCheck& cc = checks_[i];
        add({finding(cc, d, path, line, [&](std::size_t s) { return texts[s]; }, org, key), d.header.id,
             cc.check->field});
      }
      if (store.enabled())
        store.add(values, texts, {file_index, static_cast<uint32_t>(line), organisations_.id(org), keys_.id(key)});
      drain(*reader, path, d.header.id, headers);
      if (options_.progress && (rows & 0xFFFF) == 0) options_.progress(reader->bytes_read(), reader->bytes_total());
    }
    drain(*reader, path, d.header.id, headers);
    report_.inputs[file_index].rows = rows;
    if (reader->error()) diags_.add(*reader->error());
  }

  Report finish() {
    for (auto& s : stores_) s.index(keys_.size(), organisations_.size());
    run_case_checks();
    run_organisation_checks();
    for (auto& f : found_) report_.findings.push_back(std::move(f.finding));
    std::sort(report_.findings.begin(), report_.findings.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.organisation, a.file, a.line, a.rule, a.column, a.message) <
             std::tie(b.organisation, b.file, b.line, b.rule, b.column, b.message);
    });
    report_.cases = keys_.size() - 1;
    std::set<std::string_view> orgs;
    for (uint32_t o = 1; o < organisations_.size(); ++o) orgs.insert(organisations_.name(o));
    for (const auto& f : report_.findings)
      if (!f.organisation.empty()) orgs.insert(f.organisation);
    report_.organisations = orgs.size();
    report_.generated_by = std::string("fangyi ") + FANGYI_VERSION;
    return std::move(report_);
  }

 private:
  // Marks what a case or organisation check needs kept of each dataset.
  void keep(const CompiledCheck& cc, std::vector<std::vector<bool>>& values, std::vector<std::vector<bool>>& texts) {
    const Check& c = *cc.check;
    needed_[cc.dataset] = true;
    for (std::size_t s : cc.sources) needed_[s] = true;
    for (const expr::Program* p : {&c.when, &c.require}) {
      expr::FieldsRead reads = expr::fields_read(*p);
      if (c.scope == Scope::case_)
        for (std::size_t slot : reads.row) values[cc.dataset][slot] = true;
      for (auto [source, slot] : reads.sources)
        if (source < cc.sources.size()) values[cc.sources[source]][slot] = true;
    }
    if (c.scope != Scope::case_) return;
    for (int slot : cc.message_slots)
      if (slot >= 0) texts[cc.dataset][static_cast<std::size_t>(slot)] = true;
    if (cc.field_slot >= 0) texts[cc.dataset][static_cast<std::size_t>(cc.field_slot)] = true;
  }

  static std::string_view cell(const std::vector<std::string_view>& cells, int col) {
    return col >= 0 && static_cast<std::size_t>(col) < cells.size() ? cells[static_cast<std::size_t>(col)]
                                                                      : std::string_view();
  }

  // A cell as a report may show it: lists with their own separator, personal
  // data masked unless asked for.
  std::string shown(const rules::DatasetField& f, std::string_view text) const {
    std::string s(text);
    if (f.type == rules::FieldType::list) {
      std::string sep = f.separator.empty() ? "、" : f.separator;
      std::string out;
      for (char c : s) c == expr::kListSeparator ? out += sep : out += c;
      s = out;
    }
    return f.personal && !options_.show_personal ? mask_personal(s) : s;
  }

  template <class TextOf>
  Finding finding(const CompiledCheck& cc, const Dataset& d, const std::string& file, uint64_t line, TextOf text_of,
                  std::string_view org, std::string_view key) const {
    const Check& c = *cc.check;
    Finding f;
    f.file = file;
    f.line = line;
    f.rule = c.header.id;
    f.severity = c.severity;
    f.organisation = std::string(org);
    int key_slot = slot_of(d, d.key);
    f.case_key = key_slot >= 0 ? shown(d.fields[static_cast<std::size_t>(key_slot)], key) : std::string(key);
    if (cc.field_slot >= 0) {
      const auto& field = d.fields[static_cast<std::size_t>(cc.field_slot)];
      f.column = field.header;
      f.value = shown(field, text_of(static_cast<std::size_t>(cc.field_slot)));
    }
    // Fill {field} placeholders; the compiler checked they name fields.
    const std::string& t = c.message;
    std::size_t placeholder = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      std::size_t end = t[i] == '{' ? t.find('}', i) : std::string::npos;
      if (end == std::string::npos) {
        f.message += t[i];
        continue;
      }
      int slot = placeholder < cc.message_slots.size() ? cc.message_slots[placeholder++] : -1;
      std::string name = t.substr(i + 1, end - i - 1);
      if (name == "value") f.message += f.value;
      else if (slot >= 0) f.message += shown(d.fields[static_cast<std::size_t>(slot)], text_of(static_cast<std::size_t>(slot)));
      else f.message += t.substr(i, end - i + 1);
      i = end;
    }
    return f;
  }

  void add(Found f) { found_.push_back(std::move(f)); }

  void drain(TableReader& reader, const std::string& path, const std::string& dataset,
             const std::vector<std::string>& headers) {
    for (const ReadIssue& issue : reader.issues())
      add({{path, issue.line,
            issue.column > 0 && static_cast<std::size_t>(issue.column) <= headers.size()
                ? headers[static_cast<std::size_t>(issue.column - 1)]
                : "",
            "input.file", rules::CheckSeverity::error,
            format_message(issue.message, options_.lang, issue.args), "", "", ""},
           dataset, ""});
    reader.issues().clear();
  }

  // The rows of `store` for one id, as evaluator rows in `scratch`.
  static void rows_for(const DatasetRows& store, std::pair<const uint32_t*, const uint32_t*> range,
                       std::vector<StoredRow>& scratch, std::vector<const expr::Row*>& out) {
    scratch.clear();
    out.clear();
    if (range.first == nullptr) return;
    for (const uint32_t* r = range.first; r != range.second; ++r) scratch.emplace_back(store, *r);
    for (const auto& row : scratch) out.push_back(&row);
  }

  // Case checks over keys [from, to), with this thread's own evaluators.
  std::vector<Found> case_checks(uint32_t from, uint32_t to) const {
    std::vector<Found> out;
    expr::Context ctx;
    ctx.today = today_;
    std::vector<std::vector<StoredRow>> scratch;
    for (const auto& cc : checks_) {
      if (cc.check->scope != Scope::case_) continue;
      Evaluators eval(*cc.check);
      const Dataset& d = rules_.datasets[cc.dataset];
      const DatasetRows& primary = stores_[cc.dataset];
      scratch.resize(cc.sources.size());
      ctx.sources.resize(cc.sources.size());
      for (uint32_t key = std::max<uint32_t>(from, 1); key < to; ++key) {
        auto rows = primary.rows_of_key(key);
        if (rows.first == rows.second) continue;
        // Once per case: bare names are the case's first row in the dataset.
        uint32_t first = *rows.first;
        StoredRow row(primary, first);
        ctx.row = &row;
        for (std::size_t s = 0; s < cc.sources.size(); ++s)
          rows_for(stores_[cc.sources[s]], stores_[cc.sources[s]].rows_of_key(key), scratch[s], ctx.sources[s]);
        if (!eval.violated(ctx)) continue;
        const DatasetRows::Meta& m = primary.meta(first);
        out.push_back({finding(cc, d, files_[m.file], m.line, [&](std::size_t s) { return primary.text(first, s); },
                               organisations_.name(m.organisation), keys_.name(key)),
                       d.header.id, cc.check->field});
      }
    }
    return out;
  }

  void run_case_checks() {
    const uint32_t keys = static_cast<uint32_t>(keys_.size());
    unsigned threads = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
    if (keys < 4096) threads = 1;
    std::vector<std::vector<Found>> parts(threads);
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t)
      workers.emplace_back([&, t] { parts[t] = case_checks(keys * t / threads, keys * (t + 1) / threads); });
    parts[0] = case_checks(0, keys / threads);
    for (auto& w : workers) w.join();
    for (auto& p : parts)
      for (auto& f : p) found_.push_back(std::move(f));
  }

  void run_organisation_checks() {
    std::map<std::string, std::vector<FindingRow>> by_org;
    for (const Found& f : found_)
      if (!f.finding.organisation.empty())
        by_org[f.finding.organisation].emplace_back(f.finding.rule, severity_id(f.finding.severity), f.dataset, f.field);
    expr::Context ctx;
    ctx.today = today_;
    std::vector<std::vector<StoredRow>> scratch;
    std::vector<Found> out;
    for (const auto& cc : checks_) {
      if (cc.check->scope != Scope::organisation) continue;
      Evaluators eval(*cc.check);
      scratch.resize(cc.sources.size());
      for (uint32_t org = 1; org < organisations_.size(); ++org) {
        auto rows = stores_[cc.dataset].rows_of_organisation(org);
        if (rows.first == rows.second) continue;
        std::string name(organisations_.name(org));
        OrganisationRow org_row(name);
        ctx.row = &org_row;
        ctx.sources.assign(cc.sources.size() + 1, {});
        for (std::size_t s = 0; s < cc.sources.size(); ++s)
          rows_for(stores_[cc.sources[s]], stores_[cc.sources[s]].rows_of_organisation(org), scratch[s], ctx.sources[s]);
        auto f = by_org.find(name);
        if (f != by_org.end())
          for (const auto& row : f->second) ctx.sources.back().push_back(&row);
        if (!eval.violated(ctx)) continue;
        Finding finding;
        finding.rule = cc.check->header.id;
        finding.severity = cc.check->severity;
        finding.organisation = name;
        finding.message = cc.check->message;
        for (std::size_t p; (p = finding.message.find("{organisation}")) != std::string::npos;)
          finding.message.replace(p, 14, name);
        out.push_back({std::move(finding), rules_.datasets[cc.dataset].header.id, ""});
      }
    }
    for (auto& f : out) found_.push_back(std::move(f));
  }

  const rules::RuleSet& rules_;
  const CheckOptions& options_;
  Diagnostics& diags_;
  Date today_;
  std::vector<CompiledCheck> checks_;
  std::vector<Evaluators> row_evaluators_;  // by check index, for the reading thread
  std::vector<DatasetRows> stores_;
  std::vector<bool> needed_;  // per dataset: rows kept for case/organisation checks
  Names keys_, organisations_;
  std::vector<std::string> files_;
  std::vector<Found> found_;
  Report report_;
};

}  // namespace

Report run_checks(const rules::RuleSet& rules, const std::vector<std::string>& files, const CheckOptions& options,
                  Diagnostics& diags) {
  Engine engine(rules, options, diags);
  for (const auto& f : files) engine.read(f);
  return engine.finish();
}

}  // namespace fangyi::check

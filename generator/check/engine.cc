// Streams every file through its dataset's row checks, keeps what case and
// organisation checks need, then evaluates those.
#include "check/engine.h"

#include <algorithm>
#include <ctime>
#include <memory>

#include "check/cells.h"
#include "check/dataset_match.h"
#include "check/mask.h"
#include "check/row_store.h"
#include "core/text.h"
#include "expr/opcodes.h"
#include "rules/environment.h"

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

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
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
  explicit OrganisationRow(const std::string& name) : name_(name) {}
  expr::Value get(std::size_t) const override { return expr::Value::string(name_); }

 private:
  const std::string& name_;
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

struct CompiledCheck {
  const Check* check = nullptr;
  std::size_t dataset = 0;              // index of the primary dataset
  std::vector<std::size_t> sources;     // dataset indexes in environment order (organisation: without findings)
  std::unique_ptr<expr::Evaluator> when, require;
};

bool holds(expr::Evaluator& e, const expr::Context& ctx) {
  expr::Value v = e.run(ctx);
  return v.kind == expr::ValueKind::bool_ && v.b;
}

class Engine {
 public:
  Engine(const rules::RuleSet& rules, const CheckOptions& options, Diagnostics& diags)
      : rules_(rules), options_(options), diags_(diags), stores_(rules.datasets.size()) {
    today_ = options.today.value_or(system_today());
    auto index_of = [&](const std::string& id) {
      for (std::size_t i = 0; i < rules.datasets.size(); ++i)
        if (rules.datasets[i].header.id == id) return i;
      return rules.datasets.size();
    };
    for (const Check& c : rules.checks) {
      CompiledCheck cc;
      cc.check = &c;
      cc.dataset = index_of(c.dataset);
      if (cc.dataset == rules.datasets.size()) continue;  // the compiler guarantees it exists
      if (c.scope == Scope::organisation) cc.sources.push_back(cc.dataset);
      for (const auto& s : c.sources) {
        if (c.scope == Scope::organisation && s == c.dataset) continue;
        cc.sources.push_back(index_of(s));
      }
      if (!c.when.code.empty()) cc.when = std::make_unique<expr::Evaluator>(c.when);
      cc.require = std::make_unique<expr::Evaluator>(c.require);
      if (c.scope != Scope::row) {
        keep_[cc.dataset] = true;
        for (std::size_t s : cc.sources) keep_[s] = true;
      }
      checks_.push_back(std::move(cc));
      report_.rules[c.header.id] =
          RuleInfo{c.header.id, c.header.name, c.header.source.seed + " " + c.header.source.section, c.severity};
    }
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
          add({path, line, d.fields[slot].header, "input.cell", rules::CheckSeverity::error,
               format_message(err->message, options_.lang, err->args), shown(d.fields[slot], raw), std::string(org),
               ""},
              d.header.id, d.fields[slot].id);
          values[slot] = expr::Value::null();
        }
      }
      for (auto& cc : checks_) {
        if (cc.dataset != di || cc.check->scope != Scope::row) continue;
        if (cc.when && !holds(*cc.when, ctx)) continue;
        if (holds(*cc.require, ctx)) continue;
        add(finding(*cc.check, d, path, line, [&](std::size_t s) { return texts[s]; }, org,
                    key_slot >= 0 ? texts[key_slot] : std::string_view()),
            d.header.id, cc.check->field);
      }
      if (keep_[di]) store(di, d, texts, values, file_index, line, org, key_slot);
      drain(*reader, path, d.header.id);
      if (options_.progress && (rows & 0xFFFF) == 0) options_.progress(reader->bytes_read(), reader->bytes_total());
    }
    drain(*reader, path, d.header.id);
    report_.inputs[file_index].rows = rows;
    if (reader->error()) diags_.add(*reader->error());
  }

  Report finish() {
    run_case_checks();
    run_organisation_checks();
    std::sort(report_.findings.begin(), report_.findings.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.organisation, a.file, a.line, a.rule, a.column, a.message) <
             std::tie(b.organisation, b.file, b.line, b.rule, b.column, b.message);
    });
    std::map<std::string, bool> cases, orgs;
    for (std::size_t i = 0; i < stores_.size(); ++i) {
      for (const auto& [k, _] : stores_[i].by_key) cases[k] = true;
      for (const auto& [o, _] : stores_[i].by_organisation) orgs[o] = true;
    }
    for (const auto& f : report_.findings)
      if (!f.organisation.empty()) orgs[f.organisation] = true;
    report_.cases = cases.size();
    report_.organisations = orgs.size();
    report_.generated_by = std::string("fangyi ") + FANGYI_VERSION;
    return std::move(report_);
  }

 private:
  static std::string_view cell(const std::vector<std::string_view>& cells, int col) {
    return col >= 0 && static_cast<std::size_t>(col) < cells.size() ? cells[static_cast<std::size_t>(col)]
                                                                      : std::string_view();
  }

  static int slot_of(const Dataset& d, const std::string& id) {
    for (std::size_t i = 0; i < d.fields.size(); ++i)
      if (d.fields[i].id == id) return static_cast<int>(i);
    return -1;
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
  Finding finding(const Check& c, const Dataset& d, const std::string& file, uint64_t line, TextOf text_of,
                  std::string_view org, std::string_view key) {
    Finding f;
    f.file = file;
    f.line = line;
    f.rule = c.header.id;
    f.severity = c.severity;
    f.organisation = std::string(org);
    int key_slot = slot_of(d, d.key);
    f.case_key = key_slot >= 0 ? shown(d.fields[static_cast<std::size_t>(key_slot)], key) : std::string(key);
    int field_slot = slot_of(d, c.field);
    if (field_slot >= 0) {
      f.column = d.fields[static_cast<std::size_t>(field_slot)].header;
      f.value = shown(d.fields[static_cast<std::size_t>(field_slot)], text_of(static_cast<std::size_t>(field_slot)));
    }
    // Fill {field} placeholders; the compiler checked they name fields.
    const std::string& t = c.message;
    for (std::size_t i = 0; i < t.size(); ++i) {
      std::size_t end = t[i] == '{' ? t.find('}', i) : std::string::npos;
      if (end == std::string::npos) {
        f.message += t[i];
        continue;
      }
      std::string name = t.substr(i + 1, end - i - 1);
      int slot = slot_of(d, name);
      if (name == "value") f.message += f.value;
      else if (slot >= 0) f.message += shown(d.fields[static_cast<std::size_t>(slot)], text_of(static_cast<std::size_t>(slot)));
      else f.message += t.substr(i, end - i + 1);
      i = end;
    }
    return f;
  }

  void add(Finding f, const std::string& dataset, const std::string& field) {
    finding_datasets_.push_back(dataset);
    finding_fields_.push_back(field);
    report_.findings.push_back(std::move(f));
  }

  void store(std::size_t di, const Dataset& d, const std::vector<std::string_view>& texts,
             const std::vector<expr::Value>& values, uint32_t file, uint64_t line, std::string_view org, int key_slot) {
    DatasetRows& rows = stores_[di];
    StoredRow& r = rows.rows.emplace_back();
    r.file = file;
    r.line = line;
    r.organisation = std::string(org);
    r.text.resize(d.fields.size());
    r.values = values;
    for (std::size_t s = 0; s < d.fields.size(); ++s) {
      // Strings must view the stored copy, not the reader's buffer.
      bool is_string = values[s].kind == expr::ValueKind::string;
      r.text[s] = is_string ? std::string(values[s].s) : std::string(texts[s]);
      if (is_string) r.values[s] = expr::Value::string(r.text[s]);
    }
    if (key_slot >= 0) r.key = std::string(texts[static_cast<std::size_t>(key_slot)]);
    if (!r.key.empty()) rows.by_key[r.key].push_back(&r);
    if (!r.organisation.empty()) rows.by_organisation[r.organisation].push_back(&r);
  }

  void drain(TableReader& reader, const std::string& path, const std::string& dataset) {
    for (const ReadIssue& issue : reader.issues())
      add({path, issue.line, "", "input.file", rules::CheckSeverity::error,
           format_message(issue.message, options_.lang, issue.args), "", "", ""},
          dataset, "");
    reader.issues().clear();
  }

  void run_case_checks() {
    expr::Context ctx;
    ctx.today = today_;
    for (auto& cc : checks_) {
      if (cc.check->scope != Scope::case_) continue;
      const Dataset& d = rules_.datasets[cc.dataset];
      // Once per case: bare names are the case's first row in the dataset.
      for (const auto& [key, case_rows] : stores_[cc.dataset].by_key) {
        const StoredRow& r = *case_rows.front();
        ctx.row = &r;
        ctx.sources.assign(cc.sources.size(), {});
        for (std::size_t s = 0; s < cc.sources.size(); ++s) {
          const auto& by_key = stores_[cc.sources[s]].by_key;
          auto it = by_key.find(r.key);
          if (it != by_key.end()) ctx.sources[s].assign(it->second.begin(), it->second.end());
        }
        if (cc.when && !holds(*cc.when, ctx)) continue;
        if (holds(*cc.require, ctx)) continue;
        add(finding(*cc.check, d, files_[r.file], r.line, [&](std::size_t s) { return std::string_view(r.text[s]); },
                    r.organisation, r.key),
            d.header.id, cc.check->field);
      }
    }
  }

  void run_organisation_checks() {
    std::map<std::string, std::vector<FindingRow>> by_org;
    for (std::size_t i = 0; i < report_.findings.size(); ++i) {
      const Finding& f = report_.findings[i];
      if (f.organisation.empty()) continue;
      by_org[f.organisation].emplace_back(f.rule, severity_id(f.severity), finding_datasets_[i], finding_fields_[i]);
    }
    expr::Context ctx;
    ctx.today = today_;
    for (auto& cc : checks_) {
      if (cc.check->scope != Scope::organisation) continue;
      for (const auto& [org, rows] : stores_[cc.dataset].by_organisation) {
        OrganisationRow org_row(org);
        ctx.row = &org_row;
        ctx.sources.assign(cc.sources.size() + 1, {});
        for (std::size_t s = 0; s < cc.sources.size(); ++s) {
          const auto& by_org_rows = stores_[cc.sources[s]].by_organisation;
          auto it = by_org_rows.find(org);
          if (it != by_org_rows.end()) ctx.sources[s].assign(it->second.begin(), it->second.end());
        }
        auto f = by_org.find(org);
        if (f != by_org.end())
          for (const auto& row : f->second) ctx.sources.back().push_back(&row);
        if (cc.when && !holds(*cc.when, ctx)) continue;
        if (holds(*cc.require, ctx)) continue;
        Finding out;
        out.rule = cc.check->header.id;
        out.severity = cc.check->severity;
        out.organisation = org;
        out.message = cc.check->message;
        for (std::size_t p; (p = out.message.find("{organisation}")) != std::string::npos;)
          out.message.replace(p, 14, org);
        add(std::move(out), rules_.datasets[cc.dataset].header.id, "");
      }
    }
  }

  const rules::RuleSet& rules_;
  const CheckOptions& options_;
  Diagnostics& diags_;
  Date today_;
  std::vector<CompiledCheck> checks_;
  std::vector<DatasetRows> stores_;
  std::map<std::size_t, bool> keep_;
  std::vector<std::string> files_;
  std::vector<std::string> finding_datasets_, finding_fields_;
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

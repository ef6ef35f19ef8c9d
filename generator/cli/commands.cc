// Declares the subcommands and their flags, turns their values into library
// calls, prints results and diagnostics, and maps outcomes to exit codes.
#include "cli/commands.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <cstring>
#include <unistd.h>
#include <iostream>

#include "build/project.h"
#include "check/engine.h"
#include "check/report.h"
#include "classify/classify.h"
#include "contacts/contacts.h"
#include "core/file_io.h"
#include "core/lang.h"
#include "core/stdout_guard.h"
#include "html/site.h"
#include "pdf/forms.h"
#include "rules/binary.h"
#include "rules/compiler.h"
#include "rules/explain.h"
#include "rules/schedule.h"
#include "rules/schedule_format.h"

namespace fangyi::cli {
namespace {

constexpr int kOk = 0;
constexpr int kFindings = 1;
constexpr int kInputError = 2;

// The language is needed before parsing, to write the help in it.
Lang language_of(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--lang" && i + 1 < argc) {
      if (auto l = parse_lang(argv[i + 1])) return *l;
    } else if (a.rfind("--lang=", 0) == 0) {
      if (auto l = parse_lang(a.substr(7))) return *l;
    }
  }
  return lang_from_environment();
}

int report(const Diagnostics& diags, const SourceMap& sources, Lang lang) {
  std::cerr << render_all(diags, sources, lang);
  if (diags.error_count() > 1) std::cerr << format_message(Msg::summary_errors, lang, {std::to_string(diags.error_count())}) << "\n";
  return diags.has_errors() ? kInputError : kOk;
}

// A date given on the command line; an error naming the accepted formats.
std::optional<Date> date_arg(const std::string& text, Diagnostics& diags) {
  auto d = parse_date(text);
  if (!d) diags.error(SourceLocation{}, Msg::date_invalid, {text}).hint = Msg::date_formats_hint;
  return d;
}

std::optional<DateStyle> date_style(const std::string& s) {
  if (s == "iso") return DateStyle::iso;
  if (s == "gregorian") return DateStyle::gregorian;
  if (s == "roc") return DateStyle::roc;
  if (s == "roc_words" || s == "roc-words") return DateStyle::roc_words;
  return std::nullopt;
}

// The flags every command reading exported tables shares.
void add_input_flags(CLI::App* cmd, std::string& encoding, std::string& sheet, Lang lang) {
  cmd->add_option("--encoding", encoding, format_message(Msg::cli_encoding, lang))
      ->check(CLI::IsMember({"auto", "utf-8", "utf8", "big5", "cp950"}));
  cmd->add_option("--sheet", sheet, format_message(Msg::cli_sheet, lang));
}

void add_date_style_flag(CLI::App* cmd, std::string& style, Lang lang) {
  cmd->add_option("--date-style", style, format_message(Msg::cli_date_style, lang))
      ->check(CLI::IsMember({"iso", "gregorian", "roc", "roc_words", "roc-words"}));
}

// --font FILE[:INDEX] into `font`; false (with a diagnostic) when malformed.
bool font_arg(const std::string& spec, pdf::FontSpec& font, Diagnostics& diags) {
  if (spec.empty()) return true;
  auto parsed = pdf::parse_font_spec(spec);
  if (!parsed) {
    diags.error(SourceLocation{}, Msg::forms_font_bad_spec, {spec});
    return false;
  }
  font = *parsed;
  return true;
}

struct Args {
  std::vector<std::string> inputs, exports;
  std::string report_format = "terminal", report_out = "-", encoding = "auto", sheet, today;
  bool show_personal = false;
  std::string output, seeds, rules_file, id, old_file, new_file, scheme, day0, format = "table", style = "iso",
      dir = ".";
  std::string roster, forms_style = "roc", font, forms_dir;
  std::vector<std::string> form_ids;
  std::string site_pages = "site", site_templates = "templates", previous;
  bool quiet = false;
  std::string school, group_type, case_who, onset, positive_test, isolated, tracing;
  std::vector<std::string> seating;
};

int run_compile(const Args& a, Lang lang) {
  SourceMap sources;
  Diagnostics diags;
  for (const auto& in : a.inputs) {
    if (in != "-" && same_file(in, a.output)) {
      diags.error(SourceLocation{a.output, 0, 0, 1}, Msg::io_would_overwrite_input, {a.output});
      return report(diags, sources, lang);
    }
  }
  rules::CompileOptions options{a.inputs, a.seeds};
  auto rules = rules::compile_rules(options, sources, diags);
  if (!rules) {
    report(diags, sources, lang);
    std::cerr << format_message(Msg::compile_failed, lang, {std::to_string(diags.error_count())}) << "\n";
    return kInputError;
  }
  if (!rules::write_rules_file(a.output, *rules, diags)) return report(diags, sources, lang);
  report(diags, sources, lang);  // warnings
  std::size_t count = rules->schemes.size() + rules->cohorts.size() + rules->disinfections.size() +
                      rules->deadlines.size() + rules->datasets.size() + rules->checks.size() + rules->forms.size() +
                      rules->contact_tracings.size();
  std::cerr << format_message(Msg::cli_compiled, lang, {std::to_string(count), a.output}) << "\n";
  return kOk;
}

std::optional<rules::RuleSet> load(const std::string& path, Lang lang) {
  Diagnostics diags;
  auto rules = rules::read_rules_file(path, diags);
  if (!rules) report(diags, SourceMap{}, lang);
  return rules;
}

int run_explain(const Args& a, Lang lang) {
  auto rules = load(a.rules_file, lang);
  if (!rules) return kInputError;
  auto text = rules::explain(*rules, a.id, lang);
  if (!text) {
    std::cerr << format_message(Msg::explain_unknown_id, lang, {a.id}) << "\n";
    return kInputError;
  }
  std::cout << *text;
  return kOk;
}

int run_diff(const Args& a, Lang lang) {
  auto before = load(a.old_file, lang);
  auto after = load(a.new_file, lang);
  if (!before || !after) return kInputError;
  rules::PolicyDiff d = rules::diff(*before, *after, lang);
  std::cout << d.text;
  return d.empty() ? kOk : kFindings;
}

int run_schedule(const Args& a, Lang lang) {
  auto rules = load(a.rules_file, lang);
  if (!rules) return kInputError;
  Diagnostics diags;
  auto day0 = date_arg(a.day0, diags);
  if (!day0) return report(diags, SourceMap{}, lang);
  auto style = date_style(a.style);
  auto schedule = rules::make_schedule(*rules, a.scheme, *day0, diags);
  if (!schedule) return report(diags, SourceMap{}, lang);
  std::cout << (a.format == "json" ? rules::schedule_json(*schedule) : rules::schedule_table(*schedule, lang, *style));
  return kOk;
}

std::optional<check::ReportFormat> report_format(const std::string& s) {
  if (s == "terminal") return check::ReportFormat::terminal;
  if (s == "jsonl") return check::ReportFormat::jsonl;
  if (s == "csv") return check::ReportFormat::csv;
  if (s == "xlsx") return check::ReportFormat::xlsx;
  if (s == "html") return check::ReportFormat::html;
  return std::nullopt;
}

// A one-line progress indicator on a terminal, redrawn in place.
void show_progress(uint64_t done, uint64_t total, Lang lang) {
  if (total == 0) return;
  uint64_t percent = std::min<uint64_t>(100, done * 100 / total);
  std::string bar = "[" + std::string(percent * 30 / 100, '#') + std::string(30 - percent * 30 / 100, '.') + "]";
  std::cerr << "\r" << format_message(Msg::cli_progress, lang, {bar, std::to_string(percent)}) << std::flush;
}

int run_check(const Args& a, Lang lang) {
  auto rules = load(a.rules_file, lang);
  if (!rules) return kInputError;
  Diagnostics diags;
  check::CheckOptions options;
  options.input.encoding = a.encoding;
  options.input.sheet = a.sheet;
  options.show_personal = a.show_personal;
  options.lang = lang;
  if (!a.today.empty() && !(options.today = date_arg(a.today, diags))) return report(diags, SourceMap{}, lang);
  bool tty = ::isatty(STDERR_FILENO) != 0;
  if (tty) options.progress = [lang](uint64_t done, uint64_t total) { show_progress(done, total, lang); };
  std::vector<std::string> files = check::expand_inputs(a.exports, diags);
  check::Report result = check::run_checks(*rules, files, options, diags);
  if (tty && options.progress) std::cerr << "\r\033[K";
  check::ReportOptions ro{lang, a.report_out == "-" && ::isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr};
  bool written = check::write_report(result, *report_format(a.report_format), ro, a.report_out, diags);
  report(diags, SourceMap{}, lang);
  std::cerr << format_message(Msg::cli_check_summary, lang,
                              {std::to_string(result.inputs.size()), std::to_string(result.findings.size()),
                               std::to_string(result.count(rules::CheckSeverity::serious)),
                               std::to_string(result.count(rules::CheckSeverity::error) -
                                              result.count(rules::CheckSeverity::serious)),
                               std::to_string(result.count(rules::CheckSeverity::warning) -
                                              result.count(rules::CheckSeverity::error))})
            << "\n";
  if (!written || diags.has_errors()) return kInputError;
  return result.count(rules::CheckSeverity::error) > 0 ? kFindings : kOk;
}

int run_forms(const Args& a, Lang lang) {
  auto rules = load(a.rules_file, lang);
  if (!rules) return kInputError;
  Diagnostics diags;
  pdf::FormsRequest req;
  req.roster = a.roster;
  req.input = {a.encoding, a.sheet};
  req.form_ids = a.form_ids;
  req.date_style = *date_style(a.forms_style);
  req.out_dir = a.forms_dir;
  if (!a.day0.empty() && !(req.day0 = date_arg(a.day0, diags))) return report(diags, SourceMap{}, lang);
  if (!a.today.empty() && !(req.today = date_arg(a.today, diags))) return report(diags, SourceMap{}, lang);
  if (!font_arg(a.font, req.font, diags)) return report(diags, SourceMap{}, lang);
  auto written = pdf::write_forms(*rules, req, diags);
  report(diags, SourceMap{}, lang);
  if (!written) return kInputError;
  for (const auto& w : *written)
    std::cerr << format_message(Msg::forms_written, lang,
                                {w.path, std::to_string(w.pages), std::to_string(w.copies),
                                 std::to_string((w.bytes + 1023) / 1024)})
              << "\n";
  return kOk;
}

int run_classify(const Args& a, Lang lang) {
  auto rules = load(a.rules_file, lang);
  if (!rules) return kInputError;
  Diagnostics diags;
  classify::ClassifyRequest req;
  req.roster = a.roster;
  req.input = {a.encoding, a.sheet};
  req.date_style = *date_style(a.forms_style);
  if (!a.today.empty() && !(req.today = date_arg(a.today, diags))) return report(diags, SourceMap{}, lang);
  auto classified = classify::classify_roster(*rules, req, diags);
  bool written = classified && classify::write_classified(*classified, a.output, diags);
  report(diags, SourceMap{}, lang);
  if (!written) return kInputError;
  if (!a.quiet) std::cerr << classify::classify_summary(*classified, lang);
  return classified->unmatched + classified->unscheduled > 0 ? kFindings : kOk;
}

int run_contacts(const Args& a, Lang lang) {
  auto rules = load(a.rules_file, lang);
  if (!rules) return kInputError;
  Diagnostics diags;
  contacts::ContactsRequest req;
  req.school = a.school;
  req.seating = a.seating;
  req.group_type = a.group_type;
  req.tracing = a.tracing;
  req.case_spec.who = a.case_who;
  req.input = {a.encoding, a.sheet};
  req.date_style = *date_style(a.forms_style);
  req.out_dir = a.output;
  for (auto [text, date] : {std::pair{&a.onset, &req.case_spec.onset}, {&a.positive_test, &req.case_spec.positive},
                            {&a.isolated, &req.case_spec.isolated}})
    if (!text->empty() && !(*date = date_arg(*text, diags))) return report(diags, SourceMap{}, lang);
  if (!font_arg(a.font, req.font, diags)) return report(diags, SourceMap{}, lang);
  auto result = contacts::write_contacts(*rules, req, diags);
  report(diags, SourceMap{}, lang);
  if (!result) return kInputError;
  if (!a.quiet) std::cout << result->summary;
  for (const std::string& f : result->files)
    std::cerr << format_message(Msg::contacts_written, lang, {(std::filesystem::path(a.output) / f).string()}) << "\n";
  return kOk;
}

int run_site(const Args& a, Lang lang) {
  auto rules = load(a.rules_file, lang);
  if (!rules) return kInputError;
  std::optional<rules::RuleSet> previous;
  if (!a.previous.empty() && !(previous = load(a.previous, lang))) return kInputError;
  html::SiteOptions options;
  options.pages_dir = a.site_pages;
  options.templates_dir = a.site_templates;
  options.seeds_dir = a.seeds;
  if (options.seeds_dir.empty() && std::filesystem::is_directory("../shared/seeds")) options.seeds_dir = "../shared/seeds";
  options.output_dir = a.output;
  options.rules = &*rules;
  options.previous = previous ? &*previous : nullptr;
  options.previous_name = std::filesystem::path(a.previous).filename().string();
  options.lang = lang;
  Diagnostics diags;
  html::SiteResult result;
  bool ok = html::render_site(options, diags, result);
  report(diags, SourceMap{}, lang);
  if (!ok) return kInputError;
  std::cerr << format_message(Msg::cli_site_done, lang,
                              {std::to_string(result.pages), std::to_string(result.files), a.output})
            << "\n";
  return kOk;
}

int run_build(const Args& a, Lang lang) {
  SourceMap sources;
  Diagnostics diags;
  build::BuildOptions options{a.dir, a.seeds, lang, std::nullopt};
  if (!a.today.empty() && !(options.today = date_arg(a.today, diags))) return report(diags, sources, lang);
  build::BuildResult result;
  bool ok = build::build_project(options, sources, diags, result);
  report(diags, sources, lang);
  for (const auto& w : result.written) std::cerr << format_message(Msg::cli_wrote, lang, {w}) << "\n";
  return ok ? kOk : kInputError;
}

int run_command(int argc, char** argv) {
  const Lang lang = language_of(argc, argv);
  auto text = [lang](Msg m) { return format_message(m, lang); };
  CLI::App app{text(Msg::cli_about), "fangyi"};
  app.require_subcommand(1);
  std::string lang_flag;
  app.add_option("--lang", lang_flag, text(Msg::cli_lang));
  app.set_version_flag("--version", std::string("fangyi ") + FANGYI_VERSION, text(Msg::cli_version));
  Args a;

  CLI::App* compile = app.add_subcommand("compile", text(Msg::cli_compile));
  compile->add_option("rules", a.inputs, text(Msg::cli_compile_inputs))->required();
  compile->add_option("-o,--output", a.output, text(Msg::cli_output))->required();
  compile->add_option("--seeds", a.seeds, text(Msg::cli_seeds));

  CLI::App* explain = app.add_subcommand("explain", text(Msg::cli_explain));
  explain->add_option("rules", a.rules_file, text(Msg::cli_rules_file))->required();
  explain->add_option("id", a.id, text(Msg::cli_rule_id));

  CLI::App* diff = app.add_subcommand("diff", text(Msg::cli_diff));
  diff->add_option("old", a.old_file, text(Msg::cli_diff_old))->required();
  diff->add_option("new", a.new_file, text(Msg::cli_diff_new))->required();

  CLI::App* schedule = app.add_subcommand("schedule", text(Msg::cli_schedule));
  schedule->add_option("--rules", a.rules_file, text(Msg::cli_rules_file))->required();
  schedule->add_option("--scheme", a.scheme, text(Msg::cli_scheme))->required();
  schedule->add_option("--day0", a.day0, text(Msg::cli_day0))->required();
  schedule->add_option("--format", a.format, text(Msg::cli_format))->check(CLI::IsMember({"table", "json"}));
  add_date_style_flag(schedule, a.style, lang);

  CLI::App* check = app.add_subcommand("check", text(Msg::cli_check));
  check->add_option("--rules", a.rules_file, text(Msg::cli_rules_file))->required();
  check->add_option("files", a.exports, text(Msg::cli_check_files))->required();
  check->add_option("--format", a.report_format, text(Msg::cli_check_format))
      ->check(CLI::IsMember({"terminal", "jsonl", "csv", "xlsx", "html"}));
  check->add_option("-o,--output", a.report_out, text(Msg::cli_check_output));
  add_input_flags(check, a.encoding, a.sheet, lang);
  check->add_flag("--show-personal-data", a.show_personal, text(Msg::cli_show_personal));
  check->add_option("--today", a.today, text(Msg::cli_today));

  CLI::App* forms = app.add_subcommand("forms", text(Msg::cli_forms));
  forms->add_option("--rules", a.rules_file, text(Msg::cli_rules_file))->required();
  forms->add_option("--roster", a.roster, text(Msg::cli_forms_roster));
  forms->add_option("--form", a.form_ids, text(Msg::cli_forms_form));
  add_date_style_flag(forms, a.forms_style, lang);
  forms->add_option("--day0,--date", a.day0, text(Msg::cli_forms_day0));
  forms->add_option("--today", a.today, text(Msg::cli_today));
  forms->add_option("--font", a.font, text(Msg::cli_forms_font));
  add_input_flags(forms, a.encoding, a.sheet, lang);
  forms->add_option("-o,--output", a.forms_dir, text(Msg::cli_forms_output))->required();

  CLI::App* classify = app.add_subcommand("classify", text(Msg::cli_classify));
  classify->add_option("--rules", a.rules_file, text(Msg::cli_rules_file))->required();
  classify->add_option("--roster", a.roster, text(Msg::cli_classify_roster))->required();
  classify->add_option("-o,--output", a.output, text(Msg::cli_classify_output));
  add_date_style_flag(classify, a.forms_style, lang);
  classify->add_option("--today", a.today, text(Msg::cli_today));
  add_input_flags(classify, a.encoding, a.sheet, lang);
  classify->add_flag("-q,--quiet", a.quiet, text(Msg::cli_quiet));

  CLI::App* contacts = app.add_subcommand("contacts", text(Msg::cli_contacts));
  contacts->add_option("--rules", a.rules_file, text(Msg::cli_rules_file))->required();
  contacts->add_option("--school", a.school, text(Msg::cli_contacts_school));
  contacts->add_option("--seating", a.seating, text(Msg::cli_contacts_seating));
  contacts->add_option("--group-type", a.group_type, text(Msg::cli_contacts_group_type));
  contacts->add_option("--case", a.case_who, text(Msg::cli_contacts_case));
  contacts->add_option("--onset", a.onset, text(Msg::cli_contacts_onset));
  contacts->add_option("--positive-test", a.positive_test, text(Msg::cli_contacts_positive));
  contacts->add_option("--isolated", a.isolated, text(Msg::cli_contacts_isolated));
  contacts->add_option("--tracing", a.tracing, text(Msg::cli_contacts_tracing));
  add_date_style_flag(contacts, a.forms_style, lang);
  contacts->add_option("--font", a.font, text(Msg::cli_forms_font));
  add_input_flags(contacts, a.encoding, a.sheet, lang);
  contacts->add_flag("-q,--quiet", a.quiet, text(Msg::cli_quiet));
  contacts->add_option("-o,--output", a.output, text(Msg::cli_contacts_output))->required();

  CLI::App* site = app.add_subcommand("site", text(Msg::cli_site));
  site->add_option("--rules", a.rules_file, text(Msg::cli_rules_file))->required();
  site->add_option("pages,--pages", a.site_pages, text(Msg::cli_site_pages));
  site->add_option("--templates", a.site_templates, text(Msg::cli_site_templates));
  site->add_option("--previous", a.previous, text(Msg::cli_site_previous));
  site->add_option("--seeds", a.seeds, text(Msg::cli_site_seeds));
  site->add_option("-o,--output", a.output, text(Msg::cli_site_output))->required();

  CLI::App* build = app.add_subcommand("build", text(Msg::cli_build));
  build->add_option("dir", a.dir, text(Msg::cli_build_dir));
  build->add_option("--seeds", a.seeds, text(Msg::cli_seeds));
  build->add_option("--today", a.today, text(Msg::cli_today));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? kOk : kInputError;
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e) == 0 ? kOk : kInputError;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    return kOk;
  } catch (const CLI::ParseError& e) {
    std::cerr << format_message(Msg::cli_usage_error, lang, {e.what()}) << "\n";
    std::cerr << app.help() << "\n";
    return kInputError;
  }
  if (!lang_flag.empty() && !parse_lang(lang_flag)) {
    std::cerr << format_message(Msg::cli_usage_error, lang, {"--lang " + lang_flag}) << "\n";
    return kInputError;
  }
  if (compile->parsed()) return run_compile(a, lang);
  if (explain->parsed()) return run_explain(a, lang);
  if (diff->parsed()) return run_diff(a, lang);
  if (schedule->parsed()) return run_schedule(a, lang);
  if (check->parsed()) return run_check(a, lang);
  if (forms->parsed()) return run_forms(a, lang);
  if (classify->parsed()) return run_classify(a, lang);
  if (contacts->parsed()) return run_contacts(a, lang);
  if (site->parsed()) return run_site(a, lang);
  if (build->parsed()) return run_build(a, lang);
  return kInputError;
}

}  // namespace

int run(int argc, char** argv) {
  StdoutGuard out;
  int code = run_command(argc, argv);
  std::string error;
  if (out.finish(&error)) return code;
  Diagnostics diags;
  diags.error(SourceLocation{}, Msg::io_cannot_write_stdout, {error});
  return report(diags, SourceMap{}, language_of(argc, argv));
}

}  // namespace fangyi::cli

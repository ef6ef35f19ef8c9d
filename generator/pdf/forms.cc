// Which people go on which form: a form pre-fills from the roster when the
// roster is the form's dataset; when a cohort sorts that dataset into
// schemes, a person goes on the forms of the scheme their cohort branch
// names, with that branch's day 0. Everyone else on a form without a cohort.
#include "pdf/forms.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <unordered_map>

#include "core/file_io.h"
#include "core/text.h"
#include "pdf/form_layout.h"
#include "core/parallel.h"
#include "pdf/pdf_writer.h"
#include "pdf/roster.h"
#include "rules/cohort.h"
#include "rules/schedule.h"

namespace fangyi::pdf {
namespace {

std::string family_of(const rules::RuleSet& rules, const std::string& scheme) {
  const rules::Scheme* s = rules.scheme(scheme);
  return s ? s->family : scheme;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", unsigned(cp));
  return buf;
}

std::string utf8(char32_t cp) {
  std::string s;
  append_utf8(s, cp);
  return s;
}

// A person's characters that cannot be printed are errors naming the person
// and the character: a name must never lose a character silently.
bool printable(const Roster& roster, const RosterRow& row, const Font& font, Diagnostics& diags) {
  bool ok = true;
  std::string name;
  for (std::size_t slot = 0; slot < row.cells.size(); ++slot)
    if (roster.dataset->fields[slot].id == "name") name = row.cells[slot];
  for (std::size_t slot = 0; slot < row.cells.size(); ++slot) {
    const std::string& text = row.cells[slot];
    for (std::size_t i = 0; i < text.size();) {
      char32_t cp = next_code_point(text, i);
      if (cp == ' ') continue;
      if (cp > 0xFFFF) {
        diags.error(roster.where(row, slot), Msg::forms_char_outside_bmp,
                    {name, roster.dataset->fields[slot].header, utf8(cp), code_point_name(cp)});
        ok = false;
      } else if (!font.covers(cp)) {
        diags.error(roster.where(row, slot), Msg::forms_char_no_glyph,
                    {name, roster.dataset->fields[slot].header, utf8(cp), code_point_name(cp), font.spec().path});
        ok = false;
      }
    }
  }
  return ok;
}

std::time_t creation_time(const std::optional<std::time_t>& given) {
  if (given) return *given;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    long long v = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0' && v >= 0) return std::time_t(v);
  }
  return std::time(nullptr);
}

class Planner {
 public:
  // Sorts the roster's people into cohorts once: every form of the roster's
  // dataset asks which scheme each person is in.
  Planner(const rules::RuleSet& rules, const FormsRequest& req, const Roster* roster)
      : rules_(rules), req_(req), roster_(roster), today_(req.today.value_or(local_today())) {
    const rules::Cohort* cohort = roster_ ? rules::cohort_for(rules_, roster_->dataset->header.id) : nullptr;
    if (!cohort) return;
    for (const RosterRow& row : roster_->rows) {
      rules::CohortDecision decided = rules::decide_cohort(*cohort, RosterRowView(*roster_, row), today_);
      decisions_.push_back({decided.branch ? family_of(rules_, decided.branch->scheme) : std::string(), decided.day0});
    }
  }

  // The people of `form`; nullopt on error (in `diags`). Empty when the
  // roster has no one for it. Safe to call from several threads.
  std::optional<std::vector<Person>> people(const rules::Form& form, Diagnostics& diags) const {
    std::vector<Person> out;
    if (!roster_) {
      Date day0 = req_.day0 ? *req_.day0 : today_;
      auto s = rules::make_schedule(rules_, form.scheme, day0, diags);
      if (!s) return std::nullopt;
      out.push_back({nullptr, std::move(*s)});
      return out;
    }
    std::string family = family_of(rules_, form.scheme);
    // A schedule depends only on its day 0, and people arrive on the same
    // days: each is made once.
    std::unordered_map<int32_t, rules::Schedule> made;
    for (std::size_t r = 0; r < roster_->rows.size(); ++r) {
      std::optional<Date> day0;
      if (!decisions_.empty()) {
        const Decision& decided = decisions_[r];
        if (decided.family.empty() || decided.family != family) continue;
        day0 = decided.day0;
      }
      if (!day0) day0 = req_.day0 ? *req_.day0 : today_;
      auto it = made.find(day0->days());
      if (it == made.end()) {
        auto s = rules::make_schedule(rules_, form.scheme, *day0, diags);
        if (!s) return std::nullopt;
        it = made.emplace(day0->days(), std::move(*s)).first;
      }
      out.push_back({&roster_->rows[r], it->second});
    }
    return out;
  }

 private:
  // A person's cohort branch: the family of its scheme ("" when no branch
  // matches) and its day 0.
  struct Decision {
    std::string family;
    std::optional<Date> day0;
  };
  const rules::RuleSet& rules_;
  const FormsRequest& req_;
  const Roster* roster_;
  Date today_;
  std::vector<Decision> decisions_;
};

struct Rendered {
  WrittenForm info;
  std::string bytes;
};

}  // namespace

std::string form_file_name(const rules::Form& form) {
  std::string name = form.attachment.empty() ? form.header.name : form.attachment + "-" + form.header.name;
  for (char& c : name)
    if (c == '/' || c == '\\') c = '_';
  return name + ".pdf";
}

std::optional<std::vector<WrittenForm>> write_forms(const rules::RuleSet& rules, const FormsRequest& req,
                                                    Diagnostics& diags) {
  std::unique_ptr<Font> font = Font::open(req.font, diags);
  if (!font) return std::nullopt;

  std::vector<const rules::Form*> forms;
  if (req.form_ids.empty()) {
    for (const rules::Form& f : rules.forms) forms.push_back(&f);
  } else {
    std::vector<std::string> known;
    for (const rules::Form& f : rules.forms) known.push_back(f.header.id);
    for (const std::string& id : req.form_ids) {
      if (const rules::Form* f = rules.form(id)) forms.push_back(f);
      else suggest_among(diags.error({}, Msg::forms_unknown_form, {id}), id, known, Msg::forms_known_forms);
    }
  }
  if (diags.has_errors()) return std::nullopt;

  std::optional<Roster> roster;
  if (!req.roster.empty()) {
    roster = read_roster(rules, req.roster, req.input, diags);
    if (!roster) return std::nullopt;
    bool ok = true;
    for (const RosterRow& row : roster->rows) ok = printable(*roster, row, *font, diags) && ok;
    if (!ok) return std::nullopt;
  }

  const Planner planner(rules, req, roster ? &*roster : nullptr);
  const std::time_t created = creation_time(req.created);

  // Every form is its own document: each is planned, laid out and rendered
  // on a thread of its own, the largest first, and the pieces of one
  // document (its copies, its page streams) again on every core. What each
  // reports is kept per form and added in form order.
  struct Job {
    const rules::Form* form;
    Diagnostics diags;
    std::optional<Rendered> result;
    bool nobody = false;
  };
  std::vector<Job> jobs;
  for (const rules::Form* form : forms) {
    if (roster && form->roster != roster->dataset->header.id) {
      // An explicitly asked-for form the roster cannot fill is an error;
      // among all forms it is simply not one of this roster's.
      if (!req.form_ids.empty())
        diags.error({req.roster}, Msg::forms_roster_mismatch, {form->header.id, form->roster, roster->dataset->header.id});
      continue;
    }
    jobs.push_back({form, {}, {}});
  }
  if (diags.has_errors()) return std::nullopt;

  const std::size_t cores = worker_count();
  auto render = [&](Job& job) {
    const rules::Form* form = job.form;
    auto people = planner.people(*form, job.diags);
    if (!people) return;
    if (people->empty()) {
      job.nobody = true;
      return;
    }
    FormInput in{&rules, form, roster ? &*roster : nullptr, std::move(*people), req.date_style, !req.day0};
    Document doc = layout_form(in, *font, cores);
    std::set<char32_t> chars = characters(doc, cores);
    std::set<char32_t> bad = unprintable(chars, *font);
    for (char32_t cp : bad)
      job.diags.error({form->header.origin.file, form->header.origin.line, form->header.origin.column},
                      Msg::forms_form_char_unprintable, {form->header.id, utf8(cp), code_point_name(cp), font->spec().path});
    if (!bad.empty()) return;
    std::string error;
    std::optional<std::string> bytes = write_pdf(doc, chars, *font, created, &error, cores);
    if (!bytes) {
      job.diags.error({}, Msg::forms_pdf_failed, {form->header.id, error});
      return;
    }
    // People named on it: a checklist is about the place, not its people.
    bool about_people = form->layout != rules::FormLayout::checklist && form->layout != rules::FormLayout::disinfection;
    int copies = roster && about_people ? int(in.people.size()) : 0;
    std::string path = (std::filesystem::path(req.out_dir) / form_file_name(*form)).string();
    job.result = Rendered{{path, form->header.id, copies, int(doc.pages.size()), bytes->size()}, std::move(*bytes)};
  };
  // Forms with a copy per person are the long ones: they start first, so
  // one long form does not run alone at the end.
  std::vector<Job*> queue;
  for (Job& j : jobs) queue.push_back(&j);
  auto per_person = [](const Job* j) {
    rules::FormLayout layout = j->form->layout;
    return layout == rules::FormLayout::daily_log || layout == rules::FormLayout::notice ||
           layout == rules::FormLayout::letter;
  };
  std::stable_sort(queue.begin(), queue.end(), [&](const Job* a, const Job* b) { return per_person(a) > per_person(b); });
  parallel_for(queue.size(), cores, [&](std::size_t i, std::size_t) { render(*queue[i]); });

  std::vector<Rendered> out;
  for (Job& j : jobs) {
    diags.append(j.diags);
    if (j.nobody) diags.add({Severity::note, {req.roster}, Msg::forms_nobody, {j.form->header.id, j.form->header.name}, {}, {}});
    if (j.result) out.push_back(std::move(*j.result));
  }
  if (diags.has_errors()) return std::nullopt;

  std::error_code ec;
  std::filesystem::create_directories(req.out_dir, ec);
  if (ec) {
    diags.error({req.out_dir}, Msg::io_cannot_write, {req.out_dir, ec.message()});
    return std::nullopt;
  }
  std::vector<WrittenForm> written;
  for (Rendered& r : out) {
    std::string error;
    if (!write_file_atomic(r.info.path, r.bytes, &error)) {
      diags.error({r.info.path}, Msg::io_cannot_write, {r.info.path, error});
      return std::nullopt;
    }
    written.push_back(r.info);
  }
  return written;
}

}  // namespace fangyi::pdf

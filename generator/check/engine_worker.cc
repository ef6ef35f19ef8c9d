// The worker: cells to values, row checks, kept records.
#include "check/engine_worker.h"

#include "check/csv_reader.h"
#include "core/text.h"

namespace fangyi::check::engine {

Worker::Worker(const FileJob& job)
    : job_(job), d_(job.plan.rules.datasets[job.dataset]), n_(d_.fields.size()), values_(n_), convert_(d_),
      checks_(job.plan, job.dataset, convert_), texts_(n_) {
  key_slot_ = slot_of(d_, d_.key);
  org_slot_ = slot_of(d_, d_.organisation);
  slot_of_column_.assign(job.headers.size(), -1);
  for (std::size_t slot = 0; slot < n_; ++slot) {
    const int col = job.match.column_of_field[slot];
    if (col >= 0 && static_cast<std::size_t>(col) < job.headers.size())
      slot_of_column_[static_cast<std::size_t>(col)] = static_cast<int>(slot);
    else
      absent_.push_back(slot);
  }
  ctx_.values = values_.data();
  ctx_.value_count = values_.size();
  ctx_.today = job.plan.today;
}

void Worker::process(const RowBatch& batch, BatchResult& out) {
  out.spill.resize(job_.state.spill.partitions());
  out.file_end = batch.plain_from.file_end;
  issues_.clear();
  if (batch.plain) {
    process_plain(batch, out);
  } else {
    batch.each_row(cells_, [&](const std::vector<std::string_view>& cells, uint64_t line) {
      errors_.clear();
      convert_.convert_row(cells.data(), cells.size(), job_.match.column_of_field.data(), values_.data(),
                           texts_.data(), [&](std::size_t slot, std::string_view, CellError& err) {
                             errors_.emplace_back(slot, std::move(err));
                           });
      finish_row(line, out);
    });
  }
  const std::vector<ReadIssue>* all_issues[] = {&batch.issues, &issues_};
  for (const std::vector<ReadIssue>* issues : all_issues) {
    for (const ReadIssue& issue : *issues) {
      std::string column = issue.column > 0 && static_cast<std::size_t>(issue.column) <= job_.headers.size()
                               ? job_.headers[static_cast<std::size_t>(issue.column - 1)]
                               : "";
      out.found.push_back({{job_.path, issue.line, std::move(column), "input.file", rules::CheckSeverity::error,
                            format_message(issue.message, job_.plan.options.lang, issue.args), "", "", ""},
                           job_.dataset, -1});
    }
  }
}

// Unsplit rows: each cell is converted as the split reaches it, into the
// slot its column feeds.
void Worker::process_plain(const RowBatch& batch, BatchResult& out) {
  PlainRows rows(PlainText{batch.plain_text(), batch.plain_from.line, batch.plain_from.delimiter, 0},
                 job_.headers.size());
  expr::Value* const values = values_.data();
  std::string_view* const texts = texts_.data();
  const int* const slot_of = slot_of_column_.data();
  for (;;) {
    uint64_t line = 0;
    std::size_t count = 0;
    errors_.clear();
    bool row = rows.next_row(line, count, issues_, [&](std::size_t column, std::string_view cell) {
      const int slot = slot_of[column];
      if (slot < 0) return;
      if (auto err = convert_.convert_one(static_cast<std::size_t>(slot), cell, values, texts))
        errors_.emplace_back(static_cast<std::size_t>(slot), std::move(*err));
    });
    if (!row) break;
    // Fields of no column, or past the end of a short row, are empty.
    for (std::size_t slot : absent_) convert_.convert_one(slot, {}, values, texts);
    if (count < job_.headers.size()) {
      for (std::size_t slot = 0; slot < n_; ++slot) {
        const int col = job_.match.column_of_field[slot];
        if (col >= 0 && static_cast<std::size_t>(col) >= count) convert_.convert_one(slot, {}, values, texts);
      }
    }
    finish_row(line, out);
  }
}

// A row whose cells are converted (errors_ holds their problems): its
// findings, row checks and kept record.
void Worker::finish_row(uint64_t line, BatchResult& out) {
  const Plan& plan = job_.plan;
  ++out.rows;
  const std::string_view org = org_slot_ >= 0 ? texts_[static_cast<std::size_t>(org_slot_)] : std::string_view();
  for (auto& [slot, err] : errors_) {
    out.found.push_back({{job_.path, line, d_.fields[slot].header, "input.cell", rules::CheckSeverity::error,
                          format_message(err.message, plan.options.lang, err.args),
                          plan.shown(d_.fields[slot], texts_[slot]), std::string(org), ""},
                         job_.dataset, static_cast<int>(slot)});
  }
  std::string_view key = key_slot_ >= 0 ? texts_[static_cast<std::size_t>(key_slot_)] : std::string_view();
  checks_.run(ctx_, convert_.codes(), [&](std::size_t check) {
    const CompiledCheck& cc = plan.checks[check];
    out.found.push_back({plan.finding(cc, job_.path, line, [&](std::size_t s) { return texts_[s]; }, org, key),
                         job_.dataset, cc.field_slot});
  });
  const Projection& case_keep = plan.case_keep[job_.dataset];
  const Projection& org_keep = plan.organisation_keep[job_.dataset];
  if (key.empty() && !org_keep.rows) return;
  RecordHead head{static_cast<uint8_t>(job_.dataset), job_.file, static_cast<uint32_t>(line), organisation(org), key};
  if (!key.empty())
    encode_record(head, case_keep, values_.data(), texts_.data(), out.spill[job_.state.spill.partition_of(key)]);
  if (org_keep.rows) encode_record(head, org_keep, values_.data(), texts_.data(), out.organisation_records);
}

// School names repeat row after row: ask the shared table only on a change.
uint32_t Worker::organisation(std::string_view name) {
  if (name != last_org_) {
    last_org_.assign(name);
    last_org_id_ = job_.state.organisations.id(name);
  }
  return last_org_id_;
}

}  // namespace fangyi::check::engine

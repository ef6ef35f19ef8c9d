// Times the two stages of `fangyi contacts` that find the close contacts,
// without the writing: reading the school (contacts::read_school: manifest,
// people, groups, timetable, seating charts) and tracing (contacts::trace).
// bench/contacts/run.sh runs it on a generated school.
//
//   bench_trace RULES.fyb SCHOOL.yaml [--runs K] [--tracing ID]
//
// Loads the rule binary once, then K times reads the school and traces its
// case, and prints per stage the median, minimum and maximum wall time over
// the runs (steady_clock) and the median CPU time (the process's, which is
// the stages' own: they run on one thread), the number of contacts, and one
// machine-readable line of medians:
//   RESULT read_ms=… trace_ms=… read_trace_ms=… read_trace_cpu_ms=… trace_cpu_ms=… contacts=…
// On a machine shared with other work, CPU time is what wall time would be
// on an idle one.
// Exit status 1 when the rules, the school or the trace fail.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <time.h>

#include "contacts/school_data.h"
#include "contacts/tracer.h"
#include "core/diagnostic.h"
#include "rules/binary.h"

namespace {

using namespace fangyi;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Stats {
  double median, min, max;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  double median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return {median, v.front(), v.back()};
}

int fail(const Diagnostics& diags) {
  std::cerr << render_all(diags, SourceMap{}, Lang::en);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules_path, school_path, tracing_id;
  int runs = 20;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--tracing" && i + 1 < argc) tracing_id = argv[++i];
    else if (rules_path.empty()) rules_path = a;
    else if (school_path.empty()) school_path = a;
    else school_path.clear(), i = argc;  // an extra argument: usage
  }
  if (rules_path.empty() || school_path.empty()) {
    std::cerr << "usage: bench_trace RULES.fyb SCHOOL.yaml [--runs K] [--tracing ID]\n";
    return 1;
  }

  Diagnostics diags;
  Clock::time_point t0 = Clock::now();
  auto rules = rules::read_rules_file(rules_path, diags);
  double load_ms = ms_since(t0, Clock::now());
  if (!rules) return fail(diags);
  const rules::ContactTracing* tracing = tracing_id.empty() && rules->contact_tracings.size() == 1
                                             ? &rules->contact_tracings.front()
                                             : rules->contact_tracing(tracing_id);
  if (!tracing) {
    std::cerr << "bench_trace: name the contact-tracing rule with --tracing\n";
    return 1;
  }

  std::vector<double> read_ms, trace_ms, total_ms, trace_cpu, total_cpu;
  std::size_t contacts = 0, people = 0, lessons = 0, memberships = 0, charts = 0;
  for (int run = 0; run < runs; ++run) {
    double cpu_a = cpu_ms();
    Clock::time_point a = Clock::now();
    auto school = contacts::read_school(*rules, *tracing, school_path, {}, diags);
    Clock::time_point b = Clock::now();
    double cpu_b = cpu_ms();
    if (!school) return fail(diags);
    auto trace = contacts::trace(*rules, *tracing, *school, school->case_spec, diags);
    Clock::time_point c = Clock::now();
    double cpu_c = cpu_ms();
    if (!trace) return fail(diags);
    read_ms.push_back(ms_since(a, b));
    trace_ms.push_back(ms_since(b, c));
    total_ms.push_back(ms_since(a, c));
    trace_cpu.push_back(cpu_c - cpu_b);
    total_cpu.push_back(cpu_c - cpu_a);
    contacts = trace->contacts.size();
    people = school->persons.size(), lessons = school->lessons.size(), memberships = school->memberships.size();
    charts = school->charts.size();
  }

  std::printf("school: %zu people, %zu lessons, %zu group memberships, %zu seating charts; %zu close contacts\n", people,
              lessons, memberships, charts, contacts);
  std::printf("rule binary loaded once in %.2f ms; %d runs:\n", load_ms, runs);
  std::vector<double> read_cpu(runs);
  for (int i = 0; i < runs; ++i) read_cpu[std::size_t(i)] = total_cpu[std::size_t(i)] - trace_cpu[std::size_t(i)];
  std::printf("  %-14s %10s %10s %10s %10s\n", "stage", "median ms", "min ms", "max ms", "CPU ms");
  for (auto [name, wall, cpu] : {std::tuple{"read_school", &read_ms, &read_cpu}, {"trace", &trace_ms, &trace_cpu},
                                 {"read + trace", &total_ms, &total_cpu}}) {
    Stats s = stats(*wall);
    std::printf("  %-14s %10.2f %10.2f %10.2f %10.2f\n", name, s.median, s.min, s.max, stats(*cpu).median);
  }
  std::printf("RESULT read_ms=%.3f trace_ms=%.3f read_trace_ms=%.3f read_trace_cpu_ms=%.3f trace_cpu_ms=%.3f contacts=%zu\n",
              stats(read_ms).median, stats(trace_ms).median, stats(total_ms).median, stats(total_cpu).median,
              stats(trace_cpu).median, contacts);
  return 0;
}

// What the Chromium and the Firefox tests share: their options, the check
// tally, rendering the default rules' handbook with the real fangyi, and the
// search expectations both browsers must meet, so the two cannot drift apart.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

function option(name, fallback) {
  const i = process.argv.indexOf("--" + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

class Checks {
  constructor() {
    this.count = 0;
    this.failures = [];
  }

  check(ok, what) {
    this.count++;
    if (!ok) this.failures.push(what);
    console.log((ok ? "ok   " : "FAIL ") + what);
  }
}

// A work folder, and the screenshots folder inside it unless --screenshots.
function workspace(prefix) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const shots = option("screenshots", path.join(work, "screenshots"));
  fs.mkdirSync(shots, { recursive: true });
  return { work, shots };
}

// Renders the default handbook into WORK/site with `fangyi site`, with a
// previous rule binary lacking the 3+4 scheme so "what changed" has content.
function buildHandbook(fangyi, source, work) {
  const rules = path.join(work, "rules.fyb");
  const previous = path.join(work, "previous.fyb");
  const run = (args) => execFileSync(fangyi, args, { cwd: source, stdio: ["ignore", "pipe", "pipe"] });
  run(["compile", "rules", "forms", "-o", rules]);
  const old = path.join(work, "old-rules");
  fs.cpSync(fs.realpathSync(path.join(source, "rules")), old, { recursive: true });
  fs.rmSync(path.join(old, "schemes", "home-isolation-3plus4.yaml"));
  const ten = path.join(old, "schemes", "home-isolation-10.yaml");
  fs.writeFileSync(ten, fs.readFileSync(ten, "utf8").replace(/^effective:.*$/m, ""));
  run(["compile", old, "forms", "-o", previous]);
  const seeds = path.resolve(source, "..", "shared", "seeds");
  const args = ["site", "--rules", rules, "--previous", previous, "--pages", "site", "--templates", "templates",
                "-o", path.join(work, "site")];
  if (fs.existsSync(seeds)) args.push("--seeds", seeds);
  run(args);
  return path.join(work, "site");
}

// The first results of the two keyboard searches, as hrefs in order.
function expectRapidTest(hits, checks) {
  checks.check(hits[0] === "qa-3plus4.html", "快篩: the 3+4 Q&A (a section on rapid tests) comes first");
  checks.check(hits.slice(0, 4).includes("scheme-home-isolation-3plus4.html") && hits.slice(0, 4).includes("reporting.html"),
               "快篩: the 3+4 scheme and the reporting notes (第 10–12 天快篩) are in the first four");
  checks.check(!hits.slice(0, 4).some((h) => h.startsWith("seed-")), "快篩: source documents rank below the handbook's pages");
}

function expectNineGrid(hits, checks) {
  checks.check(hits[0] === "contacts.html", "九宮格: the close-contact rule page (nine-grid relations, seating) comes first");
  checks.check(hits[1] === "qa-3plus4.html", "九宮格: the Q&A (Q9, Q17, Q23) comes second");
  checks.check(hits[2] === "confirmed-case.html", "九宮格: the confirmed-case duties page comes third");
}

// Prints the tally, removes the work folder when everything passed (keeping
// screenshots written inside it) or says where the site is, and exits.
// Opens every page of the sidebar with the browser's `goto`/`evaluate` and
// checks that the sidebar is drawn and every in-page anchor exists; returns
// the pages' files.
async function checkEveryPage({ goto, evaluate, url }, checks) {
  const files = await evaluate("window.FANGYI_NAV.flatMap(g => g[1].map(p => p[0]))");
  for (const f of files) {
    await goto(url(f));
    const broken = await evaluate(`Array.from(document.querySelectorAll('a[href^="#"]'))
      .map(a => a.getAttribute('href').slice(1)).filter(id => id && !document.getElementById(decodeURIComponent(id)))`);
    checks.check(broken.length === 0 && await evaluate("document.querySelectorAll('#toc a').length") >= files.length,
                 f + ": sidebar drawn, in-page anchors resolve" + (broken.length ? " (missing: " + broken.join(", ") + ")" : ""));
  }
  return files;
}

// Stops a browser started in its own process group and removes its profile
// (which it may still be writing for a moment after it exits).
async function stopBrowser(proc, profile) {
  const exited = proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve() : new Promise((r) => proc.once("exit", r));
  try { process.kill(-proc.pid, "SIGKILL"); } catch (e) { /* the group is gone */ }
  await exited;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.rmSync(profile, { recursive: true, force: true });
      return;
    } catch (e) {
      if (attempt === 20) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function finish(checks, work, shots) {
  console.log("screenshots in " + shots);
  console.log(checks.count - checks.failures.length + "/" + checks.count + " checks passed");
  const failed = checks.failures.length > 0;
  if (!failed)
    for (const f of ["site", "old-rules", "rules.fyb", "previous.fyb", "print.pdf"]) fs.rmSync(path.join(work, f), { recursive: true, force: true });
  if (!failed && !path.resolve(shots).startsWith(work)) fs.rmSync(work, { recursive: true, force: true });
  else if (failed) console.log("site kept in " + path.join(work, "site"));
  process.exit(failed ? 1 : 0);
}

module.exports = { option, Checks, workspace, buildHandbook, expectRapidTest, expectNineGrid, checkEveryPage, stopBrowser, finish };

// End-to-end test of the handbook in headless Chromium, opened from file://
// as a school would open it from a USB stick: renders the default rules'
// handbook with the real fangyi, then loads its pages, searches with the
// keyboard, follows links, and fails on any request that is not file://,
// any script error, or a search that does not put the right page first.
//
//   node site_test.js --fangyi BIN --source REPO [--chromium PATH] [--screenshots DIR]
"use strict";
const path = require("path");
const fs = require("fs");
const { Browser } = require("./cdp");
const { option, Checks, workspace, buildHandbook, expectRapidTest, expectNineGrid, checkEveryPage, finish } = require("./handbook");

const fangyi = path.resolve(option("fangyi", "fangyi"));
const source = option("source", path.resolve(__dirname, "..", ".."));
const chromium = option("chromium", "/usr/bin/chromium");
const { work, shots } = workspace("fangyi-site-browser-");
const checks = new Checks();
const check = (ok, what) => checks.check(ok, what);

async function main() {
  const site = buildHandbook(fangyi, source, work);
  const url = (file) => "file://" + path.join(site, file);
  const browser = Browser.launch(chromium);
  const requests = [];
  const errors = [];
  try {
    const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
    const send = (method, params) => browser.send(method, params, sessionId);
    browser.onEvent((m) => {
      if (m.sessionId !== sessionId) return;
      if (m.method === "Network.requestWillBeSent") requests.push(m.params.request.url);
      if (m.method === "Runtime.exceptionThrown") errors.push(m.params.exceptionDetails.exception
        ? m.params.exceptionDetails.exception.description : m.params.exceptionDetails.text);
      if (m.method === "Runtime.consoleAPICalled" && m.params.type === "error")
        errors.push(m.params.args.map((a) => a.value || a.description).join(" "));
      if (m.method === "Log.entryAdded" && m.params.entry.level === "error") errors.push(m.params.entry.text);
    });
    for (const d of ["Page", "Network", "Runtime", "Log"]) await send(d + ".enable");
    await send("Emulation.setDeviceMetricsOverride", { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });

    const evaluate = async (expression) => {
      const r = await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
      if (r.exceptionDetails) throw new Error("evaluate " + expression + ": " + r.exceptionDetails.text);
      return r.result.value;
    };
    const goto = async (target) => {
      const loaded = browser.waitFor("Page.loadEventFired", sessionId);
      await send("Page.navigate", { url: target });
      await loaded;
    };
    const key = async (k, code, vk, text) => {
      await send("Input.dispatchKeyEvent", { type: text ? "keyDown" : "rawKeyDown", key: k, code, windowsVirtualKeyCode: vk, text });
      await send("Input.dispatchKeyEvent", { type: "keyUp", key: k, code, windowsVirtualKeyCode: vk });
    };
    const screenshot = async (name) => {
      const { data } = await send("Page.captureScreenshot", { format: "png" });
      fs.writeFileSync(path.join(shots, name + ".png"), Buffer.from(data, "base64"));
    };
    const here = () => evaluate("location.pathname.split('/').pop()");

    // The home page, its sidebar drawn by the shared toc.js from nav.js.
    await goto(url("index.html"));
    check((await evaluate("document.title")).includes("校園防疫手冊"), "index.html opens from file:// with its title");
    const navPages = await evaluate("window.FANGYI_NAV.reduce((n, g) => n + g[1].length, 0)");
    check(navPages >= 20, "nav.js lists every page (" + navPages + ")");
    check(await evaluate("document.querySelectorAll('#toc > ul > li > a').length") === navPages,
          "the sidebar shows one link per page");
    await screenshot("index");

    // Search from the keyboard: "/" focuses the box, type, ArrowDown, Enter.
    const search = async (query) => {
      await goto(url("index.html"));
      await key("/", "Slash", 191, "/");
      check(await evaluate("document.activeElement.id") === "search-input", "'/' focuses the search box");
      await send("Input.insertText", { text: query });
      return evaluate("Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))");
    };
    let hits = await search("快篩");
    console.log("   快篩 →", hits.slice(0, 5).join(" "));
    expectRapidTest(hits, checks);
    check(await evaluate("document.querySelectorAll('#search-results mark').length") > 0, "快篩: snippets highlight the match");
    await screenshot("search-rapid-test");
    const opened = browser.waitFor("Page.loadEventFired", sessionId);
    await key("ArrowDown", "ArrowDown", 40);
    await key("Enter", "Enter", 13, "\r");
    await opened;
    check(await here() === hits[0], "ArrowDown + Enter opens the first result");

    hits = await search("九宮格");
    console.log("   九宮格 →", hits.slice(0, 5).join(" "));
    expectNineGrid(hits, checks);
    await screenshot("search-nine-grid");
    for (const [query, page, top] of [["自主防疫", "scheme-home-isolation-3plus4.html", 2], ["漂白水", "disinfection.html", 1],
                                       ["下午2時", "deadlines.html", 1], ["PCR", "reporting.html", 4]]) {
      const found = await evaluate("window.FANGYI_SEARCH_RUN(" + JSON.stringify(query) + ")");
      console.log("   " + query + " →", found.slice(0, 5).join(" "));
      check(found.slice(0, top).includes(page), query + ": " + page + " is in the first " + top);
    }
    check((await evaluate("window.FANGYI_SEARCH_RUN('xyzzy-not-there')")).length === 0, "a query with no match finds nothing");

    // Follow links: next from the home page, a source link into a seed line.
    await goto(url("index.html"));
    const nextHref = await evaluate("document.querySelector('.pager .next').getAttribute('href')");
    let loaded = browser.waitFor("Page.loadEventFired", sessionId);
    await evaluate("document.querySelector('.pager .next').click()");
    await loaded;
    check(await here() === nextHref, "the next link goes to " + nextHref);
    await goto(url("scheme-home-isolation-3plus4.html"));
    check(await evaluate("document.querySelectorAll('svg.timeline rect').length") >= 8, "the 3+4 scheme page draws its timeline");
    check(await evaluate("document.querySelectorAll('svg.timeline').length") === 2,
          "the 3+4 page also draws its transition example (day 0 = 2022-04-23)");
    await screenshot("scheme-3plus4");
    const sourceHref = await evaluate("document.querySelector('a.source').getAttribute('href')");
    loaded = browser.waitFor("Page.loadEventFired", sessionId);
    await evaluate("document.querySelector('a.source').click()");
    await loaded;
    const target = sourceHref.split("#")[1];
    check(await evaluate("location.hash") === "#" + target && await evaluate("!!document.getElementById('" + target + "')"),
          "a source link lands on its seed line (" + sourceHref + ")");
    await screenshot("seed-line");

    // Every page: loads, draws the sidebar, its in-page anchors exist.
    const files = await checkEveryPage({ goto, evaluate, url }, checks);
    await goto(url("cohorts.html"));
    await screenshot("cohorts");
    await goto(url("disinfection.html"));
    await screenshot("disinfection");
    await goto(url("changes.html"));
    check((await evaluate("document.querySelector('pre.diff') ? document.querySelector('pre.diff').textContent : ''")).includes("3+4"),
          "the what-changed page shows the diff against --previous");
    await screenshot("changes");

    // The print view: one page, every chapter, A4 PDF with a page per chapter at least.
    await goto(url("print.html"));
    const chapters = await evaluate("document.querySelectorAll('section.chapter').length");
    check(chapters === files.length, "print.html holds every page (" + chapters + " chapters)");
    const pdf = await send("Page.printToPDF", { preferCSSPageSize: true });
    const pdfPages = (Buffer.from(pdf.data, "base64").toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    check(pdfPages > chapters, "the print view prints on A4 with a new page per chapter (" + pdfPages + " pages)");
    await screenshot("print");
  } finally {
    await browser.close();
  }
  const remote = requests.filter((u) => !u.startsWith("file://"));
  check(requests.length > 0 && remote.length === 0,
        "no network request: all " + requests.length + " requests were file://" + (remote.length ? " (not: " + remote.join(", ") + ")" : ""));
  check(errors.length === 0, "no script or load error" + (errors.length ? ": " + errors.join(" | ") : ""));
  finish(checks, work, shots);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});

// The handbook in headless Firefox, opened from file://, driven over
// WebDriver BiDi: the same essentials as the Chromium test (site_test.js) in
// the other engine schools use. The sidebar is drawn by toc.js, keyboard
// searches for 快篩 and 九宮格 put the same pages first, ↓ + Enter opens a
// result, clicked links (pager, source citation) land where they point, every
// page loads without a script error, the print view prints, and the page
// requests nothing but files.
//
// Firefox does not report file:// loads as network requests (Chromium does),
// so "no network request" would hold even if the observer were deaf: the test
// first makes one request to a loopback server of its own and checks that
// the observer saw it, then asserts that no other non-file:// request occurs.
//
//   node firefox_test.js --fangyi BIN --source REPO [--firefox PATH] [--screenshots DIR]
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const path = require("path");
const { Firefox } = require("./bidi");
const { option, Checks, workspace, buildHandbook, expectRapidTest, expectNineGrid, checkEveryPage, finish } = require("./handbook");

const fangyi = path.resolve(option("fangyi", "fangyi"));
const source = option("source", path.resolve(__dirname, "..", ".."));
const firefox = option("firefox", "/usr/bin/firefox-esr");
const { work, shots } = workspace("fangyi-site-firefox-");
const checks = new Checks();
const check = (ok, what) => checks.check(ok, what);

// WebDriver key values of the special keys used.
const KEY = { ArrowDown: "\uE015", Enter: "\uE007", Escape: "\uE00C" };

// A loopback server that answers anything: the probe for the request observer.
function probeServer() {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url);
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.end("probe");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, hits })));
}

async function main() {
  const site = buildHandbook(fangyi, source, work);
  const url = (file) => "file://" + path.join(site, file);
  const probe = await probeServer();
  const browser = await Firefox.launch(firefox);
  const requests = [];
  const errors = [];
  try {
    const { contexts } = await browser.send("browsingContext.getTree", {});
    const context = contexts[0].context;
    browser.onEvent((m) => {
      if (m.params.context !== undefined && m.params.context !== context) return;
      if (m.method === "network.beforeRequestSent") requests.push(m.params.request.url);
      if (m.method === "log.entryAdded" && m.params.level === "error") errors.push(m.params.text);
    });
    await browser.send("session.subscribe",
                       { events: ["network.beforeRequestSent", "log.entryAdded", "browsingContext.load"], contexts: [context] });
    await browser.send("browsingContext.setViewport", { context, viewport: { width: 1280, height: 900 } });

    // Evaluates `expression` in the page (awaited when a promise); the value
    // comes back through JSON.
    const evaluate = async (expression) => {
      const r = await browser.send("script.evaluate", {
        expression: "Promise.resolve(" + expression + ").then((v) => JSON.stringify(v))", target: { context }, awaitPromise: true,
      });
      if (r.type !== "success") throw new Error("evaluate " + expression + ": " + r.exceptionDetails.text);
      return r.result.value === undefined ? undefined : JSON.parse(r.result.value);
    };
    const goto = (target) => browser.send("browsingContext.navigate", { context, url: target, wait: "complete" });
    // Resolves when the page that `action` navigates to has loaded.
    const navigation = async (action) => {
      const loaded = browser.waitFor("browsingContext.load", (p) => p.context === context);
      await action();
      await loaded;
    };
    const keys = (values) => browser.send("input.performActions", {
      context, actions: [{ type: "key", id: "keyboard",
                           actions: values.flatMap((v) => [{ type: "keyDown", value: v }, { type: "keyUp", value: v }]) }],
    });
    // A real mouse click in the middle of the element `selector` matches.
    const click = async (selector) => {
      const box = await evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
        e.scrollIntoView({ block: "center" }); const r = e.getBoundingClientRect();
        return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) }; })()`);
      await browser.send("input.performActions", {
        context, actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [
          { type: "pointerMove", x: box.x, y: box.y }, { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }] }],
      });
      await browser.send("input.releaseActions", { context });
    };
    const screenshot = async (name) => {
      const { data } = await browser.send("browsingContext.captureScreenshot", { context });
      fs.writeFileSync(path.join(shots, "firefox-" + name + ".png"), Buffer.from(data, "base64"));
    };
    const here = () => evaluate("location.pathname.split('/').pop()");

    // The observer hears a request that is not file:// (events may trail the script's answer).
    await goto(url("index.html"));
    const probeUrl = "http://127.0.0.1:" + probe.server.address().port + "/probe";
    const heard = browser.waitFor("network.beforeRequestSent", (p) => p.request.url === probeUrl).then(() => true, () => false);
    const answer = await evaluate(`fetch(${JSON.stringify(probeUrl)}).then(r => r.text())`);
    check(answer === "probe" && probe.hits.length === 1 && await heard,
          "the request observer sees a non-file:// request (a probe to a loopback server)");
    requests.length = 0;

    // The home page, its sidebar drawn by the shared toc.js from nav.js.
    await goto(url("index.html"));
    check((await evaluate("document.title")).includes("校園防疫手冊"), "index.html opens from file:// with its title");
    const navPages = await evaluate("window.FANGYI_NAV.reduce((n, g) => n + g[1].length, 0)");
    check(navPages >= 20, "nav.js lists every page (" + navPages + ")");
    check(await evaluate("document.querySelectorAll('#toc > ul > li > a').length") === navPages,
          "the sidebar shows one link per page");
    check(await evaluate("document.querySelector('#toc a[aria-current=page]').getAttribute('href')") === "index.html" &&
          await evaluate("document.querySelectorAll('#toc ul.headings a').length") > 0,
          "the sidebar marks the current page and lists its headings");
    await screenshot("index");

    // Search from the keyboard: "/" focuses the box, type, ↓, Enter.
    const search = async (query) => {
      await goto(url("index.html"));
      await keys(["/"]);
      check(await evaluate("document.activeElement.id") === "search-input", "'/' focuses the search box");
      await keys(Array.from(query));
      check(await evaluate("document.getElementById('search-input').value") === query, "typing " + query + " fills the box");
      return evaluate("Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))");
    };
    let hits = await search("快篩");
    console.log("   快篩 →", hits.slice(0, 5).join(" "));
    expectRapidTest(hits, checks);
    check(await evaluate("document.querySelectorAll('#search-results mark').length") > 0, "快篩: snippets highlight the match");
    await screenshot("search-rapid-test");
    await navigation(() => keys([KEY.ArrowDown, KEY.Enter]));
    check(await here() === hits[0], "ArrowDown + Enter opens the first result");

    hits = await search("九宮格");
    console.log("   九宮格 →", hits.slice(0, 5).join(" "));
    expectNineGrid(hits, checks);
    await screenshot("search-nine-grid");
    await keys([KEY.Escape]);
    check(await evaluate("document.getElementById('search-results').hidden && document.activeElement.id !== 'search-input'"),
          "Escape closes the results");
    check((await evaluate("window.FANGYI_SEARCH_RUN('xyzzy-not-there')")).length === 0, "a query with no match finds nothing");

    // Links followed with the mouse: the pager, a source citation into its seed line.
    await goto(url("index.html"));
    const nextHref = await evaluate("document.querySelector('.pager .next').getAttribute('href')");
    await navigation(() => click(".pager .next"));
    check(await here() === nextHref, "clicking the next link opens " + nextHref);
    await goto(url("scheme-home-isolation-3plus4.html"));
    check(await evaluate("document.querySelectorAll('svg.timeline rect').length") >= 8, "the 3+4 scheme page draws its timeline");
    await screenshot("scheme-3plus4");
    const sourceHref = await evaluate("document.querySelector('a.source').getAttribute('href')");
    await navigation(() => click("a.source"));
    const target = sourceHref.split("#")[1];
    check(await here() === sourceHref.split("#")[0] && await evaluate("location.hash") === "#" + target &&
          await evaluate("!!document.getElementById(" + JSON.stringify(target) + ")"),
          "clicking a source link lands on its seed line (" + sourceHref + ")");
    await screenshot("seed-line");

    // Every page: loads, draws the sidebar, its in-page anchors exist.
    const files = await checkEveryPage({ goto, evaluate, url }, checks);

    // The print view: every chapter, printed on more pages than chapters.
    await goto(url("print.html"));
    const chapters = await evaluate("document.querySelectorAll('section.chapter').length");
    check(chapters === files.length, "print.html holds every page (" + chapters + " chapters)");
    const { data: pdf } = await browser.send("browsingContext.print", { context, page: { width: 21, height: 29.7 } }, 180000);
    // Firefox compresses its page objects: poppler counts them.
    const pdfFile = path.join(work, "print.pdf");
    fs.writeFileSync(pdfFile, Buffer.from(pdf, "base64"));
    const info = execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" });
    const pdfPages = +(/^Pages:\s+(\d+)/m.exec(info) || [0, 0])[1];
    check(/^Page size:.*\(A4\)/m.test(info), "the print view prints on A4 (" + /^Page size:.*$/m.exec(info) + ")");
    check(pdfPages > chapters, "the print view starts a new page per chapter (" + pdfPages + " pages)");
  } finally {
    await browser.close();
    probe.server.close();
  }
  // data: URLs are local too: Firefox's own style sheet loads its list-bullet font as one.
  const remote = requests.filter((u) => !u.startsWith("file://") && !u.startsWith("data:"));
  check(remote.length === 0, "no network request after the probe: " + requests.length + " requests, all file:// or data:" +
        (remote.length ? " (not: " + remote.join(", ") + ")" : ""));
  check(errors.length === 0, "no script or load error" + (errors.length ? ": " + errors.join(" | ") : ""));
  finish(checks, work, shots);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});

// Full-text search over window.FANGYI_SEARCH (search-index.js, a script so
// it loads from file://, where a page may not request JSON files). Queries are split
// like the index: runs of CJK characters into bigrams (a single character
// stays itself), other text into lower-case words. A page must hold every
// query term; pages score by term weight (title hits count ten), with a
// bonus when the whole query appears verbatim, in the title above all.
// Keyboard: "/" focuses the box, arrows move, Enter opens, Escape closes.
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var box = document.getElementById("search-results");
  if (!input || !box) return;
  var MAX = 20;
  var active = -1;

  function isCJK(c) {
    var cp = c.codePointAt(0);
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
  }

  // The query's terms, as the index was built: CJK bigrams, other words.
  function terms(query) {
    var out = [];
    var chars = Array.from(query.toLowerCase());
    var run = [], word = "";
    function flushRun() {
      if (run.length === 1) out.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    }
    function flushWord() { if (word) out.push(word); word = ""; }
    chars.forEach(function (c) {
      if (isCJK(c)) { flushWord(); run.push(c); }
      else if (/[\p{L}\p{N}]/u.test(c)) { flushRun(); word += c; }
      else { flushRun(); flushWord(); }
    });
    flushRun(); flushWord();
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }

  function search(query) {
    var index = window.FANGYI_SEARCH;
    if (!index) return [];
    var ts = terms(query);
    if (!ts.length) return [];
    var q = query.trim().toLowerCase();
    var docs = index.docs;
    if (!index.avg) index.avg = docs.reduce(function (n, d) { return n + d[2].length; }, 0) / Math.max(docs.length, 1);
    var scores = null;
    ts.forEach(function (t) {
      var postings = index.terms[t];
      var next = {};
      if (postings) {
        // BM25: rarer terms count more, and a mention counts more in a short
        // page than in a long one.
        var df = postings.length / 2;
        var idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
        for (var i = 0; i < postings.length; i += 2) {
          var d = postings[i], w = postings[i + 1];
          var norm = 1.2 * (0.25 + 0.75 * docs[d][2].length / index.avg);
          if (scores === null || d in scores) next[d] = (scores === null ? 0 : scores[d]) + idf * w * 2.2 / (w + norm);
        }
      } else {
        // A single character or a word the segmenter split otherwise: fall
        // back to scanning the texts for it.
        index.docs.forEach(function (doc, d) {
          if ((scores === null || d in scores) && (doc[2].toLowerCase().indexOf(t) >= 0 || doc[1].toLowerCase().indexOf(t) >= 0))
            next[d] = (scores === null ? 0 : scores[d]) + 1;
        });
      }
      scores = next;
    });
    var results = [];
    for (var d in scores) {
      var doc = index.docs[d];
      var s = scores[d];
      if (doc[1].toLowerCase().indexOf(q) >= 0) s *= 2;
      if (doc[2].toLowerCase().indexOf(q) >= 0) s *= 1.5;
      if (doc[3]) s *= 0.5;  // source documents after the handbook's own pages
      results.push({ doc: doc, score: s });
    }
    results.sort(function (a, b) { return b.score - a.score || a.doc[1].localeCompare(b.doc[1]); });
    return results;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Marks every occurrence of the query (or, failing that, of its terms).
  function highlight(text, query, ts) {
    var needles = [query.trim().toLowerCase()].concat(ts).filter(function (n) { return n; });
    var lower = text.toLowerCase();
    var marks = [];
    needles.forEach(function (n) {
      for (var at = lower.indexOf(n); at >= 0; at = lower.indexOf(n, at + n.length)) {
        if (!marks.some(function (m) { return at < m[1] && at + n.length > m[0]; })) marks.push([at, at + n.length]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var out = "", pos = 0;
    marks.forEach(function (m) {
      out += escapeHtml(text.slice(pos, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      pos = m[1];
    });
    return out + escapeHtml(text.slice(pos));
  }

  function snippet(text, query, ts) {
    var lower = text.toLowerCase();
    var at = lower.indexOf(query.trim().toLowerCase());
    for (var i = 0; at < 0 && i < ts.length; i++) at = lower.indexOf(ts[i]);
    if (at < 0) at = 0;
    var start = Math.max(0, at - 30), end = Math.min(text.length, at + 70);
    return (start > 0 ? "…" : "") + highlight(text.slice(start, end), query, ts) + (end < text.length ? "…" : "");
  }

  function links() { return box.querySelectorAll("a"); }

  function setActive(i) {
    var ls = links();
    if (!ls.length) return;
    if (active >= 0 && ls[active]) {
      ls[active].classList.remove("active");
      ls[active].removeAttribute("aria-selected");
    }
    active = (i + ls.length) % ls.length;
    ls[active].classList.add("active");
    ls[active].setAttribute("aria-selected", "true");
    ls[active].scrollIntoView({ block: "nearest" });
  }

  function close() {
    box.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  }

  function show(query) {
    active = -1;
    if (!query.trim()) { close(); return; }
    var ts = terms(query);
    var results = search(query);
    var html = "<div class=\"summary\">" + escapeHtml(results.length
        ? input.getAttribute("data-count").replace("{0}", results.length)
        : input.getAttribute("data-none").replace("{0}", query)) + "</div>";
    results.slice(0, MAX).forEach(function (r) {
      html += "<a role=\"option\" href=\"" + escapeHtml(r.doc[0]) + "\"><span class=\"t\">" +
              highlight(r.doc[1], query, ts) + "</span><span class=\"s\">" + snippet(r.doc[2], query, ts) + "</span></a>";
    });
    box.innerHTML = html;
    box.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("focus", function () { if (input.value) show(input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); setActive(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
    else if (e.key === "Enter") {
      var ls = links();
      var target = ls[active >= 0 ? active : 0];
      if (target) { e.preventDefault(); window.location.href = target.getAttribute("href"); }
    } else if (e.key === "Escape") { close(); input.blur(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); input.select(); }
  });
  document.addEventListener("click", function (e) {
    if (!box.contains(e.target) && e.target !== input) close();
  });
  // Exposed for tests and for pages that want to link to a query (?q=快篩).
  window.FANGYI_SEARCH_RUN = function (q) { return search(q).map(function (r) { return r.doc[0]; }); };
  var m = /[?&]q=([^&]*)/.exec(window.location.search);
  if (m) { input.value = decodeURIComponent(m[1]); show(input.value); }
})();

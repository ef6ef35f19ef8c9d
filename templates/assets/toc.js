// The sidebar contents, drawn on every page from the one shared nav.js
// (window.FANGYI_NAV = [[group, [[file, title, [[level, text, id]...]]...]]...]),
// so the contents are stored once for the whole site, not once per page.
(function () {
  "use strict";
  var nav = document.getElementById("toc");
  var data = window.FANGYI_NAV;
  if (!nav || !data) return;
  var here = document.body.getAttribute("data-page");

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var current = null;
  data.forEach(function (group) {
    nav.appendChild(el("h2", {}, group[0]));
    var ul = el("ul", {});
    group[1].forEach(function (page) {
      var li = el("li", {});
      var a = el("a", { href: page[0] }, page[1]);
      li.appendChild(a);
      if (page[0] === here) {
        a.setAttribute("aria-current", "page");
        current = li;
        if (page[2].length) {
          var sub = el("ul", { "class": "headings", "aria-label": nav.getAttribute("data-on-this-page") });
          page[2].forEach(function (h) {
            var hli = el("li", { "class": "h" + h[0] });
            hli.appendChild(el("a", { href: "#" + h[2] }, h[1]));
            sub.appendChild(hli);
          });
          li.appendChild(sub);
        }
      }
      ul.appendChild(li);
    });
    nav.appendChild(ul);
  });
  if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest" });

  var toggle = document.getElementById("menu-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
})();

// The meeting agenda, how it is shown: the page's texts, a day in the reader's words, one entry as listed and
// printed. Builds elements with createElement/textContent, never innerHTML.
(function (A) {
  "use strict";
  var Q = window.kbgenQuiz, make = window.kbgen.make, each = A.each;

  // The page's texts: the hidden list at its end (agenda.md.j2), one element per key.
  A.texts = function () {
    var out = Q.map();
    each(document.querySelectorAll("#kb-agenda-texts [data-kb-t]"), function (n) {
      out[n.getAttribute("data-kb-t")] = n.textContent;
    });
    return Q.texts(out, document.documentElement.lang);
  };

  var fill = A.fill = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) node.append(arguments[i]);
    return node;
  };

  // A YYYY-MM-DD date in the reader's words, as a day of the calendar (no time zone moves it).
  A.day = function (iso) {
    var p = iso.split("-");
    return new Date(+p[0], +p[1] - 1, +p[2]).toLocaleDateString(document.documentElement.lang || undefined,
      { dateStyle: "long" });
  };

  // The printed head: site and version, the agenda's title and date, and its own address.
  A.printHead = function (node, data, view, url) {
    var t = data.t;
    fill(node, make("strong", t("head-site", { site: data.site, release: data.release })),
      view.title ? make("span", t("head-title", { title: view.title })) : "",
      view.date ? make("span", t("head-date", { date: A.day(view.date) })) : "",
      view.ids.length ? make("span", url ? t("head-url", { url: url }) : t("head-no-url")) : "");
  };

  // A file to download, made in the browser.
  A.download = function (name, text, type) {
    var a = make("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a).click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  };

  // One entry of the agenda, as listed, printed and moved (its buttons: button(text, label, action)).
  A.item = function (data, e, i, count, where, button) {
    var t = data.t, li = make("li", "", "kb-agenda-item");
    var go = make("a", where || t("no-address"));
    go.href = e.url;
    li.setAttribute("data-kb-id", e.id);
    var title = make("h2", t("entry", e));
    title.tabIndex = -1;  // where focus goes once the entry above it is removed
    fill(li, title, make("p", e.summary, "kb-agenda-summary"),
      fill(make("p", "", "kb-agenda-url"), go));
    li.appendChild(make("h3", t("ask-title")));
    var asks = li.appendChild(make("ol", "", "kb-agenda-ask"));
    (e.ask.length ? e.ask : [t("ask-none")]).forEach(function (text) {
      fill(asks.appendChild(make("li")), make("span", text), make("span", t("answer"), "kb-agenda-answer"));
    });
    li.appendChild(make("h3", t("signs-title")));
    var signs = li.appendChild(make("ul", "", "kb-agenda-signs"));
    e.signs.forEach(function (text) { signs.appendChild(make("li", text)); });
    var move = li.appendChild(make("p", "", "kb-agenda-move kb-screen"));
    fill(move, make("span", t("position", { n: i + 1, count: count }), "kb-agenda-position"),
      button(t("up"), t("up-label", e), "up"), button(t("down"), t("down-label", e), "down"),
      button(t("remove"), t("remove-label", e), "remove"));
    move.children[1].disabled = i === 0;
    move.children[2].disabled = i === count - 1;
    return li;
  };
})(window.kbgenAgenda);

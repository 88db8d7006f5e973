// The meeting agenda (agenda.md.j2), in parts: hooks/kbgen/assets/agenda/*.js, served joined as assets/agenda.js
// (SCRIPT_PARTS in hooks/kbgen/generate/agenda.py). This file: the pure part (no DOM), tested under Node: what
// the browser keeps and what a link holds, read and checked; ids followed through the catalog's redirects; CSV.
// An agenda is {title: "" or one line of at most 80 characters, date: "" or a real YYYY-MM-DD, ids: [entry id,
// ...]} in the reader's order. It reuses the self-assessment's pure parts (window.kbgenQuiz): the page's texts,
// prototype-free maps and the CSV writer, whose formula rule (OWASP) is the site's one.
(function (Q) {
  "use strict";
  var MOST = 100, TITLE = 80, LONGEST = 4000;  // entries on one agenda; title's length; a link's fragment
  var LINK = "#agenda=", FORMAT = "1", DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  function empty() {
    return { title: "", date: "", ids: [] };
  }

  // A title as kept: one line, trimmed, at most TITLE characters; "" for anything that is no text.
  function title(v) {
    return typeof v === "string" ? v.replace(/\s+/g, " ").trim().slice(0, TITLE) : "";
  }

  // A real calendar date as YYYY-MM-DD (year 1000 to 9999), else "".
  function date(v) {
    var m = typeof v === "string" ? DATE.exec(v) : null;
    if (!m) return "";
    var y = +m[1], mo = +m[2], d = +m[3], day = new Date(Date.UTC(y, mo - 1, d));
    return y >= 1000 && day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d ? v : "";
  }

  // A list of ids: each once, in order; null when it is no list of at most MOST ids.
  function ids(list) {
    if (!Array.isArray(list) || list.length > MOST) return null;
    var seen = Q.map(), out = [];
    for (var i = 0; i < list.length; i++) {
      if (typeof list[i] !== "string" || !Q.ID.test(list[i])) return null;
      if (!seen[list[i]]) out.push(list[i]);
      seen[list[i]] = 1;
    }
    return out;
  }

  // What the browser keeps ({format: 1, title, date, ids}), checked: an agenda, or null.
  function check(doc) {
    if (!doc || typeof doc !== "object" || Array.isArray(doc) || doc.format !== 1) return null;
    var list = ids(doc.ids);
    if (!list || typeof doc.title !== "string" || doc.title !== title(doc.title)) return null;
    if (typeof doc.date !== "string" || (doc.date && !date(doc.date))) return null;
    return { title: doc.title, date: doc.date, ids: list };
  }

  // The stored text (or null) read: {agenda, unreadable}; an unreadable one gives an empty agenda.
  function fromStorage(raw) {
    var got = null;
    if (!raw) return { agenda: empty(), unreadable: false };
    try { got = check(JSON.parse(raw)); } catch (error) { /* unreadable */ }
    return { agenda: got || empty(), unreadable: !got };
  }

  function toStorage(a) {
    return JSON.stringify({ format: 1, title: a.title, date: a.date, ids: a.ids });
  }

  // A link's fragment, format 1: "#agenda=1&ids=AB-4,AB-2" then "&date=YYYY-MM-DD" and "&title=..." when set.
  // Ids only, and the reader's own title when they gave one: no other text.
  function linkHash(a) {
    return LINK + FORMAT + "&ids=" + a.ids.join(",") + (a.date ? "&date=" + a.date : "") +
      (a.title ? "&title=" + encodeURIComponent(a.title) : "");
  }

  function isLink(hash) {
    return typeof hash === "string" && hash.indexOf(LINK) === 0;
  }

  // A location.hash read as an agenda link: undefined when it is none; null when damaged (or of a format this
  // page does not know); else the agenda it holds, its ids as written (see resolve).
  function readLink(hash) {
    if (!isLink(hash)) return undefined;
    if (hash.length > LONGEST) return null;
    var p;
    try { p = new URLSearchParams(hash.slice(1)); } catch (error) { return null; }
    var list = p.get("ids"), when = p.get("date") || "", name = p.get("title") || "";
    list = p.get("agenda") === FORMAT && list !== null ? ids(list ? list.split(",") : []) : null;
    if (!list || (when && !date(when)) || name.length > TITLE || title(name) !== name) return null;
    return { title: name, date: when, ids: list };
  }

  // Ids read against today's catalog: live ids stay; ids renamed or merged since lead to their entry
  // (data.redirects: {old: [now, "renamed" | "merged"]}); the rest are named as gone. Each entry once, at its
  // first place. {ids, moved: [[old, now, how]], gone: [old], twice: [id]}.
  function resolve(data, list) {
    var out = { ids: [], moved: [], gone: [], twice: [] }, seen = Q.map();
    list.forEach(function (id) {
      var now = id, to = data.redirects[id];
      if (!data.byId[id]) {
        if (!to || !data.byId[to[0]]) return out.gone.push(id);
        now = to[0];
        out.moved.push([id, now, to[1]]);
      }
      if (!seen[now]) out.ids.push(now);
      else if (seen[now] === 1) out.twice.push(now);
      seen[now] = (seen[now] || 0) + 1;
    });
    return out;
  }

  // What resolve found, in a sentence for the notice; "" when every id is today's.
  function changes(data, r) {
    var t = data.t, parts = r.moved.map(function (x) {
      return t(x[2] === "merged" ? "merged" : "renamed", { old: x[0], id: x[1] });
    });
    if (r.gone.length) parts.push(t("gone", { n: r.gone.length, ids: r.gone.join(", ") }));
    if (r.twice.length) parts.push(t("twice", { n: r.twice.length, ids: r.twice.join(", ") }));
    return parts.length ? t("changes", { changes: parts.join("; ") }) : "";
  }

  // The agenda as CSV for spreadsheets (a byte-order mark, so that a spreadsheet reads UTF-8): one row per item
  // the agenda shows, in its order: each entry's summary, its questions for the other side and its warning signs,
  // with the item's address (address(path): the published one, or "" and then the site-relative path) and an
  // empty "answer" column to fill in.
  var COLUMNS = ["agenda", "date", "position", "id", "title", "kind", "n", "text", "url", "answer"];

  function toCsv(data, a, address) {
    var rows = [COLUMNS];
    a.ids.forEach(function (id, i) {
      var e = data.byId[id];
      [["summary", [e.summary], "title"], ["ask_provider", e.ask, "ask-"], ["warning_signs", e.signs, "sign-"]]
        .forEach(function (part) {
          part[1].forEach(function (text, j) {
            var path = e.path + "#" + part[2] + (part[0] === "summary" ? "" : j + 1);
            rows.push([a.title, a.date, i + 1, e.id, e.title, part[0], j + 1, text, address(path) || path, ""]);
          });
        });
    });
    return "\uFEFF" + Q.csv(rows);
  }

  var api = {
    MOST: MOST, TITLE: TITLE, COLUMNS: COLUMNS, empty: empty, title: title, date: date, ids: ids, check: check,
    fromStorage: fromStorage, toStorage: toStorage, linkHash: linkHash, isLink: isLink, readLink: readLink,
    resolve: resolve, changes: changes, toCsv: toCsv,
  };
  if (typeof window === "object") window.kbgenAgenda = api;
  if (typeof module === "object" && module && module.exports) module.exports = api;
})(typeof module === "object" && module && module.exports ? require("../quiz/check.js") : window.kbgenQuiz);

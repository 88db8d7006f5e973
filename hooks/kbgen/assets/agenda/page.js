// The meeting agenda, second part: what this browser keeps (<storage key>:agenda, the key named by the page's
// kb-storage meta), the "Add to the agenda" buttons ([data-kb-agenda-id]: entry pages, the table of all entries)
// and the self-assessment's "add my exposed ones" (kbgenAgenda.add), and the agenda page itself: its entries in
// the reader's order, moved and removed, its title and date, its link, its CSV and print. A link opened shows
// its agenda without touching the reader's own, until "Keep this agenda". Builds elements with
// createElement/textContent, never innerHTML. Needs kb.js (window.kbgen) and quiz.js (window.kbgenQuiz).
(function (A) {
  "use strict";
  var kb = window.kbgen, Q = window.kbgenQuiz, make = kb.make, current = null;

  function each(list, act) {
    Array.prototype.forEach.call(list, act);
  }

  function key() {
    var meta = document.querySelector('meta[name="kb-storage"]');
    return meta ? meta.getAttribute("content") + ":agenda" : "";
  }

  // localStorage may be missing, disabled or throw: then nothing is kept, and the page works all the same.
  function storage(act) {
    try { return act(window.localStorage); } catch (error) { return null; }
  }

  function load() {
    var k = key();
    return A.fromStorage(k ? storage(function (s) { return s.getItem(k); }) : null);
  }

  // An empty agenda is not stored at all.
  function save(a) {
    var k = key();
    if (!k) return;
    storage(function (s) {
      if (a.ids.length || a.title || a.date) s.setItem(k, A.toStorage(a));
      else s.removeItem(k);
    });
  }

  // Every "Add to the agenda" button on the page shows whether its entry is on the reader's agenda (in the table
  // its data-sort puts the agenda's entries first).
  function toggles() {
    var ids = load().agenda.ids;
    each(document.querySelectorAll("[data-kb-agenda-id]"), function (b) {
      var on = ids.indexOf(b.getAttribute("data-kb-agenda-id")) >= 0;
      b.setAttribute("aria-pressed", String(on));
      b.setAttribute("data-sort", on ? "0" : "1");
      b.hidden = false;
      var box = b.closest("[data-kb-agenda-box]");
      if (box) box.hidden = false;
    });
  }

  // Adds ids (in their order) that the reader's agenda lacks, at its end; returns those added.
  A.add = function (ids) {
    var a = load().agenda;
    var added = ids.filter(function (id) { return a.ids.indexOf(id) < 0; }).slice(0, A.MOST - a.ids.length);
    a.ids = a.ids.concat(added);
    save(a);
    toggles();
    if (current) current.reload();
    return added;
  };

  document.addEventListener("click", function (event) {
    var b = event.target.closest && event.target.closest("[data-kb-agenda-id]");
    if (!b) return;
    var a = load().agenda, id = b.getAttribute("data-kb-agenda-id"), at = a.ids.indexOf(id);
    if (at >= 0) a.ids.splice(at, 1);
    else if (a.ids.length < A.MOST) a.ids.push(id);
    save(a);
    toggles();
  });

  // The page's texts: the hidden list at its end (agenda.md.j2), one element per key.
  function texts() {
    var out = Q.map();
    each(document.querySelectorAll("#kb-agenda-texts [data-kb-t]"), function (n) {
      out[n.getAttribute("data-kb-t")] = n.textContent;
    });
    return Q.texts(out, document.documentElement.lang);
  }

  function fill(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) node.append(arguments[i]);
    return node;
  }

  // A YYYY-MM-DD date in the reader's words, as a day of the calendar (no time zone moves it).
  function day(iso) {
    var p = iso.split("-");
    return new Date(+p[0], +p[1] - 1, +p[2]).toLocaleDateString(document.documentElement.lang || undefined,
      { dateStyle: "long" });
  }

  function setup(root) {
    var data;
    try {
      data = Q.prepare(JSON.parse(root.getAttribute("data-kb-agenda")), texts());
    } catch (error) {
      return null;
    }
    var t = data.t, byId = document.getElementById.bind(document), list = byId("kb-agenda-list");
    var notice = byId("kb-agenda-notice"), name = byId("kb-agenda-title"), when = byId("kb-agenda-date");
    var actions = byId("kb-agenda-actions"), view = A.empty(), shared = false;

    function say(parts) {
      notice.textContent = [].concat(parts).filter(Boolean).join(" ");
      notice.hidden = !notice.textContent;
    }
    function button(text, label, act) {
      var b = make("button", text, "md-button kb-small");
      b.type = "button";
      b.setAttribute("aria-label", label);
      b.setAttribute("data-kb-move", act);
      return b;
    }
    // The published address of a page of the site (path from the site root), or "" in an offline copy with none.
    function address(path) {
      var home = kb.shareUrl();
      return home ? new URL(data.root + path, home).href : "";
    }
    function link() {
      var home = kb.shareUrl();
      return home ? new URL(A.linkHash(view), home).href : "";
    }

    // The printed head: site and version, the agenda's title and date, and its own address.
    function head() {
      var url = link();
      fill(byId("kb-agenda-print-head"), make("strong", t("head-site", { site: data.site, release: data.release })),
        view.title ? make("span", t("head-title", { title: view.title })) : "",
        view.date ? make("span", t("head-date", { date: day(view.date) })) : "",
        view.ids.length ? make("span", url ? t("head-url", { url: url }) : t("head-no-url")) : "");
    }

    // What the reader changed: kept in the browser, or, for an agenda from a link, in the address bar's link.
    function keep() {
      if (shared) {
        try { history.replaceState(history.state, "", A.linkHash(view)); } catch (error) { /* keep the old one */ }
      } else {
        save(view);
        toggles();
      }
      head();
    }

    function entry(id, i) {
      var e = data.byId[id], li = make("li", "", "kb-agenda-item"), count = view.ids.length, where = address(e.path);
      var go = make("a", where || t("no-address"));
      go.href = e.url;
      li.setAttribute("data-kb-id", id);
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
    }

    // The list as the agenda is now; focus back on the control that moved an entry (the other direction's once
    // it reached an end).
    function render(focus) {
      fill(list);
      view.ids.forEach(function (id, i) { list.appendChild(entry(id, i)); });
      byId("kb-agenda-empty").hidden = view.ids.length > 0;
      each(actions.querySelectorAll("[data-kb-action]"), function (b) {
        var act = b.getAttribute("data-kb-action");
        b.hidden = act === "keep" || act === "back" ? !shared : act === "clear" ? shared : !view.ids.length;
      });
      name.value = view.title;
      when.value = view.date;
      head();
      if (focus) {
        var li = list.querySelector('li[data-kb-id="' + CSS.escape(focus[0]) + '"]');
        var b = li && li.querySelector('[data-kb-move="' + focus[1] + '"]');
        if (b && b.disabled) b = li.querySelector('[data-kb-move="' + (focus[1] === "up" ? "down" : "up") + '"]');
        if (b && !b.disabled) b.focus();
        else if (li) li.querySelector("h2").focus();
      }
    }

    function move(b) {
      var id = b.closest("li[data-kb-id]").getAttribute("data-kb-id"), i = view.ids.indexOf(id);
      var act = b.getAttribute("data-kb-move"), to = act === "up" ? i - 1 : i + 1;
      if (act === "remove") {
        view.ids.splice(i, 1);
        keep();
        render();
        var next = list.querySelectorAll("li h2")[Math.min(i, view.ids.length - 1)];
        (next || name).focus();
        return say(t("removed", { id: id }));
      }
      if (to < 0 || to >= view.ids.length) return;
      view.ids.splice(i, 1);
      view.ids.splice(to, 0, id);
      keep();
      render([id, act]);
      say(t("moved", { id: id, n: to + 1, count: view.ids.length }));
    }

    function copyLink() {
      kb.linkBox("kb-agenda", actions, link(), t);
    }

    function csv() {
      var a = make("a"), text = A.toCsv(data, view, address);
      a.href = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
      a.download = data.key + "-" + t("file") + (view.date ? "-" + view.date : "") + ".csv";
      document.body.appendChild(a).click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }

    function leave() {
      shared = false;
      if (A.isLink(location.hash)) {
        try { history.replaceState(history.state, "", location.href.split("#")[0]); } catch (error) { /* keep it */ }
      }
    }

    var act = {
      print: function () { window.print(); },
      link: copyLink,
      csv: csv,
      keep: function () {
        var own = load().agenda;
        if (own.ids.length && !window.confirm(t("confirm-keep", { n: own.ids.length }))) return;
        leave();
        keep();
        render();
        say(t("kept"));
      },
      back: function () {
        leave();
        open();
      },
      clear: function () {
        if (!window.confirm(t("confirm-clear"))) return;
        view = A.empty();
        keep();
        render();
        name.focus();
        say(t("cleared"));
      },
    };

    // The agenda to show: a link's in the address (never stored unless kept), else the reader's own; its ids
    // read against today's catalog, and what changed since said.
    function open() {
      var own = load(), got = A.readLink(location.hash), notes = [];
      if (own.unreadable) {
        notes.push(t("store-unreadable"));
        save(own.agenda);
      }
      shared = !!got;
      view = got || own.agenda;
      if (got === null) notes.push(t("link-bad"));
      if (got) notes.push(t("link-shown"));
      var r = A.resolve(data, view.ids);
      view.ids = r.ids;
      notes.push(A.changes(data, r));
      if (r.moved.length || r.gone.length || r.twice.length) keep();
      render();
      say(notes);
    }

    root.addEventListener("click", function (event) {
      var b = event.target.closest("button");
      if (!b) return;
      if (b.hasAttribute("data-kb-move")) move(b);
      else if (act[b.getAttribute("data-kb-action")]) act[b.getAttribute("data-kb-action")]();
    });
    name.addEventListener("input", function () {
      view.title = A.title(name.value);
      keep();
    });
    when.addEventListener("change", function () {
      view.date = A.date(when.value);
      keep();
    });
    byId("kb-agenda-head").hidden = false;
    actions.hidden = false;
    open();
    return {
      // After a change elsewhere (another tab, the self-assessment's button): the reader's own agenda again.
      reload: function () { if (!shared) open(); },
      openLink: open,
    };
  }

  function init() {
    var root = document.getElementById("kb-agenda");
    toggles();
    if (!root) current = null;
    else if (!root.kbAgenda) {
      root.kbAgenda = true;
      current = setup(root);
    }
  }

  window.addEventListener("storage", function (event) {
    if (event.key !== key()) return;
    toggles();
    if (current) current.reload();
  });
  // An agenda link pasted into the address bar of the open agenda only changes the fragment.
  window.addEventListener("hashchange", function () {
    if (current && A.isLink(location.hash)) current.openLink();
  });
  kb.onPage(init);
})(window.kbgenAgenda);

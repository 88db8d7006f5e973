// The meeting agenda page: its entries in the reader's order, moved and removed, its title and date, its link,
// its CSV and print. A link opened shows its agenda without touching the reader's own, until "Keep this
// agenda". Needs kb.js (window.kbgen), quiz.js (window.kbgenQuiz) and the agenda's other parts.
(function (A) {
  "use strict";
  var kb = window.kbgen, Q = window.kbgenQuiz, make = kb.make, each = A.each, fill = A.fill;
  var load = A.load, save = A.save, toggles = A.toggles;

  function setup(root) {
    var data;
    try {
      data = Q.prepare(JSON.parse(root.getAttribute("data-kb-agenda")), A.texts());
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

    function head() {
      A.printHead(byId("kb-agenda-print-head"), data, view, link());
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

    // The list as the agenda is now; focus back on the control that moved an entry (the other direction's once
    // it reached an end).
    function render(focus) {
      fill(list);
      view.ids.forEach(function (id, i) {
        var e = data.byId[id];
        list.appendChild(A.item(data, e, i, view.ids.length, address(e.path), button));
      });
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
      var name = data.key + "-" + t("file") + (view.date ? "-" + view.date : "") + ".csv";
      A.download(name, A.toCsv(data, view, address), "text/csv");
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
    if (!root) A.current = null;
    else if (!root.kbAgenda) {
      root.kbAgenda = true;
      A.current = setup(root);
    }
  }

  window.addEventListener("storage", function (event) {
    if (event.key !== A.key()) return;
    toggles();
    if (A.current) A.current.reload();
  });
  // An agenda link pasted into the address bar of the open agenda only changes the fragment.
  window.addEventListener("hashchange", function () {
    if (A.current && A.isLink(location.hash)) A.current.openLink();
  });
  kb.onPage(init);
})(window.kbgenAgenda);

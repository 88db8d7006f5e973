// Site-wide behaviour for generated pages: links that keep working and are easy to share.
// Dependency-free; builds elements with createElement/textContent, never innerHTML.
// Loaded first (deferred, in order): window.kbgen holds the helpers quiz.js shares with it.
(function () {
  "use strict";
  // kb.js lives in <site>/assets/, so the site root is one folder up from this script.
  var script = document.currentScript;
  var siteRoot = script && script.src ? new URL("..", script.src) : null;

  // On the 404 page: a link typed with the id as printed (<path>/AB-4/, <path>/Ab-4/#avoid)
  // goes to the lower-case address the entry lives at, keeping ?query and #section.
  function lowerCaseEntryLink() {
    var meta = document.querySelector('meta[name="kb-entries-path"]');
    var folder = meta && meta.getAttribute("content");
    if (!folder || !siteRoot || location.protocol === "file:") return false;
    var base = siteRoot.pathname;
    var path = location.pathname;
    if (path.toLowerCase().indexOf(base.toLowerCase()) !== 0) return false;
    var rest = path.slice(base.length);
    var lower = rest.toLowerCase();
    if (lower === rest || lower.indexOf(folder.toLowerCase().replace(/\/+$/, "") + "/") !== 0) return false;
    location.replace(base + lower + location.search + location.hash);
    return true;
  }

  // Redirect pages of old ids: forward to the entry that replaced them, keeping the #section.
  function forward() {
    var link = document.querySelector("a.kb-forward");
    if (!link) return;
    var url = new URL(link.href);
    url.searchParams.set("from", link.getAttribute("data-kb-from"));
    url.hash = location.hash;
    location.replace(url.toString());
  }

  // With Material's instant navigation, document$ emits on every page; without it, once.
  function onPage(init) {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }

  function bare(href) {
    var url = new URL(href);
    url.search = "";
    url.hash = "";
    return url.toString();
  }

  // The hosted address the page names in its canonical link (also in an offline copy), or "".
  function canonicalUrl() {
    var link = document.querySelector('link[rel="canonical"]');
    return link && link.href ? bare(link.href) : "";
  }

  // The page's published address (the canonical one, when the site names a real, non-loopback
  // address), else the address the reader is on; "" in an offline copy with no published address.
  function shareUrl() {
    if (document.querySelector('meta[name="kb-published"]') && canonicalUrl()) return canonicalUrl();
    return location.protocol === "file:" ? "" : bare(location.href);
  }

  function make(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  // Writes text to the clipboard, then calls done(); without a clipboard (file://, an old browser,
  // permission refused) calls manual(), which shows the text to copy by hand.
  function copyText(text, done, manual) {
    var fail = function () { manual(); };
    if (!navigator.clipboard || !navigator.clipboard.writeText) return fail();
    try {
      navigator.clipboard.writeText(text).then(function () { done(); }, fail);
    } catch (error) {
      fail();
    }
  }

  // A page's "copy the link" box (the self-assessment's results, the agenda): the link shown in a field, copied
  // to the clipboard, or selected to copy by hand; url "" says there is no link to give (texts: t(name)).
  function linkBox(id, after, url, t) {
    var box = document.getElementById(id + "-copy"), field, status;
    if (!box) {
      box = make("p", "", "kb-quiz-copy kb-screen");
      box.id = id + "-copy";
      status = box.appendChild(make("span", "", "kb-quiz-copy-status"));
      status.setAttribute("role", "status");
      var label = box.appendChild(make("label", t("link-label")));
      field = box.appendChild(make("input"));
      field.id = label.htmlFor = id + "-link";
      field.type = "text";
      field.readOnly = true;
      after.parentNode.insertBefore(box, after.nextSibling);
    }
    field = document.getElementById(id + "-link");
    status = box.querySelector(".kb-quiz-copy-status");
    box.classList.toggle("kb-quiz-copy--none", !url);
    status.textContent = url ? "" : t("link-none");
    if (!url) return;
    field.value = url;
    copyText(url, function () { status.textContent = t("link-copied"); }, function () {
      status.textContent = t("link-manual");
      field.focus();
      field.select();
    });
  }

  window.kbgen = {
    onPage: onPage, shareUrl: shareUrl, make: make, copyText: copyText, linkBox: linkBox
  };

  function status() {
    var region = document.getElementById("kb-copy-status");
    if (!region) {
      region = make("span", "", "kb-visually-hidden");
      region.id = "kb-copy-status";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    return region;
  }

  function copied(button, message) {
    status().textContent = message;
    var text = button.textContent;
    button.textContent = "Copied";
    button.classList.add("kb-copied");
    setTimeout(function () {
      button.textContent = text;
      button.classList.remove("kb-copied");
    }, 2000);
  }

  // No clipboard (file://, an old browser, permission refused): show the text, selected, to copy by hand.
  function showToCopy(text, button, message, place) {
    var old = document.querySelector(".kb-copy-fallback");
    if (old) old.parentNode.removeChild(old);
    var box = make("span", "", "kb-copy-fallback");
    var label = make("label", message + " (press Ctrl+C or \u2318C):");
    label.htmlFor = "kb-copy-field";
    var field = make("input");
    field.type = "text";
    field.id = "kb-copy-field";
    field.readOnly = true;
    field.value = text;
    field.size = Math.min(Math.max(text.length, 20), 80);
    field.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        box.parentNode.removeChild(box);
        button.focus();
      }
    });
    box.appendChild(label);
    box.appendChild(field);
    place(box);
    field.focus();
    field.select();
  }

  function copy(text, button, done, manual, place) {
    copyText(text, function () { copied(button, done); }, function () { showToCopy(text, button, manual, place); });
  }

  // Calls use(address) with the address to share (see shareUrl); an offline copy of a site with no
  // published address has none: then it says so, instead of handing out a link that leads nowhere.
  function withAddress(place, use) {
    var url = shareUrl();
    if (url) return use(url);
    var old = document.querySelector(".kb-copy-fallback");
    if (old) old.parentNode.removeChild(old);
    var note = make("span", "This copy has no published address to link to: share the page itself, or the "
      + "address where the guide is published.", "kb-copy-fallback kb-no-address");
    note.setAttribute("role", "status");
    place(note);
  }

  function makeButton(text, label, onClick) {
    var button = make("button", text, "kb-copy");
    button.type = "button";
    button.setAttribute("aria-label", label);
    button.addEventListener("click", function () { onClick(button); });
    return button;
  }

  // The heading's own words, without its permalink or our buttons.
  function headingText(heading) {
    var words = "";
    for (var node = heading.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 || (node.nodeType === 1 && !node.matches(".headerlink, .kb-copy"))) {
        words += node.textContent;
      }
    }
    return words.trim();
  }

  var ITEM = { sign: "warning sign", step: "step", ask: "question" };  // ask: in the catalog's words (data-kb-ask)

  function addControls(article, entry) {
    var title = article.querySelector("h1");
    if (!title || article.querySelector(".kb-share")) return;  // already done (idempotent)
    var cite = entry.getAttribute("data-kb-citation") || headingText(title) + ", ";
    var share = make("div", "", "kb-share");
    var inShare = function (box) { share.appendChild(box); };
    share.appendChild(makeButton("Copy link", "Copy link to this page", function (button) {
      withAddress(inShare, function (url) { copy(url, button, "Link copied", "Copy this link", inShare); });
    }));
    share.appendChild(makeButton("Cite", "Cite: copy id, title, version and link", function (button) {
      // Without a published address a citation still names the id, the title and the version.
      var url = shareUrl();
      copy(url ? cite + url : cite.replace(/,\s*$/, ""), button, "Citation copied", "Copy this citation", inShare);
    }));
    title.parentNode.insertBefore(share, title.nextSibling);

    var headings = article.querySelectorAll("h2[id]");
    Array.prototype.forEach.call(headings, function (heading) {
      var id = heading.id;
      var after = function (box) { heading.parentNode.insertBefore(box, heading.nextSibling); };
      var button = makeButton("Copy link", "Copy link to section: " + headingText(heading), function (b) {
        withAddress(after, function (url) { copy(url + "#" + id, b, "Link copied", "Copy this link", after); });
      });
      var permalink = heading.querySelector(".headerlink");
      heading.insertBefore(button, permalink);
    });

    var items = article.querySelectorAll(".kb-anchored > li[id]");
    var names = { sign: ITEM.sign, step: ITEM.step, ask: entry.getAttribute("data-kb-ask") || ITEM.ask };
    Array.prototype.forEach.call(items, function (item) {
      var id = item.id;
      var parts = /^([a-z]+)-(\d+)$/.exec(id);
      var what = parts && names[parts[1]] ? names[parts[1]] + " " + parts[2] : id;
      var inside = function (box) { item.appendChild(box); };
      item.appendChild(makeButton("Copy link", "Copy link to " + what, function (b) {
        withAddress(inside, function (url) { copy(url + "#" + id, b, "Link copied", "Copy this link", inside); });
      }));
    });
  }

  // Arrived through an old id (?from=AB-12): say so, in the words of the page's history item.
  function forwardedNotice(article) {
    var from = new URLSearchParams(location.search).get("from");
    if (!from || article.querySelector(".kb-forwarded")) return;
    var items = article.querySelectorAll("li[data-kb-old-id]");
    var item = null;
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-kb-old-id").toUpperCase() === from.toUpperCase()) item = items[i];
    }
    if (!item) return;
    var note = make("div", "", "admonition info kb-forwarded");
    note.setAttribute("role", "status");
    var heading = make("p", "You followed a link to " + item.getAttribute("data-kb-old-id"), "admonition-title");
    var text = make("p", item.textContent.trim());
    note.appendChild(heading);
    note.appendChild(text);
    var title = article.querySelector("h1");
    var anchor = article.querySelector(".kb-share") || title;
    if (anchor) anchor.parentNode.insertBefore(note, anchor.nextSibling);
    else article.insertBefore(note, article.firstChild);
    // The address bar shows the entry's own address (still with its #section) once the notice is up.
    if (location.protocol !== "file:") {
      var url = new URL(location.href);
      url.searchParams.delete("from");
      history.replaceState(history.state, "", url.toString());
    }
  }

  // Tables inside .kb-sortable: each column heading becomes a button that sorts by that column
  // (a cell's data-sort value when it has one, else its text; "AB-2" before "AB-10").
  function sortable() {
    var tables = document.querySelectorAll(".kb-sortable table");
    Array.prototype.forEach.call(tables, function (table) {
      var body = table.tBodies[0];
      var heads = table.querySelectorAll("thead th");
      if (!body || table.getAttribute("data-kb-sorted")) return;
      table.setAttribute("data-kb-sorted", "");
      var key = function (row, col) {
        var cell = row.cells[col];
        var marked = cell && cell.querySelector("[data-sort]");
        return marked ? marked.getAttribute("data-sort") : (cell ? cell.textContent.trim() : "");
      };
      Array.prototype.forEach.call(heads, function (th, col) {
        var button = make("button", th.textContent, "kb-sort");
        button.type = "button";
        th.textContent = "";
        th.appendChild(button);
        if (col === 0) th.setAttribute("aria-sort", "ascending");  // rows are generated in id order
        button.addEventListener("click", function () {
          var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            return dir * key(a, col).localeCompare(key(b, col), undefined, {numeric: true, sensitivity: "base"});
          });
          rows.forEach(function (row) { body.appendChild(row); });
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        });
      });
    });
  }

  function init() {
    forward();
    sortable();
    var entry = document.getElementById("kb-entry");
    if (!entry) return;
    var article = entry.closest("article") || document.body;
    addControls(article, entry);
    forwardedNotice(article);
  }

  if (!lowerCaseEntryLink()) onPage(init);
})();

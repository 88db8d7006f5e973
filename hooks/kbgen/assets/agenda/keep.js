// The meeting agenda, what every page does: what this browser keeps (<storage key>:agenda, the key named by the
// page's kb-storage meta), the "Add to the agenda" buttons ([data-kb-agenda-id]: entry pages, the table of all
// entries) and the self-assessment's "add my exposed ones" (kbgenAgenda.add). Needs kb.js and quiz.js.
(function (A) {
  "use strict";
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
    if (A.current) A.current.reload();
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

  A.each = each;
  A.key = key;
  A.load = load;
  A.save = save;
  A.toggles = toggles;
})(window.kbgenAgenda);

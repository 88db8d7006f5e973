// When Material's search finds nothing it says so and nothing else: this shows the line under it
// (partials/search.html, .kb-search-none) that offers the table of all entries and the
// self-assessment, while Material's status line reads its "no results" text. Small and
// dependency-free; it only toggles the `hidden` attribute of markup the theme rendered.
(function () {
  "use strict";

  function watch() {
    var hint = document.querySelector(".kb-search-none");
    var meta = document.querySelector(".md-search-result__meta");
    if (!hint || !meta || hint.getAttribute("data-kb-watched")) return;
    hint.setAttribute("data-kb-watched", "true");
    var none = hint.getAttribute("data-kb-none");
    var update = function () {
      hint.hidden = meta.textContent.trim() !== none;
    };
    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
    update();
  }

  watch();
  // Material's instant navigation swaps pages without reloading: watch again after each one.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(watch);
})();

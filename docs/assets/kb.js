// Site-wide behaviour for generated pages. Dependency-free; never writes content into innerHTML.
(function () {
  "use strict";
  // Old ids: forward to the entry that replaced them, keeping the #section of the link.
  function forward() {
    var link = document.querySelector("a.kb-forward");
    if (!link) return;
    var url = new URL(link.href);
    url.searchParams.set("from", link.getAttribute("data-kb-from"));
    url.hash = location.hash;
    location.replace(url.toString());
  }
  forward();
})();

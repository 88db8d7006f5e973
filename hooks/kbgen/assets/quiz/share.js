// The self-assessment page: share links. "Copy link to these results" (the published address with the
// answers in the fragment); a link opened shows its answers without touching the reader's own, until
// "Keep these answers" saves them as an assessment of their own.
(function (Q) {
  "use strict";
  Q.parts.share = function (q) {
    var data = q.data, t = q.t, kb = window.kbgen, make = kb.make, byId = q.byId, store = q.store;
    var keep = q.form.querySelector('[data-kb-action="keep"]'), actions = q.form.querySelector(".kb-quiz-actions");

    // Back to the reader's own answers: the shared link leaves the address bar.
    function leave() {
      store.shared = false;
      keep.hidden = true;
      if (Q.isLink(location.hash)) {
        try { history.replaceState(history.state, "", location.href.split("#")[0]); } catch (error) { /* keep it */ }
      }
    }

    function copyLink() {
      var base = kb.shareUrl();
      kb.linkBox("kb-quiz", actions, base && new URL(Q.linkHash(data, q.answers()), base).href, t);
    }

    // Answers from a share link in the address are shown, never saved unless the reader keeps them.
    // Returns the notice ("" when the address holds no share link).
    function open() {
      var got = Q.readLink(data, location.hash);
      if (got === undefined) return "";
      if (!got) return t(got === false ? "link-old" : "link-bad");
      q.apply(got.list);
      store.shared = true;
      keep.hidden = false;
      q.results.show(true);
      return [t("link-shown"), Q.changes(data, got)].filter(Boolean).join(" ");
    }

    return {
      leave: leave,
      open: open,
      // The copied link's box goes when the answers are reset.
      close: function () {
        var box = byId("kb-quiz-copy");
        if (box) box.remove();
      },
      actions: {
        share: copyLink,
        keep: function () {
          q.assess.add(t("kept-name", { date: Q.ui.when(new Date()) }), q.answers());
          q.say(t("kept", { name: q.quote(store.mine().name) }));
          q.results.show(false);
        },
      },
    };
  };
})(window.kbgenQuiz);

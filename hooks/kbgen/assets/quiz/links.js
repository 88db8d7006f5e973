// The self-assessment's pure parts, second of three: share links, and the team view (pasted links and
// every person's answers side by side). Adds to window.kbgenQuiz (core.js, joined before it).
(function (Q) {
  "use strict";
  var LINK = "#a=", FORMAT = "2";
  var TEAM_LINES = 100, TEAM_CHARS = 50000;  // what one paste into the team view may hold

  // Share links, format 2: "#a=2." then one item per question in id-number order: the count of id
  // numbers skipped since the previous question (left out when none), the answer as a letter ("a" the
  // first option, "b" the second, ... "u" unsure) followed by the question's 3-character fingerprint,
  // or "-" alone when unanswered. 40 answered questions with no gaps: "#a=2." + 40 x 4 = 165 characters.
  function num(id) {
    return +id.slice(id.lastIndexOf("-") + 1);
  }

  function linkHash(data, list) {
    var prev = 0, out = LINK + FORMAT + ".";
    data.entries.map(function (e, i) { return [num(e.id), list[i], e.fp]; })
      .sort(function (x, y) { return x[0] - y[0]; })
      .forEach(function (x) {
        var a = x[1] === "-" ? "-" : (x[1] === "u" ? "u" : String.fromCharCode(97 + +x[1])) + x[2];
        out += (x[0] - prev - 1 || "") + a;
        prev = x[0];
      });
    return out;
  }

  function isLink(hash) {
    return hash.indexOf(LINK) === 0;
  }

  // A location.hash read as a share link: undefined when it is no share link; null when damaged;
  // false for a format-1 link of another version of the questions (it kept one version for the
  // whole questionnaire, so its answers cannot be matched per question); else what fromRecord gives.
  function readLink(data, hash) {
    if (!isLink(hash)) return undefined;
    var body = hash.slice(LINK.length), old = /^([0-9a-f]{12})\.([-u0-9]*)$/.exec(body), rec = Q.map(), prev = 0, m;
    if (old) {  // format 1: "#a=<version of all questions>.<one character per question>"
      if (old[1] !== data.version) return false;
      var list = old[2].split("");
      return list.length === data.entries.length && data.entries.every(function (e, i) { return Q.valid(e, list[i]); })
        ? { list: list, changed: [], added: [], moved: [] } : null;
    }
    if (body.slice(0, 2) !== FORMAT + ".") return null;
    var item = /(\d{0,6})(?:([a-u])([\w-]{3})|-)/y, rest = body.slice(2);
    item.lastIndex = 0;
    while (item.lastIndex < rest.length) {
      if (!(m = item.exec(rest))) return null;
      prev += 1 + +(m[1] || 0);
      rec[data.prefix + "-" + prev] = !m[2] ? { answer: "-" }
        : { answer: m[2] === "u" ? "u" : String(m[2].charCodeAt(0) - 97), fingerprint: m[3] };
    }
    return rest ? Q.fromRecord(data, rec) : null;
  }

  // Whether text[i] is white space, as \s is (without a regular expression per character for ASCII).
  function space(text, i) {
    var c = text.charCodeAt(i);
    return c < 128 ? c === 32 || (c >= 9 && c <= 13) : /\s/.test(text[i]);
  }

  // One pasted line: an optional name, then spaces or colons, then a link (its last word), read from
  // the end in one pass, with no regular expression that could backtrack. null when it holds no link.
  function teamLine(line) {
    var text = line.trim(), start = text.length;
    while (start && !space(text, start - 1)) start--;
    var word = text.slice(start), at = word.lastIndexOf(LINK), end = start;
    while (end && (text[end - 1] === ":" || space(text, end - 1))) end--;
    return at < 0 ? null : { name: text.slice(0, end), hash: word.slice(at) };
  }

  // A paste of share links, one per line: the people in it ({name, list, got}) and the lines that could
  // not be read ({line, old}); null when it holds more than TEAM_CHARS characters or TEAM_LINES lines.
  function teamLinks(data, text) {
    if (text.length > TEAM_CHARS) return null;
    var lines = text.split("\n"), people = [], problems = [];
    if (lines.filter(function (l) { return l.trim(); }).length > TEAM_LINES) return null;
    lines.forEach(function (line, i) {
      var m = teamLine(line), got = m && readLink(data, m.hash);
      if (!line.trim()) return;
      if (!got) return problems.push({ line: i + 1, old: got === false });
      people.push({ name: m.name, list: got.list, got: got });
    });
    return { people: people, problems: problems };
  }

  // The team view: per question every person's answer, the questions they disagree on first, and a
  // combined list that keeps, per question, the most exposed answer given (unsure only when that is all).
  function team(data, lists) {
    var rows = data.entries.map(function (e, i) {
      var given = lists.map(function (l) { return l[i]; }), seen = Q.map(), worst = "-";
      given.forEach(function (a) {
        if (a === "-") return;
        seen[a] = 1;
        if (worst === "-" || worst === "u" || (a !== "u" && e.scores[+a] < e.scores[+worst])) worst = a;
      });
      return { entry: e, answers: given, order: i, disagree: Object.keys(seen).length > 1, combined: worst };
    });
    var combined = rows.map(function (r) { return r.combined; });
    rows.sort(function (x, y) { return y.disagree - x.disagree || x.order - y.order; });
    return { rows: rows, combined: combined };
  }

  Object.assign(Q, {
    linkHash: linkHash, isLink: isLink, readLink: readLink, teamLine: teamLine, teamLinks: teamLinks, team: team,
    TEAM_LINES: TEAM_LINES, TEAM_CHARS: TEAM_CHARS,
  });
  if (typeof module === "object" && module && module.exports) module.exports = Q;
})(typeof module === "object" && module && module.exports ? require("./core.js") : window.kbgenQuiz);

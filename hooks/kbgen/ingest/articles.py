"""Find the list of mistakes in a plain-text copy of an article.

Articles give their list in many shapes: numbered headings ("1.", "1)", "#1", "Trap #2:", "Error 3 -",
"Pitfall number 1 is ..."), lists copied from Markdown where every item is "1.", bullets, unnumbered
headings in title or sentence case, rows of a table flattened into lines ("ViolationsDefine ..."), or
only a sentence naming them ("avoid these five mistakes: a, b and c"). Rather than trusting one
shape, every finder below proposes candidate runs of items; a run that sits inside one item of
another run is advice within that item and is dropped; the rest are scored by their shape (numbers
are explicit), how many items have text of their own, how many read like a mistake, whether the
count is the one the title announces, and whether the same labels come back later (a table of
contents). The best run wins. Around the list sit introductions, sign-up pitches, comment forms and
author boxes, which are not items. This module only reads text; ranking lives in `kbgen.ingest`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

LABEL_MAX = 120  # the source schema's limit on an item label

# A numbered heading: optional symbol (emoji, bullet), optional word ("Mistake", "Trap", "Pitfall
# number"...), then "#1", "1.", "1)", "1 -" or (after a word) "1 is"; the separator is what tells it
# from a sentence such as "7 Common ...".
_NUMBERED = re.compile(
    r"""^(?:\#{1,6}\s+)?[^\w#]{0,4}
    (?P<word>[a-z]+\.?\s*(?:(?:number|no\.?)\s*)?)?
    (?:\#\s*(?P<hash>\d{1,2})\s*[:.)\-–—]?\s+
      |(?P<num>\d{1,2})(?:(?P<sep>[.):])(?=\s*[*_"“‘']*[^\W\d_])|\s+(?P<dash>[-–—:])|\s+(?P<verb>is|was)(?=\s+\w))\s*)
    (?P<rest>\S.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_BULLET = re.compile(r"^\s*[•*·▪‣◦●\-–—]\s+(?P<rest>\S.*)$")
# Widgets of a web page around the article. Words that advice also starts with ("Share", "Subscribe",
# "Comments") count only as a whole line; the rest as a line's start.
_BOILERPLATE = re.compile(
    r"^(?:(?:\d+\s+)?comments?|share(?: this(?: post| article)?)?|shares|read more|subscribe|sign up|"
    r"related (?:posts|articles)|you (?:might|may) also (?:enjoy|like)|table of contents|skip to main content|"
    r"about the author)\W*$"
    r"|^(?:leave a (?:reply|comment)|no comments yet|your email address will not be published|categories:|tags:|"
    r"posted in\b|filed under\b|%d bloggers like this)",
    re.IGNORECASE,
)
# A paragraph or heading that wraps up the article ends the last item.
_CONCLUSION = re.compile(
    r"^(by (avoiding|following|making|keeping)|in conclusion|to (sum up|conclude|summari[sz]e)|conclusion\b|"
    r"final (thoughts?|words?)|closing thoughts|wrapping up|(the )?bottom line|key takeaways?\b|overall,|all in all|"
    r"so what are you waiting)",
    re.IGNORECASE,
)
# Plural list nouns mark a list's own title ("5 Fundamental Hiring Mistakes"), not an item.
_LIST_TITLE = re.compile(r"\b(mistakes|pitfalls|traps|errors|blunders|tips|reasons|ways|don'?ts)\b", re.IGNORECASE)
_MISTAKE_NOUNS = r"mistakes|pitfalls|traps|errors|blunders|misconceptions|myths"
_SENTENCE_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)[.!?](?=\s+[A-Z“\"])"
)
# Where a one-sentence item turns from naming the mistake to judging it ("Failing to X is also ...").
_CUT = re.compile(r"\s(?:(?:is|are)\s(?:also|one of|what|something|the|a|an)|because)\s")
# Where a summary line turns from the mistake to what it does ("Weak onboarding leads to ..."): verbs
# that name a consequence, and cannot be nouns; "failing to create" is not one.
_CONSEQUENCE = re.compile(
    r"(?<!\bto)(?<!\bthat)(?<!\bwhich)(?<!\bwho)(?<!\bwhat)\s(?:(?:can |will |often )?lead(?:s|ing)? to|led to|"
    r"results? in|resulted in|creates?|compromises?|undermines?|allows?)\s",
    re.IGNORECASE,
)
# A short line selling something (newsletter, course, members' area) is not part of an item.
_PITCH = re.compile(
    r"\b(subscribe|newsletter|sign up|membership|premium|free trial|buy now|available now|"
    r"download (our|the|your)|\d+\s?% off)\b",
    re.IGNORECASE,
)
# How mistakes are named: a gerund ("Ignoring ..."), or a word of lack, excess or fault ("No exit plan").
_MISTAKE_LIKE = re.compile(
    r"^[\W_]*(?:not|no|never|don'?t|lack|lacking|poor|wrong|bad|too|vague|unclear|unrealistic|inadequate|"
    r"insufficient|missing|without|failure|absence|over\w+|under\w+|mis\w+|neglect\w*|\w{3,}ing)\b",
    re.IGNORECASE,
)
# A flattened table row: its name runs into its text ("Breach of ConfidentialityInclude ..."), or the
# cells are kept apart by pipes.
_ROW_JOIN = re.compile(r"^(?P<name>[A-Z][^|]{1,80}?[a-z)])(?P<text>[A-Z][a-z].*)$")
_ROW_PIPE = re.compile(r"^\|?\s*(?P<name>[^|]+?)\s*\|\s*(?P<text>[^|]+?)\s*(?:\|.*)?$")
# A sentence naming the mistakes: "... these five mistakes—a, b, and c—can ...", "pitfalls such as a, b or c".
_ENUMERATION = re.compile(
    rf"\b(?:{_MISTAKE_NOUNS})\b"
    r"(?:\s*[—–:(]|\s-\s|,?\s+(?:such as|like|including|include|are|were|namely)\b\s*[:—–]?)\s*"
    r"(?P<list>[^—–():;.]+?)\s*(?:[—–).;:]|\s-\s|$)",
    re.IGNORECASE,
)
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_COUNT = re.compile(
    rf"\b(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_MISTAKE_NOUNS}|reasons|ways|things)\b",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b(?:19|20)\d\d\b")

# Scoring of candidate runs (see `_score`).
_FORM_WEIGHT = {"numbered": 1.0, "heading": 0.9, "bullet": 0.8, "row": 0.8, "inline": 0.6}
_NUMBERED_BONUS = 2.0  # explicit numbers are the strongest sign of the list
_COUNT_BONUS = 1.0  # as many items as the title announces
_NOT_MISTAKE_LIKE = 0.5  # weight of an item whose label does not read like a mistake
_NO_TEXT = 0.5  # weight of an item with no text of its own
_PAGE_CHROME = 0.5  # weight of a run that ends before the article's first paragraph


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    text: str


@dataclass(frozen=True)
class Article:
    title: str
    url: str
    items: list[Item]


class _Start(NamedTuple):
    line: int
    id: str
    rest: str  # the heading, possibly with its paragraph run in
    lead: str | None = None  # text already split off the heading (table rows)


@dataclass(frozen=True)
class _Run:
    """A candidate list: its items, and the lines each covers (for telling outer lists from inner ones)."""

    form: str
    items: tuple[Item, ...]
    spans: tuple[tuple[int, int], ...]


def _words(line: str) -> list[str]:
    return line.split()


def _heading_like(line: str) -> bool:
    """A short line without closing punctuation: a heading, caption or widget, not a sentence."""
    s = line.strip()
    return bool(s) and len(_words(s)) <= 12 and s[-1] not in ".!?:;,…" and not _BULLET.match(s)


def _paragraph(line: str) -> bool:
    return len(_words(line)) >= 10


def _plain(line: str) -> str:
    """A line without Markdown heading marks and emphasis."""
    return line.strip().lstrip("#").strip().strip("*_").strip()


def _clip(text: str, limit: int = LABEL_MAX) -> str:
    text = text.strip().strip("*_").rstrip(".:;,!").strip()  # Markdown emphasis and closing punctuation
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _consequence_cut(sentence: str) -> tuple[str, str] | None:
    """(mistake, consequence) of a summary line such as "Poor onboarding undermines quality from day one"."""
    cut = _CONSEQUENCE.search(sentence)
    if cut and len(_words(sentence[: cut.start()])) >= 2 and len(_words(sentence[cut.end() :])) >= 2:
        return sentence[: cut.start()], sentence[cut.start() :].strip()
    return None


def _separated(first: str, short: bool) -> tuple[str, str] | None:
    """(heading, separator) of "Heading: text" or "Heading – text" within the first sentence. A short
    line keeps "Hiring cheap: a false economy" whole, but not "Hiring cheap: Nobody can ..."."""
    for sep in (": ", " – ", " — ", " - "):
        head, found, tail = first.partition(sep)
        if found and 2 <= len(_words(head)) <= 14 and (not short or (tail[:1].isupper() and len(_words(tail)) >= 3)):
            return head, sep
    return None


def split_label(rest: str) -> tuple[str, str]:
    """Heading and paragraph run together on one line: return (label, remaining text)."""
    rest = rest.strip()
    parts = _SENTENCE_END.split(rest, maxsplit=1)
    first, after = parts[0], parts[1].strip() if len(parts) == 2 else ""
    short = not after and len(_words(rest)) <= 12 and len(rest) <= LABEL_MAX  # a heading on its own
    separated = _separated(first, short)
    if separated:
        head, sep = separated
        return _clip(head), rest[len(head) + len(sep) :].strip()
    if short:
        consequence = _consequence_cut(rest) if len(_words(rest)) >= 8 else None
        return (_clip(consequence[0]), consequence[1]) if consequence else (_clip(rest), "")
    # A short first sentence is the heading ("Wrong provider. Cost counts ..."); in a short line it
    # takes two words, so that "U.S. firms ..." is not cut after "U.S".
    if after and (2 if len(_words(rest)) <= 12 else 1) <= len(_words(first)) <= 10:
        return _clip(first), after
    cut = _CUT.search(first)
    if cut and len(_words(rest[: cut.start()])) >= 3:
        return _clip(rest[: cut.start()]), rest  # the subject names the mistake; keep the whole sentence as text
    consequence = _consequence_cut(first)
    if consequence:
        return _clip(consequence[0]), rest[len(consequence[0]) :].strip()
    if after and len(_words(first)) <= 16:
        return _clip(first), after
    label = _clip(first)
    return label, "" if label == _clip(rest) else rest


def _header(lines: list[str]) -> tuple[str, str, list[str]]:
    """Strip optional `URL:` and `TITLE:` lines; return (title, url, remaining lines)."""
    url = title = ""
    body = list(lines)
    while body and re.match(r"^(URL|TITLE):", body[0].strip()):
        key, _, value = body.pop(0).strip().partition(":")
        if key == "URL":
            url = value.strip()
        else:
            title = value.strip()
    # Copies note where a title came from: "(title not in the returned text; taken from the URL slug)".
    title = re.sub(r"\s*\(title (?:not|taken) [^)]*\)\s*$", "", title)
    return title, url, body


def _guess_title(lines: list[str]) -> str:
    """The first short line naming a list ("Errors to avoid ..."), else the first short line: copies
    without a TITLE line start with the page heading, or with a menu or an address."""
    short = [
        s
        for s in (line.strip().lstrip("#").strip() for line in lines)
        if s and len(_words(s)) <= 16 and not re.match(r"^\d{3,}", s) and not _BOILERPLATE.match(s)
    ]
    return next((s for s in short if _LIST_TITLE.search(s)), short[0] if short else "")


def _announced_count(title: str, lines: list[str]) -> tuple[int, bool]:
    """How many items the article announces ("7 Common Traps", "these ten mistakes"), and whether its title does."""
    for text, in_title in ((title, True), *((line, False) for line in lines)):
        m = _COUNT.search(text)
        if m:
            n = m[1].lower()
            return (int(n) if n.isdigit() else _NUMBER_WORDS.index(n) + 2), in_title
    return 0, False


def _body(lines: list[str], start: int, end: int, last: bool) -> tuple[str, int]:
    """The text of an item (lines[start:end]), up to a heading-like line, boilerplate, or (last item) a
    conclusion; and the index of the last line it takes."""
    out: list[str] = []
    taken = start - 1
    for i in range(start, end):
        s = lines[i].strip()
        if not s:
            continue
        # A short unpunctuated line is a heading or caption, unless it is where the copy was cut off.
        more_follows = any(rest.strip() for rest in lines[i + 1 :])
        pitch = len(_words(s)) <= 15 and _PITCH.search(s)
        if _BOILERPLATE.match(s) or pitch or (_heading_like(s) and more_follows) or (last and _CONCLUSION.match(s)):
            break
        bullet = _BULLET.match(s)
        out.append(bullet.group("rest") if bullet else s)
        taken = i
    if out and out[-1].endswith(":") and not last:  # "The others are just as common:" introduces the next item
        out.pop()
    return " ".join(out), taken


def _run(form: str, lines: list[str], starts: list[_Start]) -> _Run:
    """Items from their starts; each item's text runs to the next start. The last item covers no more
    lines than the longest other item, so a table of contents does not swallow the article below it."""
    items, spans = [], []
    longest = max((b.line - a.line for a, b in pairwise(starts)), default=len(lines))
    for k, start in enumerate(starts):
        end = starts[k + 1].line if k + 1 < len(starts) else len(lines)
        label, lead = split_label(start.rest) if start.lead is None else (_clip(start.rest), start.lead)
        body, taken = _body(lines, start.line + 1, end, last=k + 1 == len(starts))
        items.append(Item(start.id, label, " ".join(t for t in (lead, body) if t)))
        spans.append((start.line, end - 1 if k + 1 < len(starts) else min(taken, start.line + longest)))
    return _Run(form, tuple(items), tuple(spans))


# --- Finders: each proposes candidate runs ---------------------------------------------------------


def _numbered(lines: list[str], title: str) -> list[list[_Start]]:
    """Runs 1, 2, 3... of numbered headings written in the same style, and runs numbered 1, 1, 1 (a
    Markdown list after copy and paste), renumbered in page order."""
    found = []
    for i, line in enumerate(lines):
        m = _NUMBERED.match(line.strip())
        if not m or (m["verb"] and not m["word"]):  # "1 is ..." is a sentence, "Pitfall number 1 is ..." an item
            continue
        # Same style = same indent and word, or without a word the same number form: "#1" and "#2:" are
        # one list, "1." and "1)" are not; "Pitfall number 1 is" and "Pitfall #2:" are one.
        indent = len(line) - len(line.lstrip())
        word = re.match(r"[a-z]*", (m["word"] or "").lower())
        form = "" if m["word"] else f"{bool(m['hash'])}{m['sep'] or m['dash'] or ''}"
        style = (indent, word[0] if word else "", form)
        rest = m["rest"].strip()
        if m["verb"]:
            rest = rest[:1].upper() + rest[1:]
        found.append((i, int(m["hash"] or m["num"]), style, rest))
    runs: list[list[_Start]] = []
    for k, (i, number, style, rest) in enumerate(found):
        if number != 1:
            continue
        same = [(j, n, r) for j, n, s, r in found[k + 1 :] if s == style]
        chain = [_Start(i, "1", rest)]
        for j, n, r in same:
            if n == len(chain) + 1:
                chain.append(_Start(j, str(n), r))
        ones = [_Start(i, "1", rest)]
        for j, n, r in same:
            if n != 1:
                break
            ones.append(_Start(j, str(len(ones) + 1), r))
        runs += [chain, ones] if len(ones) > 1 else [chain]
    return runs


def _bullets(lines: list[str], title: str) -> list[list[_Start]]:
    """Runs of bullets; a heading-like line between two bullets ends a run."""
    runs: list[list[_Start]] = [[]]
    for i, line in enumerate(lines):
        s = line.strip()
        m = _BULLET.match(s)
        if m:
            runs[-1].append(_Start(i, f"b{len(runs[-1]) + 1}", m["rest"].strip()))
        elif s and (_heading_like(s) or _BOILERPLATE.match(s)) and runs[-1]:
            runs.append([])
    return runs


def _is_heading(lines: list[str], i: int, title_words: set[str]) -> bool:
    """A short line starting with a capital, without closing punctuation, followed by a paragraph."""
    s = _plain(lines[i])
    following = next((x.strip() for x in lines[i + 1 :] if x.strip()), "")
    letter = re.search(r"[^\W\d_]", s)
    if not (_heading_like(s) and letter and letter[0].isupper() and _paragraph(following)):
        return False
    if _NUMBERED.match(s) or re.match(r"^\W*\d", s) or _DATE.search(s) or _ROW_JOIN.match(s):
        return False
    words = set(s.lower().split())
    return not (title_words and len(words & title_words) / len(words) >= 0.6)  # the title or a subtitle


def _headings(lines: list[str], title: str) -> list[list[_Start]]:
    """Runs of unnumbered headings (title or sentence case), each followed by a paragraph. A list's own
    title, a conclusion or boilerplate ends a run; headings at either end that do not read like a
    mistake are an introduction or a closing section when most of the run does."""
    title_words = set(title.lower().split())
    groups: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        s = _plain(line)
        if s and (_BOILERPLATE.match(s) or _CONCLUSION.match(s) or (_heading_like(s) and _LIST_TITLE.search(s))):
            groups.append([])
        elif _is_heading(lines, i, title_words):
            groups[-1].append(i)
    runs = []
    for group in groups:
        like = [bool(_MISTAKE_LIKE.match(_plain(lines[i]))) for i in group]
        if sum(like) >= 2 and 2 * sum(like) >= len(group):
            group = group[like.index(True) : len(like) - like[::-1].index(True)]
        runs.append([_Start(i, f"b{k}", _plain(lines[i])) for k, i in enumerate(group, 1)])
    return runs


def _row(line: str) -> tuple[str, str] | None:
    s = line.strip()
    m = _ROW_PIPE.match(s) if "|" in s else _ROW_JOIN.match(s)
    if m and 1 <= len(_words(m["name"])) <= 10 and len(_words(m["text"])) >= 3:
        return m["name"].strip(), m["text"].strip()
    return None


def _rows(lines: list[str], title: str) -> list[list[_Start]]:
    """Runs of table rows on consecutive lines; a short line ending the copy just after them is a row cut off."""
    runs: list[list[_Start]] = [[]]
    for i, line in enumerate(lines):
        row = _row(line)
        cut_off = runs[-1] and line.strip() and _heading_like(line) and not any(x.strip() for x in lines[i + 1 :])
        if row or cut_off:
            name, text = row or (line.strip(), "")
            runs[-1].append(_Start(i, f"b{len(runs[-1]) + 1}", name, text))
        elif line.strip():
            runs.append([])
    return runs


def _names(listed: str) -> list[str]:
    """The names in "a, b, and c" or "a, b and c"."""
    names = [p.strip() for p in re.split(r",\s*", listed)]
    if len(names) >= 2 and re.match(r"(?:and|or)\s", names[-1]):
        names[-1] = names[-1].split(None, 1)[1]
    elif len(names) >= 2 and " and " in names[-1]:
        names[-1:] = names[-1].split(" and ", 1)
    return [n[:1].upper() + n[1:] for n in names]


def _enumerations(lines: list[str], title: str) -> list[_Run]:
    """Mistakes named only in one sentence (a summary or the conclusion). When the paragraphs before it
    are as many as the names (after at most one introduction), each name gets its paragraph as text."""
    runs = []
    for i, line in enumerate(lines):
        for m in _ENUMERATION.finditer(line):
            names = _names(m["list"])
            if len(names) < 3 or not all(1 <= len(_words(n)) <= 8 for n in names):
                continue
            before = [x.strip() for x in lines[:i] if _paragraph(x) and not _BOILERPLATE.match(x.strip())]
            texts = before[-len(names) :] if len(names) <= len(before) <= len(names) + 1 else [""] * len(names)
            items = tuple(Item(f"b{k}", _clip(n), t) for k, (n, t) in enumerate(zip(names, texts, strict=True), 1))
            runs.append(_Run("inline", items, tuple((i, i) for _ in items)))
    return runs


# --- Choosing the list -----------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _repeated_later(label: str, lines: list[str], after: int) -> bool:
    """The label comes back as a line of its own further down: this item was a table of contents entry."""
    key = _key(label)
    return bool(key) and any(_key(_NUMBERED.sub(r"\g<rest>", _plain(x))) == key for x in lines[after + 1 :])


def _score(run: _Run, lines: list[str], count: int) -> float:
    """Items weighed by having text and reading like a mistake (a table of contents entry weighs
    nothing), times the form's weight; numbers, and the announced count, add to it."""
    quality, listed = 0.0, 0
    for item, (_, end) in zip(run.items, run.spans, strict=True):
        has_text = len(_words(item.text)) >= 5
        if not has_text and _repeated_later(item.label, lines, end):
            continue
        listed += 1
        weight = 1.0 if has_text else _NO_TEXT
        quality += weight if _MISTAKE_LIKE.match(item.label) else _NOT_MISTAKE_LIKE * weight
    score = _FORM_WEIGHT[run.form] * quality
    if run.spans[-1][0] < next((i for i, x in enumerate(lines) if _paragraph(x)), len(lines)):
        score *= _PAGE_CHROME  # all of it above the article's first paragraph: a menu
    if run.form == "numbered":
        score += _NUMBERED_BONUS * listed / len(run.items)
    return score + (_COUNT_BONUS if count and len(run.items) == count else 0.0)


def _nested(inner: _Run, outer: _Run) -> bool:
    """All of `inner` lies within one item of `outer`: it is advice inside that item."""
    return inner is not outer and any(
        start < inner.spans[0][0] and inner.spans[-1][0] <= end for start, end in outer.spans
    )


def _trim(run: _Run, count: int) -> _Run:
    """An unnumbered run longer than the count its title announces ends with a closing remark."""
    if run.form == "numbered" or not count or len(run.items) <= count:
        return run
    return _Run(run.form, run.items[:count], run.spans[:count])


_FINDERS: dict[str, Callable[[list[str], str], list[list[_Start]]]] = {
    "numbered": _numbered,
    "bullet": _bullets,
    "heading": _headings,
    "row": _rows,
}


def _candidates(lines: list[str], title: str) -> list[_Run]:
    found = [_run(form, lines, starts) for form, find in _FINDERS.items() for starts in find(lines, title) if starts]
    return [*found, *_enumerations(lines, title)]


def _best_run(lines: list[str], title: str) -> _Run | None:
    """The best-scoring candidate run that is not inside another one."""
    count, in_title = _announced_count(title, lines)
    runs = [_trim(r, count) if in_title else r for r in _candidates(lines, title)]
    runs = [r for r in runs if len(r.items) >= 2]
    outer = [r for r in runs if not any(_nested(r, other) for other in runs)]
    # Ties go to the run that starts first: the outer structure of the article.
    return max(outer, key=lambda r: (_score(r, lines, count), -r.spans[0][0]), default=None)


def parse_article(text: str) -> Article:
    """Title, URL and the list of mistakes of one article copy."""
    title, url, lines = _header(text.splitlines())
    best = _best_run(lines, title or _guess_title(lines))
    if not title:
        title = _guess_title(lines[: best.spans[0][0]] if best else lines)
    return Article(_clip(title), url, list(best.items) if best else [])

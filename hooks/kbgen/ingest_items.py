"""Find the list of mistakes in a plain-text copy of an article.

Articles number their items in many ways ("1.", "1)", "#1", "Mistake #1:", "1 -"), or use bullets, or
unnumbered title-case headings followed by paragraphs; some run heading and paragraph together on one
line. Around the list sit introductions, sign-up pitches, comment forms and author boxes, which are
not items. This module only reads text; ranking lives in `kbgen.ingest`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

LABEL_MAX = 120  # the source schema's limit on an item label

# A numbered heading: optional symbol (emoji, bullet), optional word ("Mistake", "Pitfall"...),
# then "#1", "1.", "1)" or "1 -"; the separator is what tells it from a sentence such as "7 Common ...".
_NUMBERED = re.compile(
    r"""^(?:\#{1,6}\s+)?[^\w#]{0,4}
    (?P<word>(?:mistake|pitfall|trap|error|blunder|step|reason|tip)s?\s*(?:no\.?\s*)?)?
    (?:\#\s*(?P<hash>\d{1,2})\s*[:.)\-–—]?\s+
      |(?P<num>\d{1,2})(?:(?P<sep>[.):])(?=\s*[*_"“‘']*[^\W\d_])|\s+(?P<dash>[-–—:]))\s*)
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
# A paragraph that wraps up the article ends the last item.
_CONCLUSION = re.compile(
    r"^(by (avoiding|following|making|keeping)|in conclusion|to (sum up|conclude|summari[sz]e)|conclusion\b|"
    r"final thoughts?|overall,|all in all|so what are you waiting)",
    re.IGNORECASE,
)
# Plural list nouns mark a list's own title ("5 Fundamental Hiring Mistakes"), not an item.
_LIST_TITLE = re.compile(r"\b(mistakes|pitfalls|traps|errors|blunders|tips|reasons|ways|don'?ts)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)[.!?](?=\s+[A-Z“\"])")
# Where a one-sentence bullet turns from naming the mistake to judging it ("Failing to X is also ...").
_CUT = re.compile(r"\s(?:(?:is|are)\s(?:also|one of|what|something|the|a|an)|because)\s")
# A short line selling something (newsletter, course, members' area) is not part of an item.
_PITCH = re.compile(
    r"\b(subscribe|newsletter|sign up|membership|premium|free trial|buy now|available now|"
    r"download (our|the|your)|\d+\s?% off)\b",
    re.IGNORECASE,
)


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


def _words(line: str) -> list[str]:
    return line.split()


def _heading_like(line: str) -> bool:
    """A short line without closing punctuation: a heading, caption or widget, not a sentence."""
    s = line.strip()
    return bool(s) and len(_words(s)) <= 12 and s[-1] not in ".!?:;,…" and not _BULLET.match(s)


def _paragraph(line: str) -> bool:
    return len(_words(line)) >= 10


def _title_case(line: str) -> bool:
    long = [w for w in re.findall(r"[^\W\d_][\w'’]*", line) if len(w) >= 4]
    return bool(long) and sum(w[0].isupper() for w in long) / len(long) >= 0.6


def _clip(text: str, limit: int = LABEL_MAX) -> str:
    text = text.strip().strip("*_").rstrip(".:;,!").strip()  # Markdown emphasis and closing punctuation
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def split_label(rest: str) -> tuple[str, str]:
    """Heading and paragraph run together on one line: return (label, remaining text)."""
    rest = rest.strip()
    if len(_words(rest)) <= 12 and len(rest) <= LABEL_MAX:
        return _clip(rest), ""
    for sep in (": ", " – ", " — ", " - "):
        head, found, tail = rest.partition(sep)
        if found and 2 <= len(_words(head)) <= 14:
            return _clip(head), tail.strip()
    parts = _SENTENCE_END.split(rest, maxsplit=1)
    if len(parts) == 2 and len(_words(parts[0])) <= 10:
        return _clip(parts[0]), parts[1].strip()
    cut = _CUT.search(parts[0])
    if cut and len(_words(rest[: cut.start()])) >= 3:
        return _clip(rest[: cut.start()]), rest  # the subject names the mistake; keep the whole sentence as text
    if len(parts) == 2 and len(_words(parts[0])) <= 16:
        return _clip(parts[0]), parts[1].strip()
    label = _clip(parts[0])
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
    title = re.sub(r"\s*\(title not [^)]*\)\s*$", "", title)
    return title, url, body


def _guess_title(lines: list[str]) -> str:
    """The first short line: copies without a TITLE line start with the page heading, or an address."""
    for line in lines:
        s = line.strip().lstrip("#").strip()
        if s and len(_words(s)) <= 16 and not re.match(r"^\d{3,}", s) and not _BOILERPLATE.match(s):
            return s
    return ""


def _body(lines: list[str], start: int, end: int, last: bool) -> str:
    """The text of an item (lines[start:end]): up to a heading-like line, boilerplate, or (last item) a conclusion."""
    out: list[str] = []
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
    return " ".join(out)


def _make_items(lines: list[str], starts: list[tuple[int, str, str]]) -> list[Item]:
    """Items from (line index, id, heading text) triples; each item's text runs to the next start."""
    items = []
    for k, (index, item_id, rest) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        label, lead = split_label(rest)
        body = _body(lines, index + 1, end, last=k + 1 == len(starts))
        items.append(Item(item_id, label, " ".join(t for t in (lead, body) if t)))
    return items


def _numbered(lines: list[str]) -> list[tuple[int, str, str]]:
    """The longest run 1, 2, 3... of numbered headings written in the same style."""
    found = []
    for i, line in enumerate(lines):
        m = _NUMBERED.match(line.strip())
        if m:
            # Same style = same word and number form; "#1" and "#2:" are one list, "1." and "1)" are not.
            style = ((m["word"] or "").strip().lower(), bool(m["hash"]), m["sep"] or ("-" if m["dash"] else ""))
            found.append((i, int(m["hash"] or m["num"]), style, m["rest"].strip()))
    chains = []
    for k, (i, number, style, rest) in enumerate(found):
        if number != 1:
            continue
        chain = [(i, "1", rest)]
        for j, n, s, r in found[k + 1 :]:
            if s == style and n == len(chain) + 1:
                chain.append((j, str(n), r))
        chains.append(chain)

    def with_text(chain: list[tuple[int, str, str]]) -> int:
        # A table of contents lists the same headings with nothing under them; the real list has text.
        return sum(any(x.strip() for x in lines[a[0] + 1 : b[0]]) for a, b in pairwise(chain))

    best = max(chains, key=lambda c: (len(c), with_text(c)), default=[])
    return best if len(best) >= 2 else []


def _bullets(lines: list[str]) -> list[tuple[int, str, str]]:
    """The longest run of bullets; a heading-like line between two bullets ends a run."""
    runs: list[list[tuple[int, str, str]]] = [[]]
    for i, line in enumerate(lines):
        s = line.strip()
        m = _BULLET.match(s)
        if m:
            runs[-1].append((i, f"b{len(runs[-1]) + 1}", m["rest"].strip()))
        elif s and (_heading_like(s) or _BOILERPLATE.match(s)) and runs[-1]:
            runs.append([])
    best = max(runs, key=len)
    return best if len(best) >= 2 else []


def _headings(lines: list[str], title: str) -> list[tuple[int, str, str]]:
    """Unnumbered title-case headings, each followed by a paragraph."""
    title_words = set(title.lower().split())
    out: list[tuple[int, str, str]] = []
    for i, line in enumerate(lines):
        s = line.strip()
        following = next((x.strip() for x in lines[i + 1 :] if x.strip()), "")
        if not (_heading_like(s) and _title_case(s) and _paragraph(following)):
            continue
        words = set(s.lower().split())
        if _BOILERPLATE.match(s) or _LIST_TITLE.search(s) or re.match(r"^\d", s):
            continue
        if title_words and len(words & title_words) / len(words) >= 0.6:  # the title or a subtitle
            continue
        out.append((i, f"b{len(out) + 1}", s.lstrip("#").strip()))  # Markdown headings keep no "##"
    return out if len(out) >= 2 else []


def parse_article(text: str) -> Article:
    """Title, URL and the list of mistakes of one article copy."""
    title, url, lines = _header(text.splitlines())
    starts = _numbered(lines)
    if not starts:
        # Without numbers, the structure that starts first is the outer one (bullets inside headed
        # sections are advice, and headings above a bulleted list are its introduction).
        forms = [f for f in (_headings(lines, title or _guess_title(lines)), _bullets(lines)) if f]
        starts = min(forms, key=lambda f: f[0][0]) if forms else []
    if not title:
        title = _guess_title(lines[: starts[0][0]] if starts else lines)
    return Article(_clip(title), url, _make_items(lines, starts))

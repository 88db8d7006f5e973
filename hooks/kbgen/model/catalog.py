"""One definition per kind of content: typed, immutable pydantic models.

Validation (with located errors: ``validate.py``), the objects templates use, the editor JSON
Schemas (``schemas.py`` writes them) and the export all come from these classes. Adding a field
to every entry means: a field here, the template that shows it, and its line on the Data page.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    RootModel,
    Strict,
    StringConstraints,
)
from pydantic_core import PydanticCustomError, core_schema

SEVERITIES = ("high", "medium", "low")  # display order
Severity = Literal["low", "medium", "high"]
# How much each severity counts in the self-assessment; the quiz page explains the score from this.
WEIGHT: dict[str, int] = {"high": 3, "medium": 2, "low": 1}

UNRELEASED = "unreleased"  # the version of work published between releases

ID_PATTERN = r"^[A-Z][A-Z0-9]*-[1-9][0-9]*$"
SLUG_PATTERN = r"^[a-z][a-z0-9-]*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_HTML = re.compile(r"<[A-Za-z/!?]|javascript:", re.IGNORECASE)


def _check_plain(text: str, multiline: bool) -> str:
    match = _HTML.search(text)
    if match:
        got = repr(text[match.start() : match.start() + 20])
        raise PydanticCustomError(
            "plain_text", "raw HTML or scripts are not allowed in text; write plain words (got {got})", {"got": got}
        )
    if not multiline and "\n" in text.strip():
        raise PydanticCustomError("one_line", "must be one line: remove the line break")
    return text


def _one_line(text: str) -> str:
    return _check_plain(text, multiline=False)


def _paragraphs(text: str) -> str:
    return _check_plain(text, multiline=True)


def date_problem(text: str) -> str | None:
    """Why ``YYYY-MM-DD`` (a time of day may follow) is not a real date, in the project's own words (Python's
    and PyYAML's change between versions); None when it is one."""
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2}):(\d{2}))?", text)
    if not match:
        return "expected YEAR-MONTH-DAY"
    year, month, day = (int(g) for g in match.groups()[:3])
    if year < 1:
        return f"year {year} is out of range"
    if not 1 <= month <= 12:
        return "month must be in 1..12"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return "day is out of range for month"
    if match[4] is not None and not (int(match[4]) < 24 and int(match[5]) < 60 and int(match[6]) < 60):
        return "the time of day is not a real one"
    return None


def _real_date(text: str) -> str:
    why = date_problem(text)
    if why:  # worded as yamlfile words an unquoted date
        raise PydanticCustomError(
            "real_date", "expected a real date such as 2026-01-31 (got {got}: {why})", {"got": repr(text), "why": why}
        )
    return text


def _unique(items: tuple) -> tuple:
    seen: set = set()
    for i, item in enumerate(items):
        if item in seen:
            raise PydanticCustomError(
                "unique", "item {index} repeats an earlier item (got {got})", {"index": i, "got": repr(item)}
            )
        seen.add(item)
    return items


def _web_address(text: str | None) -> str | None:
    """An article's own address: no user name or password before the host, which a reader sees as the
    site (``https://trusted.example@evil.example/`` goes to evil.example). None (no address) stays None."""
    if text is None:
        return None
    parts = urlsplit(text)
    if "@" in parts.netloc:
        raise PydanticCustomError(
            "user_info", "expected the article's own address, without a user name or password before the host"
        )
    if not parts.hostname:
        raise PydanticCustomError("no_host", "expected an address with a host name, such as https://example.com/a")
    return text


def _size(low: int, high: int) -> StringConstraints:
    return StringConstraints(min_length=low, max_length=high)


@dataclass(frozen=True)
class _Text:
    """Plain text, checked (no HTML, lines as said) and named in the JSON Schema (``x-kbgen-text``: "one line"
    or "paragraphs"), so editors and the author's guide say what a field takes."""

    paragraphs: bool

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        check = _paragraphs if self.paragraphs else _one_line
        return core_schema.no_info_after_validator_function(check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        out = handler(schema)
        out["x-kbgen-text"] = "paragraphs" if self.paragraphs else "one line"
        return out


ONE_LINE, PARAGRAPHS = _Text(paragraphs=False), _Text(paragraphs=True)
# The patterns in words, for messages and the author's guide.
PATTERN_WORDS = {
    ID_PATTERN: "an id of capitals, a hyphen and a number without leading zero, like AB-12",
    SLUG_PATTERN: "a lower-case id like risk-exit",
    DATE_PATTERN: "a date like 2026-11-22",
}
UNIQUE, UNIQUE_SCHEMA = AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True})

# Plain text of bounded length: no HTML; one line unless made of paragraphs.
Id = Annotated[
    str,
    Strict(),
    StringConstraints(pattern=ID_PATTERN),
    Field(description="Stable id, like AB-12. Never reused, never renumbered."),
]
Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN)]
Date = Annotated[str, Strict(), StringConstraints(pattern=DATE_PATTERN), AfterValidator(_real_date)]
ShortId = Annotated[str, Strict(), _size(1, 20), ONE_LINE]
Label = Annotated[str, Strict(), _size(1, 120), ONE_LINE]
Title = Annotated[str, Strict(), _size(3, 90), ONE_LINE]
Line = Annotated[str, Strict(), _size(3, 400), ONE_LINE]
Alias = Annotated[str, Strict(), _size(2, 40), ONE_LINE]
Score = Annotated[
    float, Strict(), Field(ge=0, le=1, allow_inf_nan=False, description="1 = not exposed, 0 = fully exposed.")
]
# Words that go into headings and links: letters, spaces and hyphens only, so they cannot carry markup.
WORD_PATTERN = r"^\w[\w '-]*$"
Word = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=40, pattern=WORD_PATTERN)]
PREFIX_PATTERN, KEY_PATTERN, FILE_PATTERN = r"^[A-Z][A-Z0-9]*$", r"^[a-z0-9-]+$", r"^[A-Za-z0-9_.-]+$"
URL_PATTERN = r"^https?://[^\s<>\"]+$"
PATTERN_WORDS |= {
    WORD_PATTERN: "words: letters, digits, spaces, hyphens and apostrophes",
    PREFIX_PATTERN: "capital letters and digits, starting with a letter, like AB",
    KEY_PATTERN: "lower-case letters, digits and hyphens",
    FILE_PATTERN: "a file name: letters, digits, dots, hyphens and underscores",
    URL_PATTERN: "a web address starting with https:// or http://",
}


def about(text: str) -> Any:
    """A field's meaning, for the editor schemas and the author's guide."""
    return Field(description=text)


class Model(BaseModel):
    """Unknown fields are errors; values never change once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Model):
    label: Annotated[Label, about("The answer as the reader sees it.")]
    score: Score


class Question(Model):
    text: Annotated[str, Strict(), _size(10, 250), ONE_LINE, about("The question, asked of the reader's business.")]
    options: Annotated[
        tuple[Option, ...],
        Field(
            min_length=2,
            max_length=5,
            description="The answers, each with its score; the catalog's 'unsure' answer is added to every question.",
        ),
    ]


class Ref(Model):
    """One item of one source article: the provenance of an entry."""

    source: Annotated[Slug, about("Id of a source article in content/sources/.")]
    item: Annotated[ShortId, about("The item of that article, as its source record numbers it.")]


class View(Model):
    source: Annotated[Slug, about("Id of the source article that holds this view.")]
    view: Annotated[Line, about("What that source says, in this catalog's words.")]


class Disagreement(Model):
    summary: Annotated[Line, about("What the sources disagree on, in a sentence.")]
    views: Annotated[
        tuple[View, ...], Field(min_length=2, max_length=6, description="Each side, with the source that holds it.")
    ]
    advice: Annotated[str, Strict(), _size(10, 1000), PARAGRAPHS, about("What this catalog advises, given both.")]


class PreviousId(Model):
    id: Id
    date: Annotated[Date, about("When the entry took its new id.")]


class Entry(Model):
    """One entry of the catalog: one YAML file in the entries folder (content/<path>/), named after its id
    in lower case."""

    id: Id
    title: Annotated[Title, about("The mistake, named the way a reader would say it.")]
    summary: Annotated[
        str, Strict(), _size(10, 200), ONE_LINE, Field(description="One line, shown in listings and link previews.")
    ]
    category: Annotated[Slug, Field(description="Id of a category in content/categories.yaml.")]
    severity: Annotated[Severity, about("How much damage it tends to do; it weighs the self-assessment's score.")]
    why: Annotated[
        str,
        Strict(),
        _size(20, 1500),
        PARAGRAPHS,
        Field(description="Why it hurts (plain text; blank lines separate paragraphs)."),
    ]
    warning_signs: Annotated[
        tuple[Line, ...],
        Field(
            min_length=1,
            max_length=12,
            description="Observable signs. Append new ones at the end: anchors are numbered.",
        ),
    ]
    avoid: Annotated[
        tuple[Line, ...],
        Field(
            min_length=1,
            max_length=12,
            description="Concrete steps, most important first. Append new ones at the end: anchors are numbered.",
        ),
    ]
    ask_provider: Annotated[
        tuple[Line, ...],
        Field(
            max_length=6,
            description="Questions to ask, or terms to agree, with the other side of the deal (party in "
            "catalog.yaml), for a discussion with them. Append new ones at the end: anchors are numbered.",
        ),
    ] = ()
    question: Annotated[Question, about("The self-assessment's question about this entry.")]
    # Bounds before UNIQUE: so the schema says maxItems (after a validator, pydantic writes maxLength).
    related: Annotated[
        tuple[Id, ...], Field(max_length=12, description="Ids of entries to read next."), UNIQUE, UNIQUE_SCHEMA
    ] = ()
    aliases: Annotated[
        tuple[Alias, ...], Field(max_length=40, description="Words readers search with."), UNIQUE, UNIQUE_SCHEMA
    ] = ()
    sources: Annotated[
        tuple[Ref, ...],
        Field(
            min_length=1,
            max_length=60,
            description="The items of source articles this entry covers; each item belongs to exactly one entry.",
        ),
    ]
    disagreement: Annotated[
        Disagreement | None, about("Where the sources disagree: both views, and this catalog's advice.")
    ] = None
    previous_ids: Annotated[
        tuple[PreviousId, ...],
        Field(max_length=20, description="Earlier ids of this entry (renames). Their URLs keep redirecting here."),
    ] = ()
    split_from: Annotated[
        tuple[Id, ...],
        Field(
            max_length=5,
            description="Entries that part of this entry's subject was split from, when it was made: the release "
            "notes say so.",
        ),
        UNIQUE,
        UNIQUE_SCHEMA,
    ] = ()

    @property
    def slug(self) -> str:
        return slug(self.id)


class Retired(Model):
    """An entry merged into another: one YAML file under content/retired/. Its URL keeps forwarding to the
    entry it was merged into."""

    id: Id
    title: Annotated[Title, about("Its title when it was merged, shown where its address now forwards.")]
    merged_into: Annotated[Id, about("The live entry it was merged into.")]
    date: Annotated[Date, about("When it was merged.")]
    note: Annotated[str, Strict(), _size(0, 400), PARAGRAPHS, about("Why it was merged, for readers.")] = ""


class Category(Model):
    id: Annotated[Slug, about("Stable id, in the category page's address; never reused.")]
    title: Annotated[str, Strict(), _size(3, 60), ONE_LINE, about("Its name in the nav and the listings.")]
    description: Annotated[str, Strict(), _size(10, 400), ONE_LINE, about("What its entries are about, in a line.")]


class Categories(RootModel[tuple[Category, ...]]):
    """content/categories.yaml: the categories, in display order."""

    model_config = ConfigDict(frozen=True)
    root: Annotated[tuple[Category, ...], Field(min_length=1, max_length=40)]


class SourceItem(Model):
    id: Annotated[ShortId, Field(description="As the article numbers it: 1, 2, ... or b1, b2 for bullets.")]
    label: Annotated[str, Strict(), _size(3, 120), ONE_LINE, about("The item as the article titles it.")]


class Source(Model):
    """One source article: one YAML file under content/sources/, named after its id."""

    id: Annotated[Slug, about("Stable id, as entries cite it; the file is named after it.")]
    title: Annotated[str, Strict(), _size(3, 120), ONE_LINE, about("The article's title.")]
    publisher: Annotated[str, Strict(), _size(3, 200), ONE_LINE, Field(description="What kind of publisher wrote it.")]
    vendor: Annotated[
        bool, Strict(), Field(description="True when the publisher sells the service the article discusses.")
    ]
    perspective: Annotated[
        str, Strict(), _size(10, 800), PARAGRAPHS, about("The angle the article takes, for readers to weigh it.")
    ]
    url: Annotated[
        str | None,
        Strict(),
        StringConstraints(max_length=500),
        Field(pattern=URL_PATTERN, description="The article's address, linked from the sources page."),
        AfterValidator(_web_address),
    ] = None
    complete: Annotated[
        bool, Strict(), Field(description="False when the copy is an excerpt that stops inside an item.")
    ] = True
    file: Annotated[
        str,
        Strict(),
        StringConstraints(pattern=FILE_PATTERN),
        Field(description="File name of the source's text copy."),
    ]
    items: Annotated[
        tuple[SourceItem, ...],
        Field(min_length=1, max_length=200, description="Every mistake the article lists, each covered by one entry."),
    ]


class Noun(Model):
    singular: Annotated[Word, about("One entry, as pages name it: a risk, a mistake, an anti-pattern.")]
    plural: Annotated[Word, about("More than one.")]


class QuizSettings(Model):
    title: Annotated[str, Strict(), _size(3, 80), ONE_LINE, about("The self-assessment page's title.")]
    intro: Annotated[str, Strict(), _size(10, 600), PARAGRAPHS, about("What the page says before the questions.")]
    unsure_label: Annotated[
        str, Strict(), _size(2, 60), ONE_LINE, Field(description="The answer that does not count against the reader.")
    ]


class AgendaSettings(Model):
    """The meeting agenda page: a reader's chosen entries, with what to ask and what to listen for."""

    title: Annotated[str, Strict(), _size(3, 80), ONE_LINE, about("The agenda page's title.")] = "Meeting agenda"
    intro: Annotated[str, Strict(), _size(10, 600), PARAGRAPHS, about("What the page says before the agenda.")] = (
        "Prepare a meeting: add the entries that matter for this deal, put them in the order you want to discuss "
        "them, and print the agenda or send its link. For each one it lists the questions to ask, with room for "
        "the answers, and the warning signs to listen for."
    )


class Settings(Model):
    """content/catalog.yaml: the words and settings that make a catalog about one topic."""

    name: Annotated[str, Strict(), _size(3, 80), ONE_LINE, about("The catalog's name, as pages and exports show it.")]
    id_prefix: Annotated[
        str, Strict(), StringConstraints(pattern=PREFIX_PATTERN), about("What every entry id starts with: AB in AB-12.")
    ]
    path: Annotated[
        Slug, Field(description="URL folder of entry pages, and the content folder that holds their YAML files.")
    ]
    noun: Annotated[Noun, about("What an entry is called.")]
    party: Annotated[
        Word,
        Field(
            description="Who the questions of ask_provider are for, in a word or two: the other side of the deal. "
            "Pages say 'Ask your <party>', 'questions for the <party>'."
        ),
    ]
    storage_key: Annotated[
        str,
        Strict(),
        StringConstraints(pattern=KEY_PATTERN),
        Field(description="Namespace for answers kept in the browser."),
    ]
    quiz: Annotated[QuizSettings, about("The self-assessment's words.")]
    agenda: Annotated[AgendaSettings, about("The meeting agenda's words.")] = Field(default_factory=AgendaSettings)


def slug(entry_id: str) -> str:
    return entry_id.lower()


def number(entry_id: str) -> int:
    return int(entry_id.rsplit("-", 1)[1])


@dataclass(frozen=True)
class Redirect:
    """An old id whose URL must keep working: renamed or merged."""

    old_id: str
    old_title: str
    target: Entry
    kind: Literal["renamed", "merged"]
    date: str
    note: str = ""

    @property
    def slug(self) -> str:
        return slug(self.old_id)


@dataclass(frozen=True)
class Known:
    """What the files say has a page, even where they are invalid, so the published-URL check can run
    alongside every other check (an entry with a typo still has its address)."""

    path: str | None
    entry_ids: tuple[str, ...] = ()
    old_ids: tuple[str, ...] = ()
    category_ids: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()  # released versions, oldest first


@dataclass(frozen=True)
class Catalog:
    """The validated content of one catalog, with the look-ups every page needs built once."""

    settings: Settings
    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]
    sources: tuple[Source, ...]
    retired: tuple[Retired, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def category_by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    @cached_property
    def by_category(self) -> dict[str, tuple[Entry, ...]]:
        groups: dict[str, list[Entry]] = {c.id: [] for c in self.categories}
        for e in self.entries:
            groups[e.category].append(e)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def coverage(self) -> dict[tuple[str, str], Entry]:
        """Which entry covers each source item."""
        return {(r.source, r.item): e for e in self.entries for r in e.sources}

    @cached_property
    def redirects(self) -> tuple[Redirect, ...]:
        """Every old id with the live entry it now leads to (merge chains followed to the end)."""
        retired = {r.id: r for r in self.retired}

        def final(entry_id: str) -> Entry:
            seen = set()
            while entry_id in retired and entry_id not in seen:
                seen.add(entry_id)
                entry_id = retired[entry_id].merged_into
            return self.by_id[entry_id]

        out = [Redirect(p.id, e.title, e, "renamed", p.date) for e in self.entries for p in e.previous_ids]
        out += [Redirect(r.id, r.title, final(r.merged_into), "merged", r.date, r.note) for r in self.retired]
        return tuple(sorted(out, key=lambda r: number(r.old_id)))

    @cached_property
    def history(self) -> dict[str, tuple[Redirect, ...]]:
        """For each live entry, the old ids that now lead to it."""
        out: dict[str, list[Redirect]] = {}
        for r in self.redirects:
            out.setdefault(r.target.id, []).append(r)
        return {k: tuple(v) for k, v in out.items()}

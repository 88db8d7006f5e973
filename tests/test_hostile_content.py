"""Hostile content: every text field of every content kind, with payloads, never yields a script, an event
handler, a dangerous link or an element no template made; titles show as typed; every problem of a run
is reported together, the published-URL check included."""

from __future__ import annotations

import json
import re
import shutil
import types
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from conftest import FIXTURES, copy_fixture, mkdocs_build
from kbgen.model import catalog as model
from kbgen.read.load import load
from kbgen.read.problems import ContentError
from kbgen.generate.pages import front
from kbgen.read.yamlfile import Key, field_name

# Each content kind: its model and the fixture files of that kind.
KINDS: dict[type[BaseModel], str] = {
    model.Settings: "catalog.yaml", model.Categories: "categories.yaml", model.Source: "sources/*.yaml",
    model.Entry: "mistakes/*.yaml", model.Retired: "retired/*.yaml",
}
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](java\rscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '{ onclick="alert(1)" }',
    "*x*{: onmouseover=alert(1) }",
    'x" onmouseover="alert(1)" y="',
    "x' onfocus='alert(1)' autofocus '",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`</code><script>alert(1)</script>`",
    "[a]\n\n[a]: vbscript:msgbox(1)",
    "</title><svg/onload=alert(1)>",
    "javascript&colon;alert(1)",
    "---\ntitle: x\n---",
]
DANGEROUS_URL = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background"}


def string_paths(kind: typing.Any, key: Key = ()) -> list[Key]:
    """Every path to a text value in a model, generated from the model: a new field is covered by itself."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return string_paths(typing.get_args(kind)[0], key)
    if origin in (tuple, list):
        return string_paths(typing.get_args(kind)[0], (*key, 0))
    if origin in (typing.Union, types.UnionType):
        return [p for arg in typing.get_args(kind) if arg is not type(None) for p in string_paths(arg, key)]
    if isinstance(kind, type) and issubclass(kind, model.Categories):
        return string_paths(kind.model_fields["root"].annotation, key)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return [p for name, f in kind.model_fields.items() for p in string_paths(f.annotation, (*key, name))]
    return [key] if kind is str else []


def test_every_kind_has_text_fields_walked():
    paths = {k: string_paths(k) for k in KINDS}
    assert ("question", "options", 0, "label") in paths[model.Entry]
    assert ("disagreement", "views", 0, "view") in paths[model.Entry]
    assert ("quiz", "intro") in paths[model.Settings] and (0, "description") in paths[model.Categories]
    assert all(paths.values())


def get(data: typing.Any, key: Key) -> typing.Any:
    for part in key:
        if isinstance(part, int):
            if not isinstance(data, list) or len(data) <= part:
                return None
        elif not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def put(data: typing.Any, key: Key, value: str) -> None:
    for part in key[:-1]:
        data = data[part]
    data[key[-1]] = value


def hostile_project(tmp_path: Path, payload: str, shape: str = "Text {} here") -> tuple[Path, list[str]]:
    """A copy of the fixture with ``payload`` in every text field that accepts it (put into ``shape``); returns the
    fields."""
    config = copy_fixture(tmp_path / "project")
    content = config.parent / "content"
    hp2 = content / "mistakes/hp-2.yaml"  # a disagreement too, so its fields are walked
    data = yaml.safe_load(hp2.read_text())
    data["disagreement"] = {"summary": "Sources differ on this.", "advice": "Do what fits your team.",
                            "views": [{"source": "handbook", "view": "One view."},
                                      {"source": "handbook", "view": "Another view."}]}
    hp2.write_text(yaml.safe_dump(data, allow_unicode=True))
    files = {f: yaml.safe_load(f.read_text()) for kind, pattern in KINDS.items() for f in content.glob(pattern)}
    planted: dict[Path, list[Key]] = {}
    for kind, pattern in KINDS.items():
        for file in content.glob(pattern):
            for key in string_paths(kind):
                original = get(files[file], key)
                if isinstance(original, str):
                    put(files[file], key, shape.format(payload))
                    planted.setdefault(file, []).append(key)
    originals = {f: yaml.safe_load(f.read_text()) for f in files}
    for _ in range(10):  # put back what validation refuses, until the catalog loads
        for file, data in files.items():
            file.write_text(yaml.safe_dump(data, allow_unicode=True))
        problems = load(content, config.parent).problems
        if not problems:
            break
        refused = {(p.path, p.field) for p in problems}
        for file, keys in planted.items():
            rel = file.relative_to(config.parent).as_posix()
            for key in [k for k in keys if (rel, field_name(k)) in refused or any(
                    (rel, f) in refused for f in ("", field_name(k[:1])))]:
                put(files[file], key, get(originals[file], key))
                keys.remove(key)
    else:
        raise AssertionError(problems)
    return config, [f"{f.name}:{field_name(k)}" for f, keys in planted.items() for k in keys]


class Elements(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value:
                self.urls.append(re.sub(r"[\x00-\x20]", "", value))


def pages(site: Path) -> dict[str, Elements]:
    return {p.relative_to(site).as_posix(): Elements(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def clean_pages(tmp_path_factory) -> dict[str, Elements]:
    out = tmp_path_factory.mktemp("clean")
    mkdocs_build(FIXTURES / "hiring" / "mkdocs.yml", out)
    return pages(out)


# Each payload inside a field's text; those in braces also at its end, where attr_list reads "{ ... }" as
# the attributes of a block (a heading inside a markdown="block" element, say).
SHAPED = [(p, "Text {} here") for p in PAYLOADS] + [(p, "Text here {}") for p in PAYLOADS if "{" in p]


@pytest.mark.build
@pytest.mark.parametrize(("payload", "shape"), SHAPED)
def test_payload_in_every_text_field_builds_a_harmless_site(tmp_path, payload, shape, clean_pages, browser):
    config, planted = hostile_project(tmp_path, payload, shape)
    if re.search(r"<[a-z/!]|javascript:", payload, re.IGNORECASE):
        assert planted == []  # raw HTML and script links are refused by every text field, with a located message
    else:  # the rest is plain text: to every multi-line field, and if it is one line, to most fields
        assert len(planted) >= (5 if "\n" in payload else 20), planted
    site = tmp_path / "site"
    mkdocs_build(config, site)
    built = pages(site)
    for name, page in built.items():
        assert page.handlers == clean_pages[name].handlers, (name, page.handlers)
        assert [u for u in page.urls if DANGEROUS_URL.match(u)] == [], name
        assert page.tags <= clean_pages[name].tags, (name, page.tags - clean_pages[name].tags)
    for source in sorted((config.parent / "content/mistakes").glob("*.yaml")):  # structured data: still JSON
        html = (site / "mistakes" / source.stem / "index.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1 and not re.search(r"[<>&]", blocks[0]), source
        assert json.loads(blocks[0])["name"] == yaml.safe_load(source.read_text())["title"], source
    dialogs: list[str] = []
    tab = browser.new_page()
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for name in ("index.html", "mistakes/hp-2/index.html", "mistakes/index.html", "sources/index.html",
                     "self-assessment/index.html", "categories/interviews/index.html", "mistakes/hp-4/index.html",
                     "agenda/index.html#agenda=1&ids=HP-2,HP-1,HP-3&title=x"):
            tab.goto((site / name.split("#")[0]).as_uri() + ("#" + name.split("#")[1] if "#" in name else ""))
            tab.wait_for_load_state()
            for link in tab.locator("article a").all()[:40]:
                if link.is_visible():
                    link.focus()
                    link.hover()
    finally:
        tab.close()
    assert dialogs == []


@pytest.mark.build
def test_titles_show_exactly_as_typed(tmp_path, browser):
    config = copy_fixture(tmp_path / "project")
    entry = config.parent / "content/mistakes/hp-2.yaml"
    typed = "Q&amp;A &lt;b&gt; sessions & \"plans\""
    entry.write_text(entry.read_text().replace("title: Interviewing without a plan", f"title: '{typed}'"))
    site = tmp_path / "site"
    mkdocs_build(config, site)
    tab = browser.new_page()
    try:
        tab.goto((site / "mistakes/hp-2/index.html").as_uri())
        assert tab.title() == f"HP-2: {typed} - Hiring Pitfalls"
        assert tab.locator("h1").inner_text().startswith(f"HP-2: {typed}")
        topic = tab.locator(".md-header__topic[data-md-component=header-topic]").text_content()
        assert topic.strip() == f"HP-2: {typed}"
    finally:
        tab.close()


def test_front_matter_survives_line_separators():
    for text in ("a\u0085b", "x\u2028y\u2029z", "caf\u00e9 \u2014 \u201cq\u201d", "---\nx: 1"):
        block = str(front(title=text))
        assert block.isascii()
        assert yaml.safe_load(block.removeprefix("---\n").rsplit("---", 1)[0]) == {"title": text}


def edit(content: Path, name: str, old: str, new: str) -> None:
    file = content / name
    assert old in file.read_text()
    file.write_text(file.read_text().replace(old, new, 1))


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(FIXTURES / "hiring" / "content", tmp_path / "content")
    return tmp_path / "content"


def problems(content: Path) -> list[str]:
    return [str(p) for p in load(content, content.parent).problems]


def test_an_error_in_the_settings_hides_no_error_in_the_entries(content):
    edit(content, "catalog.yaml", "storage_key: hiring-pitfalls", "storage_key: Hiring Pitfalls")
    edit(content, "categories.yaml", "- id: sourcing", "- id: Sourcing")
    edit(content, "mistakes/hp-3.yaml", "severity: low", "severity: lo")
    found = problems(content)
    assert any(p.startswith("content/catalog.yaml:") and "storage_key" in p for p in found), found
    assert any(p.startswith("content/categories.yaml:") for p in found), found
    assert "content/mistakes/hp-3.yaml:5:11: severity: must be one of low, medium, high (got 'lo')" in found


@pytest.mark.parametrize("old, new, message", [
    ("score: 0.5", "score: .nan", "content/mistakes/hp-2.yaml:11:65: question.options[1].score: expected a finite number"),
    ("score: 0.5", "score: .inf", "content/mistakes/hp-2.yaml:11:65: question.options[1].score: expected a finite number"),
    ("score: 0.5", "score: '0.5'", "content/mistakes/hp-2.yaml:11:65: question.options[1].score: expected a number"),
    ("title: Interviewing without a plan", 'title: "Interviewing\\nwithout a plan"',
     "content/mistakes/hp-2.yaml:2:8: title: must be one line: remove the line break"),
])
def test_numbers_are_finite_and_lines_are_lines(content, old, new, message):
    edit(content, "mistakes/hp-2.yaml", old, new)
    found = problems(content)
    assert any(p.startswith(message) for p in found), found


@pytest.mark.parametrize("date", ["2026-02-31", "'2026-02-31'"])  # read as a date by YAML, and as text
def test_impossible_dates_are_refused(content, date):
    edit(content, "retired/hp-4.yaml", "date: 2026-04-15", f"date: {date}")
    assert problems(content) == ["content/retired/hp-4.yaml:4:7: date: expected a real date such as 2026-01-31 "
                                 "(got '2026-02-31': day is out of range for month)"]


def test_a_lost_published_url_is_reported_with_every_other_problem(tmp_path):
    from kbgen.generate import build
    from kbgen.read.site import config_of

    config = copy_fixture(tmp_path / "project")
    content = config.parent / "content"
    (content / "mistakes/hp-3.yaml").unlink()  # its published URL is gone ...
    edit(content, "mistakes/hp-1.yaml", "severity: medium", "severity: mild")  # ... and other mistakes remain
    with pytest.raises(ContentError) as info:
        build.pages(config_of(config.parent))
    found = [str(p) for p in info.value.problems]
    assert any("published URL 'mistakes/hp-3/' is neither a page nor a redirect" in p for p in found), found
    assert any(p.startswith("content/mistakes/hp-1.yaml:") and "severity" in p for p in found), found
    assert any("item 3 is not covered by any entry" in p for p in found), found


# --- Plain text that would become structure ----------------------------------------------------------------------

BLOCKS = [  # what a line of Markdown would turn into a heading, a list, a rule or code, at the start of a field
    "avoid\n===\n\nstep-1\n---\n\nand more words after it",
    "1. Do you check the work every week?",
    "- nested + item, and more words",
    "--- a rule, and more words",
    "+ plus, and more words after it",
    "# A heading of my own { #step-1 }",
    "    indented like code, and more words",
]
STRUCTURE = """() => {
    const a = document.querySelector('article');
    const ids = Array.from(document.querySelectorAll('[id]'), e => e.id);
    return {h1: a.querySelectorAll('h1').length, h2: Array.from(a.querySelectorAll('h2'), h => h.id),
            rules: a.querySelectorAll('hr').length, lists: a.querySelectorAll('ol, ul').length,
            items: a.querySelectorAll('li').length, code: a.querySelectorAll('pre').length,
            duplicate: ids.filter((id, i) => ids.indexOf(id) !== i)};
}"""


@pytest.fixture(scope="module")
def clean_structure(tmp_path_factory, browser):
    """The same project with plain words in the same fields: the structure the templates make."""
    tmp = tmp_path_factory.mktemp("clean-structure")
    config, _ = hostile_project(tmp, "Plain words, long enough for every field to take them", "{}")
    mkdocs_build(config, tmp / "site")
    return structure_of(tmp / "site", browser)


PAGES = ("mistakes/hp-2/index.html", "mistakes/hp-4/index.html", "categories/interviews/index.html",
         "sources/index.html", "self-assessment/index.html", "index.html", "agenda/index.html")


def structure_of(site: Path, browser) -> dict[str, dict]:
    """The pages as built (scripts off: what they add is not content, and a forwarding page stays put)."""
    context = browser.new_context(java_script_enabled=False)
    try:
        tab, out = context.new_page(), {}
        for name in PAGES:
            tab.goto((site / name).as_uri())
            out[name] = tab.evaluate(STRUCTURE)
        return out
    finally:
        context.close()


@pytest.mark.build
@pytest.mark.parametrize("payload", BLOCKS)
def test_plain_text_never_becomes_structure_and_anchors_stay_unique(tmp_path, payload, clean_structure, browser):
    """Whatever a field says at its start or on its lines, the page has the template's headings, lists and rules
    only, and every id on it once: a shared link to #step-1 lands on step 1."""
    config, planted = hostile_project(tmp_path, payload, "{}")
    assert len(planted) >= (5 if "\n" in payload else 15), planted
    site = tmp_path / "site"
    mkdocs_build(config, site)
    found = structure_of(site, browser)
    for name in PAGES:
        assert found[name]["duplicate"] == [], (name, found[name]["duplicate"])
        assert found[name] == clean_structure[name], name


def test_lists_are_bounded(content):
    edit(content, "mistakes/hp-2.yaml", "aliases: [", "aliases: [" + ", ".join(f"word {i}" for i in range(41)) + ", ")
    found = problems(content)
    assert any(p.startswith("content/mistakes/hp-2.yaml:") and "aliases: " in p and "at most 40" in p for p in found), found


def test_a_source_address_with_a_user_name_is_refused(content):
    source = content / "sources/handbook.yaml"
    source.write_text(source.read_text() + "url: https://trusted.example.com@evil.example/x\n")
    assert problems(content) == [
        f"content/sources/handbook.yaml:{len(source.read_text().splitlines())}:6: url: expected the article's own "
        "address, without a user name or password before the host"]


def test_a_broken_source_file_is_reported_once_not_at_every_citation(content):
    (content / "sources/handbook.yaml").write_text("id: [handbook\n")
    assert sorted(problems(content)) == [
        "content/sources/handbook.yaml:1:14: invalid YAML: did not find expected ',' or ']'",
        "content/sources/handbook.yaml:1:1: 3 citation(s) of source 'handbook' could not be checked while this "
        "file cannot be read",
    ]


def test_a_broken_catalog_file_reports_no_missing_entries(content):
    (content / "catalog.yaml").write_text("name: [x\n")
    assert sorted(problems(content)) == [
        "content/catalog.yaml:1:1: path: the entries were not read (this file names their folder), so the retired "
        "ids that lead to them could not be checked",
        "content/catalog.yaml:1:9: invalid YAML: did not find expected ',' or ']'",
    ]


@pytest.mark.parametrize("name", ["hp-9.YAML", "hp-9.Yaml", "hp-9.yml"])
def test_a_file_with_another_extension_is_named_not_skipped(content, name):
    shutil.copy(content / "mistakes/hp-1.yaml", content / "mistakes" / name)
    assert f"content/mistakes/{name}:1:1: not read: content files end in .yaml; rename it to hp-9.yaml" \
        in problems(content)


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!!python/object/apply:os.system", "!!set", "!custom"])
def test_a_yaml_tag_gets_one_line_in_our_words(content, tag):
    edit(content, "mistakes/hp-1.yaml", "severity: medium", f"severity: {tag} [x]")
    assert problems(content) == [
        f"content/mistakes/hp-1.yaml:5:11: severity: tags such as '{tag}' are not allowed: write the plain value"]


def test_the_catalog_csv_holds_no_formula(tmp_path):
    import csv

    from conftest import project_pages
    from kbgen.generate import export

    config = copy_fixture(tmp_path / "project")
    entry = config.parent / "content/mistakes/hp-2.yaml"
    entry.write_text(entry.read_text().replace("title: Interviewing without a plan",
                                               """title: '=HYPERLINK("http://evil.example/","Click")'"""))
    aliased = config.parent / "content/mistakes/hp-1.yaml"
    aliased.write_text(aliased.read_text().replace("aliases: [", "aliases: ['@SUM(1+1)', "))
    rows = {r["id"]: r for r in csv.DictReader(export.to_csv(project_pages(config.parent)).splitlines())}
    assert rows["HP-2"]["title"] == """'=HYPERLINK("http://evil.example/","Click")"""
    assert rows["HP-1"]["aliases"].startswith("'@SUM(1+1); ")
    formula = re.compile(r"^[=+\-@\t\r]")
    assert not [cell for row in rows.values() for cell in row.values() if formula.match(cell)]

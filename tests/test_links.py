"""Links that never break: id-based URLs, fixed anchors, redirects for old ids, the published-URL
ledger, link previews, the data export and its schema, and the copy-link / cite controls."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import FIXTURES, PUBLISHED, ROOT, copy_fixture, entry_url, mkdocs_build, project_pages
from kbgen.generate import build, export, ledger
from kbgen.model import schemas
from kbgen.model.export import CSV_COLUMNS
from kbgen.read.site import config_of
from kbgen.read.load import load_catalog
from kbgen.read.problems import ContentError

sys.path.insert(0, str(ROOT / "bench"))
import search_eval  # noqa: E402

HIRING = FIXTURES / "hiring"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CANONICAL = "http://127.0.0.1:8000/"  # site_url of both projects
NOTICE_HP4 = ("HP-4 (Asking different questions of each candidate) was merged into HP-2 on 2026-04-15. "
              "Both described the same problem.")
NOTICE_HP5 = "HP-5 (Posting a vague job ad) was renamed to HP-1 on 2026-03-01."


class _Head(HTMLParser):
    """Every element id of a page, and its <meta> and <link rel> values."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "meta" and "content" in a:
            self.meta[a.get("property") or a.get("name") or a.get("http-equiv")] = a["content"]
        if tag == "link" and "rel" in a:
            self.links[a["rel"]] = a.get("href", "")


def parse(path: Path) -> _Head:
    return _Head(path.read_text(encoding="utf-8"))


PROJECTS = {"hiring_site": HIRING, "site": ROOT}


def built(request, which: str) -> tuple[Path, Path]:
    """(site folder, project folder)."""
    return request.getfixturevalue(which), PROJECTS[which]


def export_name(project: Path) -> str:
    return load_catalog(project / "content", project).settings.path


# Id-based URLs and fixed anchors


@pytest.mark.build
@pytest.mark.parametrize("which", PROJECTS)
def test_every_entry_url_and_anchor_resolves(which, request):
    site, project = built(request, which)
    data = json.loads((site / f"{export_name(project)}.json").read_text())
    for entry in data["entries"]:
        page = site / entry["url"] / "index.html"
        assert page.is_file(), entry["url"]
        ids = parse(page).ids
        missing = [a for a in entry["anchors"] if a not in ids]
        assert missing == [], (entry["id"], missing)
        assert {f"sign-{i}" for i in range(1, len(entry["warning_signs"]) + 1)} <= set(entry["anchors"])
        assert {f"step-{i}" for i in range(1, len(entry["avoid"]) + 1)} <= set(entry["anchors"])
        sections = set(re.findall(r'<h2[^>]*\sid="([^"]+)"', page.read_text()))
        assert sections and sections <= set(entry["anchors"]), entry["id"]  # every section is exported
    for old in data["retired"]:
        assert (site / old["url"] / "index.html").is_file(), old["url"]


def test_anchor_list_matches_the_entry_page_layout(hiring_site):
    data = json.loads((hiring_site / "mistakes.json").read_text())
    assert data["entries"][1]["anchors"] == [
        "title", "why", "warning-signs", "sign-1", "sign-2", "avoid", "step-1", "step-2", "self-check", "related",
        "sources", "history", "history-hp-4"]


def test_retitled_entry_keeps_its_url(tmp_path):
    config = copy_fixture(tmp_path / "project")
    content = config.parent / "content"
    before = project_pages(config.parent)
    entry = content / "mistakes/hp-2.yaml"
    entry.write_text(entry.read_text().replace("title: Interviewing without a plan", "title: Hiring on gut feeling"))
    after = project_pages(config.parent)
    assert after.catalog.by_id["HP-2"].title == "Hiring on gut feeling"
    assert after.urls.url(after.urls.entry_src("HP-2")) == before.urls.url(before.urls.entry_src("HP-2")) \
        == "mistakes/hp-2/"
    assert set(after.urls.files) == set(before.urls.files)
    assert [e["url"] for e in export.data(after)["entries"]] == [e["url"] for e in export.data(before)["entries"]]
    assert ledger.check(after.urls, config_of(config.parent)) == []
    assert "# HP-2: Hiring on gut feeling { #title }" in after.entry(after.catalog.by_id["HP-2"])


# Redirects for renamed and merged ids, in a real browser


def wait_for_entry(page, slug: str) -> None:
    page.wait_for_url(lambda url: f"/mistakes/{slug}/" in url)
    page.wait_for_load_state()


@pytest.mark.parametrize("link, slug, hash_, title, notice", [
    ("mistakes/hp-4/#avoid", "hp-2", "#avoid", "HP-2: Interviewing without a plan", NOTICE_HP4),   # merged
    ("mistakes/hp-4/#step-2", "hp-2", "#step-2", "HP-2: Interviewing without a plan", NOTICE_HP4),
    ("mistakes/hp-5/#warning-signs", "hp-1", "#warning-signs", "HP-1: Posting a vague job ad", NOTICE_HP5),  # renamed
    ("mistakes/hp-5/", "hp-1", "", "HP-1: Posting a vague job ad", NOTICE_HP5),
])
def test_old_id_lands_on_the_new_page_and_section_with_a_notice(hiring_site, serve, page, link, slug, hash_, title,
                                                                notice):
    base = serve(hiring_site)
    page.goto(base + link)
    wait_for_entry(page, slug)
    assert page.locator("h1").inner_text().startswith(title)
    assert page.evaluate("location.hash") == hash_
    if hash_:
        assert page.evaluate(f"document.getElementById('{hash_[1:]}').getBoundingClientRect().top") < 720
    status = page.locator(".kb-forwarded[role=status]")
    status.wait_for()
    assert status.locator("p").all_inner_texts() == [f"You followed a link to {link.split('/')[1].upper()}", notice]
    assert page.url == f"{base}mistakes/{slug}/{hash_}"  # ?from= is dropped once the notice is shown
    assert page.recorder.errors == []


@pytest.mark.build
def test_old_id_forwards_in_the_offline_build_from_file_urls(tmp_path, page):
    config = copy_fixture(tmp_path / "project")
    config.write_text(config.read_text().replace("strict: true\n", "strict: true\nuse_directory_urls: false\n"))
    site = tmp_path / "site"
    mkdocs_build(config, site)
    page.goto((site / "mistakes/hp-4.html").as_uri() + "#avoid")
    page.wait_for_url(lambda url: url.endswith("/mistakes/hp-2.html?from=HP-4#avoid"))
    page.locator(".kb-forwarded").wait_for()
    assert page.locator(".kb-forwarded p").all_inner_texts() == ["You followed a link to HP-4", NOTICE_HP4]
    assert page.recorder.errors == []


def test_redirect_page_says_what_happened_and_works_without_javascript(hiring_site):
    head = parse(hiring_site / "mistakes/hp-4/index.html")
    assert head.meta["refresh"] == "3; url=../hp-2/?from=HP-4"
    assert head.meta["robots"] == "noindex"
    text = (hiring_site / "mistakes/hp-4/index.html").read_text()
    assert "HP-4 was merged into HP-2" in text
    assert "on 2026-04-15" in text


def test_no_notice_without_a_matching_old_id(hiring_site, serve, page):
    page.goto(serve(hiring_site) + "mistakes/hp-2/?from=HP-9")
    page.locator(".kb-share").wait_for()
    assert page.locator(".kb-forwarded").count() == 0
    assert page.recorder.errors == []


@pytest.mark.parametrize("typed, slug, hash_", [
    ("mistakes/HP-2/", "hp-2", ""),
    ("mistakes/Hp-2/#why", "hp-2", "#why"),
    ("mistakes/HP-3", "hp-3", ""),                  # no trailing slash either
    ("MISTAKES/HP-1/#step-2", "hp-1", "#step-2"),
    ("mistakes/HP-4/#avoid", "hp-2", "#avoid"),     # an old id as printed, through its redirect
])
def test_id_in_any_letter_case_reaches_the_entry(hiring_site, serve, page, typed, slug, hash_):
    base = serve(hiring_site)
    page.goto(base + typed)
    wait_for_entry(page, slug)
    assert page.locator("h1").inner_text().startswith(slug.upper() + ":")
    assert page.evaluate("location.hash") == hash_
    assert page.recorder.errors == []


def test_unknown_entry_stays_on_the_not_found_page(hiring_site, serve, page):
    base = serve(hiring_site)
    response = page.goto(base + "mistakes/hp-99/")
    assert response.status == 404
    page.wait_for_timeout(300)
    assert page.url == base + "mistakes/hp-99/"
    assert page.recorder.errors == []


# Old ids are found by search


@pytest.mark.parametrize("old, slug", [("HP-5", "hp-1"), ("HP-4", "hp-2"), ("hp-4", "hp-2")])
def test_old_ids_are_found_by_search(hiring_site, serve, page, old, slug):
    base = serve(hiring_site)
    page.goto(base)
    search_eval.open_search(page)
    found = search_eval.result_pages(page, base, old)  # waits until the last keystroke's results settle
    assert found[0] == f"mistakes/{slug}/", found
    assert f"mistakes/{old.lower()}/" not in found  # redirect pages are not search results
    page.locator(".md-search-result__item > a.md-search-result__link").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(slug.upper() + ":")


# The published-URL ledger


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=ENV, cwd=cwd)


def drop_hp3(project: Path) -> None:
    """Delete entry HP-3 the way an editor would: its file, its source item moved, links to it removed."""
    content = project / "content"
    (content / "mistakes/hp-3.yaml").unlink()
    hp2 = content / "mistakes/hp-2.yaml"
    text = hp2.read_text()
    text = text.replace("related: [HP-1, HP-3]", "related: [HP-1]")
    text = text.replace('sources: [{source: handbook, item: "2"}]',
                        'sources: [{source: handbook, item: "2"}, {source: handbook, item: "3"}]')
    hp2.write_text(text)


def ledger_line(project: Path, url: str) -> int:
    lines = (project / "content/published-urls.txt").read_text().splitlines()
    return lines.index(url) + 1


def missing_message(line: int, url: str) -> str:
    return (f"content/published-urls.txt:{line}:1: url: published URL '{url}' is neither a page nor a redirect; "
            "restore it or add a redirect (merge or previous_ids)")


def test_fixture_ledger_lists_every_current_page():
    listed = {ledger.normalise(url) for _, _, url in ledger.read(HIRING / "content" / ledger.FILE)}
    assert ledger.site_urls(project_pages(HIRING).urls, config_of(HIRING), assets=False) <= listed
    assert {"mistakes/hp-4/", "mistakes/hp-5/", "mistakes.json", "mistakes.csv", "mistakes.schema.json", "",
            "agenda/", "mistakes-checklist.csv", "mistakes/hp-2.json", "mistakes/hp-4.json"} <= listed


@pytest.mark.build
def test_removed_entry_fails_the_build_before_anything_is_written(tmp_path):
    config = copy_fixture(tmp_path / "project")
    project = config.parent
    drop_hp3(project)
    out = tmp_path / "site"
    out.mkdir()
    (out / "last-good.txt").write_text("kept")
    message = missing_message(ledger_line(project, "mistakes/hp-3/"), "mistakes/hp-3/")
    for strict in ([], ["--strict"]):
        result = run(["-m", "mkdocs", "build", *strict, "-f", str(config), "-d", str(out)], project)
        assert result.returncode != 0
        errors = [line.split("-  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")]
        assert errors[:1] == [message], result.stderr
        assert "Traceback" not in result.stderr
    assert (out / "last-good.txt").read_text() == "kept"  # site_dir was not cleaned

    check = run(["-m", "kbgen", "check"], project)
    assert check.returncode == 1
    data = missing_message(ledger_line(project, "mistakes/hp-3.json"), "mistakes/hp-3.json")  # its data file too
    assert check.stderr.splitlines() == [message, data, "2 content error(s)"]


@pytest.mark.build
def test_a_redirect_restores_the_removed_url(tmp_path):
    config = copy_fixture(tmp_path / "project")
    project = config.parent
    drop_hp3(project)
    (project / "content/retired/hp-3.yaml").write_text(
        "id: HP-3\ntitle: Skipping reference checks\nmerged_into: HP-2\ndate: 2026-06-01\n")
    pages = build.pages(config_of(project))
    assert "HP-3" in {r.old_id for r in pages.catalog.redirects}
    site = tmp_path / "site"
    mkdocs_build(config, site)
    assert "HP-3 was merged into HP-2" in (site / "mistakes/hp-3/index.html").read_text()


def test_bogus_ledger_line_fails_the_check(tmp_path):
    config = copy_fixture(tmp_path / "project")
    project = config.parent
    with open(project / "content/published-urls.txt", "a") as f:
        f.write("mistakes/hp-9/   # typed by hand\n  /about/\nhttps://example.com/x/\nmistakes/hp-1/#why\n")
    n = ledger_line(project, "mistakes/hp-9/   # typed by hand")
    with pytest.raises(ContentError) as info:
        build.pages(config_of(project))
    assert [str(p) for p in info.value.problems] == [
        missing_message(n, "mistakes/hp-9/"),
        missing_message(n + 1, "/about/").replace(f"{n + 1}:1:", f"{n + 1}:3:"),
        f"content/published-urls.txt:{n + 2}:1: url: expected a URL relative to the site root, such as "
        "'mistakes/hp-1/', without #fragment or ?query (got 'https://example.com/x/')",
        f"content/published-urls.txt:{n + 3}:1: url: expected a URL relative to the site root, such as "
        "'mistakes/hp-1/', without #fragment or ?query (got 'mistakes/hp-1/#why')",
    ]


def test_ledger_command_appends_and_never_removes(tmp_path):
    config = copy_fixture(tmp_path / "project")
    project = config.parent
    file = project / "content/published-urls.txt"
    file.write_text("# my notes\nmistakes/hp-1/\n")
    first = run(["-m", "kbgen", "ledger", "--date", "2026-06-01"], project)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "content/published-urls.txt: added 23 URL(s)\n"
    text = file.read_text()
    assert text.startswith("# my notes\nmistakes/hp-1/\n\n# Published 2026-06-01\n/\n")
    listed = [url for _, _, url in ledger.read(file)]
    assert len(listed) == len(set(listed)) == 24
    again = run(["-m", "kbgen", "ledger"], project)
    assert (again.returncode, again.stdout) == (0, "content/published-urls.txt: up to date\n")
    assert file.read_text() == text
    drop_hp3(project)  # a ledgered URL is gone: the command refuses and leaves the ledger alone
    refused = run(["-m", "kbgen", "ledger"], project)
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [  # its page and its data file
        missing_message(ledger_line(project, "mistakes/hp-3.json"), "mistakes/hp-3.json"),
        missing_message(ledger_line(project, "mistakes/hp-3/"), "mistakes/hp-3/"),
        "2 content error(s): the ledger was not changed"]
    assert file.read_text() == text


def test_site_urls_need_no_mkdocs_and_match_the_build(hiring_site):
    expected = ledger.site_urls(project_pages(HIRING).urls, config_of(HIRING))
    pages = {u for u in expected if u.endswith("/") or u == ""}
    built_pages = {str(p.parent.relative_to(hiring_site)) + "/" for p in hiring_site.rglob("index.html")}
    built_pages = {"" if p == "./" else p for p in built_pages}
    assert pages == built_pages - {"search/"}
    files = {u for u in expected if u not in pages}
    assert all((hiring_site / u).is_file() for u in files), files


# Link previews


@pytest.mark.build
@pytest.mark.parametrize("which", PROJECTS)
def test_entry_page_meta_tags_carry_title_summary_and_canonical_url(which, request):
    site, project = built(request, which)
    catalog = load_catalog(project / "content", project)
    entry = catalog.entries[-1]
    head = parse(site / entry_url(catalog, entry.id) / "index.html")
    url = CANONICAL + entry_url(catalog, entry.id)
    title = f"{entry.id}: {entry.title}"
    assert head.links["canonical"] == url
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == head.meta["twitter:title"] == title
    assert head.meta["description"] == head.meta["og:description"] == head.meta["twitter:description"] == entry.summary
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["og:site_name"] == catalog.settings.name


@pytest.mark.build
def test_meta_tags_keep_quotes_and_ampersands(tmp_path):
    config = copy_fixture(tmp_path / "project")
    summary = 'Each candidate gets "different" questions & so 1 < 2 answers cannot be compared.'
    entry = config.parent / "content/mistakes/hp-2.yaml"
    entry.write_text(entry.read_text().replace(
        "summary: Each candidate gets different questions, so answers cannot be compared.",
        f"summary: '{summary}'"))
    site = tmp_path / "site"
    mkdocs_build(config, site)
    head = parse(site / "mistakes/hp-2/index.html")
    assert head.meta["description"] == head.meta["og:description"] == head.meta["twitter:description"] == summary


# The export and its published schema


@pytest.mark.build
@pytest.mark.parametrize("which", PROJECTS)
def test_export_validates_against_the_published_schema_and_matches_the_catalog(which, request):
    site, project = built(request, which)
    catalog = load_catalog(project / "content", project)
    name = catalog.settings.path
    schema = json.loads((site / f"{name}.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"{name}.schema.json"
    data = json.loads((site / f"{name}.json").read_text())
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(data)]
    assert errors == []
    assert [(e["id"], e["title"]) for e in data["entries"]] == [(e.id, e.title) for e in catalog.entries]
    assert [e["url"] for e in data["entries"]] == [entry_url(catalog, e.id) for e in catalog.entries]
    assert [(r["id"], r["now"]) for r in data["retired"]] == [(r.old_id, r.target.id) for r in catalog.redirects]

    row_schema = Draft202012Validator({"$schema": schema["$schema"], "$defs": schema["$defs"],
                                       "$ref": "#/$defs/csv_row"})
    text = (site / f"{name}.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    rows = list(reader)
    assert len(rows) == len(catalog.entries)
    for row, entry in zip(rows, data["entries"]):
        assert [e.message for e in row_schema.iter_errors(row)] == [], row["id"]
        assert (row["id"], row["title"], row["summary"], row["url"]) == \
            (entry["id"], entry["title"], entry["summary"], entry["url"])
        split = lambda value: value.split("; ") if value else []  # noqa: E731
        assert split(row["sources"]) == [f"{s['source']}#{s['item']}" for s in entry["sources"]]
        assert split(row["related"]) == entry["related"]
        assert split(row["aliases"]) == entry["aliases"]
        assert split(row["previous_ids"]) == [p["id"] for p in entry["previous_ids"]]


def test_export_records_history(hiring_site):
    data = json.loads((hiring_site / "mistakes.json").read_text())
    by_id = {e["id"]: e for e in data["entries"]}
    assert by_id["HP-1"]["previous_ids"] == [
        {"id": "HP-5", "title": "Posting a vague job ad", "change": "renamed", "date": "2026-03-01"}]
    assert by_id["HP-2"]["previous_ids"] == [
        {"id": "HP-4", "title": "Asking different questions of each candidate", "change": "merged",
         "date": "2026-04-15"}]
    assert data["retired"] == [
        {"id": "HP-4", "title": "Asking different questions of each candidate", "change": "merged",
         "date": "2026-04-15", "now": "HP-2", "url": "mistakes/hp-4/"},
        {"id": "HP-5", "title": "Posting a vague job ad", "change": "renamed", "date": "2026-03-01", "now": "HP-1",
         "url": "mistakes/hp-5/"}]


def test_schema_rejects_a_broken_export():
    data = export.data(project_pages(HIRING))
    validator = Draft202012Validator(schemas.export_schema())
    assert validator.is_valid(data)
    del data["entries"][0]["url"]
    data["retired"][0]["change"] = "deleted"
    assert sorted(e.message for e in validator.iter_errors(data)) == [
        "'deleted' is not one of ['renamed', 'merged']", "'url' is a required property"]


def test_data_page_documents_the_export():
    page = (ROOT / "docs/data.md").read_text()
    for name in ("pitfalls.json", "pitfalls.csv", "pitfalls.schema.json", "never reused", "never removed"):
        assert name in page, name
    for column in CSV_COLUMNS:
        assert f"| `{column}` |" in page, column
    assert "  - Data: data.md\n" in (ROOT / "mkdocs.yml").read_text()


# Copy-link and cite controls


def copies(page):
    """clicked(button name) -> what that control put on the clipboard."""

    def clicked(name: str) -> str:
        page.get_by_role("button", name=name, exact=True).click()
        page.wait_for_function("document.getElementById('kb-copy-status')?.textContent.length > 0")
        text = page.evaluate("navigator.clipboard.readText()")
        page.evaluate("document.getElementById('kb-copy-status').textContent = ''")
        return text

    return clicked


def test_copy_link_and_cite_name_the_address_the_reader_is_on(hiring_site, serve, context, page):
    """The site names a loopback address (not a published one): links name where the page is served from."""
    base = serve(hiring_site)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page.goto(base + "mistakes/hp-2/")
    url = base + "mistakes/hp-2/"
    assert url != CANONICAL + "mistakes/hp-2/"
    assert page.locator(".kb-share button").count() == 2
    assert page.locator("h2[id] > button.kb-copy").count() == page.locator("article h2[id]").count() == 7
    assert page.locator(".kb-anchored > li[id] > button.kb-copy").count() == 4
    clicked = copies(page)
    assert clicked("Copy link to this page") == url
    assert clicked("Cite: copy id, title, version and link") == \
        f'HP-2, "Interviewing without a plan", Hiring Pitfalls (unreleased), {url}'
    assert clicked("Copy link to section: How to avoid it") == url + "#avoid"
    assert clicked("Copy link to section: Warning signs") == url + "#warning-signs"
    assert clicked("Copy link to warning sign 2") == url + "#sign-2"
    assert clicked("Copy link to step 1") == url + "#step-1"
    assert page.locator(".kb-copy-fallback").count() == 0
    assert page.recorder.errors == []


def test_copy_link_and_cite_name_the_published_address(published_hiring, serve, context, page):
    base = serve(published_hiring)  # a preview of a site meant for PUBLISHED
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    page.goto(base + "mistakes/hp-2/?from=x#why")
    clicked = copies(page)
    assert clicked("Copy link to this page") == PUBLISHED + "mistakes/hp-2/"
    assert clicked("Cite: copy id, title, version and link") == \
        f'HP-2, "Interviewing without a plan", Hiring Pitfalls (unreleased), {PUBLISHED}mistakes/hp-2/'
    assert page.recorder.errors == []


def test_controls_only_on_entry_pages(hiring_site, serve, page):
    base = serve(hiring_site)
    for path in ("", "mistakes/", "categories/interviews/", "sources/"):
        page.goto(base + path)
        page.wait_for_load_state()
        assert page.locator(".kb-copy").count() == 0, path


@pytest.mark.parametrize("clipboard", [
    "delete Navigator.prototype.clipboard",  # no clipboard API at all (older browsers, insecure origins)
    "navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'))",
])
def test_copy_falls_back_to_a_selected_field_on_file_urls(published_hiring, page, clipboard):
    page.add_init_script(clipboard)
    page.goto((published_hiring / "mistakes/hp-2/index.html").as_uri())
    url = PUBLISHED + "mistakes/hp-2/"
    page.get_by_role("button", name="Copy link to this page").click()
    field = page.get_by_role("textbox", name="Copy this link (press Ctrl+C or ⌘C):")
    field.wait_for()
    assert field.input_value() == url
    assert field.evaluate("f => f.readOnly && document.activeElement === f")
    assert field.evaluate("f => [f.selectionStart, f.selectionEnd]") == [0, len(url)]
    page.get_by_role("button", name="Cite: copy id, title, version and link").click()
    field = page.get_by_role("textbox", name="Copy this citation (press Ctrl+C or ⌘C):")
    assert field.input_value() == f'HP-2, "Interviewing without a plan", Hiring Pitfalls (unreleased), {url}'
    assert page.locator(".kb-copy-fallback").count() == 1  # one at a time
    page.get_by_role("button", name="Copy link to step 2").click()
    assert page.locator(".kb-anchored #step-2 .kb-copy-fallback input").input_value() == url + "#step-2"
    page.keyboard.press("Escape")
    assert page.locator(".kb-copy-fallback").count() == 0
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Copy link to step 2"
    assert page.recorder.errors == []


def test_copy_link_on_file_url_with_a_working_clipboard(published_hiring, context, page):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto((published_hiring / "mistakes/hp-2/index.html").as_uri())
    page.get_by_role("button", name="Copy link to this page").click()
    page.wait_for_function("document.getElementById('kb-copy-status')?.textContent === 'Link copied'")
    assert page.evaluate("navigator.clipboard.readText()") == PUBLISHED + "mistakes/hp-2/"
    assert page.recorder.errors == []


def test_an_offline_copy_without_a_published_address_says_so(hiring_site, context, page):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto((hiring_site / "mistakes/hp-2/index.html").as_uri())
    page.evaluate("navigator.clipboard.writeText('untouched')")
    for name in ("Copy link to this page", "Copy link to step 2"):
        page.get_by_role("button", name=name, exact=True).click()
        note = page.locator(".kb-no-address[role=status]")
        assert note.inner_text().startswith("This copy has no published address to link to")
        assert page.locator(".kb-copy-fallback").count() == 1
    assert page.evaluate("navigator.clipboard.readText()") == "untouched"  # no dead link handed out
    page.get_by_role("button", name="Cite: copy id, title, version and link", exact=True).click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== 'untouched')")
    # A citation without an address still names the id, the title and the version.
    assert page.evaluate("navigator.clipboard.readText()") == 'HP-2, "Interviewing without a plan", Hiring Pitfalls (unreleased)'
    assert page.recorder.errors == []


def test_controls_survive_instant_navigation(instant_site, page):
    base = instant_site
    page.goto(base + "mistakes/hp-1/")
    page.locator(".kb-share").wait_for()
    page.evaluate("window.kbSamePage = true")
    page.locator("#related ~ ul a").first.click()  # HP-2, through Material's instant navigation
    page.wait_for_url(base + "mistakes/hp-2/")
    page.locator("h1", has_text="HP-2:").wait_for()
    page.locator(".kb-share").wait_for()
    assert page.evaluate("window.kbSamePage") is True  # no full page load happened
    assert page.locator(".kb-share").count() == 1
    assert page.locator(".kb-share button").count() == 2
    assert page.locator("h2[id] > button.kb-copy").count() == page.locator("article h2[id]").count()
    assert page.recorder.errors == []


# On a phone (390 px wide): nothing sticks out of the page

PHONES = {"touch": {"is_mobile": True, "has_touch": True}, "narrow window": {}}  # hover: none, and hover: hover


@pytest.mark.parametrize("kind", PHONES)
def test_entry_pages_do_not_scroll_sideways_at_390_px(site, serve, browser, kind):
    """The copy-link controls once stuck out of long items (the page was 419 to 429 px wide)."""
    base = serve(site)
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, **PHONES[kind])
    try:
        page = ctx.new_page()
        catalog = load_catalog(ROOT / "content", ROOT)
        for e in catalog.entries:
            page.goto(base + entry_url(catalog, e.id))
            page.locator(".kb-share").wait_for()  # the controls are in place
            assert page.evaluate("[document.documentElement.scrollWidth, innerWidth]") == [390, 390], e.id
            assert page.locator(".kb-anchored .kb-copy").first.is_visible()  # shown, not only on hover
    finally:
        ctx.close()


def test_home_overview_shows_that_it_scrolls_on_a_phone(site, serve, browser):
    """The overview table is wider than a phone: it scrolls in its box (the page does not), and a shadow
    on the side that hides columns says so."""
    from PIL import Image

    ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(serve(site))
        box = page.locator(".kb-overview .md-typeset__scrollwrap")
        assert page.evaluate("document.documentElement.scrollWidth") == 390
        assert box.evaluate("b => b.scrollWidth > b.clientWidth + 50")

        def edges() -> tuple[float, float]:
            """The mean brightness of the box's leftmost and rightmost pixel columns."""
            shot = Image.open(io.BytesIO(box.screenshot())).convert("L")
            column = lambda x: sum(shot.getpixel((x, y)) for y in range(shot.height)) / shot.height  # noqa: E731
            return column(1), column(shot.width - 2)

        left, right = edges()
        assert right < left - 10, (left, right)  # more to the right
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        left, right = edges()
        assert left < right - 10, (left, right)  # the end: more to the left
    finally:
        ctx.close()

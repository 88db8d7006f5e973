"""The catalog as data a reader acts on: the checklist spreadsheet (<path>-checklist.csv) read by Python's csv module
and by a real spreadsheet (LibreOffice Calc, headless), each entry as data at its own address (<path>/<id>.json)
validated against the published schema, and the schema.org JSON-LD of every entry page and the home page."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, copy_fixture, project_pages
from kbgen.generate import export
from kbgen.generate.theme import script_json
from kbgen.model.export import CHECKLIST_COLUMNS, CSV_COLUMNS

SCHEMA = json.loads((ROOT / "hooks/kbgen/schemas/export.schema.json").read_text())
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def validator(definition: str) -> Draft202012Validator:
    return Draft202012Validator({"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"],
                                 "$ref": f"#/$defs/{definition}"})


@pytest.fixture(scope="module")
def pages():
    return project_pages(ROOT)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The fixture with cells a spreadsheet would run as formulas, in a warning sign, a step and a question."""
    config = copy_fixture(tmp_path_factory.mktemp("formulas") / "project")
    entry = config.parent / "content/mistakes/hp-2.yaml"
    text = entry.read_text().replace("warning_signs: [Interviewers disagree", "warning_signs: ['=HYPERLINK(\"x\")', "
                                     "Interviewers disagree")
    text = text.replace("avoid: [", "avoid: ['@SUM(1+1)', ").replace("title: Interviewing without a plan",
                                                                      "title: '+Interviewing without a plan'")
    entry.write_text(text + "ask_provider: ['-1 or =1?', 'Who, in one line?']\n")
    return project_pages(config.parent)


# The checklist spreadsheet ------------------------------------------------------------------------------------


def read_checklist(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # a byte-order mark: spreadsheets read it as UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_checklist_has_a_row_per_item_of_advice_with_its_anchor(pages):
    rows = read_checklist(export.to_checklist(pages))
    assert tuple(rows[0]) == CHECKLIST_COLUMNS == ("id", "title", "category", "severity", "kind", "n", "text", "url")
    data = export.data(pages)
    for e in data["entries"]:
        mine = [r for r in rows if r["id"] == e["id"]]
        assert [r["kind"] for r in mine] == (["why"] * len([r for r in mine if r["kind"] == "why"])
                                             + ["warning_signs"] * len(e["warning_signs"]) + ["avoid"] * len(e["avoid"])
                                             + ["ask_provider"] * len(e.get("ask_provider", [])))
        assert [r["text"] for r in mine if r["kind"] == "avoid"] == list(e["avoid"])
        assert [r["text"] for r in mine if r["kind"] == "ask_provider"] == list(e.get("ask_provider", []))
        for r in mine:
            page, anchor = r["url"].split("#")
            assert page == e["url"] and anchor in e["anchors"], r
            assert "\n" not in r["text"] and r["text"] == r["text"].strip()
    check = validator("checklist_row")
    for r in rows:
        check.validate(r)
    # pitfalls.csv keeps its columns, for the tools that read it.
    assert CSV_COLUMNS == ("id", "title", "summary", "category", "severity", "url", "sources", "aliases", "related",
                           "previous_ids")


def test_checklist_holds_no_formula(hostile):
    rows = read_checklist(export.to_checklist(hostile))
    hp2 = [r for r in rows if r["id"] == "HP-2"]
    assert {r["title"] for r in hp2} == {"'+Interviewing without a plan"}
    assert [r["text"] for r in hp2 if r["kind"] == "warning_signs"][0] == "'=HYPERLINK(\"x\")"
    assert [r["text"] for r in hp2 if r["kind"] == "avoid"][0] == "'@SUM(1+1)"
    assert [r["text"] for r in hp2 if r["kind"] == "ask_provider"] == ["'-1 or =1?", "Who, in one line?"]
    assert not [cell for r in rows for cell in r.values() if re.match(r"^[=+\-@\t\r]", cell)]


def calc_cells(csv_file: Path, out: Path) -> tuple[list[list[str]], int]:
    """The CSV as LibreOffice Calc opens it (comma-separated, double quotes, UTF-8: what its import dialog
    offers for this file), saved as .xlsx and read back: every row's cells as text, and the number of formulas."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run `make test`, which installs Debian's libreoffice-calc-nogui"
    done = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                           "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out), str(csv_file)],
                          capture_output=True, text=True, timeout=120)
    book = out / (csv_file.stem + ".xlsx")
    assert book.is_file(), done.stdout + done.stderr
    ns = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(book) as z:
        strings = ["".join(t.text or "" for t in si.iter(f"{{{ns['s']}}}t"))
                   for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).findall("s:si", ns)]
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows, formulas = [], 0
    for row in sheet.iter(f"{{{ns['s']}}}row"):
        cells = []
        for c in row.findall("s:c", ns):
            formulas += c.find("s:f", ns) is not None
            v = c.find("s:v", ns)
            cells.append(strings[int(v.text)] if c.get("t") == "s" else (v.text if v is not None else ""))
        rows.append(cells)
    return rows, formulas


@pytest.mark.slow
def test_a_spreadsheet_opens_the_checklist_as_the_csv_module_reads_it(hostile, tmp_path):
    """LibreOffice Calc, headless: every row and cell where the csv module has it (quoted commas, quotes and
    line breaks included), the non-ASCII text intact, and not one formula, though the content asks for some."""
    text = export.to_checklist(hostile)
    file = tmp_path / "mistakes-checklist.csv"
    file.write_bytes(text.encode("utf-8"))
    want = [list(r) for r in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))]
    got, formulas = calc_cells(file, tmp_path)
    assert formulas == 0
    numbers = CHECKLIST_COLUMNS.index("n")  # Calc reads the item numbers as numbers: the same text
    assert [[c for i, c in enumerate(r) if i != numbers] for r in got] == \
        [[c for i, c in enumerate(r) if i != numbers] for r in want]
    assert [r[numbers] for r in got] == [r[numbers] for r in want]
    real = export.to_checklist(project_pages(ROOT))
    (tmp_path / "real.csv").write_bytes(real.encode("utf-8"))
    got, formulas = calc_cells(tmp_path / "real.csv", tmp_path)
    assert formulas == 0
    assert got == [list(r) for r in csv.reader(io.StringIO(real.removeprefix("\ufeff"), newline=""))]


# Each entry at its own address ----------------------------------------------------------------------------------


def test_each_entry_as_data_beside_its_page_follows_the_schema(pages):
    u, data = pages.urls, export.data(pages)
    check = validator("entry_file")
    outputs = export.outputs(pages)
    for e in data["entries"]:
        doc = json.loads(outputs[u.entry_json_src(e["id"])]())
        check.validate(doc)
        assert doc == {"format": 1, "name": data["name"], "version": data["version"], "released": data["released"],
                       "entry": e}
        assert u.entry_json_src(e["id"]) == e["url"].removesuffix("/") + ".json"  # beside the page
    for r in data["retired"]:
        doc = json.loads(outputs[u.entry_json_src(r["id"])]())
        check.validate(doc)
        assert doc["retired"] == r and "entry" not in doc
    with pytest.raises(Exception):  # an entry file with both, or neither, is not one
        check.validate({"format": 1, "name": "x", "version": "unreleased", "released": None})


def test_the_data_page_lists_the_new_files():
    text = (ROOT / "docs/data.md").read_text()
    for name in ("pitfalls-checklist.csv", "pitfalls/op-4.json", "entry_file", "checklist_row", "#agenda=1"):
        assert name in text, name
    for column in CHECKLIST_COLUMNS:
        assert f"| `{column}` |" in text, column


# Structured data ------------------------------------------------------------------------------------------------


def test_structured_data_cannot_close_its_script_element():
    value = {"name": "</script><script>alert(1)</script><!-- & \u2028 caf\u00e9"}
    text = script_json(value)
    assert not re.search(r"[<>&]", text) and text.isascii()
    assert json.loads(text) == value


def jsonld(html: str) -> list[dict]:
    return [json.loads(block) for block in JSONLD.findall(html)]


@pytest.mark.build
def test_every_entry_page_carries_its_json_ld_and_links_its_data(site, pages):
    history = pages.history
    dates = {r.version: r.date for r in history.releases}
    for e in pages.catalog.entries:
        slug = e.id.lower()
        html = (site / f"pitfalls/{slug}/index.html").read_text()
        [doc] = jsonld(html)
        url = f"http://127.0.0.1:8000/pitfalls/{slug}/"
        assert doc["@context"] == "https://schema.org" and doc["@type"] == "Article"
        assert (doc["name"], doc["description"], doc["url"], doc["identifier"]) == (e.title, e.summary, url, e.id)
        assert doc["isPartOf"] == {"@type": "WebSite", "name": "Outsourcing Pitfalls", "url": "http://127.0.0.1:8000/"}
        assert doc["encoding"]["contentUrl"] == f"http://127.0.0.1:8000/pitfalls/{slug}.json"
        added, changed = history.entry_history[e.id]
        assert doc.get("datePublished") == dates.get(added) and doc.get("dateModified") == dates.get(changed)
        assert doc["version"] == pages.version
        assert f'<link rel="alternate " type="application/json" title="{e.id} as data" href="../{slug}.json">' in html
        assert (site / f"pitfalls/{slug}.json").is_file()
    [home] = jsonld((site / "index.html").read_text())
    assert home["@type"] == "WebSite" and home["name"] == "Outsourcing Pitfalls" and home["version"] == pages.version
    assert jsonld((site / "about/index.html").read_text()) == []

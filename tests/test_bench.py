"""The benchmark's synthetic catalogs stay valid, so `make bench` measures real builds."""

import json
import sys

import pytest

from conftest import ROOT, mkdocs_build
from kbgen.read.load import load_catalog

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


def pages(site) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


@pytest.mark.build
def test_synthetic_catalog_at_n_20_is_valid_and_matches_its_plain_twin(tmp_path):
    generator, plain = tmp_path / "generator", tmp_path / "plain"
    synth.write_generator_project(20, generator)
    synth.write_plain_project(20, plain)

    catalog = load_catalog(generator / "content", generator)  # raises on any content error
    assert len(catalog.entries) == 20
    assert {(s.id, i.id) for s in catalog.sources for i in s.items} == \
        {(r.source, r.item) for e in catalog.entries for r in e.sources}

    mkdocs_build(generator / "mkdocs.yml", generator / "site")
    mkdocs_build(plain / "mkdocs.yml", plain / "site")
    built = pages(generator / "site")
    assert sum(p.startswith("synthetic/sy-") for p in built) == 20
    assert built == pages(plain / "site")  # the baseline builds the very same pages
    assert len(json.loads((generator / "site" / "synthetic.json").read_text())["entries"]) == 20

"""Property-based tests: whatever an editor writes, the loader accepts it or raises ContentError."""

import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from kbgen.load import load_catalog
from kbgen.problems import ContentError

ENTRY = "content/mistakes/hp-2.yaml"
ORIGINAL = (FIXTURES / "hiring" / ENTRY).read_bytes()
FUZZ = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    dest = tmp_path_factory.mktemp("fuzz") / "hiring"
    shutil.copytree(FIXTURES / "hiring" / "content", dest / "content")
    return dest


def accepts_or_reports(project, raw: bytes) -> None:
    (project / ENTRY).write_bytes(raw)
    try:
        load_catalog(project / "content", project)
    except ContentError as err:
        assert err.problems, "a ContentError always names at least one problem"
        assert all(p.path and p.line >= 1 and p.column >= 1 for p in err.problems)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                      max_leaves=12)
yaml_text = st.text(alphabet=st.sampled_from(list("ab:- \n\t'\"[]{}#&*!|>%@`,?<=0.1")), max_size=120)


@FUZZ
@given(yaml_text)
def test_random_yaml_text(project, text):
    accepts_or_reports(project, text.encode())


@FUZZ
@given(values)
def test_random_yaml_documents(project, data):
    accepts_or_reports(project, yaml.safe_dump(data, allow_unicode=True).encode())


@FUZZ
@given(st.sampled_from(list(yaml.safe_load(ORIGINAL))), values)
def test_real_entry_with_one_field_changed(project, field, value):
    data = yaml.safe_load(ORIGINAL)
    data[field] = value
    accepts_or_reports(project, yaml.safe_dump(data, allow_unicode=True).encode())


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(ORIGINAL)), st.integers(0, 255), st.sampled_from("ird")), max_size=4))
def test_real_entry_with_bytes_changed(project, edits):
    raw = bytearray(ORIGINAL)
    for at, byte, how in edits:
        at = min(at, len(raw))
        if how == "i":
            raw.insert(at, byte)
        elif raw and at < len(raw):
            if how == "r":
                raw[at] = byte
            else:
                del raw[at]
    accepts_or_reports(project, bytes(raw))

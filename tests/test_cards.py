"""Link-preview cards (kbgen.cards): size, format, weight, reproducibility, cache, contrast and text fitting."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import struct
import subprocess
import sys
from pathlib import Path

import PIL
import pytest
from PIL import Image

from kbgen.generate import cards
from kbgen.generate.cards import BODY, HEIGHT, MARGIN, WIDTH, Card, Theme

ENTRY = Card(
    site="Field Guide",
    kicker="FG-4",
    title="Not knowing who will actually do the work",
    detail="Choosing a provider",
    badge="Severity: high",
)
WORST = Card(
    site="A site with a needlessly long name that will not fit in the band at the top of the card at all",
    kicker="ZZ-99999",
    badge="Severity: catastrophic and then some more words",
    title=" ".join(f"Wörd{i} ÆØÅ “quoted” {i * 7919 % 10007} ∑ Ωμέγα Жизнь" for i in range(30)),
    detail=" ".join(f"detail{i} qwertyuiop" for i in range(40)),
)
THEMES = [
    Theme(),
    *(Theme.from_material(name) for name in cards.MATERIAL_PRIMARY),
    Theme(primary="#ffffff", background="#ffffff", text="#eeeeee", muted="#dddddd"),
    Theme(primary="#000000", background="#111111", text="#222222", muted="#333333"),
]


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def chunks(data: bytes) -> list[str]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        found.append(kind.decode("ascii"))
        at += 12 + length
    return found


def test_size_format_and_no_metadata() -> None:
    data = cards.draw(ENTRY)
    image = png(data)
    assert (image.format, image.size, image.mode) == ("PNG", (WIDTH, HEIGHT), "RGB") == ("PNG", (1200, 630), "RGB")
    # Only pixels: no tIME, tEXt, pHYs... chunk that could differ between builds.
    assert set(chunks(data)) == {"IHDR", "IDAT", "IEND"}
    assert Image.MIME["PNG"] == cards.MEDIA_TYPE


def test_worst_case_under_300_kb() -> None:
    sizes = [len(cards.draw(WORST, theme)) for theme in THEMES[:3]]
    assert max(sizes) < 300_000, sizes


def test_same_input_same_bytes_even_in_a_new_process() -> None:
    first = cards.draw(ENTRY)
    assert cards.draw(ENTRY) == first
    code = (
        "import sys; sys.path.insert(0, 'hooks'); from kbgen.generate import cards; "
        f"sys.stdout.buffer.write(cards.draw(cards.Card(**{dataclasses.asdict(ENTRY)!r})))"
    )
    root = Path(__file__).resolve().parent.parent
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=root).stdout
    assert other == first


def test_what_is_drawn_changes_the_bytes() -> None:
    base = cards.draw(ENTRY)
    for field in ("site", "title", "kicker", "detail", "badge"):
        assert cards.draw(dataclasses.replace(ENTRY, **{field: "Something else"})) != base, field
    assert cards.draw(ENTRY, Theme.from_material("teal")) != base


def counting(monkeypatch: pytest.MonkeyPatch) -> list[Card]:
    drawn: list[Card] = []
    real = cards.draw

    def draw(card: Card, theme: Theme | None = None) -> bytes:
        drawn.append(card)
        return real(card, theme)

    monkeypatch.setattr(cards, "draw", draw)
    return drawn


def test_cache_hit_does_not_redraw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = counting(monkeypatch)
    first = cards.draw_cached(ENTRY, Theme(), tmp_path / "cache")
    before = first.stat()
    again = cards.draw_cached(ENTRY, Theme(), tmp_path / "cache")
    after = again.stat()
    assert again == first and drawn == [ENTRY]
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert first.read_bytes() == cards.draw(ENTRY)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [first.name]  # no temporary file left behind
    assert first.stat().st_mode & 0o444 == 0o444


def test_changed_title_redraws_that_card_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = Card(site="Field Guide", title="Contracts and cost", kicker="Category")
    a, b = (cards.draw_cached(c, Theme(), tmp_path) for c in (ENTRY, other))
    stat_b, bytes_a = b.stat(), a.read_bytes()
    drawn = counting(monkeypatch)
    renamed = dataclasses.replace(ENTRY, title="Not knowing who does the work")
    a2, b2 = (cards.draw_cached(c, Theme(), tmp_path) for c in (renamed, other))
    assert drawn == [renamed]
    assert a2 != a and a2.read_bytes() != bytes_a and b2 == b
    assert (b.stat().st_ino, b.stat().st_mtime_ns) == (stat_b.st_ino, stat_b.st_mtime_ns)
    assert a.read_bytes() == bytes_a  # the old card is left alone until pruned
    assert cards.prune(tmp_path, [a2, b2]) == [a]
    assert sorted(tmp_path.iterdir()) == sorted([a2, b2])


def test_cache_key_covers_content_theme_code_and_font(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cards.card_key(ENTRY, Theme())
    assert re.fullmatch(r"[0-9a-f]{64}", key) and cards.card_key(ENTRY, Theme()) == key
    changed = [dataclasses.replace(ENTRY, **{f.name: "x"}) for f in dataclasses.fields(Card)]
    assert all(cards.card_key(c, Theme()) != key for c in changed)
    themes = [dataclasses.replace(Theme(), **{f.name: "#123456"}) for f in dataclasses.fields(Theme)]
    assert all(cards.card_key(ENTRY, t) != key for t in themes)
    seen = {key}
    for name, value in (("DRAWING_VERSION", cards.DRAWING_VERSION + 1), ("_font_hash", lambda: "another font")):
        monkeypatch.setattr(cards, name, value)
        seen.add(cards.card_key(ENTRY, Theme()))
    monkeypatch.setattr(PIL, "__version__", "0.0.0")  # another rasteriser may give other pixels
    seen.add(cards.card_key(ENTRY, Theme()))
    assert len(seen) == 4


def test_contrast_formula() -> None:
    assert cards.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert cards.contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert cards.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert cards.contrast("#4051b5", "#ffffff") == cards.contrast("#ffffff", "#4051b5")
    assert cards.contrast(cards.readable("#777777", "#ffffff"), "#ffffff") >= 4.5


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: f"{t.primary}-{t.background}")
def test_every_text_colour_passes_wcag_aa(theme: Theme) -> None:
    pairs = theme.text_pairs()
    assert set(pairs) == {"site", "kicker", "title", "detail", "badge"}
    for role, (fg, bg) in pairs.items():
        assert cards.contrast(fg, bg) >= 4.5, (role, fg, bg)


def test_drawn_colours_are_the_checked_ones() -> None:
    theme = Theme.from_material("yellow")  # white text would fail on it: the band's text must turn dark
    image = png(cards.draw(ENTRY, theme))
    colours = {c for _, c in image.getcolors(WIDTH * HEIGHT) or []}
    pairs = theme.text_pairs()
    for role, (fg, bg) in pairs.items():
        assert fg in colours and bg in colours, role  # glyph interiors are solid text colour
    assert cards.luminance(pairs["site"][0]) < 0.2
    assert image.getpixel((5, 5)) == cards.rgb(theme.primary)


def test_material_names() -> None:
    assert Theme.from_material("indigo").primary == "#4051b5"
    assert Theme.from_material("Deep Orange").primary == "#ff6e42"
    assert Theme.from_material("custom") == Theme.from_material(None) == Theme()
    assert Theme.from_material("#008080").primary == "#008080"
    assert cards.hex_colour(Theme.from_material("teal").primary) == "#009485"
    assert cards.hex_colour("rgb(64, 81, 181)") == "#4051b5"


LONG_TITLES = [
    "Short",
    "Not knowing who will actually do the work",
    " ".join(["Extraordinarily long title words that keep going"] * 8),
    "Supercalifragilisticexpialidocious" * 6,  # one word wider than the card
    "https://example.org/" + "a/very/long/path/" * 12,
    "W" * 400,
    "Line\nbreaks\tand  spaces\u0000 and a control character",
]


@pytest.mark.parametrize("title", LONG_TITLES)
@pytest.mark.parametrize("extras", [{}, {"kicker": "ID-1", "badge": "Level: high", "detail": "x " * 200}])
def test_text_stays_inside_the_margins(title: str, extras: dict[str, str]) -> None:
    card = Card(site="Site " * 40, title=title, **extras)
    placed = cards.layout(card)
    titles = [t for t in placed.texts if t.role == "title"]
    assert 1 <= len(titles) <= cards.TITLE_MAX_LINES
    for t in placed.texts:
        left, top, right, bottom = t.box
        assert left >= MARGIN and right <= WIDTH - MARGIN, t
        lo, hi = (0, cards.BAND) if t.role == "site" else BODY
        assert top >= lo and bottom <= hi, t
    if placed.pill:
        assert placed.pill[0] >= MARGIN and placed.pill[2] <= WIDTH - MARGIN and placed.pill[3] <= BODY[1]
    boxes = [t.box for t in placed.texts if t.role != "badge"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)  # no overlap
    # And in the pixels: nothing but background in the side margins under the band.
    image = png(cards.draw(card))
    bg = cards.rgb(Theme().background)
    for x0, x1 in ((0, MARGIN), (WIDTH - MARGIN, WIDTH)):
        strip = image.crop((x0, cards.BAND, x1, HEIGHT - cards.FOOT))
        assert strip.getcolors() == [(strip.width * strip.height, bg)]


def test_long_titles_shrink_and_end_with_an_ellipsis() -> None:
    def title_lines(title: str) -> list[cards.Placed]:
        return [t for t in cards.layout(Card(site="S", title=title)).texts if t.role == "title"]

    middle = " ".join([LONG_TITLES[1]] * 3)
    short, medium, long = (title_lines(t) for t in ("Short", middle, LONG_TITLES[2]))
    assert short[0].font.size == cards.TITLE_SIZES[0]
    assert long[0].font.size == cards.TITLE_SIZES[-1] < medium[0].font.size < short[0].font.size
    assert long[-1].text.endswith("…") and not medium[-1].text.endswith("…")
    assert " ".join(t.text for t in medium) == middle  # nothing lost


def test_odd_characters_draw() -> None:
    title = "Café — “quotes” & <b>bold</b> ‘O’Brien’s’ 50 % → ½ ΑΒΓ Привет 日本語 😀 \u202eRTL\u202c"
    card = Card(site="Çà & <Site>", title=title, kicker="É-1", detail="naïve façade", badge="Ünïcødé")
    image = png(cards.draw(card))
    assert image.size == (WIDTH, HEIGHT)
    shown = " ".join(t.text for t in cards.layout(card).texts if t.role == "title")
    assert "Café — “quotes” & <b>bold</b>" in shown  # drawn as text, never escaped or interpreted
    assert cards.draw(Card(site="", title="")) and cards.alt_text(card).startswith("É-1: Café")


def test_alt_text() -> None:
    assert cards.alt_text(ENTRY) == (
        "FG-4: Not knowing who will actually do the work. Choosing a provider. Severity: high. Field Guide."
    )
    assert cards.alt_text(Card(site="S", title="Home", detail="A guide.")) == "Home. A guide. S."


def test_font_readme_matches_the_files() -> None:
    readme = (cards.FONT_DIR / "README.txt").read_text(encoding="utf-8")
    listed = dict(re.findall(r"sha256 of `([^`]+)`: `([0-9a-f]{64})`", readme))
    assert set(listed) == {cards.REGULAR.name, cards.BOLD.name}
    for name, digest in listed.items():
        assert hashlib.sha256((cards.FONT_DIR / name).read_bytes()).hexdigest() == digest, name
    assert "Apache License" in (cards.FONT_DIR / "LICENSE").read_text(encoding="utf-8")


def test_nothing_topic_specific() -> None:
    source = Path(cards.__file__).read_text(encoding="utf-8").lower()
    assert "outsourc" not in source and "pitfall" not in source

"""Link-preview card images (1200×630 PNG) drawn with Pillow and the Roboto font kept in ``fonts/``.

A :class:`Card` says what a card shows, a :class:`Theme` its colours (from the site's settings).
:func:`draw` returns the PNG bytes, the same bytes for the same input (no timestamp or other metadata,
the basic text layout so the result does not depend on whether libraqm is installed).
:func:`draw_cached` keeps each card in a folder under a name derived from everything it shows, so a
build redraws only the cards whose content changed. No network, no system font, no Cairo.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageColor, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MEDIA_TYPE = "image/png"
# Bump when the drawing changes, so every cached card is redrawn.
DRAWING_VERSION = 1

FONT_DIR = Path(__file__).parent.parent / "fonts"
REGULAR = FONT_DIR / "Roboto-Regular.ttf"
BOLD = FONT_DIR / "Roboto-Bold.ttf"

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]

# Material for MkDocs' light-scheme primary colours (--md-primary-fg-color in its palette.css).
MATERIAL_PRIMARY: dict[str, str] = {
    "red": "#ef5552",
    "pink": "#e92063",
    "purple": "#ab47bd",
    "deep-purple": "#7e56c2",
    "indigo": "#4051b5",
    "blue": "#2094f3",
    "light-blue": "#02a6f2",
    "cyan": "#00bdd6",
    "teal": "#009485",
    "green": "#4cae4f",
    "light-green": "#8bc34b",
    "lime": "#cbdc38",
    "yellow": "#ffec3d",
    "amber": "#ffc105",
    "orange": "#ffa724",
    "deep-orange": "#ff6e42",
    "brown": "#795649",
    "grey": "#757575",
    "blue-grey": "#546d78",
    "black": "#000000",
    "white": "#ffffff",
}
AA = 4.5  # WCAG 2 AA minimum contrast for normal-size text

# Geometry (pixels). Text keeps MARGIN from the left and right edges; the band carries the site's name.
MARGIN = 80
BAND = 96
FOOT = 10  # the coloured strip along the bottom edge
BODY = (BAND + 48, HEIGHT - FOOT - 48)  # top and bottom of the space for everything but the site's name
GAP = 30
TITLE_SIZES = (84, 76, 68, 60, 54, 48, 44)  # largest first: a short title is shown as large as fits
TITLE_MAX_LINES = 4
DETAIL_MAX_LINES = 3
ELLIPSIS = "…"
_TRAILING = " ,;:.-–—"  # punctuation that should not stand before an ellipsis


@dataclass(frozen=True)
class Card:
    """What one card shows. Empty fields are left out of the drawing."""

    site: str  # the site's name, in the coloured band at the top
    title: str  # the large text: an entry's or a page's title
    kicker: str = ""  # short text above the title, e.g. an entry's id
    detail: str = ""  # up to three lines below the title: a category, a page's description
    badge: str = ""  # short label in a pill beside the kicker, e.g. "Severity: high"


@dataclass(frozen=True)
class Theme:
    """Card colours (any CSS colour Pillow understands). Text colours that would miss WCAG AA are darkened
    or lightened when used (see :meth:`colours`), so any primary colour gives a readable card."""

    primary: str = MATERIAL_PRIMARY["indigo"]
    background: str = "#ffffff"
    text: str = "#212121"  # Material's light-scheme text, rgba(0, 0, 0, .87) on white
    muted: str = "#595959"

    @classmethod
    def from_material(cls, primary: str | None = "indigo") -> Theme:
        """The theme for a Material palette's ``primary`` (a colour name such as ``indigo``, or a CSS colour);
        unknown names and ``custom`` fall back to Material's default, indigo."""
        name = (primary or "indigo").strip().lower().replace(" ", "-")
        if name in MATERIAL_PRIMARY:
            return cls(primary=MATERIAL_PRIMARY[name])
        try:
            ImageColor.getrgb(name)
        except ValueError:
            return cls()
        return cls(primary=name)

    def colours(self) -> dict[str, RGB]:
        """Every colour drawn, by role, after the contrast fallbacks."""
        bg, primary = rgb(self.background), rgb(self.primary)
        tint = mix(primary, bg, 0.12)
        text = readable(rgb(self.text), bg)
        # The band's text: whichever of the background and text colour stands out more on the primary colour.
        on_band = max((bg, text), key=lambda c: contrast(c, primary))
        return {
            "background": bg,
            "band": primary,
            "badge": tint,
            "site": readable(on_band, primary),
            "title": text,
            "detail": readable(rgb(self.muted), bg),
            "kicker": readable(primary, bg),
            "badge_text": readable(mix(primary, text, 0.75), tint),
        }

    def text_pairs(self) -> dict[str, tuple[RGB, RGB]]:
        """(text colour, background colour) for each kind of text on the card: what must pass AA."""
        c = self.colours()
        return {
            "site": (c["site"], c["band"]),
            "kicker": (c["kicker"], c["background"]),
            "title": (c["title"], c["background"]),
            "detail": (c["detail"], c["background"]),
            "badge": (c["badge_text"], c["badge"]),
        }


# --- colour -----------------------------------------------------------------------------------------------


def rgb(colour: str | RGB) -> RGB:
    if isinstance(colour, tuple):
        return colour
    r, g, b = ImageColor.getrgb(colour)[:3]
    return r, g, b


def hex_colour(colour: str | RGB) -> str:
    """``#rrggbb``, e.g. for a ``theme-color`` meta tag."""
    return "#{:02x}{:02x}{:02x}".format(*rgb(colour))


def luminance(colour: str | RGB) -> float:
    """WCAG 2 relative luminance."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str | RGB, bg: str | RGB) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def mix(a: RGB, b: RGB, share_of_a: float) -> RGB:
    r, g, bl = (round(x * share_of_a + y * (1 - share_of_a)) for x, y in zip(a, b, strict=True))
    return r, g, bl


def readable(fg: str | RGB, bg: str | RGB, minimum: float = AA) -> RGB:
    """``fg``, or the nearest shade of it towards black or white that reaches ``minimum`` contrast on ``bg``.
    One of black and white always reaches 4.58:1, so this always succeeds for ``minimum`` up to that."""
    colour, back = rgb(fg), rgb(bg)
    if contrast(colour, back) >= minimum:
        return colour
    end = max(((0, 0, 0), (255, 255, 255)), key=lambda c: contrast(c, back))
    for step in range(1, 21):
        shade = mix(end, colour, step / 20)
        if contrast(shade, back) >= minimum:
            return shade
    return end


# --- text layout --------------------------------------------------------------------------------------------


@cache
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # Fonts are read-only resources, so keeping them between builds is safe (and saves reloading per card).
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def clean(text: str) -> str:
    """One line of text: whitespace (newlines, tabs) collapsed, control characters dropped."""
    return " ".join("".join(ch for ch in text if ch.isprintable() or ch.isspace()).split())


def _split_long(word: str, f: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """A word wider than the line (a URL, a long compound) cut into pieces that fit."""
    pieces, piece = [], ""
    for ch in word:
        if piece and f.getlength(piece + ch) > width:
            pieces.append(piece)
            piece = ""
        piece += ch
    return [*pieces, piece] if piece else pieces


def _ellipsize(line: str, f: ImageFont.FreeTypeFont, width: int) -> str:
    line = line.rstrip(_TRAILING)
    while line and f.getlength(line + ELLIPSIS) > width:
        cut = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
        line = cut.rstrip(_TRAILING)
    return line + ELLIPSIS


def wrap(text: str, f: ImageFont.FreeTypeFont, width: int, max_lines: int) -> tuple[list[str], bool]:
    """Greedy word wrap to ``width`` pixels in at most ``max_lines`` lines; True when text was cut (the
    last line then ends with an ellipsis)."""
    lines: list[str] = []
    line = ""
    for word in clean(text).split(" "):
        for piece in _split_long(word, f, width) if f.getlength(word) > width else [word]:
            candidate = f"{line} {piece}" if line else piece
            if line and f.getlength(candidate) > width:
                lines.append(line)
                candidate = piece
            line = candidate
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    kept[-1] = _ellipsize(kept[-1] + " " + lines[max_lines], f, width)
    return kept, True


@dataclass(frozen=True)
class Placed:
    """One line of text as drawn: baseline-left position, font and colour role; ``box`` is its ink box."""

    role: str
    text: str
    xy: tuple[int, int]
    font: ImageFont.FreeTypeFont
    box: Box


@dataclass(frozen=True)
class Layout:
    texts: tuple[Placed, ...]
    pill: Box | None  # the badge's rounded rectangle


def _place(role: str, text: str, x: int, baseline: int, f: ImageFont.FreeTypeFont) -> Placed:
    left, top, right, bottom = f.getbbox(text, anchor="ls")
    box = (x + math.floor(left), baseline + math.floor(top), x + math.ceil(right), baseline + math.ceil(bottom))
    return Placed(role, text, (x, baseline), f, box)


def _centre_baseline(row_top: int, row_height: int, f: ImageFont.FreeTypeFont) -> int:
    """Baseline that centres capital letters vertically in a row."""
    cap_top = math.floor(f.getbbox("H", anchor="ls")[1])
    return row_top + (row_height - cap_top) // 2


def layout(card: Card) -> Layout:
    """Where every piece of text goes. The content block (kicker row, title, detail) is centred in the
    space under the band; the title takes the largest size at which it fits, else the smallest, cut."""
    width = WIDTH - 2 * MARGIN
    texts: list[Placed] = []
    site_font = font(BOLD, 34)
    site, _ = wrap(card.site, site_font, width, 1)
    if site:
        texts.append(_place("site", site[0], MARGIN, _centre_baseline(0, BAND, site_font), site_font))

    kicker_font, badge_font, detail_font = font(BOLD, 40), font(BOLD, 28), font(REGULAR, 36)
    row = 56 if clean(card.kicker) or clean(card.badge) else 0
    detail, _ = wrap(card.detail, detail_font, width, DETAIL_MAX_LINES)
    detail_step = round(detail_font.size * 1.3)

    def detail_height(lines: int) -> int:
        return detail_step * lines + GAP if lines else 0

    top, bottom = BODY
    # The title may use the room of the detail's lines beyond the second; the detail gets them back if unused.
    room = bottom - top - row - (GAP if row else 0) - detail_height(min(len(detail), 2))
    for size in TITLE_SIZES:
        title_font = font(BOLD, size)
        step = round(size * 1.18)
        ascent, descent = title_font.getmetrics()
        fits = max(1, min(TITLE_MAX_LINES, (room - ascent - descent) // step + 1))
        title, cut = wrap(card.title, title_font, width, fits)
        if not cut:
            break
    title_height = ascent + descent + step * (len(title) - 1) if title else 0
    if len(detail) > 2 and title_height + detail_height(len(detail)) > room + detail_height(2):
        detail, _ = wrap(card.detail, detail_font, width, 2)

    block = row + (GAP if row and title else 0) + title_height + detail_height(len(detail))
    y = top + max(0, (bottom - top - block) // 2)
    pill = None
    if row:
        x = MARGIN
        kicker, _ = wrap(card.kicker, kicker_font, width // 2, 1)
        if kicker:
            placed = _place("kicker", kicker[0], x, _centre_baseline(y, row, kicker_font), kicker_font)
            texts.append(placed)
            x = placed.box[2] + 24
        badge, _ = wrap(card.badge, badge_font, WIDTH - MARGIN - x - 48, 1)
        if badge:
            placed = _place("badge", badge[0], x + 24, _centre_baseline(y, row, badge_font), badge_font)
            texts.append(placed)
            pill = (x, y, placed.box[2] + 24, y + row)
        y += row + GAP
    for i, line in enumerate(title):
        texts.append(_place("title", line, MARGIN, y + ascent + i * step, title_font))
    y += title_height + (GAP if title else 0)
    detail_cap = math.floor(detail_font.getbbox("H", anchor="ls")[1])
    for i, line in enumerate(detail):
        texts.append(_place("detail", line, MARGIN, y - detail_cap + i * detail_step, detail_font))
    return Layout(tuple(texts), pill)


# --- drawing and cache --------------------------------------------------------------------------------------


def draw(card: Card, theme: Theme | None = None) -> bytes:
    """The card as PNG bytes: same card and theme, same bytes."""
    colours = (theme or Theme()).colours()
    image = Image.new("RGB", (WIDTH, HEIGHT), colours["background"])
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, WIDTH, BAND - 1), fill=colours["band"])
    pen.rectangle((0, HEIGHT - FOOT, WIDTH, HEIGHT), fill=colours["band"])  # frames the card in a feed
    placed = layout(card)
    if placed.pill:
        pen.rounded_rectangle(placed.pill, radius=(placed.pill[3] - placed.pill[1]) // 2, fill=colours["badge"])
    fill = {"site": "site", "kicker": "kicker", "title": "title", "detail": "detail", "badge": "badge_text"}
    for t in placed.texts:
        pen.text(t.xy, t.text, font=t.font, fill=colours[fill[t.role]], anchor="ls")
    out = io.BytesIO()
    # No pnginfo, dpi, icc_profile or exif: the PNG then carries no timestamp or other varying metadata.
    # zlib's level 6 is 4x faster than optimize=True for 5% more bytes (about 40 KB a card; JPEG is larger).
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


def alt_text(card: Card) -> str:
    """A plain-text description of the card, for ``og:image:alt``."""
    head = ": ".join(p for p in (clean(card.kicker), clean(card.title)) if p)
    parts = [p for p in (head, clean(card.detail), clean(card.badge), clean(card.site)) if p]
    return " ".join(p if p[-1] in ".!?…" else f"{p}." for p in parts)


@cache
def _font_hash() -> str:
    digest = hashlib.sha256()
    for path in (REGULAR, BOLD):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def card_key(card: Card, theme: Theme | None = None) -> str:
    """Hash of everything that decides the card's bytes: what it shows, its colours, the drawing code's
    version, the font files and the Pillow version (its rasteriser and PNG encoder)."""
    data = {
        "card": asdict(card),
        "theme": asdict(theme or Theme()),
        "version": DRAWING_VERSION,
        "font": _font_hash(),
        "pillow": PIL.__version__,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def draw_cached(card: Card, theme: Theme | None, cache_dir: Path) -> Path:
    """The card's PNG in ``cache_dir``, drawn only if no card with the same key is there yet.
    Written to a temporary file and renamed, so a reader never sees half a file."""
    path = Path(cache_dir) / f"{card_key(card, theme)[:32]}.png"
    if path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    data = draw(card, theme)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would make the cards unreadable to a web server
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def prune(cache_dir: Path, keep: Iterable[Path]) -> list[Path]:
    """Delete the cached cards not in ``keep`` (those no page uses any more); return what was deleted."""
    wanted = {Path(p).name for p in keep}
    gone = [p for p in sorted(Path(cache_dir).glob("*.png")) if p.name not in wanted]
    for p in gone:
        p.unlink(missing_ok=True)
    return gone

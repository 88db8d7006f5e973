"""``kbgen pack SITE_DIR ZIP``: pack a built site into a zip to hand over.

Every file goes under one folder named after the zip (``<name>.zip`` holds ``<name>/index.html``),
so unpacking never scatters files. Entries are sorted and dated 1980-01-01, so the same site
always gives the same zip, byte for byte.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold


def pack(site: Path, archive: Path) -> Path:
    """Write ``archive`` holding every file under ``site``; return its path."""
    site, archive = Path(site), Path(archive)
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site}: no index.html here; build the site first")
    top = archive.name.removesuffix(".zip")
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_name(archive.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(archive)
    return archive


def main(argv: list[str] | None = None, prog: str = "kbgen pack") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site folder (with index.html)")
    parser.add_argument("zip", type=Path, help="the zip file to write")
    args = parser.parse_args(argv)
    try:
        archive = pack(args.site, args.zip)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"{archive}: unzip it anywhere and open {archive.name.removesuffix('.zip')}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The site's own scripts and styles, kept in the package (``kbgen/assets/``): every kbgen site has them.

They join the tree under ``assets/`` (a file of the project's docs/ at the same path wins), and the
configuration names them: the stylesheets, the scripts (deferred: they enhance pages that are already
readable), and the offline copy's file:// shim for the search worker, which Material's offline plugin would
otherwise load from a CDN (see assets/vendor/iframe-worker/README.txt).
"""

from __future__ import annotations

from pathlib import Path

from . import quiz
from .tree import Output

FOLDER = Path(__file__).resolve().parent.parent / "assets"
STYLES = ("assets/kb.css", "assets/quiz.css")
SCRIPTS = ("assets/kb.js", quiz.SCRIPT)
POLYFILLS = ("assets/vendor/iframe-worker/shim.js",)


def outputs(own: dict[str, Output]) -> dict[str, Output]:
    """The package's assets as tree files (the self-assessment's script parts joined), but for those the
    project's docs/ has itself (``own``)."""
    out = {
        f"assets/{p.relative_to(FOLDER).as_posix()}": Output(copy=p) for p in sorted(FOLDER.rglob("*")) if p.is_file()
    }
    quiz.join_script(out)
    return {src: file for src, file in out.items() if src not in own}

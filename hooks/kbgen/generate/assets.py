"""The site's own scripts and styles, kept in the package (``kbgen/assets/``): every kbgen site has them.

They join the tree under ``assets/`` (a file of the project's docs/ at the same path wins), and the
configuration names them: the stylesheets, the scripts (deferred: they enhance pages that are already
readable), and the offline copy's file:// shim for the search worker, which Material's offline plugin would
otherwise load from a CDN (see assets/vendor/iframe-worker/README.txt).
"""

from __future__ import annotations

from pathlib import Path

from . import agenda, quiz
from .tree import Output

FOLDER = Path(__file__).resolve().parent.parent / "assets"
STYLES = ("assets/kb.css", "assets/quiz.css", "assets/agenda.css")
# In this order: kb.js (window.kbgen), quiz.js (window.kbgenQuiz: the texts and the CSV writer the agenda reuses),
# agenda.js (the "Add to the agenda" buttons on every page, and the agenda page).
SCRIPTS = ("assets/kb.js", quiz.SCRIPT, agenda.SCRIPT)
POLYFILLS = ("assets/vendor/iframe-worker/shim.js",)
# The scripts served as one file each, from their parts (in order); one file, because parts compressed one by one
# weigh more (bench/run.py, client_size) and each would be one more request.
JOINED = {quiz.SCRIPT: quiz.SCRIPT_PARTS, agenda.SCRIPT: agenda.SCRIPT_PARTS}


def join_scripts(files: dict[str, Output]) -> None:
    """Each of ``JOINED`` served as one file: its parts joined in order, when all are there."""
    for script, parts in JOINED.items():
        if all(src in files for src in parts):
            files[script] = Output(text="\n".join(files.pop(src).read() for src in parts))


def served(srcs: set[str]) -> set[str]:
    """The site's files (``src_uri``) as ``join_scripts`` serves them."""
    for script, parts in JOINED.items():
        if set(parts) <= srcs:
            srcs = srcs - set(parts) | {script}
    return srcs


def outputs(own: dict[str, Output]) -> dict[str, Output]:
    """The package's assets as tree files (the scripts' parts joined), but for those the
    project's docs/ has itself (``own``)."""
    out = {
        f"assets/{p.relative_to(FOLDER).as_posix()}": Output(copy=p) for p in sorted(FOLDER.rglob("*")) if p.is_file()
    }
    join_scripts(out)
    return {src: file for src, file in out.items() if src not in own}

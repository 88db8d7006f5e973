"""``kbgen serve [--builder mkdocs|properdocs|zensical] [-a HOST:PORT]``: the live preview, with any builder.

MkDocs serves with its hooks (``mkdocs serve``). For ProperDocs and Zensical the tree is written once, the
builder's own server watches it, and this command watches the project (content, docs and mkdocs.yml): on
every save it writes the tree again, only the files that changed, so the builder rebuilds just those. A save
with a content error writes nothing: the preview keeps showing the last good site, and the terminal says
what is wrong.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..builders import config as derived
from ..builders.run import BUILDERS, command, tree_folder
from ..generate.build import generate
from ..read import site
from ..read.problems import ContentError
from .report import problems

# Events that change a file (watchdog also reports opening and closing it, which generating the tree does).
CHANGED = ("created", "deleted", "modified", "moved")
SETTLE = 0.3  # seconds without another change before the tree is written: an editor saves in several steps


def write_tree(config_file: Path, builder: str) -> Path | None:
    """Write the tree for ``builder``; None (and the problems shown) when the content has errors."""
    config = load_config(str(config_file))
    try:
        tree = generate(config)
    except ContentError as err:
        problems(err, "the preview keeps the last good site until they are fixed")
        return None
    folder = tree_folder(config, builder)
    written = derived.write(config, tree, folder)
    if written:
        print(f"kbgen: {len(written)} file(s) changed: {', '.join(written[:5])}{' …' * (len(written) > 5)}")
    return folder


class _Changes(FileSystemEventHandler):
    """When anything the tree is made from last changed: the content and docs folders, and mkdocs.yml."""

    def __init__(self, folders: list[Path], config_file: Path) -> None:
        self.folders, self.config_file, self.last = [f.resolve() for f in folders], config_file.resolve(), 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = Path(str(event.src_path)).resolve()
        if event.event_type in CHANGED and (
            path == self.config_file or any(path.is_relative_to(f) for f in self.folders)
        ):
            self.last = time.monotonic()

    def watch(self, observer: Any) -> None:
        for folder in self.folders:
            observer.schedule(self, str(folder), recursive=True)
        observer.schedule(self, str(self.config_file.parent), recursive=False)


def main(argv: list[str] | None = None, prog: str = "kbgen-serve") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--builder", choices=tuple(BUILDERS), default="mkdocs", help="default: mkdocs")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path, help="the project's mkdocs.yml")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="where to serve (127.0.0.1:8000)")
    args = parser.parse_args(argv)
    if BUILDERS[args.builder].hooks:
        return subprocess.run([*command(args.builder, "serve", args.config_file), "-a", args.dev_addr]).returncode
    folder = write_tree(args.config_file, args.builder)
    if folder is None:
        return 1
    config = load_config(str(args.config_file))
    changes, observer = _Changes([site.content_dir(config), Path(config.docs_dir)], args.config_file), Observer()
    changes.watch(observer)
    observer.start()
    server = subprocess.Popen([*command(args.builder, "serve", folder / derived.CONFIG), "-a", args.dev_addr])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped like Ctrl-C: the builder's server stops too
    try:
        seen = changes.last
        while server.poll() is None:
            time.sleep(SETTLE)
            if changes.last != seen and time.monotonic() - changes.last >= SETTLE:
                seen = changes.last
                write_tree(args.config_file, args.builder)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())

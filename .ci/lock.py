"""Compare the Python packages installed here with a lock file (requirements/*.txt, written by `make lock`).

    python .ci/lock.py check requirements/dev.txt   # every difference, exit 1 if there is one (make test, CI)
    python .ci/lock.py diff requirements/dev.txt    # what differs, always exit 0 (the drift check's report)

A difference is a package at another version than its pin, a pin (for this platform) not installed, or a
package installed that the lock does not name. The project itself is not in its lock.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

PROJECT = "kbgen"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(lock: Path) -> dict[str, str]:
    """The lock's pins that apply to this interpreter and platform: name -> version."""
    out = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match and (match[3] is None or Marker(match[3]).evaluate()):
            out[canonicalize_name(match[1])] = match[2]
    return out


def installed() -> dict[str, str]:
    found = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    found.pop(PROJECT, None)
    return found


def differences(lock: Path) -> list[str]:
    want, have = pins(lock), installed()
    out = [f"{name}: {have[name]} installed, the lock has {want[name]}" for name in want if have.get(name, want[name]) != want[name]]
    out += [f"{name}: the lock has {want[name]}, not installed" for name in want if name not in have]
    out += [f"{name}: {have[name]} installed, not in the lock" for name in have if name not in want]
    return sorted(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("check", "diff"):
        print(__doc__, file=sys.stderr)
        return 2
    found = differences(Path(argv[1]))
    for line in found:
        print(line)
    if argv[0] == "diff":
        print(f"{len(found)} package(s) differ from {argv[1]}" if found else f"every package as in {argv[1]}")
        return 0
    if found:
        print(f"{len(found)} package(s) differ from {argv[1]}: remove .venv and run make test again", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

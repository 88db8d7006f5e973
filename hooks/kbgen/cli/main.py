"""``kbgen``: one command for everything the generator does; ``kbgen COMMAND --help`` for each.

The older ``kbgen-<command>`` scripts are the same commands under their first names.
"""

from __future__ import annotations

import importlib
import sys

# Each command's module (relative to this package) and what it does; imported only when run (ingest needs
# scikit-learn, check does not).
COMMANDS = {
    "build": (".build", "build the site with MkDocs, ProperDocs or Zensical"),
    "check": (".check", "validate the content without building the site"),
    "generate": (".generate", "write the site's whole source tree and a config for any builder"),
    "ledger": (".ledger", "append the site's current URLs to the published-URL ledger"),
    "new": (".new", "start a knowledge base of your own in a new folder"),
    "release": (".release", "record the catalog as released"),
    "schemas": (".schemas", "write the JSON Schemas from the models"),
    "serve": (".serve", "the live preview, with MkDocs, ProperDocs or Zensical"),
    "ingest": (".ingest", "propose where each mistake of a new source article belongs"),
    "fingerprint": (".fingerprint", "refresh the fingerprints of the source articles"),
    "pack": (".pack", "pack a built site into a zip to hand over"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {text}" for name, (_, text) in COMMANDS.items()]
    return "usage: kbgen COMMAND [ARGS]\n\ncommands:\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage(), end="")
        return 0 if args else 2
    if args[0] not in COMMANDS:
        print(f"kbgen: unknown command {args[0]!r}\n\n{usage()}", end="", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[args[0]][0], __package__)
    code: int = module.main(args[1:], prog=f"kbgen {args[0]}")
    return code


if __name__ == "__main__":
    sys.exit(main())

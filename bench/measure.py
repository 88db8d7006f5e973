"""Build one MkDocs project in this process and print wall time and peak memory as JSON.

python bench/measure.py CONFIG OUT [--profile FILE]
"""

import cProfile
import json
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
from mkdocs.commands.build import build
from mkdocs.config import load_config


def main() -> None:
    config_file, out = sys.argv[1], sys.argv[2]
    profile = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--profile" else None
    start = time.perf_counter()
    run = lambda: build(load_config(config_file, site_dir=out, strict=True))  # noqa: E731
    if profile:
        cProfile.runctx("run()", globals(), {"run": run}, profile)
    else:
        run()
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


if __name__ == "__main__":
    main()

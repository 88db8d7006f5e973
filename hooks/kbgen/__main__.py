"""``python -m kbgen COMMAND``: the same as the ``kbgen`` command."""

import sys

from .cli.main import main

sys.exit(main())

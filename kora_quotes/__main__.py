"""``python -m kora_quotes``: the same as the ``kora-quotes`` command."""

import sys

from .output.cli import main

if __name__ == "__main__":
    sys.exit(main())

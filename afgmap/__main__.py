"""``python -m afgmap``: the same as the ``afgmap`` command."""

import sys

from afgmap.cli import main

sys.exit(main())

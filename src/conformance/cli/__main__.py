"""``python -m conformance.cli``: the ``conformance`` command."""

import sys

from . import main

sys.exit(main())

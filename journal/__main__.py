"""``python -m journal`` runs the command-line interface, like the ``journal`` script."""

import sys

from journal.cli import main

sys.exit(main())

"""`python -m tacitus` runs the command line, as the `tacitus` script does."""

import sys

from .cli import main

sys.exit(main())

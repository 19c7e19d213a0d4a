"""`python -m shapelint` runs the command-line interface."""

import sys

from shapelint.cli import main

sys.exit(main())

"""`python3 -m franka_bridge`: the command line (see cli.py)."""

import sys

from franka_bridge.cli import main

sys.exit(main())

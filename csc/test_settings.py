"""Settings for the test suite: the production settings with testing switched on."""

import os

os.environ.setdefault("TRELLIS_TESTING", "1")

from .settings import *  # noqa: F403

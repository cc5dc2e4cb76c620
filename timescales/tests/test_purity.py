"""The engine must stay pure Python: importing it must not pull in Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_no_django_import() -> None:
    code = "import sys, timescales; assert not any(m.startswith('django') for m in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)

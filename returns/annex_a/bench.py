"""Benchmark hook: time the whole Annex A export for one inspection date.

build_and_write(as_of) -> (seconds, bytes, row_counts)
"""

from __future__ import annotations

import datetime
import time

from . import export


def build_and_write(as_of: datetime.date) -> tuple[float, int, dict[int, int]]:
    started = time.perf_counter()
    content, counts = export(as_of)
    return time.perf_counter() - started, len(content), counts

"""Benchmark hooks for bench/: time building, writing and validating a CIN census return."""

from __future__ import annotations

import os
import time

from django.utils import timezone

from timescales import load_calendar

from .builder import build_census
from .config import census_options
from .loader import load_record
from .validation import ValidatorResult, run_validator
from .writer import write_census


def build_and_write(year: int) -> tuple[float, float, int]:
    """(seconds to load and build, seconds to write the XML, size of the XML in bytes)."""
    started = time.perf_counter()
    census = build_census(
        load_record(year),
        options=census_options(),
        generated_at=timezone.localtime(),
        calendar=load_calendar(),
    )
    built = time.perf_counter()
    data = write_census(census)
    written = time.perf_counter()
    return built - started, written - built, len(data)


def validate_timed(
    path: str | os.PathLike[str], *, timeout: float | None = None
) -> tuple[float, ValidatorResult]:
    """Seconds the validator takes on one XML file, and what it found (raises
    ValidatorUnavailable if it cannot run or takes longer than `timeout`)."""
    started = time.perf_counter()
    result = run_validator(path, timeout=timeout)
    return time.perf_counter() - started, result

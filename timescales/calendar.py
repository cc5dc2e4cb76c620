"""Working days: the England & Wales bank-holiday calendar, kept as data in the repository.

A working day is any day other than a Saturday, Sunday or an England & Wales bank holiday
(timescales.md §2.1). Holidays come from a versioned JSON snapshot in gov.uk's format; we never
fetch at run time, and one-off holidays (jubilees, state funeral, coronation) exist only as data.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DIVISION = "england-and-wales"
DEFAULT_PATH = Path(__file__).parent / "data" / "bank_holidays_england_and_wales.json"


@dataclass(frozen=True)
class WorkingDayCalendar:
    """Weekends plus a set of bank holidays; `version` records which snapshot was used."""

    holidays: frozenset[date]
    version: str

    def is_working_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.holidays

    def add_working_days(self, day0: date, n: int) -> date:
        """The Nth working day after day 0 (the trigger day itself is never counted).

        If day 0 is a weekend or holiday, the first working day after it is day 1, which falls out
        of simply stepping forward. n == 0 means "the same day" and returns day 0 unchanged.
        """
        if n < 0:
            raise ValueError(f"n must not be negative (got {n})")
        d = day0
        remaining = n
        while remaining:
            d += timedelta(days=1)
            if self.is_working_day(d):
                remaining -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days d with start < d <= end (same day = 0; negative if end < start).

        This is the DfE-compatible elapsed count (timescales.md §2.2): "within 15 WD" ⇔ result ≤ 15.
        """
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        d = start
        while d < end:
            d += timedelta(days=1)
            if self.is_working_day(d):
                count += 1
        return count


def validate_calendar_payload(payload: object, *, version: str | None = None) -> WorkingDayCalendar:
    """Check an (admin-supplied) bank-holiday payload and build a calendar from it.

    Accepts either one division `{"division": ..., "events": [...]}` or gov.uk's whole
    bank-holidays.json (`{"england-and-wales": {...}, "scotland": {...}, ...}`). `version` overrides
    the payload's own "version"; one of the two is required so that clocks can say which calendar
    they were computed with. Raises ValueError with a message fit to show an administrator.
    """
    if not isinstance(payload, Mapping):
        raise ValueError("Bank-holiday file must be a JSON object.")
    if "division" not in payload and DIVISION in payload:
        payload = payload[DIVISION]
        if not isinstance(payload, Mapping):
            raise ValueError(f'"{DIVISION}" must be a JSON object.')
    division = payload.get("division")
    if division != DIVISION:
        raise ValueError(
            f'Wrong division {division!r}: working days use "{DIVISION}" bank holidays only.'
        )
    version = version or payload.get("version")
    if not isinstance(version, str) or not version.strip():
        raise ValueError('Bank-holiday file has no "version" (give the date it was downloaded).')
    events = payload.get("events")
    if not isinstance(events, list) or not events:
        raise ValueError("Bank-holiday file has no events.")
    days: set[date] = set()
    for i, event in enumerate(events, start=1):
        if not isinstance(event, Mapping):
            raise ValueError(f"Event {i} is not an object.")
        raw = event.get("date")
        try:
            day = date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise ValueError(f"Event {i} has a bad date {raw!r} (expected YYYY-MM-DD).")
        title = event.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"Event {i} ({raw}) has no title.")
        if day in days:
            raise ValueError(f"Date {raw} appears more than once.")
        days.add(day)
    return WorkingDayCalendar(holidays=frozenset(days), version=version.strip())


def read_calendar_file(path: str | os.PathLike[str]) -> WorkingDayCalendar:
    """Load and validate a bank-holiday JSON file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"Cannot read bank-holiday file {path}: {exc}") from exc
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"Bank-holiday file {path} is not valid JSON: {exc}") from exc
    return validate_calendar_payload(payload)


def write_calendar_file(
    payload: object, dest: str | os.PathLike[str] = DEFAULT_PATH, *, version: str | None = None
) -> WorkingDayCalendar:
    """Validate `payload`, then write it (as one division, sorted) atomically to `dest`.

    Validation comes first so a bad download can never replace the good snapshot.
    """
    calendar = validate_calendar_payload(payload, version=version)
    assert isinstance(payload, Mapping)
    division: Mapping[str, Any] = payload if "division" in payload else payload[DIVISION]
    events = sorted(
        ({"title": e["title"].strip(), "date": e["date"]} for e in division["events"]),
        key=lambda e: str(e["date"]),
    )
    out = {"division": DIVISION, "version": calendar.version, "events": events}
    dest_path = Path(dest)
    fd, tmp = tempfile.mkstemp(dir=dest_path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=2, ensure_ascii=False)
            f.write("\n")
        os.replace(tmp, dest_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if dest_path.resolve() == DEFAULT_PATH.resolve():
        _default_calendar.cache_clear()
    return calendar


@functools.cache
def _default_calendar() -> WorkingDayCalendar:
    return read_calendar_file(DEFAULT_PATH)


def load_calendar(path: str | os.PathLike[str] | None = None) -> WorkingDayCalendar:
    """The calendar from `path`, or the packaged snapshot (read once and cached) if None."""
    if path is None:
        return _default_calendar()
    return read_calendar_file(path)

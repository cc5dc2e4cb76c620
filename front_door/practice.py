"""The authority's local practice (RAG and partner targets, office hours) and the deadline sums.

The clocks app will own the stored practice (`clocks.practice.current_practice`). Until it
exists, the timescales defaults apply. Everything in front_door reads practice through
`authority_practice()` so there is one place to change.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from timescales import HourTarget, LocalPractice, WorkingDayCalendar, load_calendar
from timescales.office_hours import LONDON


def authority_practice() -> LocalPractice:
    try:
        from clocks.practice import current_practice  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return LocalPractice()
    practice = current_practice()
    return practice if isinstance(practice, LocalPractice) else LocalPractice()


def calendar() -> WorkingDayCalendar:
    return load_calendar()


def deadline(
    start: datetime.datetime,
    rating: str,
    *,
    table: str,
    practice: LocalPractice | None = None,
    cal: WorkingDayCalendar | None = None,
) -> datetime.datetime | None:
    """When a clock started at `start` for a contact rated `rating` is due.

    `table` is "rag" (MASH decision, F3) or "partner" (partner requests, F3P). A rating with no
    target (blue, or one the authority left out) has no deadline.
    """
    practice = practice or authority_practice()
    targets: Mapping[str, HourTarget] = practice.hour_tables()[table]
    target = targets.get((rating or "").lower())
    if target is None:
        return None
    due = target.limit().due(start, cal or calendar(), practice.office_hours)
    assert isinstance(due, datetime.datetime)
    return due


def describe_target(rating: str, *, table: str, practice: LocalPractice | None = None) -> str:
    practice = practice or authority_practice()
    target = practice.hour_tables()[table].get((rating or "").lower())
    return "No target" if target is None else target.limit().describe()


def working_hours_between(
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    practice: LocalPractice | None = None,
    cal: WorkingDayCalendar | None = None,
) -> float:
    """Office hours elapsed between two instants (0 if end is not after start)."""
    if end <= start:
        return 0.0
    practice = practice or authority_practice()
    holidays = (cal or calendar()).holidays
    local_start = start.astimezone(LONDON).replace(tzinfo=None)
    local_end = end.astimezone(LONDON).replace(tzinfo=None)
    total = datetime.timedelta(0)
    day = local_start.date()
    while day <= local_end.date():
        opening = practice.office_hours.opening(day.weekday())
        if opening is not None and day not in holidays:
            lo = max(local_start, datetime.datetime.combine(day, opening[0]))
            hi = min(local_end, datetime.datetime.combine(day, opening[1]))
            if hi > lo:
                total += hi - lo
        day += datetime.timedelta(days=1)
    return round(total.total_seconds() / 3600, 2)

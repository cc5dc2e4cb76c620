"""Limits: how long a clock runs. Each is a small frozen object with `due()` and `describe()`.

Counting follows timescales.md §2.2: day 0 is the trigger and is never counted; months keep the
day-of-month and clamp to month end (never "90 days"); clock hours are real elapsed hours; working
hours count only while the office is open.

Two families:
- fixed limits (`Limit` protocol): due date follows from the start alone;
- event limits (`EventLimit` protocol): the value depends on the starting event (a RAG rating, an
  explicitly recorded deadline); the engine turns them into a fixed limit per clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar, Literal, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from timescales.calendar import WorkingDayCalendar
from timescales.office_hours import LONDON, OfficeHours

UTC = ZoneInfo("UTC")
HourUnit = Literal["working_hours", "clock_hours"]
HOUR_UNITS: tuple[HourUnit, ...] = ("working_hours", "clock_hours")


@runtime_checkable
class Limit(Protocol):
    """A limit whose due date/time follows from the start alone."""

    in_hours: ClassVar[bool]  # True: works on aware datetimes and is checked against `now`

    def due(
        self, start: date, calendar: WorkingDayCalendar, office_hours: OfficeHours | None = None
    ) -> date: ...

    def describe(self) -> str: ...


@runtime_checkable
class EventLimit(Protocol):
    """A limit read from the starting event; `for_event` returns None when no clock applies."""

    in_hours: ClassVar[bool]

    def for_event(
        self, attrs: Mapping[str, object], tables: Mapping[str, Mapping[str, HourTarget]]
    ) -> Limit | None: ...

    def describe(self) -> str: ...


def local_date(value: date) -> date:
    """The Europe/London calendar date of a date or datetime."""
    if isinstance(value, datetime):
        return value.astimezone(LONDON).date() if value.tzinfo else value.date()
    return value


def as_aware(value: date) -> datetime:
    """An aware datetime; a bare date is taken as 00:00 London time on that day."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"Naive datetime {value.isoformat()}: give an aware datetime.")
        return value
    return datetime.combine(value, time(0), tzinfo=LONDON)


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _check_n(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"A limit needs a whole number of at least 0 (got {n!r}).")


def add_months(d: date, n: int) -> date:
    """Same day-of-month n months on, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    months = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(months, 12)
    first_of_next = date(year + (month0 + 1) // 12, (month0 + 1) % 12 + 1, 1)
    last_day = (first_of_next - timedelta(days=1)).day
    return date(year, month0 + 1, min(d.day, last_day))


@dataclass(frozen=True)
class WorkingDays:
    n: int
    in_hours: ClassVar[bool] = False

    def __post_init__(self) -> None:
        _check_n(self.n)

    def due(
        self, start: date, calendar: WorkingDayCalendar, office_hours: OfficeHours | None = None
    ) -> date:
        return calendar.add_working_days(local_date(start), self.n)

    def describe(self) -> str:
        return "the same day" if self.n == 0 else _plural(self.n, "working day")


@dataclass(frozen=True)
class CalendarDays:
    n: int
    in_hours: ClassVar[bool] = False

    def __post_init__(self) -> None:
        _check_n(self.n)

    def due(
        self, start: date, calendar: WorkingDayCalendar, office_hours: OfficeHours | None = None
    ) -> date:
        return local_date(start) + timedelta(days=self.n)

    def describe(self) -> str:
        return "the same day" if self.n == 0 else _plural(self.n, "calendar day")


@dataclass(frozen=True)
class Weeks:
    n: int
    in_hours: ClassVar[bool] = False

    def __post_init__(self) -> None:
        _check_n(self.n)

    def due(
        self, start: date, calendar: WorkingDayCalendar, office_hours: OfficeHours | None = None
    ) -> date:
        return local_date(start) + timedelta(weeks=self.n)

    def describe(self) -> str:
        return _plural(self.n, "week")


@dataclass(frozen=True)
class Months:
    n: int
    in_hours: ClassVar[bool] = False

    def __post_init__(self) -> None:
        _check_n(self.n)

    def due(
        self, start: date, calendar: WorkingDayCalendar, office_hours: OfficeHours | None = None
    ) -> date:
        return add_months(local_date(start), self.n)

    def describe(self) -> str:
        return _plural(self.n, "month")


@dataclass(frozen=True)
class ClockHours:
    """Real elapsed hours: adding in UTC makes DST changes come out right (a 24 h clock started
    at 12:00 the day before the clocks go forward is due at 13:00 local)."""

    n: int
    in_hours: ClassVar[bool] = True

    def __post_init__(self) -> None:
        _check_n(self.n)

    def due(
        self, start: date, calendar: WorkingDayCalendar, office_hours: OfficeHours | None = None
    ) -> datetime:
        utc = as_aware(start).astimezone(UTC) + timedelta(hours=self.n)
        return utc.astimezone(LONDON)

    def describe(self) -> str:
        return _plural(self.n, "hour")


@dataclass(frozen=True)
class WorkingHours:
    """Hours counted only while the office is open; a clock started outside hours starts at the
    next opening. Bank holidays (from the calendar) are closed whatever the weekday says."""

    n: int
    in_hours: ClassVar[bool] = True

    def __post_init__(self) -> None:
        _check_n(self.n)

    def due(
        self, start: date, calendar: WorkingDayCalendar, office_hours: OfficeHours | None = None
    ) -> datetime:
        hours = office_hours or OfficeHours()
        local = as_aware(start).astimezone(LONDON).replace(tzinfo=None)
        remaining = timedelta(hours=self.n)
        day = local.date()
        # Opening hours never straddle a DST change (01:00/02:00 on a Sunday), so wall-clock
        # arithmetic within one day is exact; the loop is bounded because some day is open.
        while True:
            opening = hours.opening(day.weekday())
            if opening is not None and day not in calendar.holidays:
                open_at = datetime.combine(day, opening[0])
                close_at = datetime.combine(day, opening[1])
                cursor = max(local, open_at)
                if cursor < close_at or (remaining == timedelta(0) and cursor == close_at):
                    if cursor + remaining <= close_at:
                        return (cursor + remaining).replace(tzinfo=LONDON)
                    remaining -= close_at - cursor
            day += timedelta(days=1)

    def describe(self) -> str:
        return _plural(self.n, "working hour")


@dataclass(frozen=True)
class FixedDeadline:
    """A due date recorded on the event itself (made by `ExplicitDeadline.for_event`)."""

    deadline: date
    in_hours: ClassVar[bool] = False

    def due(
        self, start: date, calendar: WorkingDayCalendar, office_hours: OfficeHours | None = None
    ) -> date:
        return self.deadline

    def describe(self) -> str:
        return f"by {self.deadline:%d %b %Y}"


@dataclass(frozen=True)
class ExplicitDeadline:
    """The deadline is whatever date was recorded on the starting event (e.g. an action agreed at
    a strategy discussion "by 14 March"). No recorded deadline → no clock."""

    attr: str = "deadline"
    in_hours: ClassVar[bool] = False

    def for_event(
        self, attrs: Mapping[str, object], tables: Mapping[str, Mapping[str, HourTarget]]
    ) -> Limit | None:
        value = attrs.get(self.attr)
        if isinstance(value, str):
            value = date.fromisoformat(value)
        if not isinstance(value, date):
            return None
        return FixedDeadline(local_date(value))

    def describe(self) -> str:
        return "the deadline recorded when the action was set"


@dataclass(frozen=True)
class HourTarget:
    """One row of a RAG table: so many working or clock hours."""

    unit: HourUnit
    hours: int

    def __post_init__(self) -> None:
        if self.unit not in HOUR_UNITS:
            raise ValueError(f"Unit must be one of {', '.join(HOUR_UNITS)} (got {self.unit!r}).")
        if isinstance(self.hours, bool) or not isinstance(self.hours, int) or self.hours <= 0:
            raise ValueError(f"Hours must be a whole number above 0 (got {self.hours!r}).")

    def limit(self) -> ClockHours | WorkingHours:
        return WorkingHours(self.hours) if self.unit == "working_hours" else ClockHours(self.hours)


@dataclass(frozen=True)
class RatedHours:
    """Hours looked up from the authority's table (`table`: "rag" or "partner") by the rating on
    the starting event. A rating with no target (e.g. blue) → no clock."""

    table: str
    attr: str = "rating"
    in_hours: ClassVar[bool] = True

    def for_event(
        self, attrs: Mapping[str, object], tables: Mapping[str, Mapping[str, HourTarget]]
    ) -> Limit | None:
        rating = attrs.get(self.attr)
        if not isinstance(rating, str):
            return None
        target = tables.get(self.table, {}).get(rating.strip().lower())
        return None if target is None else target.limit()

    def describe(self) -> str:
        return "hours set by the contact's RAG rating"


# --- Serialising fixed limits for per-authority overrides ----------------------------------------

_UNITS: dict[str, type[WorkingDays | CalendarDays | Weeks | Months | ClockHours | WorkingHours]] = {
    "working_days": WorkingDays,
    "calendar_days": CalendarDays,
    "weeks": Weeks,
    "months": Months,
    "clock_hours": ClockHours,
    "working_hours": WorkingHours,
}


def limit_to_mapping(limit: Limit | EventLimit) -> dict[str, object]:
    if isinstance(limit, WorkingDays | CalendarDays | Weeks | Months | ClockHours | WorkingHours):
        unit = next(name for name, cls in _UNITS.items() if type(limit) is cls)
        return {"unit": unit, "value": limit.n}
    raise ValueError(f"{type(limit).__name__} cannot be stored as an override.")


def limit_from_mapping(data: object) -> Limit:
    """`{"unit": "working_days", "value": 15}` → WorkingDays(15)."""
    if not isinstance(data, Mapping) or set(data) != {"unit", "value"}:
        raise ValueError('A limit must look like {"unit": "working_days", "value": 15}.')
    cls = _UNITS.get(str(data["unit"]))
    if cls is None:
        raise ValueError(f"Unknown unit {data['unit']!r}; use one of {', '.join(_UNITS)}.")
    value = data["value"]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"Limit value must be a whole number (got {value!r}).")
    return cls(value)

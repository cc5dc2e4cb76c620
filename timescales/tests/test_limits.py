"""Limits: months, weeks, clock hours across DST, working hours inside office hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from timescales.calendar import load_calendar
from timescales.limits import (
    CalendarDays,
    ClockHours,
    ExplicitDeadline,
    FixedDeadline,
    HourTarget,
    Limit,
    Months,
    RatedHours,
    Weeks,
    WorkingDays,
    WorkingHours,
    limit_from_mapping,
    limit_to_mapping,
)
from timescales.office_hours import LONDON, OfficeHours

CAL = load_calendar()


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2024, 8, 31), 6, date(2025, 2, 28)),  # clamp to month end
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap
        (date(2023, 1, 31), 1, date(2023, 2, 28)),  # non-leap
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 11, 15), 3, date(2025, 2, 15)),  # across the year end
        (date(2024, 3, 31), 3, date(2024, 6, 30)),  # never "90 days"
        (date(2024, 12, 31), 12, date(2025, 12, 31)),
    ],
)
def test_months(start: date, months: int, due: date) -> None:
    assert Months(months).due(start, CAL) == due


@pytest.mark.parametrize(
    ("limit", "start", "due"),
    [
        (Weeks(6), date(2024, 12, 20), date(2025, 1, 31)),  # 42 calendar days, holidays ignored
        (Weeks(1), date(2024, 6, 7), date(2024, 6, 14)),
        (CalendarDays(7), date(2024, 6, 7), date(2024, 6, 14)),
        (WorkingDays(15), date(2024, 12, 20), date(2025, 1, 15)),
        (WorkingDays(1), at(2024, 6, 7, 23, 30), date(2024, 6, 10)),  # datetimes use London date
        (FixedDeadline(date(2024, 6, 20)), date(2024, 6, 7), date(2024, 6, 20)),
    ],
)
def test_day_limits(limit: Limit, start: date, due: date) -> None:
    assert limit.due(start, CAL) == due


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        # Clocks go forward 02:00 -> 03:00 on 30 March 2025: 24 real hours end at 13:00 local.
        (at(2025, 3, 29, 12), 24, at(2025, 3, 30, 13)),
        # Clocks go back 02:00 -> 01:00 on 26 October 2025: 24 real hours end at 11:00 local.
        (at(2025, 10, 25, 12), 24, at(2025, 10, 26, 11)),
        (at(2025, 10, 26, 0), 72, at(2025, 10, 28, 23)),
        (at(2025, 6, 2, 9), 4, at(2025, 6, 2, 13)),
    ],
)
def test_clock_hours_are_real_elapsed_hours(start: datetime, hours: int, due: datetime) -> None:
    result = ClockHours(hours).due(start, CAL)
    assert result == due
    # Subtracting in UTC: Python subtracts same-zone datetimes by wall clock.
    elapsed = result.astimezone(UTC) - start.astimezone(UTC)
    assert elapsed.total_seconds() == hours * 3600
    assert result.utcoffset() == due.utcoffset()


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (at(2025, 6, 2, 10), 4, at(2025, 6, 2, 14)),  # Monday, within the day
        (at(2025, 6, 2, 13, 15), 4, at(2025, 6, 2, 17, 15)),  # ends exactly at closing
        (at(2025, 6, 2, 16), 4, at(2025, 6, 3, 11, 45)),  # 1h15 Monday, 2h45 Tuesday
        (at(2025, 6, 6, 16), 4, at(2025, 6, 9, 12)),  # Friday shuts 17:00, over the weekend
        (at(2025, 6, 5, 16), 4, at(2025, 6, 6, 11, 45)),  # Thursday shuts 17:15
        (at(2025, 6, 7, 11), 2, at(2025, 6, 9, 11)),  # Saturday: starts at Monday's opening
        (at(2025, 6, 2, 7, 30), 2, at(2025, 6, 2, 11)),  # before opening
        (at(2025, 6, 2, 18), 2, at(2025, 6, 3, 11)),  # after closing
        (at(2025, 4, 17, 16), 4, at(2025, 4, 22, 11, 45)),  # Easter: Fri and Mon closed
        (at(2024, 12, 24, 15), 24, at(2024, 12, 31, 14, 30)),  # over Christmas
        (date(2025, 6, 2), 2, at(2025, 6, 2, 11)),  # a bare date is 00:00, so opening time
        (at(2025, 6, 2, 10), 0, at(2025, 6, 2, 10)),
        (at(2025, 6, 2, 10), 24, at(2025, 6, 5, 9, 15)),  # 8.25 h days
    ],
)
def test_working_hours(start: datetime, hours: int, due: datetime) -> None:
    assert WorkingHours(hours).due(start, CAL, OfficeHours()) == due


def test_working_hours_with_other_office_hours() -> None:
    saturday_open = OfficeHours.from_mapping(
        {d: ["08:00", "18:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat")}
    )
    assert WorkingHours(4).due(at(2025, 6, 6, 16), CAL, saturday_open) == at(2025, 6, 7, 10)


def test_hour_limits_need_aware_datetimes() -> None:
    with pytest.raises(ValueError, match="Naive"):
        ClockHours(2).due(datetime(2025, 6, 2, 10), CAL)


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        (WorkingDays(15), "15 working days"),
        (WorkingDays(1), "1 working day"),
        (WorkingDays(0), "the same day"),
        (Months(3), "3 months"),
        (Months(1), "1 month"),
        (Weeks(6), "6 weeks"),
        (CalendarDays(7), "7 calendar days"),
        (WorkingHours(4), "4 working hours"),
        (ClockHours(72), "72 hours"),
        (FixedDeadline(date(2025, 3, 14)), "by 14 Mar 2025"),
        (ExplicitDeadline(), "the deadline recorded when the action was set"),
        (RatedHours("rag"), "hours set by the contact's RAG rating"),
    ],
)
def test_describe(limit: Limit, text: str) -> None:
    assert limit.describe() == text


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_limits_refuse_bad_numbers(bad: object) -> None:
    with pytest.raises(ValueError):
        WorkingDays(bad)  # type: ignore[arg-type]


def test_event_limits() -> None:
    tables = {"rag": {"red": HourTarget("clock_hours", 4)}}
    assert RatedHours("rag").for_event({"rating": "Red"}, tables) == ClockHours(4)
    assert RatedHours("rag").for_event({"rating": "blue"}, tables) is None
    assert RatedHours("rag").for_event({}, tables) is None
    deadline = ExplicitDeadline()
    assert deadline.for_event({"deadline": date(2025, 3, 14)}, {}) == FixedDeadline(
        date(2025, 3, 14)
    )
    assert deadline.for_event({"deadline": "2025-03-14"}, {}) == FixedDeadline(date(2025, 3, 14))
    assert deadline.for_event({"deadline": at(2025, 3, 14, 15)}, {}) == FixedDeadline(
        date(2025, 3, 14)
    )
    assert deadline.for_event({}, {}) is None


@pytest.mark.parametrize(
    "limit",
    [WorkingDays(15), CalendarDays(7), Weeks(6), Months(3), ClockHours(4), WorkingHours(24)],
)
def test_limit_mapping_round_trip(limit: Limit) -> None:
    assert limit_from_mapping(limit_to_mapping(limit)) == limit


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"unit": "fortnights", "value": 1}, "Unknown unit"),
        ({"unit": "weeks", "value": "6"}, "whole number"),
        ({"unit": "weeks"}, "must look like"),
    ],
)
def test_limit_mapping_errors(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        limit_from_mapping(data)


def test_office_hours_validation() -> None:
    with pytest.raises(ValueError, match="opening must be before closing"):
        OfficeHours.from_mapping({"mon": ["17:00", "09:00"]})
    with pytest.raises(ValueError, match="Unknown day"):
        OfficeHours.from_mapping({"monday": ["09:00", "17:00"]})
    with pytest.raises(ValueError, match="at least one day"):
        OfficeHours.from_mapping({})
    assert OfficeHours.from_mapping(OfficeHours().to_mapping()) == OfficeHours()
    assert OfficeHours().opening(4) == (time(9), time(17))

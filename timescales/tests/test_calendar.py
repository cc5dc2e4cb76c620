"""The England & Wales working-day calendar and its data file."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from timescales.calendar import (
    WorkingDayCalendar,
    load_calendar,
    read_calendar_file,
    validate_calendar_payload,
    write_calendar_file,
)

CAL = load_calendar()


def _easter(year: int) -> date:
    # Independent of the data file: Gregorian computus (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 6, 8), False),  # Saturday
        (date(2024, 6, 9), False),  # Sunday
        (date(2024, 6, 10), True),  # Monday
        (date(2024, 12, 24), True),  # Christmas Eve is a working day
        (date(2024, 12, 27), True),  # so are the days between Christmas and New Year
        (date(2024, 12, 25), False),
    ],
)
def test_weekends_and_ordinary_days(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize(
    ("good_friday", "easter_monday"),
    [
        (date(2016, 3, 25), date(2016, 3, 28)),  # early Easter
        (date(2019, 4, 19), date(2019, 4, 22)),  # late Easter
        (date(2024, 3, 29), date(2024, 4, 1)),  # Easter Monday in April, Good Friday in March
        (date(2025, 4, 18), date(2025, 4, 21)),
        (date(2027, 3, 26), date(2027, 3, 29)),
    ],
)
def test_good_friday_and_easter_monday(good_friday: date, easter_monday: date) -> None:
    assert not CAL.is_working_day(good_friday)
    assert not CAL.is_working_day(easter_monday)
    assert CAL.is_working_day(good_friday - timedelta(days=1))  # Maundy Thursday works


@pytest.mark.parametrize(
    ("year", "holidays", "working"),
    [
        # 2021 and 2027: Christmas Saturday, Boxing Day Sunday -> Mon 27 and Tue 28
        (2021, [date(2021, 12, 27), date(2021, 12, 28)], [date(2021, 12, 29)]),
        (2027, [date(2027, 12, 27), date(2027, 12, 28)], [date(2027, 12, 29)]),
        # 2022: Christmas Sunday -> Boxing Day Mon 26, Christmas substitute Tue 27
        (2022, [date(2022, 12, 26), date(2022, 12, 27)], [date(2022, 12, 28)]),
        # 2020: Christmas Friday, Boxing Day Saturday -> substitute Mon 28
        (2020, [date(2020, 12, 25), date(2020, 12, 28)], [date(2020, 12, 29)]),
    ],
)
def test_christmas_substitute_days(year: int, holidays: list[date], working: list[date]) -> None:
    for d in holidays:
        assert not CAL.is_working_day(d), d
    for d in working:
        assert CAL.is_working_day(d), d


@pytest.mark.parametrize(
    ("substitute", "next_working"),
    [
        (date(2017, 1, 2), date(2017, 1, 3)),  # 1 Jan 2017 was a Sunday
        (date(2022, 1, 3), date(2022, 1, 4)),  # 1 Jan 2022 was a Saturday
        (date(2028, 1, 3), date(2028, 1, 4)),  # 1 Jan 2028 is a Saturday
    ],
)
def test_new_year_substitute(substitute: date, next_working: date) -> None:
    assert not CAL.is_working_day(substitute)
    assert CAL.is_working_day(next_working)


@pytest.mark.parametrize(
    ("day", "is_holiday"),
    [
        (date(2012, 6, 4), True),  # spring holiday moved for the Diamond Jubilee
        (date(2012, 6, 5), True),  # Diamond Jubilee
        (date(2012, 5, 28), False),  # the usual last Monday in May was a working day
        (date(2020, 5, 8), True),  # VE Day
        (date(2020, 5, 4), False),  # replaced first Monday in May
        (date(2022, 6, 2), True),  # spring holiday moved for the Platinum Jubilee
        (date(2022, 6, 3), True),  # Platinum Jubilee
        (date(2022, 5, 30), False),
        (date(2022, 9, 19), True),  # state funeral of Queen Elizabeth II
        (date(2023, 5, 8), True),  # coronation of King Charles III
        (date(2023, 5, 1), True),  # the early May holiday still happened in 2023
    ],
)
def test_one_off_days(day: date, is_holiday: bool) -> None:
    assert (day in CAL.holidays) is is_holiday


def test_every_year_has_eight_holidays_except_one_off_years() -> None:
    # 2012: +1 (Diamond Jubilee); 2022: +2 (Platinum Jubilee, state funeral); 2023: +1
    # (coronation). 2020 swapped a day (VE Day) so still has 8.
    counts = Counter(d.year for d in CAL.holidays)
    expected = {year: 8 for year in range(2012, 2031)} | {2012: 9, 2022: 10, 2023: 9}
    assert dict(counts) == expected


def test_data_matches_the_standing_rules_apart_from_listed_one_offs() -> None:
    def monday_on_or_after(d: date) -> date:
        return d + timedelta(days=-d.weekday() % 7)

    def weekday_on_or_after(d: date, taken: set[date]) -> date:
        while d.weekday() >= 5 or d in taken:
            d += timedelta(days=1)
        return d

    rules: set[date] = set()
    for year in range(2012, 2031):
        easter = _easter(year)
        taken: set[date] = set()
        for fixed in (date(year, 12, 25), date(year, 12, 26)):
            taken.add(weekday_on_or_after(fixed, taken))
        rules |= taken
        rules |= {
            weekday_on_or_after(date(year, 1, 1), set()),
            easter - timedelta(days=2),
            easter + timedelta(days=1),
            monday_on_or_after(date(year, 5, 1)),
            monday_on_or_after(date(year, 5, 25)),
            monday_on_or_after(date(year, 8, 25)),
        }
    removed = {date(2012, 5, 28), date(2020, 5, 4), date(2022, 5, 30)}
    added = {
        date(2012, 6, 4),
        date(2012, 6, 5),
        date(2020, 5, 8),
        date(2022, 6, 2),
        date(2022, 6, 3),
        date(2022, 9, 19),
        date(2023, 5, 8),
    }
    assert CAL.holidays == (rules - removed) | added


@pytest.mark.parametrize(
    ("day0", "n", "due"),
    [
        (date(2024, 6, 7), 1, date(2024, 6, 10)),  # Friday + 1 WD = Monday
        (date(2024, 6, 7), 5, date(2024, 6, 14)),
        (date(2024, 6, 8), 1, date(2024, 6, 10)),  # Saturday day 0: Monday is day 1
        (date(2024, 6, 9), 2, date(2024, 6, 11)),  # Sunday day 0
        (date(2024, 12, 23), 3, date(2024, 12, 30)),  # across Christmas and Boxing Day
        (date(2021, 12, 24), 1, date(2021, 12, 29)),  # across the 2021 substitute days
        (date(2025, 4, 17), 1, date(2025, 4, 22)),  # across Easter
        (date(2024, 6, 7), 0, date(2024, 6, 7)),  # 0 = same day
        (date(2024, 6, 8), 0, date(2024, 6, 8)),
    ],
)
def test_add_working_days(day0: date, n: int, due: date) -> None:
    assert CAL.add_working_days(day0, n) == due


def test_add_working_days_refuses_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        CAL.add_working_days(date(2024, 6, 7), -1)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2024, 6, 7), date(2024, 6, 7), 0),  # same day = 0
        (date(2024, 6, 7), date(2024, 6, 10), 1),  # Friday to Monday
        (date(2024, 6, 8), date(2024, 6, 9), 0),  # weekend only
        (date(2024, 12, 24), date(2025, 1, 2), 4),  # 27, 30, 31 Dec, 2 Jan
        (date(2024, 6, 10), date(2024, 6, 7), -1),  # backwards is negative
    ],
)
def test_working_days_between(start: date, end: date, count: int) -> None:
    assert CAL.working_days_between(start, end) == count


def test_round_trip_with_add_working_days() -> None:
    for n in (1, 10, 15, 45):
        day0 = date(2024, 11, 29)
        assert CAL.working_days_between(day0, CAL.add_working_days(day0, n)) == n


# --- admin-supplied replacement files -----------------------------------------------------------

GOOD = {
    "division": "england-and-wales",
    "version": "2031-01-01",
    "events": [{"title": "New Year\u2019s Day", "date": "2031-01-01"}],
}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([], "JSON object"),
        ({**GOOD, "division": "scotland"}, "Wrong division"),
        ({**GOOD, "events": []}, "no events"),
        ({**GOOD, "events": [{"title": "x", "date": "2031-13-01"}]}, "bad date"),
        ({**GOOD, "events": [{"title": "x", "date": "1/1/2031"}]}, "bad date"),
        ({**GOOD, "events": [{"title": "", "date": "2031-01-01"}]}, "no title"),
        ({**GOOD, "events": GOOD["events"] * 2}, "more than once"),  # type: ignore[operator]
        ({k: v for k, v in GOOD.items() if k != "version"}, "version"),
    ],
)
def test_validation_messages(payload: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_calendar_payload(payload)


def test_accepts_whole_govuk_file() -> None:
    whole = {"england-and-wales": {k: v for k, v in GOOD.items() if k != "version"}}
    cal = validate_calendar_payload(whole, version="downloaded 2031-01-02")
    assert cal == WorkingDayCalendar(frozenset({date(2031, 1, 1)}), "downloaded 2031-01-02")


def test_write_then_read(tmp_path: Path) -> None:
    dest = tmp_path / "bank_holidays.json"
    written = write_calendar_file(GOOD, dest)
    assert read_calendar_file(dest) == written
    assert load_calendar(dest).version == "2031-01-01"
    assert json.loads(dest.read_text(encoding="utf-8"))["division"] == "england-and-wales"


def test_bad_file_never_replaces_good_one(tmp_path: Path) -> None:
    dest = tmp_path / "bank_holidays.json"
    write_calendar_file(GOOD, dest)
    with pytest.raises(ValueError):
        write_calendar_file({**GOOD, "division": "scotland"}, dest)
    assert read_calendar_file(dest).version == "2031-01-01"


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        read_calendar_file(tmp_path / "bad.json")
    with pytest.raises(ValueError, match="Cannot read"):
        read_calendar_file(tmp_path / "missing.json")


def test_default_calendar_is_cached_and_versioned() -> None:
    assert load_calendar() is load_calendar()
    assert load_calendar().version

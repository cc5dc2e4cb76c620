"""Small date helpers for building histories relative to the reference date."""

from __future__ import annotations

import datetime
import random

DAY = datetime.timedelta(days=1)


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    """A day from start to end inclusive (start if the range is empty)."""
    span = (end - start).days
    return start if span <= 0 else start + datetime.timedelta(days=rng.randint(0, span))


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def dob_for_age(rng: random.Random, on: datetime.date, age: int) -> datetime.date:
    """A date of birth that makes someone exactly `age` on `on`."""
    earliest = add_years(on, -(age + 1)) + DAY
    latest = add_years(on, -age)
    return between(rng, earliest, latest)


def age_on(dob: datetime.date, on: datetime.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))

"""K1-K7 against hand-computed values on the fixed data set (see dataset.py for the story)."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from performance.measures import (
    MEASURES,
    Period,
    compute,
    compute_series,
    is_re_referral,
    reviews_on_time,
)
from timescales import load_calendar

from .dataset import Dataset

D = datetime.date
YEAR = Period.collection_year(2025)  # 1 April 2025 to 31 March 2026


def ids(dataset: Dataset, *names: str) -> frozenset[int]:
    return frozenset(dataset.children[n].pk for n in names)


# --- Pure rules (no database) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reviews", "as_at", "expected"),
    [
        # Plan starts 31 Aug 2025: first review due 30 Nov (clamped), then 6-monthly.
        ([], D(2025, 11, 30), True),  # not yet due
        ([], D(2025, 12, 1), False),  # overdue with no review
        ([D(2025, 11, 30)], D(2026, 5, 30), True),  # on the due day; next due 30 May
        ([D(2025, 12, 1)], D(2026, 1, 1), False),  # first review a day late
        ([D(2025, 10, 1), D(2026, 4, 1)], D(2026, 4, 1), True),  # exactly 6 months later
        ([D(2025, 10, 1), D(2026, 4, 2)], D(2026, 5, 1), False),  # a day over 6 months
        ([D(2025, 10, 1)], D(2026, 4, 2), False),  # second review overdue at the date
        ([D(2025, 10, 1), D(2026, 6, 1)], D(2026, 3, 31), True),  # later review not counted
    ],
)
def test_reviews_on_time(reviews: list[D], as_at: D, expected: bool) -> None:
    assert reviews_on_time(D(2025, 8, 31), reviews, as_at) is expected


def test_re_referral_window_is_12_calendar_months() -> None:
    by_child = {1: [(D(2024, 2, 29), 10), (D(2025, 2, 28), 11), (D(2025, 3, 1), 12)]}
    # 28 Feb 2025 less 12 months is 28 Feb 2024: 29 Feb 2024 is inside.
    assert is_re_referral((11, 1, D(2025, 2, 28)), by_child)
    assert not is_re_referral((10, 1, D(2024, 2, 29)), by_child)
    # Same child, same day: the later-recorded referral is the re-referral.
    same_day = {2: [(D(2025, 5, 1), 20), (D(2025, 5, 1), 21)]}
    assert is_re_referral((21, 2, D(2025, 5, 1)), same_day)
    assert not is_re_referral((20, 2, D(2025, 5, 1)), same_day)


def test_periods() -> None:
    assert YEAR.label == "2025-26"
    assert Period.month(2026, 2) == Period(D(2026, 2, 1), D(2026, 2, 28))
    assert [p.label for p in YEAR.months()][:2] == ["April 2025", "May 2025"]
    assert len(YEAR.months()) == 12
    part = Period(D(2026, 4, 1), D(2026, 5, 20))
    assert part.months()[-1] == Period(D(2026, 5, 1), D(2026, 5, 20))


def test_every_measure_is_described() -> None:
    for measure in MEASURES.values():
        assert measure.title and measure.definition and measure.source
        assert measure.polarity in {"higher", "lower", "context"}


# --- The fixed data set -------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_k1_re_referrals(dataset: Dataset) -> None:
    result = compute("K1", YEAR)
    # Referrals in the year: A 2 Jun, B 1 May, C 1 Jul, C 1 Dec, E 1 Aug, G 5 Jan = 6.
    # Re-referrals: A (NFA referral 10 Jan 2025, within 12 months) and C's 1 Dec (after 1 Jul).
    # B's earlier referral (1 Mar 2024) is 14 months before. 2 / 6 = 33.3%.
    assert (result.numerator, result.denominator, result.value) == (2, 6, 33.3)
    assert result.child_ids_numerator == ids(dataset, "A", "C")
    assert result.child_ids_denominator == ids(dataset, "A", "B", "C", "E", "G")


def test_k2_assessments_within_45_working_days(dataset: Dataset) -> None:
    result = compute("K2", YEAR)
    # Authorised in the year: A (exactly 45 WD: on time), C (46 WD: late), D (3 Mar to
    # 10 Apr 2025: 28 WD), G (6 Jan to 20 Feb 2026: 33 WD). B's is authorised in April 2026.
    # 3 / 4 = 75.0%.
    cal = load_calendar()
    assert cal.working_days_between(D(2025, 3, 3), D(2025, 4, 10)) == 28
    assert cal.working_days_between(D(2026, 1, 6), D(2026, 2, 20)) == 33
    assert (result.numerator, result.denominator, result.value) == (3, 4, 75.0)
    assert result.child_ids_numerator == ids(dataset, "A", "D", "G")
    assert result.child_ids_denominator == ids(dataset, "A", "C", "D", "G")


def test_k3_icpcs_within_15_working_days(dataset: Dataset) -> None:
    result = compute("K3", YEAR)
    # Initial conferences in the year: D (15 WD), A (16 WD), F's second (1 to 15 Oct 2025:
    # 10 WD), G (15 WD). E's transfer-in conference is excluded. 3 / 4 = 75.0%.
    assert (result.numerator, result.denominator, result.value) == (3, 4, 75.0)
    assert result.child_ids_numerator == ids(dataset, "D", "F", "G")
    assert result.child_ids_denominator == ids(dataset, "A", "D", "F", "G")


def test_k4_plans_lasting_two_years(dataset: Dataset) -> None:
    result = compute("K4", YEAR)
    # Ended in the year: F's first plan (10 Jan 2023 to 10 Jun 2025, 29 months) and E's
    # (20 Aug 2025 to 10 Feb 2026). 1 / 2 = 50.0%.
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)
    assert result.child_ids_numerator == ids(dataset, "F")
    assert result.child_ids_denominator == ids(dataset, "E", "F")


def test_k5_second_or_subsequent_plans(dataset: Dataset) -> None:
    result = compute("K5", YEAR)
    # Plans started in the year: D, E (transfer in), F's second, G. Only F had a plan before.
    # 1 / 4 = 25.0%.
    assert (result.numerator, result.denominator, result.value) == (1, 4, 25.0)
    assert result.child_ids_numerator == ids(dataset, "F")
    assert result.child_ids_denominator == ids(dataset, "D", "E", "F", "G")


def test_k6_reviews_on_time_at_31_march(dataset: Dataset) -> None:
    result = compute("K6", YEAR)
    # On a plan at 31 March 2026: D (since 28 May 2025), F (since 15 Oct 2025), G (since
    # 2 Feb 2026: under 3 months, excluded). E's plan ended 10 Feb 2026.
    # D: reviews 20 Aug 2025 (due 28 Aug) and 18 Feb 2026 (due 20 Feb): on time.
    # F: first review due 15 Jan 2026, held 20 Jan: late. 1 / 2 = 50.0%.
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)
    assert result.child_ids_numerator == ids(dataset, "D")
    assert result.child_ids_denominator == ids(dataset, "D", "F")


def test_k6_month_end_counts_an_overdue_first_review(dataset: Dataset) -> None:
    result = compute("K6", Period.month(2026, 1))
    # At 31 January 2026: D on time; F late (review 20 Jan, due 15 Jan); E on a plan since
    # 20 Aug 2025 with no review (first due 20 Nov 2025): late. 1 / 3 = 33.3%.
    assert (result.numerator, result.denominator, result.value) == (1, 3, 33.3)


@override_settings(TRELLIS_CHILD_POPULATION=10_000)
def test_k7_rates_per_10000(dataset: Dataset) -> None:
    # With a population of 10,000 the rate per 10,000 equals the count.
    expected = {
        "K7a": 6,  # referrals in the year (as K1)
        "K7b": 7,  # open CIN episodes on 31 March 2026: A, B, C (1 Dec), D, E, F, G
        "K7c": 3,  # on a plan on 31 March 2026: D, F, G
        "K7d": 4,  # s47s started in the year: A, D, F (Oct), G
        "K7e": 4,  # initial conferences in the year: A, D, F, G
    }
    for measure_id, count in expected.items():
        result = compute(measure_id, YEAR)
        assert (result.numerator, result.denominator, result.value) == (
            count,
            10_000,
            float(count),
        ), measure_id
    assert compute("K7c", YEAR).child_ids_numerator == ids(dataset, "D", "F", "G")


def test_k7_uses_the_default_population(dataset: Dataset) -> None:
    # 7 children in need / 94,000 * 10,000 = 0.74 → 0.7.
    assert compute("K7b", YEAR).value == 0.7


def test_monthly_series_match_single_computations(dataset: Dataset) -> None:
    months = YEAR.months()
    for measure_id in MEASURES:
        series = compute_series(measure_id, months)
        assert series == [compute(measure_id, m) for m in months], measure_id
    k1 = compute_series("K1", months)
    # December 2025: C's second referral is the month's only referral, and a re-referral.
    assert (k1[8].numerator, k1[8].denominator, k1[8].value) == (1, 1, 100.0)
    # Monthly event counts add up to the year.
    assert sum(r.denominator for r in k1) == compute("K1", YEAR).denominator
    # No referrals in March 2026: no figure rather than 0%.
    assert k1[11].value is None

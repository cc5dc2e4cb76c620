"""Key performance measures: each a small named definition, computed from the record.

A `Measure` has an id, title, the official definition and its source, polarity, an optional
target, and two functions: `load(start, end)` (ORM queries for every row the measure needs for
periods inside [start, end], including its own look-back) and `evaluate(rows, period)` (pure:
the figure for one period, with the children behind the numerator and denominator).

    compute("K2", Period.collection_year(2025)) -> MeasureResult
    compute_series("K2", Period.months_of(...)) -> [MeasureResult, ...]   # one load for all

Periods are inclusive date ranges. Event measures (K1-K5, the K7 flow rates) count the events
dated inside the period, so a month's figure is that month's events; snapshot measures (K6 and
the K7 "at 31 March" rates) are taken on the period's last day, so a month's figure is as at
the month end. See docs/measures.md.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q

from assessments.choices import AssessmentState
from assessments.models import Assessment
from casework.choices import EpisodeKind
from casework.models import Episode
from front_door.models import Referral
from protection.choices import ConferenceKind
from protection.models import Conference, CPPlan, ReviewConference, Section47
from timescales import add_months, load_calendar

DAY = datetime.timedelta(days=1)
# ONS mid-year estimate of 0-17 year olds for the authority; the demo borough's is ~94,000.
DEFAULT_CHILD_POPULATION = 94_000

HIGHER_IS_BETTER = "higher"
LOWER_IS_BETTER = "lower"
CONTEXT = "context"  # neither higher nor lower is better in itself (rates)

PERCENT = "percent"
PER_10000 = "per_10000"


def child_population() -> int:
    return int(getattr(settings, "TRELLIS_CHILD_POPULATION", DEFAULT_CHILD_POPULATION))


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def collection_year(cls, start_year: int) -> Period:
        """1 April `start_year` to 31 March the year after (e.g. 2025 → 2025-26)."""
        return cls(datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = datetime.date(year, month, 1)
        return cls(first, add_months(first, 1) - DAY)

    @classmethod
    def parse(cls, start: str, end: str) -> Period:
        period = cls(datetime.date.fromisoformat(start), datetime.date.fromisoformat(end))
        if period.end < period.start:
            raise ValueError("The period ends before it starts")
        return period

    @property
    def label(self) -> str:
        if self.start.day == 1 and self.end == add_months(self.start, 1) - DAY:
            return f"{self.start:%B %Y}"
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (4, 1, 3, 31) and (
            self.end.year == self.start.year + 1
        ):
            return f"{self.start.year}-{str(self.end.year)[-2:]}"
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"

    def months(self) -> list[Period]:
        """The calendar months the period touches, each cut to the period."""
        out = []
        first = self.start.replace(day=1)
        while first <= self.end:
            month = Period.month(first.year, first.month)
            out.append(Period(max(month.start, self.start), min(month.end, self.end)))
            first = add_months(first, 1)
        return out

    def contains(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def collection_year_of(day: datetime.date) -> int:
    """The start year of the collection year (1 April to 31 March) containing `day`."""
    return day.year if day.month >= 4 else day.year - 1


@dataclass(frozen=True)
class MeasureResult:
    value: float | None
    numerator: int
    denominator: int
    child_ids_numerator: frozenset[int]
    child_ids_denominator: frozenset[int]


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    definition: str
    source: str
    polarity: str
    unit: str
    numerator_label: str
    denominator_label: str
    load: Callable[[datetime.date, datetime.date], Any]
    evaluate: Callable[[Any, Period], MeasureResult]
    target: float | None = None
    snapshot: bool = False
    notes: str = ""

    def current_target(self) -> float | None:
        targets = getattr(settings, "TRELLIS_MEASURE_TARGETS", {}) or {}
        return targets.get(self.id, self.target)


def percent(
    numerator: set[Any] | list[Any],
    denominator: set[Any] | list[Any],
    num_children: set[int],
    den_children: set[int],
) -> MeasureResult:
    n, d = len(numerator), len(denominator)
    return MeasureResult(
        value=round(100 * n / d, 1) if d else None,
        numerator=n,
        denominator=d,
        child_ids_numerator=frozenset(num_children),
        child_ids_denominator=frozenset(den_children),
    )


def rate(count: int, children: set[int], population: int) -> MeasureResult:
    return MeasureResult(
        value=round(10_000 * count / population, 1) if population else None,
        numerator=count,
        denominator=population,
        child_ids_numerator=frozenset(children),
        child_ids_denominator=frozenset(),
    )


# --- Pure rules ----------------------------------------------------------------------------------


def is_re_referral(
    referral: tuple[int, int, datetime.date], by_child: dict[int, list[tuple[datetime.date, int]]]
) -> bool:
    """Another referral for the same child earlier, and no more than 12 months before."""
    pk, person, day = referral
    floor = add_months(day, -12)
    return any(floor <= d and (d, p) < (day, pk) for d, p in by_child[person])


def reviews_on_time(
    started_on: datetime.date, reviews: Sequence[datetime.date], as_at: datetime.date
) -> bool:
    """First review within 3 months of the plan starting, each later one within 6 months of the
    last; and, on `as_at`, the next review is not already overdue."""
    due = add_months(started_on, 3)
    for held in sorted(r for r in reviews if started_on <= r <= as_at):
        if held > due:
            return False
        due = add_months(held, 6)
    return as_at <= due


# --- K1: re-referrals ---------------------------------------------------------------------------


def _load_k1(start: datetime.date, end: datetime.date) -> list[tuple[int, int, datetime.date]]:
    return list(
        Referral.objects.filter(
            referral_date__gte=add_months(start, -12), referral_date__lte=end
        ).values_list("pk", "person_id", "referral_date")
    )


def _k1(rows: list[tuple[int, int, datetime.date]], period: Period) -> MeasureResult:
    by_child: dict[int, list[tuple[datetime.date, int]]] = defaultdict(list)
    for pk, person, day in rows:
        by_child[person].append((day, pk))
    in_year = [r for r in rows if period.contains(r[2])]
    repeat = [r for r in in_year if is_re_referral(r, by_child)]
    return percent(repeat, in_year, {r[1] for r in repeat}, {r[1] for r in in_year})


# --- K2: assessments within 45 working days ----------------------------------------------------


def _load_k2(start: datetime.date, end: datetime.date) -> list[tuple[int, int, Any, Any]]:
    return list(
        Assessment.objects.filter(
            state=AssessmentState.AUTHORISED, authorised_on__gte=start, authorised_on__lte=end
        ).values_list("pk", "person_id", "started_on", "authorised_on")
    )


def _k2(rows: list[tuple[int, int, Any, Any]], period: Period) -> MeasureResult:
    cal = load_calendar()
    done = [r for r in rows if period.contains(r[3])]
    timely = [r for r in done if cal.working_days_between(r[2], r[3]) <= 45]
    return percent(timely, done, {r[1] for r in timely}, {r[1] for r in done})


# --- K3: ICPCs within 15 working days of the s47 start ----------------------------------------


def _load_k3(start: datetime.date, end: datetime.date) -> list[tuple[int, int, Any, Any]]:
    return list(
        Conference.objects.filter(
            kind=ConferenceKind.INITIAL, held_on__gte=start, held_on__lte=end
        ).values_list("pk", "person_id", "held_on", "section47__started_on")
    )


def _k3(rows: list[tuple[int, int, Any, Any]], period: Period) -> MeasureResult:
    cal = load_calendar()
    held = [
        r for r in rows if period.contains(r[2]) and r[3] is not None and r[2] >= r[3]
    ]  # transfer-ins are not loaded; an ICPC dated before its s47 start is excluded
    timely = [r for r in held if cal.working_days_between(r[3], r[2]) <= 15]
    return percent(timely, held, {r[1] for r in timely}, {r[1] for r in held})


# --- K4: CP plans ending that lasted 2 years or more ------------------------------------------


def _load_k4(start: datetime.date, end: datetime.date) -> list[tuple[int, int, Any, Any]]:
    return list(
        CPPlan.objects.filter(ended_on__gte=start, ended_on__lte=end).values_list(
            "pk", "person_id", "started_on", "ended_on"
        )
    )


def _k4(rows: list[tuple[int, int, Any, Any]], period: Period) -> MeasureResult:
    ended = [r for r in rows if period.contains(r[3])]
    long = [r for r in ended if r[3] >= add_months(r[2], 24)]
    return percent(long, ended, {r[1] for r in long}, {r[1] for r in ended})


# --- K5: second or subsequent CP plans ---------------------------------------------------------


def _load_k5(start: datetime.date, end: datetime.date) -> list[tuple[int, int, Any]]:
    starters = CPPlan.objects.filter(started_on__gte=start, started_on__lte=end).values("person_id")
    return list(
        CPPlan.objects.filter(person_id__in=starters, started_on__lte=end).values_list(
            "pk", "person_id", "started_on"
        )
    )


def _k5(rows: list[tuple[int, int, Any]], period: Period) -> MeasureResult:
    by_child: dict[int, list[tuple[datetime.date, int]]] = defaultdict(list)
    for pk, person, day in rows:
        by_child[person].append((day, pk))
    started = [r for r in rows if period.contains(r[2])]
    repeat = [r for r in started if any((d, p) < (r[2], r[0]) for d, p in by_child[r[1]])]
    return percent(repeat, started, {r[1] for r in repeat}, {r[1] for r in started})


# --- K6: CP reviews on time --------------------------------------------------------------------


@dataclass(frozen=True)
class PlansWithReviews:
    plans: list[tuple[int, int, datetime.date, datetime.date | None]]
    reviews: dict[int, list[datetime.date]]


def _load_k6(start: datetime.date, end: datetime.date) -> PlansWithReviews:
    plans = list(
        CPPlan.objects.filter(started_on__lte=end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
        .values_list("pk", "person_id", "started_on", "ended_on")
    )
    reviews: dict[int, list[datetime.date]] = defaultdict(list)
    for plan_id, held_on in (
        ReviewConference.objects.filter(plan__started_on__lte=end, held_on__lte=end)
        .filter(Q(plan__ended_on__isnull=True) | Q(plan__ended_on__gt=start))
        .values_list("plan_id", "held_on")
    ):
        reviews[plan_id].append(held_on)
    return PlansWithReviews(plans, reviews)


def _k6(rows: PlansWithReviews, period: Period) -> MeasureResult:
    day = period.end
    eligible = [
        p for p in rows.plans if (p[3] is None or p[3] > day) and p[2] <= add_months(day, -3)
    ]
    on_time = [p for p in eligible if reviews_on_time(p[2], rows.reviews.get(p[0], []), day)]
    return percent(on_time, eligible, {p[1] for p in on_time}, {p[1] for p in eligible})


# --- K7: rates per 10,000 children -------------------------------------------------------------


def _flow_loader(
    model: Any, date_field: str, **filters: Any
) -> Callable[[datetime.date, datetime.date], list[tuple[int, datetime.date]]]:
    def load(start: datetime.date, end: datetime.date) -> list[tuple[int, datetime.date]]:
        return list(
            model.objects.filter(
                **filters, **{f"{date_field}__gte": start, f"{date_field}__lte": end}
            ).values_list("person_id", date_field)
        )

    return load


def _flow_rate(rows: list[tuple[int, datetime.date]], period: Period) -> MeasureResult:
    inside = [r for r in rows if period.contains(r[1])]
    return rate(len(inside), {r[0] for r in inside}, child_population())


def _stock_loader(
    model: Any, **filters: Any
) -> Callable[[datetime.date, datetime.date], list[tuple[int, datetime.date, Any]]]:
    def load(start: datetime.date, end: datetime.date) -> list[tuple[int, datetime.date, Any]]:
        return list(
            model.objects.filter(**filters, started_on__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
            .values_list("person_id", "started_on", "ended_on")
        )

    return load


def _stock_rate(rows: list[tuple[int, datetime.date, Any]], period: Period) -> MeasureResult:
    day = period.end
    children = {p for p, s, e in rows if s <= day and (e is None or e > day)}
    return rate(len(children), children, child_population())


RATE_NOTE = (
    "Per 10,000 children aged 0-17 (TRELLIS_CHILD_POPULATION, ONS mid-year estimate; "
    f"default {DEFAULT_CHILD_POPULATION:,})."
)

MEASURES: dict[str, Measure] = {
    m.id: m
    for m in (
        Measure(
            id="K1",
            title="Re-referrals within 12 months",
            definition="Referrals in the period that were within 12 months of a previous "
            "referral for the same child, as a percentage of all referrals in the period.",
            source="DfE Characteristics of children in need; CIN census (timescales.md §4.1 K1)",
            polarity=LOWER_IS_BETTER,
            unit=PERCENT,
            numerator_label="Re-referrals",
            denominator_label="Referrals",
            load=_load_k1,
            evaluate=_k1,
            notes="Unit is referrals, not children; the 12-month look-back reads referrals "
            "before the period.",
        ),
        Measure(
            id="K2",
            title="Assessments completed within 45 working days",
            definition="Assessments authorised in the period whose duration from the assessment "
            "start date to the authorisation date was 45 working days or fewer, as a percentage "
            "of assessments authorised in the period.",
            source="DfE Characteristics of children in need, table C2; CIN census N00159/N00160 "
            "(timescales.md §4.1 K2)",
            polarity=HIGHER_IS_BETTER,
            unit=PERCENT,
            numerator_label="Completed within 45 working days",
            denominator_label="Assessments completed",
            load=_load_k2,
            evaluate=_k2,
            notes="Counts from the assessment start, not the referral; working days exclude "
            "weekends and England and Wales bank holidays; the start day is day 0.",
        ),
        Measure(
            id="K3",
            title="Initial child protection conferences within 15 working days",
            definition="Initial child protection conferences held in the period within 15 "
            "working days of the start of the section 47 enquiry (the strategy discussion "
            "date), as a percentage of initial conferences held in the period.",
            source="DfE Characteristics of children in need, table C4; CIN census "
            "N00148/N00110 (timescales.md §4.1 K3)",
            polarity=HIGHER_IS_BETTER,
            unit=PERCENT,
            numerator_label="Held within 15 working days",
            denominator_label="Initial conferences",
            load=_load_k3,
            evaluate=_k3,
            notes="Transfer-in conferences and any conference dated before its enquiry "
            "started are excluded.",
        ),
        Measure(
            id="K4",
            title="Child protection plans lasting 2 years or more",
            definition="Child protection plans that ended in the period having lasted 2 years "
            "or more, as a percentage of plans that ended in the period.",
            source="DfE Characteristics of children in need (timescales.md §4.1 K4)",
            polarity=LOWER_IS_BETTER,
            unit=PERCENT,
            numerator_label="Ended after 2 years or more",
            denominator_label="Plans ended",
            load=_load_k4,
            evaluate=_k4,
            notes="2 years = 24 calendar months from the start date (end date on or after it).",
        ),
        Measure(
            id="K5",
            title="Second or subsequent child protection plans",
            definition="Child protection plans starting in the period for children who had "
            "been the subject of a plan before (at any time), as a percentage of plans starting "
            "in the period.",
            source="DfE Characteristics of children in need; LAIT (timescales.md §4.1 K5)",
            polarity=LOWER_IS_BETTER,
            unit=PERCENT,
            numerator_label="Second or subsequent plans",
            denominator_label="Plans started",
            load=_load_k5,
            evaluate=_k5,
            notes="The headline is 'ever' (LAIT). Only plans recorded in Trellis count as "
            "previous plans.",
        ),
        Measure(
            id="K6",
            title="Child protection reviews on time",
            definition="Children subject of a child protection plan at the end of the period "
            "who had been on the plan continuously for at least 3 months, whose reviews were "
            "all held on time (first within 3 months, later ones within 6 months of the last), "
            "as a percentage of those children.",
            source="CIN census key indicators, CIN COLLECT (timescales.md §4.1 K6)",
            polarity=HIGHER_IS_BETTER,
            unit=PERCENT,
            numerator_label="All reviews on time",
            denominator_label="Children on a plan 3 months or more",
            load=_load_k6,
            evaluate=_k6,
            snapshot=True,
            notes="A review that is already overdue at the end of the period counts as late. "
            "'On a plan at' a date means the plan had started and had not ended by then.",
        ),
        Measure(
            id="K7a",
            title="Referrals per 10,000 children",
            definition="Referrals in the period per 10,000 children aged 0-17.",
            source="DfE Characteristics of children in need; ONS mid-year estimates "
            "(timescales.md §4.1 K7)",
            polarity=CONTEXT,
            unit=PER_10000,
            numerator_label="Referrals",
            denominator_label="Children aged 0-17",
            load=_flow_loader(Referral, "referral_date"),
            evaluate=_flow_rate,
            notes=RATE_NOTE,
        ),
        Measure(
            id="K7b",
            title="Children in need per 10,000 children",
            definition="Children with an open child in need episode on the last day of the "
            "period, per 10,000 children aged 0-17.",
            source="DfE Characteristics of children in need (timescales.md §4.1 K7)",
            polarity=CONTEXT,
            unit=PER_10000,
            numerator_label="Children in need",
            denominator_label="Children aged 0-17",
            load=_stock_loader(Episode, kind=EpisodeKind.CHILD_IN_NEED),
            evaluate=_stock_rate,
            snapshot=True,
            notes=RATE_NOTE,
        ),
        Measure(
            id="K7c",
            title="Children on child protection plans per 10,000 children",
            definition="Children subject of a child protection plan on the last day of the "
            "period, per 10,000 children aged 0-17.",
            source="DfE Characteristics of children in need (timescales.md §4.1 K7)",
            polarity=CONTEXT,
            unit=PER_10000,
            numerator_label="Children on a plan",
            denominator_label="Children aged 0-17",
            load=_stock_loader(CPPlan),
            evaluate=_stock_rate,
            snapshot=True,
            notes=RATE_NOTE,
        ),
        Measure(
            id="K7d",
            title="Section 47 enquiries per 10,000 children",
            definition="Section 47 enquiries started in the period per 10,000 children aged 0-17.",
            source="DfE Characteristics of children in need (timescales.md §4.1 K7)",
            polarity=CONTEXT,
            unit=PER_10000,
            numerator_label="Section 47 enquiries",
            denominator_label="Children aged 0-17",
            load=_flow_loader(Section47, "started_on"),
            evaluate=_flow_rate,
            notes=RATE_NOTE,
        ),
        Measure(
            id="K7e",
            title="Initial child protection conferences per 10,000 children",
            definition="Initial child protection conferences held in the period per 10,000 "
            "children aged 0-17.",
            source="DfE Characteristics of children in need (timescales.md §4.1 K7)",
            polarity=CONTEXT,
            unit=PER_10000,
            numerator_label="Initial conferences",
            denominator_label="Children aged 0-17",
            load=_flow_loader(Conference, "held_on", kind=ConferenceKind.INITIAL),
            evaluate=_flow_rate,
            notes=RATE_NOTE,
        ),
    )
}


def compute(measure_id: str, period: Period) -> MeasureResult:
    measure = MEASURES[measure_id]
    return measure.evaluate(measure.load(period.start, period.end), period)


def compute_series(measure_id: str, periods: Sequence[Period]) -> list[MeasureResult]:
    """The measure for each period, from one load covering them all."""
    if not periods:
        return []
    measure = MEASURES[measure_id]
    rows = measure.load(min(p.start for p in periods), max(p.end for p in periods))
    return [measure.evaluate(rows, p) for p in periods]

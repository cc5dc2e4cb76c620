"""Reads: a child's s47 / CP / CIN journey, plan flags, the team plan list and drift."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from people.models import Person
from timescales import add_months

from .choices import PROGRESS_RATINGS
from .models import (
    CINPlan,
    Conference,
    CPPlan,
    ManagementDecision,
    PlanOutcome,
    Section47,
    StrategyDiscussion,
    TransferIn,
)

WARN_MONTHS = 18
LONG_MONTHS = 24


@dataclass
class PlanFlags:
    """What a manager should notice about one plan, as of `today`."""

    open_18_months: bool = False
    open_2_years: bool = False
    previous_plans: int = 0
    no_progress_since_review: bool = False
    drifting: bool = False  # no progress across the last two reviews
    labels: list[tuple[str, str]] = field(default_factory=list)  # (text, tag colour)


def months_open(started_on: datetime.date, today: datetime.date) -> int:
    months = (today.year - started_on.year) * 12 + today.month - started_on.month
    if add_months(started_on, months) > today:
        months -= 1
    return max(months, 0)


def _progress_dates(outcomes: list[PlanOutcome]) -> list[datetime.date]:
    return [
        p.recorded_on for o in outcomes for p in o.progress.all() if p.rating in PROGRESS_RATINGS
    ]


def plan_flags(plan: CPPlan | CINPlan, today: datetime.date, previous_plans: int = 0) -> PlanFlags:
    """Needs `reviews` and `outcomes__progress` prefetched (see `with_flag_data`).

    - open 18 months or more (warning) and 2 years or more: CP plans only, from the start date;
    - second or subsequent plan: any earlier CP plan for the child, ever;
    - no progress since the last review: the plan has had a review and no outcome has been
      rated as showing progress on or after the date of the latest one;
    - drifting: the same, across the last two reviews (from the earlier of them).
    """
    flags = PlanFlags(previous_plans=previous_plans)
    end = plan.ended_on or today
    if isinstance(plan, CPPlan):
        flags.open_2_years = add_months(plan.started_on, LONG_MONTHS) <= end
        flags.open_18_months = add_months(plan.started_on, WARN_MONTHS) <= end
    reviews = sorted(r.held_on for r in plan.reviews.all())
    progress = _progress_dates(list(plan.outcomes.all()))
    if reviews:
        flags.no_progress_since_review = not any(d >= reviews[-1] for d in progress)
    if len(reviews) >= 2:
        flags.drifting = not any(d >= reviews[-2] for d in progress)
    if flags.open_2_years:
        flags.labels.append(("Plan open 2 years or more", "red"))
    elif flags.open_18_months:
        flags.labels.append(("Plan open 18 months or more", "orange"))
    if previous_plans:
        flags.labels.append((f"Second or subsequent plan ({previous_plans} before)", "purple"))
    if flags.drifting:
        flags.labels.append(("No progress across two reviews", "red"))
    elif flags.no_progress_since_review:
        flags.labels.append(("No progress since the last review", "yellow"))
    return flags


def with_flag_data(plans: QuerySet[Any]) -> QuerySet[Any]:
    return plans.prefetch_related(
        "reviews", Prefetch("outcomes", queryset=PlanOutcome.objects.prefetch_related("progress"))
    )


def previous_plan_count() -> Coalesce:
    earlier = (
        CPPlan.objects.filter(
            person_id=OuterRef("person_id"), started_on__lt=OuterRef("started_on")
        )
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(earlier), 0)


def child_journey(person: Person, today: datetime.date) -> dict[str, Any]:
    discussions = list(
        StrategyDiscussion.objects.filter(person=person)
        .select_related("section47", "recorded_by")
        .prefetch_related("attendees", "actions")
    )
    s47s = list(Section47.objects.filter(person=person).select_related("conference", "discussion"))
    conferences = list(
        Conference.objects.filter(person=person).select_related("chair", "transfer", "section47")
    )
    cp_plans = list(
        with_flag_data(CPPlan.objects.filter(person=person))
        .annotate(previous=previous_plan_count())
        .prefetch_related("core_groups", "visits", "category_changes")
    )
    cin_plans = list(
        with_flag_data(CINPlan.objects.filter(person=person)).prefetch_related("visits")
    )
    for plan in cp_plans:
        plan.flags = plan_flags(plan, today, plan.previous)
        plan.months = months_open(plan.started_on, plan.ended_on or today)
    for cin in cin_plans:
        cin.flags = plan_flags(cin, today)
    transfers = list(TransferIn.objects.filter(person=person).select_related("conference"))
    return {
        "discussions": discussions,
        "s47s": s47s,
        "conferences": conferences,
        "cp_plans": cp_plans,
        "cin_plans": cin_plans,
        "transfers": transfers,
        "open_s47": next((s for s in s47s if s.is_open), None),
        "s47_awaiting_icpc": [
            s for s in s47s if s.icpc_needed and getattr(s, "conference", None) is None
        ],
        "transfers_awaiting": [t for t in transfers if getattr(t, "conference", None) is None],
        "open_cp": next((p for p in cp_plans if p.is_open), None),
        "open_cin": next((p for p in cin_plans if p.is_open), None),
        "decisions": list(
            ManagementDecision.objects.filter(person=person).select_related("decided_by")[:10]
        ),
    }


def open_cp_plans(people: QuerySet[Person]) -> QuerySet[CPPlan]:
    return (
        CPPlan.objects.filter(ended_on__isnull=True, person__in=people)
        .select_related("person")
        .annotate(previous=previous_plan_count())
        .order_by("started_on", "pk")
    )


def open_cin_plans(people: QuerySet[Person]) -> QuerySet[CINPlan]:
    return (
        CINPlan.objects.filter(ended_on__isnull=True, person__in=people)
        .select_related("person")
        .order_by("started_on", "pk")
    )


def flag_page(plans: list[Any], today: datetime.date) -> None:
    for plan in plans:
        plan.flags = plan_flags(plan, today, getattr(plan, "previous", 0))
        plan.months = months_open(plan.started_on, today)


def drifting_plans(people: QuerySet[Person], today: datetime.date) -> list[Any]:
    """Open CP plans past 18 months, and CP or CIN plans with no progress across two reviews.

    A fixed number of queries: candidates are the open plans with two reviews or more (plus
    every CP plan past 18 months), loaded with their reviews and outcomes in bulk.
    """
    cutoff = add_months(today, -WARN_MONTHS)
    decisions = Prefetch(
        "decisions", queryset=ManagementDecision.objects.select_related("decided_by")
    )
    cp = list(
        with_flag_data(open_cp_plans(people))
        .annotate(n_reviews=Count("reviews", distinct=True))
        .filter(Q(n_reviews__gte=2) | Q(started_on__lte=cutoff))
        .prefetch_related(decisions)
    )
    cin = list(
        with_flag_data(open_cin_plans(people))
        .annotate(n_reviews=Count("reviews", distinct=True))
        .filter(n_reviews__gte=2)
        .prefetch_related(decisions)
    )
    flag_page(cp, today)
    flag_page(cin, today)
    rows = [p for p in cp if p.flags.drifting or p.flags.open_18_months]
    rows += [p for p in cin if p.flags.drifting]
    for plan in rows:
        plan.kind = "cp" if isinstance(plan, CPPlan) else "cin"
        plan.latest_decision = next(iter(plan.decisions.all()), None)
    return sorted(rows, key=lambda p: (p.started_on, p.kind, p.pk))
